"""Submitted (frozen) reports and export jobs. The numbers themselves are computed, not stored."""

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel
from tiepdan.reports.constants import ExportFormat, ExportStatus, SnapshotStatus
from tiepdan.reports.forms_tt2025 import MANAGEMENT_FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ReportSnapshot(TimeStampedModel):
    """A report as submitted: its numbers and the data version they were computed from.

    Frozen once created; the superior unit receives it in its inbox when it is sent upward.
    """

    form = models.CharField(_("biểu"), max_length=10)
    version = models.CharField(_("phiên bản biểu"), max_length=30)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    period_kind = models.CharField(_("loại kỳ"), max_length=10, default="custom")
    period_label = models.CharField(_("kỳ báo cáo"), max_length=100, blank=True)
    data = models.JSONField(_("số liệu"))
    data_version = models.JSONField(_("phiên bản dữ liệu"))
    computed_at = models.DateTimeField(_("thời điểm tính"))
    status = models.CharField(
        max_length=10, choices=SnapshotStatus.choices, default=SnapshotStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        "organizations.User", on_delete=models.PROTECT, related_name="+"
    )
    sent_to = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_reports",
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo đã chốt")
        verbose_name_plural = _("báo cáo đã chốt")
        ordering = ["-period_end", "form", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period_start", "period_end"],
                name="reports_snapshot_unique_period",
            ),
        ]
        indexes = [
            # The superior unit's inbox.
            models.Index(fields=["sent_to", "sent_at"], name="reports_snapshot_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.unit_id} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("reports:snapshot", kwargs={"pk": self.pk})


class ReportExport(TimeStampedModel):
    """An export of a report (XLSX in the official layout, DOCX narrative) made in the background
    by `run_report_exports`, or at once for a small subtree."""

    form = models.CharField(_("biểu"), max_length=10)
    fmt = models.CharField(_("định dạng"), max_length=5, choices=ExportFormat.choices)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(upload_to="reports/exports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        "organizations.User", on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất báo cáo")
        verbose_name_plural = _("tệp xuất báo cáo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # run_report_exports: the pending queue.
            models.Index(fields=["status", "created_at"], name="reports_export_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.form}.{self.fmt} #{self.pk}"


# The labels of the 17 figures of 06/QLKNTC (TT 06/2025), in column order.
MANAGEMENT_LABELS: "dict[str, StrOrPromise]" = dict(
    zip(
        MANAGEMENT_FIELDS,
        (
            _("Số văn bản quản lý, chỉ đạo ban hành mới"),
            _("Số văn bản được sửa đổi, bổ sung"),
            _("Số văn bản hủy bỏ"),
            _("Tập huấn, tuyên truyền, giáo dục pháp luật: số lớp"),
            _("Tập huấn, tuyên truyền, giáo dục pháp luật: số người"),
            _("Thanh tra trách nhiệm: số cuộc"),
            _("Thanh tra trách nhiệm: số đơn vị"),
            _("Số cuộc đã ban hành kết luận"),
            _("Kiến nghị xử lý hành chính: tổ chức"),
            _("Kiến nghị xử lý hành chính: cá nhân"),
            _("Kiến nghị chuyển cơ quan điều tra: tổ chức"),
            _("Kiến nghị chuyển cơ quan điều tra: cá nhân"),
            _("Tổng số kết luận thanh tra trách nhiệm phải thực hiện"),
            _("Đã xử lý hành chính: tổ chức"),
            _("Đã xử lý hành chính: cá nhân"),
            _("Đã khởi tố: số vụ"),
            _("Đã khởi tố: số đối tượng"),
        ),
        strict=True,
    )
)


class ManagementFigures(TimeStampedModel):
    """What a unit itself reports for a period in 06/QLKNTC (TT 06/2025): state-management work
    on reception, complaints and denunciations that no case records (documents, training,
    accountability inspections and their results). Entered by the unit, with its source; the
    table adds up the figures of the unit's subtree for exactly the same period."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    documents_issued = models.PositiveIntegerField(MANAGEMENT_LABELS["documents_issued"], default=0)
    documents_amended = models.PositiveIntegerField(
        MANAGEMENT_LABELS["documents_amended"], default=0
    )
    documents_repealed = models.PositiveIntegerField(
        MANAGEMENT_LABELS["documents_repealed"], default=0
    )
    training_classes = models.PositiveIntegerField(MANAGEMENT_LABELS["training_classes"], default=0)
    training_participants = models.PositiveIntegerField(
        MANAGEMENT_LABELS["training_participants"], default=0
    )
    inspections = models.PositiveIntegerField(MANAGEMENT_LABELS["inspections"], default=0)
    inspected_units = models.PositiveIntegerField(MANAGEMENT_LABELS["inspected_units"], default=0)
    inspections_concluded = models.PositiveIntegerField(
        MANAGEMENT_LABELS["inspections_concluded"], default=0
    )
    proposed_admin_orgs = models.PositiveIntegerField(
        MANAGEMENT_LABELS["proposed_admin_orgs"], default=0
    )
    proposed_admin_persons = models.PositiveIntegerField(
        MANAGEMENT_LABELS["proposed_admin_persons"], default=0
    )
    referred_orgs = models.PositiveIntegerField(MANAGEMENT_LABELS["referred_orgs"], default=0)
    referred_persons = models.PositiveIntegerField(MANAGEMENT_LABELS["referred_persons"], default=0)
    conclusions_to_execute = models.PositiveIntegerField(
        MANAGEMENT_LABELS["conclusions_to_execute"], default=0
    )
    sanctioned_orgs = models.PositiveIntegerField(MANAGEMENT_LABELS["sanctioned_orgs"], default=0)
    sanctioned_persons = models.PositiveIntegerField(
        MANAGEMENT_LABELS["sanctioned_persons"], default=0
    )
    prosecuted_cases = models.PositiveIntegerField(MANAGEMENT_LABELS["prosecuted_cases"], default=0)
    prosecuted_persons = models.PositiveIntegerField(
        MANAGEMENT_LABELS["prosecuted_persons"], default=0
    )
    source_note = models.TextField(_("nguồn số liệu"))
    note = models.TextField(_("ghi chú (dòng 18)"), blank=True)
    entered_by = models.ForeignKey("organizations.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("số liệu quản lý nhà nước về TCD, KN, TC")
        verbose_name_plural = _("số liệu quản lý nhà nước về TCD, KN, TC")
        ordering = ["-period_end", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end"],
                name="reports_management_unique_period",
            ),
        ]
        indexes = [
            models.Index(fields=["period_start", "period_end"], name="reports_management_period")
        ]

    def __str__(self) -> str:
        return f"06/QLKNTC {self.unit_id} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"


class ReportReminder(models.Model):
    """One reminder mailed about a unit's periodic report (reports.submission_watch): at most
    one of each kind per unit and period, whatever runs overlap."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")

    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end", "kind"],
                name="reports_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_start}–{self.period_end} {self.kind}"
