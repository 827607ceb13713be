"""Petitions (đơn): written submissions numbered per unit and year, their classification,
processing outcome, transfers between units (one identity along the path), follow-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.models import TimeStampedModel
from tiepdan.documents.constants import RenderStatus
from tiepdan.petitions.constants import (
    Eligibility,
    IneligibleReason,
    Outcome,
    OutsideBody,
    PetitionStatus,
    PriorResolution,
    TransferStatus,
)


class PetitionSource(models.TextChoices):
    RECEPTION = "reception", _("Qua tiếp công dân")
    POST = "post", _("Qua bưu chính")
    DIRECT = "direct", _("Nộp trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    TRANSFERRED = "transferred", _("Cơ quan khác chuyển đến")
    FORWARDED = "forwarded", _("Đại biểu, MTTQ, báo chí chuyển đến")


class Petition(TimeStampedModel):
    """One written petition received by a unit."""

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(_("số đơn"), editable=False)
    received_on = models.DateField(_("ngày nhận"))
    source = models.CharField(_("nguồn đơn"), max_length=20, choices=PetitionSource.choices)
    petition_type = models.CharField(_("loại đơn"), max_length=20, choices=PetitionType.choices)
    domain = models.CharField(_("lĩnh vực"), max_length=30, choices=Domain.choices)
    summary = models.TextField(_("nội dung tóm tắt"))
    signatory_count = models.PositiveIntegerField(_("số người đứng tên"), default=1)
    anonymous = models.BooleanField(_("đơn nặc danh"), default=False)
    case = models.ForeignKey(
        "matters.Matter", null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    visit = models.ForeignKey(
        "reception.ReceptionVisit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    senders = models.ManyToManyField("citizens.Citizen", related_name="petitions", blank=True)
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary_key = models.TextField(editable=False, blank=True)
    sender_body = models.CharField(
        _("cơ quan, người chuyển đơn đến"),
        max_length=255,
        blank=True,
        help_text=_("Với đơn do cơ quan khác, đại biểu, MTTQ, báo chí chuyển đến."),
    )
    # One petition keeps one identity across units: a transferred copy points to its origin.
    origin = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwarded_copies"
    )
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=15,
        choices=PetitionStatus.choices,
        default=PetitionStatus.RECEIVED,
    )
    eligibility = models.CharField(
        _("điều kiện xử lý"),
        max_length=12,
        choices=Eligibility.choices,
        default=Eligibility.PENDING,
    )
    ineligible_reason = models.CharField(
        _("lý do không đủ điều kiện"), max_length=20, choices=IneligibleReason.choices, blank=True
    )
    within_jurisdiction = models.BooleanField(_("thuộc thẩm quyền"), null=True, blank=True)
    prior_resolution = models.CharField(
        _("tình trạng giải quyết trước đó"),
        max_length=25,
        choices=PriorResolution.choices,
        default=PriorResolution.UNRESOLVED,
    )
    outcome = models.CharField(_("hướng xử lý"), max_length=10, choices=Outcome.choices, blank=True)
    proposed_outcome = models.CharField(
        _("đề xuất hướng xử lý"), max_length=10, choices=Outcome.choices, blank=True
    )
    proposal_note = models.TextField(_("nội dung đề xuất"), blank=True)
    proposed_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(_("lý do, căn cứ"), blank=True)
    citizen_notified_on = models.DateField(_("ngày báo cho công dân"), null=True, blank=True)
    assignee = models.ForeignKey(
        "organizations.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ xử lý"),
    )

    class Meta:
        verbose_name = _("đơn")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="petitions_number_unique"
            ),
        ]
        indexes = [
            # Worklists and reports: a unit's petitions by date and state.
            models.Index(fields=["unit", "received_on"], name="petitions_unit_received"),
            models.Index(fields=["unit", "status", "received_on"], name="petitions_unit_status"),
            models.Index(fields=["assignee", "status"], name="petitions_assignee_status"),
            # The sealing rule filters denunciations (vault.rule.sealed_q).
            models.Index(fields=["petition_type", "unit"], name="petitions_type_unit"),
        ]

    def __str__(self) -> str:
        return f"Đơn số {self.number}/{self.year}"

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of_id is not None


class PetitionAttachment(TimeStampedModel):
    """A scan or file of the petition and its evidence."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="petitions/%Y/%m/")
    uploaded_by = models.ForeignKey(
        "organizations.User", null=True, on_delete=models.PROTECT, related_name="+"
    )
    # An outcome's document is rendered after the decision commits (documents.RenderStatus).
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.READY
    )
    error = models.CharField(_("lỗi khi tạo"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")

    def __str__(self) -> str:
        return self.title


class Transfer(TimeStampedModel):
    """A petition sent to another unit in the system (it lands in its inbox and must be
    acknowledged) or to an outside body; the reply (văn bản phúc đáp) is tracked."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_transfers",
    )
    to_body = models.CharField(_("cơ quan nhận"), max_length=255, blank=True)
    to_body_kind = models.CharField(
        _("loại cơ quan nhận"), max_length=20, choices=OutsideBody.choices, blank=True
    )
    sent_on = models.DateField(_("ngày chuyển"))
    status = models.CharField(
        max_length=15, choices=TransferStatus.choices, default=TransferStatus.SENT
    )
    received_copy = models.OneToOneField(
        Petition, null=True, blank=True, on_delete=models.PROTECT, related_name="arrived_by"
    )
    acknowledged_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reply_received_on = models.DateField(_("ngày nhận phúc đáp"), null=True, blank=True)
    reply_summary = models.TextField(_("nội dung phúc đáp"), blank=True)

    class Meta:
        verbose_name = _("chuyển đơn")
        verbose_name_plural = _("chuyển đơn")
        ordering = ["sent_on", "pk"]
        indexes = [
            models.Index(fields=["to_unit", "status"], name="petitions_transfer_inbox"),
            models.Index(fields=["from_unit", "sent_on"], name="petitions_transfer_out"),
        ]

    def __str__(self) -> str:
        return f"{self.petition} → {self.to_unit or self.to_body}"


class Reminder(TimeStampedModel):
    """Đôn đốc: a written reminder to the unit that must resolve or reply (TT 05/2021 Art 14.2)."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="reminders")
    to_unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField(_("ngày đôn đốc"))
    text = models.TextField(_("nội dung"))
    sent_by = models.ForeignKey(
        "organizations.User", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đôn đốc")
        verbose_name_plural = _("đôn đốc")
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.petition}: {self.sent_on:%d/%m/%Y}"


class BacklogReview(TimeStampedModel):
    """A review of a backlog (tồn đọng) petition: what was decided and by whom (S24)."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("ngày rà soát"))
    decision = models.TextField(_("kết luận rà soát"))
    reviewed_by = models.ForeignKey(
        "organizations.User", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rà soát đơn tồn đọng")
        verbose_name_plural = _("rà soát đơn tồn đọng")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.petition}: {self.reviewed_on:%d/%m/%Y}"
