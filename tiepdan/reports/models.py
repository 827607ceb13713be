"""Submitted (frozen) reports and export jobs. The numbers themselves are computed, not stored."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel
from tiepdan.reports.constants import ExportFormat, ExportStatus, SnapshotStatus


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
