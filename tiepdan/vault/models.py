"""The vault's rows: a denouncer's identity, scans and texts sealed at rest, and the officers
expressly granted to see them (architecture rule 4; Luật TC Arts 8.3, 47, 56).

The tables keep the names they were created with in `cases` (the rows never moved). The rows
they point to belong to the apps above (a matter, a petition, a visit): named by string, so
the vault imports none of them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel


class IdentityRecord(TimeStampedModel):
    """The sealed identity of one denouncer of a case, encrypted at rest (`vault.seal`).

    Luật TC Arts 8.3, 9.1.b, 47, 56: name, address, ID, phone, handwriting are kept secret. The
    values are Fernet tokens; nothing here is readable without `settings.TIEPDAN_FIELD_KEY`.
    """

    # Empty while a denunciation sent online waits for its matter (sealed from the first write,
    # vault.vault_seal_intake); the sealing of the matter adopts it.
    case = models.ForeignKey(
        "matters.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="identities",
    )
    petition = models.ForeignKey(
        "petitions.Petition", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Before sealing at rest (issue #18) the record pointed to the registry; now always empty.
    citizen = models.ForeignKey(
        "citizens.Citizen", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A denouncer who came to the desk: the visit they attended (its attendee row is deleted).
    visit = models.ForeignKey(
        "reception.ReceptionVisit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_representative = models.BooleanField(default=False)
    full_name_enc = models.BinaryField()
    address_enc = models.BinaryField()
    id_number_enc = models.BinaryField()
    phone_enc = models.BinaryField()
    waived_on = models.DateField(_("ngày từ chối giữ bí mật"), null=True, blank=True)
    waiver_note = models.TextField(_("căn cứ từ chối giữ bí mật"), blank=True)

    class Meta:
        verbose_name = _("thông tin người tố cáo (niêm phong)")
        verbose_name_plural = _("thông tin người tố cáo (niêm phong)")
        db_table = "cases_identityrecord"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "citizen"], name="cases_identity_unique_citizen"
            ),
        ]

    def __str__(self) -> str:
        return f"Người tố cáo #{self.pk} (vụ việc {self.case_id})"


class SealedFile(TimeStampedModel):
    """A scan carrying handwriting or personal data, encrypted at rest (Luật TC Art 56.2)."""

    # None: the scan of an anonymous denunciation, sealed at intake with nobody to name; the
    # matter adopts it (`case`) when the petition meets one.
    identity = models.ForeignKey(
        IdentityRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    case = models.ForeignKey(
        "matters.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sealed_files",
    )
    title_enc = models.BinaryField()
    content_enc = models.BinaryField()
    source_attachment_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu niêm phong")
        verbose_name_plural = _("tài liệu niêm phong")
        db_table = "cases_sealedfile"

    def __str__(self) -> str:
        return f"Tài liệu niêm phong #{self.pk}"


class SealedText(TimeStampedModel):
    """Free text that quotes a denouncer (a petition's or a matter's summary, a visit's content)
    as it was written, encrypted at rest; the plain column keeps the redacted copy
    (`vault.seal`)."""

    case = models.ForeignKey(
        "matters.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sealed_texts",
    )
    target = models.CharField(max_length=40)  # app_label.model of the row
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)
    text_enc = models.BinaryField()

    class Meta:
        verbose_name = _("nội dung niêm phong")
        verbose_name_plural = _("nội dung niêm phong")
        db_table = "cases_sealedtext"
        constraints = [
            models.UniqueConstraint(
                fields=["target", "object_id", "field"], name="cases_sealed_text_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Nội dung niêm phong #{self.pk}"


class IdentityGrant(models.Model):
    """An officer expressly assigned to see a case's denouncer (Luật TC Art 56; domain.md §5)."""

    case = models.ForeignKey(
        "matters.Matter", on_delete=models.PROTECT, related_name="identity_grants"
    )
    user = models.ForeignKey("organizations.User", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey("organizations.User", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do giao quyền"))
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("quyền xem thông tin người tố cáo")
        verbose_name_plural = _("quyền xem thông tin người tố cáo")
        db_table = "cases_identitygrant"
        indexes = [models.Index(fields=["user", "revoked"], name="cases_grant_user")]

    def __str__(self) -> str:
        return f"Vụ việc {self.case_id} → {self.user_id}"
