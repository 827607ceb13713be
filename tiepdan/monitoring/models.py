"""Alerts: signals that need a person's attention (mass groups now; hotspots later)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel


class AlertKind(models.TextChoices):
    MASS_GROUP = "mass_group", _("Đoàn đông người")
    REPEAT_VISITS = "repeat_visits", _("Tiếp nhiều lần")
    ESCALATION = "escalation", _("Vượt cấp")
    OVERDUE = "overdue", _("Quá hạn")


class AlertLevel(models.TextChoices):
    INFO = "info", _("Thông tin")
    WARNING = "warning", _("Cảnh báo")
    CRITICAL = "critical", _("Khẩn")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Mới")
    ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
    CLOSED = "closed", _("Đã xử lý xong")


class Alert(TimeStampedModel):
    """An alert raised in `unit`: visible to the unit, every unit above it, and the units it is
    routed to (the leader's unit, the police liaison). Nothing is auto-dismissed."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=AlertKind.choices)
    level = models.CharField(_("mức độ"), max_length=10, choices=AlertLevel.choices)
    status = models.CharField(
        _("trạng thái"), max_length=15, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    summary = models.CharField(_("nội dung"), max_length=500)
    subjects = models.JSONField(_("đối tượng liên quan"), default=list, blank=True)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    routed_to = models.ManyToManyField(
        "organizations.Unit", related_name="routed_alerts", blank=True
    )
    acknowledged_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="monitoring_alert_unit_status")]

    def __str__(self) -> str:
        return self.summary
