"""The resolution of a matter (issue #6): its timeline, documents, dialogues, directives and the
denouncer's sealed identity.

The matter itself, which the desk and petition intake open, is `matters.Matter`; `Case` below
is that model under the name the resolution code and the API use. Its choices and subjects are
imported from here by the apps above the matter.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel
from tiepdan.matters.models import (
    KIND_FOR_TYPE,
    CaseKind,
    CaseStatus,
    Matter,
    Outcome,
    SubjectCategory,
    Withdrawal,
)

__all__ = [
    "KIND_FOR_TYPE",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseKind",
    "CaseStatus",
    "Dialogue",
    "Directive",
    "IdentityGrant",
    "IdentityRecord",
    "Outcome",
    "SealedFile",
    "SealedText",
    "SubjectCategory",
    "Withdrawal",
]


class Case(Matter):
    """The matter as its resolution sees it: the same row, the resolution's name."""

    class Meta:
        proxy = True
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        ordering = ["-opened_on", "-pk"]


# --------------------------------------------------------------------------- resolution
# Added by the case-resolution module (issue #6). The legal rules live in `rules.py`, every
# write in `services.py`, every read in `selectors.py`; the denouncer vault in `vault.py`.


class CaseEvent(models.Model):
    """One step on a case's timeline, written by every resolution service.

    `summary` and `data` never carry a denouncer's identity (architecture rule 4).
    """

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Thụ lý")
        RESOLVER_SET = "resolver_set", _("Giao người giải quyết")
        VERIFICATION_ASSIGNED = "verification_assigned", _("Quyết định giao nhiệm vụ xác minh")
        VERIFICATION_MINUTES = "verification_minutes", _("Biên bản làm việc, xác minh")
        VERIFICATION_REPORTED = "verification_reported", _("Báo cáo kết quả xác minh")
        DIALOGUE_SCHEDULED = "dialogue_scheduled", _("Thông báo đối thoại")
        DIALOGUE_HELD = "dialogue_held", _("Biên bản đối thoại")
        EXTENDED = "extended", _("Gia hạn giải quyết")
        SUSPENDED = "suspended", _("Tạm đình chỉ")
        RESUMED = "resumed", _("Tiếp tục giải quyết")
        TERMINATED = "terminated", _("Đình chỉ giải quyết")
        WITHDRAWN = "withdrawn", _("Rút đơn")
        DECIDED = "decided", _("Quyết định giải quyết")
        CONCLUDED = "concluded", _("Kết luận nội dung tố cáo")
        ANSWERED = "answered", _("Trả lời kiến nghị, phản ánh")
        SENT = "sent", _("Gửi quyết định, kết luận")
        HANDLED = "handled", _("Xử lý kết luận")
        PUBLISHED = "published", _("Công khai")
        EFFECTIVE = "effective", _("Có hiệu lực pháp luật")
        EXECUTION = "execution", _("Tổ chức thi hành")
        DIRECTIVE = "directive", _("Văn bản chỉ đạo")
        DIRECTIVE_DONE = "directive_done", _("Hoàn thành chỉ đạo")
        IDENTITY_SEALED = "identity_sealed", _("Niêm phong thông tin người tố cáo")
        IDENTITY_GRANTED = "identity_granted", _("Giao quyền xem thông tin người tố cáo")
        IDENTITY_REVOKED = "identity_revoked", _("Thu hồi quyền xem thông tin người tố cáo")
        IDENTITY_WAIVED = "identity_waived", _("Người tố cáo từ chối biện pháp giữ bí mật")
        FOLLOW_UP = "follow_up", _("Khiếu nại lần hai, tố cáo tiếp")
        RECLASSIFIED = "reclassified", _("Xác định lại mức độ phức tạp")
        WORKING_COPY = "working_copy", _("Bản sao che thông tin người tố cáo")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("bước"), max_length=30, choices=Kind.choices)
    on = models.DateField(_("ngày"))
    actor = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("nội dung"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    document = models.ForeignKey(
        "cases.CaseDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diễn biến vụ việc")
        verbose_name_plural = _("diễn biến vụ việc")
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["case", "on"], name="cases_event_timeline")]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.get_kind_display()}"


class RenderStatus(models.TextChoices):
    """Where a generated document stands: the step that issues it commits first and the file is
    rendered after, by a task that retries; a failure stays visible until a retry succeeds."""

    PENDING = "pending", _("đang tạo")
    READY = "ready", _("đã tạo")
    FAILED = "failed", _("lỗi khi tạo")


class CaseDocument(TimeStampedModel):
    """A document generated for a case (decision, conclusion, notice); never names a denouncer."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    code = models.CharField(_("mẫu"), max_length=60)
    title = models.CharField(_("tên văn bản"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    file = models.FileField(_("tệp"), upload_to="cases/%Y/%m/")
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.READY
    )
    # What the step put in the document, kept to render it (again) after the step commits.
    context = models.JSONField(_("dữ liệu văn bản"), default=dict, blank=True)
    error = models.CharField(_("lỗi khi tạo"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("văn bản của vụ việc")
        verbose_name_plural = _("văn bản của vụ việc")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Dialogue(TimeStampedModel):
    """A dialogue (đối thoại) of a complaint: invitation, then minutes with attendance
    (Luật KN Arts 30, 39; NĐ 124/2020 Art 28, Mẫu 14)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dialogues")
    scheduled_on = models.DateField(_("ngày đối thoại"))
    place = models.CharField(_("địa điểm"), max_length=255)
    invited_on = models.DateField(_("ngày gửi thông báo đối thoại"))
    content = models.TextField(_("nội dung đối thoại"), blank=True)
    held_on = models.DateField(_("ngày đã đối thoại"), null=True, blank=True)
    # [{"name", "role", "present": bool, "reason"}]: complainant, complained party, others.
    attendance = models.JSONField(_("thành phần tham dự"), default=list, blank=True)
    agreed = models.TextField(_("nội dung thống nhất"), blank=True)
    disagreed = models.TextField(_("nội dung còn ý kiến khác nhau"), blank=True)

    class Meta:
        verbose_name = _("đối thoại")
        verbose_name_plural = _("đối thoại")
        ordering = ["scheduled_on", "pk"]

    def __str__(self) -> str:
        return f"Đối thoại {self.scheduled_on:%d/%m/%Y}"


class Directive(TimeStampedModel):
    """A superior's directive (văn bản chỉ đạo) or a leader's reception direction linked to the
    case, with its own due date, tracked to completion (S12)."""

    class Source(models.TextChoices):
        SUPERIOR = "superior", _("Văn bản chỉ đạo của cấp trên")
        RECEPTION = "reception", _("Kết luận tiếp công dân của lãnh đạo")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="directives")
    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    reference = models.CharField(_("số, ký hiệu văn bản"), max_length=255, blank=True)
    issuer = models.CharField(_("cơ quan, người chỉ đạo"), max_length=255, blank=True)
    direction = models.ForeignKey(
        "reception.Direction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung chỉ đạo"))
    issued_on = models.DateField(_("ngày chỉ đạo"))
    due_on = models.DateField(_("hạn báo cáo, hoàn thành"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set once each by `reminders.directive_scan`, so that a reminder is never sent twice.
    reminded_soon_on = models.DateField(null=True, blank=True, editable=False)
    reminded_overdue_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("chỉ đạo")
        verbose_name_plural = _("chỉ đạo")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_on"], name="cases_directive_due")]

    def __str__(self) -> str:
        return self.text[:80]


class IdentityRecord(TimeStampedModel):
    """The sealed identity of one denouncer of a case, encrypted at rest (vault.py).

    Luật TC Arts 8.3, 9.1.b, 47, 56: name, address, ID, phone, handwriting are kept secret. The
    values are Fernet tokens; nothing here is readable without `settings.TIEPDAN_FIELD_KEY`.
    """

    # Empty while a denunciation sent online waits for its matter (sealed from the first write,
    # vault.vault_seal_intake); the sealing of the matter adopts it.
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="identities"
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
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="sealed_files"
    )
    title_enc = models.BinaryField()
    content_enc = models.BinaryField()
    source_attachment_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu niêm phong")
        verbose_name_plural = _("tài liệu niêm phong")

    def __str__(self) -> str:
        return f"Tài liệu niêm phong #{self.pk}"


class SealedText(TimeStampedModel):
    """Free text that quotes a denouncer (a petition's or a matter's summary, a visit's content)
    as it was written, encrypted at rest; the plain column keeps the redacted copy (vault.py)."""

    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="sealed_texts"
    )
    target = models.CharField(max_length=40)  # app_label.model of the row
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)
    text_enc = models.BinaryField()

    class Meta:
        verbose_name = _("nội dung niêm phong")
        verbose_name_plural = _("nội dung niêm phong")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "object_id", "field"], name="cases_sealed_text_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Nội dung niêm phong #{self.pk}"


class IdentityGrant(models.Model):
    """An officer expressly assigned to see a case's denouncer (Luật TC Art 56; domain.md §5)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identity_grants")
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
        indexes = [models.Index(fields=["user", "revoked"], name="cases_grant_user")]

    def __str__(self) -> str:
        return f"Vụ việc {self.case_id} → {self.user_id}"
