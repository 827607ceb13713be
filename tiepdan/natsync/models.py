"""Sync records of the national database link: one per matter and stage carrying the latest
data, the attempts made to send them, the unit switches and the code-list mapping."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel
from tiepdan.natsync.constants import CodeList, ObjectKind, Stage, Status


class UnitSyncSetting(TimeStampedModel):
    """A unit's switch for the link and whether a denouncer's identity goes to the national
    database. Units without a row are switched on and keep the identity back."""

    unit = models.OneToOneField(
        "organizations.Unit", on_delete=models.PROTECT, related_name="national_sync"
    )
    enabled = models.BooleanField(_("gửi lên CSDL quốc gia"), default=True)
    # Off by default: Luật Tố cáo Arts 8.3, 47 and 56 bind every officer who learns the
    # denouncer's identity to keep it secret, and no published rule says the national database
    # is among those who must receive it; a unit turns this on only on a written instruction.
    send_denouncer_identity = models.BooleanField(
        _("gửi thông tin người tố cáo"),
        default=False,
        help_text=_("Chỉ bật khi có văn bản yêu cầu CSDL quốc gia nhận thông tin người tố cáo."),
    )

    class Meta:
        verbose_name = _("cấu hình liên thông của đơn vị")
        verbose_name_plural = _("cấu hình liên thông của đơn vị")

    def __str__(self) -> str:
        return str(self.unit)


class NationalMatter(models.Model):
    """One matter as the national database knows it: the petition that opened it at a unit and
    the national id its first stage returned (sent with every later stage)."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.PROTECT, related_name="national_matter"
    )
    national_id = models.CharField(_("mã vụ việc quốc gia"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vụ việc liên thông")
        verbose_name_plural = _("vụ việc liên thông")

    def __str__(self) -> str:
        return self.national_id or f"#{self.petition_id}"


class SyncRecord(TimeStampedModel):
    """What one stage of one matter must tell the national database.

    At most one unsent record per matter and stage (`natsync_one_unsent_per_stage`): an edit
    before sending rewrites it; an edit after sending opens the next revision.
    """

    # No single-column indexes on the two keys: natsync_matter_order and natsync_unit_status
    # start with them and serve the same lookups.
    matter = models.ForeignKey(
        NationalMatter, on_delete=models.PROTECT, related_name="records", db_index=False
    )
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    stage = models.CharField(_("bước"), max_length=12, choices=Stage.choices)
    stage_order = models.PositiveSmallIntegerField(editable=False)
    object_kind = models.CharField(max_length=10, choices=ObjectKind.choices)
    object_id = models.PositiveBigIntegerField()
    revision = models.PositiveIntegerField(_("lần cập nhật"), default=1)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    payload = models.JSONField(default=dict)
    payload_hash = models.CharField(max_length=64)
    national_id = models.CharField(_("mã vụ việc quốc gia"), max_length=64, blank=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A sender's claim (token and expiry): two senders never hold the same record at once.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản ghi liên thông")
        verbose_name_plural = _("bản ghi liên thông")
        ordering = ["matter_id", "stage_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "stage"],
                condition=Q(status__in=["pending", "failed"]),
                name="natsync_one_unsent_per_stage",
            ),
        ]
        indexes = [
            # The sender's due query: unsent records by next attempt.
            models.Index(fields=["status", "next_attempt_at"], name="natsync_due"),
            # The status page and the API: a unit's records by status.
            models.Index(fields=["unit", "status"], name="natsync_unit_status"),
            # Per-matter order: earlier unsent stages of the same matter.
            models.Index(fields=["matter", "stage_order"], name="natsync_matter_order"),
            models.Index(fields=["object_kind", "object_id"], name="natsync_object"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.object_kind}#{self.object_id} r{self.revision}"


class SyncAttempt(models.Model):
    """One try to send a record: kept whatever its outcome, so no failure is ever lost."""

    record = models.ForeignKey(SyncRecord, on_delete=models.PROTECT, related_name="tries")
    at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lần gửi")
        verbose_name_plural = _("lần gửi")
        ordering = ["record", "pk"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'lỗi'}"


class CodeMapping(TimeStampedModel):
    """One value of a local list and its code in the national list (edited by administrators,
    imported and exported as CSV)."""

    code_list = models.CharField(_("danh mục"), max_length=20, choices=CodeList.choices)
    local_value = models.CharField(_("giá trị trong hệ thống"), max_length=64)
    national_code = models.CharField(_("mã quốc gia"), max_length=64)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ánh xạ danh mục")
        verbose_name_plural = _("ánh xạ danh mục")
        ordering = ["code_list", "local_value"]
        constraints = [
            models.UniqueConstraint(
                fields=["code_list", "local_value"], name="natsync_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code_list}:{self.local_value} → {self.national_code}"
