"""Audit action codes and choices of the reports app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

REPORT_SUBMITTED = "report.submitted"
REPORT_SENT = "report.sent"
EXPORT_REQUESTED = "report.export_requested"
MANAGEMENT_SAVED = "report.management_saved"

# A subtree with at most this many units is exported while the user waits (embedded default);
# larger ones go to the `run_report_exports` command.
SYNC_EXPORT_MAX_UNITS = 60


class SnapshotStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã chốt")
    SENT = "sent", _("Đã gửi cấp trên")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Biểu số liệu (Excel)")
    DOCX = "docx", _("Báo cáo (Word)")
    PDF = "pdf", _("Biểu số liệu (PDF)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")
