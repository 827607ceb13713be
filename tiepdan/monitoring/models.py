"""Situation monitoring (S3, S5, S9, S13, S18, S26, S27, S29): alerts and their follow-up,
hotspot candidates computed from the data, thresholds per unit, partner situation notes and the
daily bulletin. Nothing is auto-dismissed: an alert ends only when a person closes it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import MASS_GROUP_THRESHOLD, Domain
from tiepdan.core.models import TimeStampedModel


class AlertKind(models.TextChoices):
    MASS_GROUP = "mass_group", _("Đoàn đông người")
    REPEAT_VISITS = "repeat_visits", _("Tiếp nhiều lần")
    ESCALATION = "escalation", _("Vượt cấp")
    OVERDUE = "overdue", _("Quá hạn")
    HOTSPOT = "hotspot", _("Nguy cơ điểm nóng")
    MULTI_AGENCY = "multi_agency", _("Gửi nhiều cơ quan")
    PARTNER_NOTE = "partner_note", _("Tin phối hợp")


class AlertLevel(models.TextChoices):
    INFO = "info", _("Thông tin")
    WARNING = "warning", _("Cảnh báo")
    CRITICAL = "critical", _("Khẩn")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Mới")
    ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đang xử lý")
    CLOSED = "closed", _("Đã xử lý xong")

    @classmethod
    def active(cls) -> list[str]:
        return [cls.OPEN, cls.ACKNOWLEDGED, cls.ASSIGNED]


LEVEL_RANK: dict[str, int] = {AlertLevel.INFO: 0, AlertLevel.WARNING: 1, AlertLevel.CRITICAL: 2}


class Alert(TimeStampedModel):
    """An alert raised in `unit`: visible to the unit, every unit above it, and the units it is
    routed to (the leader's unit, the police liaison). Nothing is auto-dismissed."""

    # Indexed by the (unit, status) index, which starts with it.
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    kind = models.CharField(_("loại"), max_length=20, choices=AlertKind.choices)
    level = models.CharField(_("mức độ"), max_length=10, choices=AlertLevel.choices)
    status = models.CharField(
        _("trạng thái"), max_length=15, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    summary = models.CharField(_("nội dung"), max_length=500)
    subjects = models.JSONField(_("đối tượng liên quan"), default=list, blank=True)
    source_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a partial index below
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    routed_to = models.ManyToManyField(
        "organizations.Unit", related_name="routed_alerts", blank=True
    )
    acknowledged_by = models.ForeignKey(
        "organizations.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a partial index below
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Claim key of a computed signal: one active alert per (unit, key), see services.scan.
    dedupe_key = models.CharField(max_length=200, blank=True, default="", editable=False)
    hotspot = models.ForeignKey(
        "Hotspot", null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    score = models.PositiveSmallIntegerField(_("điểm rủi ro"), null=True, blank=True)
    notify_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("báo cho")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người được giao"),
        db_index=False,  # a partial index below
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a partial index below
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("kết quả xử lý"), blank=True)

    class Meta:
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status"], name="monitoring_alert_unit_status"),
            models.Index(fields=["dedupe_key"], name="monitoring_alert_dedupe"),
            # The keys an alert is raised without, indexed where set: a scan raising 73,000
            # alerts would otherwise add each one to four indexes of nulls.
            *(
                models.Index(
                    fields=[name],
                    condition=models.Q(**{f"{name}__isnull": False}),
                    name=f"monitoring_alert_{short}",
                )
                for name, short in [
                    ("source_type", "source"),
                    ("acknowledged_by", "acked_by"),
                    ("assigned_to", "assignee"),
                    ("closed_by", "closed_by"),
                ]
            ),
        ]
        constraints = [
            # Never two active alerts for one computed signal (the scan's claim).
            models.UniqueConstraint(
                fields=["unit", "dedupe_key"],
                condition=models.Q(dedupe_key__gt="")
                & models.Q(status__in=["open", "acknowledged", "assigned"]),
                name="monitoring_alert_one_active_per_key",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    def get_absolute_url(self) -> str:
        return reverse("monitoring:alert_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status != AlertStatus.CLOSED


class ActionKind(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Tiếp nhận")
    ASSIGN = "assign", _("Giao xử lý")
    DIALOGUE = "dialogue", _("Đối thoại, vận động")
    FIELD_VISIT = "field_visit", _("Kiểm tra thực địa")
    REPORT_UP = "report_up", _("Báo cáo cấp trên")
    NOTE = "note", _("Ghi chú")
    CLOSE = "close", _("Kết thúc")


FOLLOW_UP_KINDS = [
    ActionKind.DIALOGUE,
    ActionKind.FIELD_VISIT,
    ActionKind.REPORT_UP,
    ActionKind.NOTE,
]


class AlertAction(models.Model):
    """One step of handling an alert: acknowledged, assigned, a dialogue, a field visit, a
    report upward (S27), closed with its outcome. Append-only, like the audit."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("việc"), max_length=15, choices=ActionKind.choices)
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("diễn biến xử lý")
        verbose_name_plural = _("diễn biến xử lý")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"


class HotspotKind(models.TextChoices):
    MATTER = "matter", _("Cùng một vụ việc")
    PLACE = "place", _("Cùng địa bàn, lĩnh vực")
    ESCALATION = "escalation", _("Vượt cấp")
    MULTI_AGENCY = "multi_agency", _("Gửi nhiều cơ quan")
    MASS_PETITION = "mass_petition", _("Đơn đông người")
    PARTNER_NOTE = "partner_note", _("Tin từ lực lượng phối hợp")
    OVERDUE = "overdue", _("Quá hạn giải quyết")


class Hotspot(TimeStampedModel):
    """A hotspot candidate (điểm nóng tiềm ẩn) found by the scan, with its risk score and the
    explanation of that score (S9). Re-scored at every scan; kept when it calms down."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=200)
    kind = models.CharField(_("dấu hiệu chính"), max_length=20, choices=HotspotKind.choices)
    title = models.CharField(_("điểm nóng"), max_length=300)
    domain = models.CharField(_("lĩnh vực"), max_length=30, choices=Domain.choices, blank=True)
    place = models.CharField(_("địa bàn"), max_length=120, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm rủi ro"), default=0)
    level = models.CharField(_("mức độ"), max_length=10, choices=AlertLevel.choices)
    people = models.PositiveIntegerField(_("số người"), default=0)
    citizens = models.PositiveIntegerField(_("số công dân khác nhau"), default=0)
    explanation = models.JSONField(_("giải thích"), default=list)
    signals = models.JSONField(default=dict)
    trend = models.JSONField(default=list)
    subjects = models.JSONField(default=list)
    last_activity_on = models.DateField(_("hoạt động gần nhất"), null=True)
    scanned_at = models.DateTimeField(_("quét lúc"))

    class Meta:
        verbose_name = _("điểm nóng tiềm ẩn")
        verbose_name_plural = _("điểm nóng tiềm ẩn")
        ordering = ["-score", "-last_activity_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "key"], name="monitoring_hotspot_unit_key"),
        ]
        indexes = [models.Index(fields=["unit", "score"], name="monitoring_hotspot_rank")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:hotspot_detail", kwargs={"pk": self.pk})


def _pos(limit: int = 1000):
    return [MinValueValidator(1), MaxValueValidator(limit)]


class Thresholds(TimeStampedModel):
    """Thresholds of the signals for a unit and its subtree (the nearest unit with a row wins;
    defaults below when none has one). The mass-group default is Luật TCD Art 29's 5 people."""

    unit = models.OneToOneField(
        "organizations.Unit", on_delete=models.PROTECT, related_name="monitoring_thresholds"
    )
    mass_group_people = models.PositiveSmallIntegerField(
        _("đoàn đông người từ (người)"), default=MASS_GROUP_THRESHOLD, validators=_pos(100)
    )
    repeat_visits = models.PositiveSmallIntegerField(
        _("tiếp nhiều lần từ (lượt)"), default=3, validators=_pos(50)
    )
    repeat_window_days = models.PositiveSmallIntegerField(
        _("khoảng xét tiếp nhiều lần (ngày)"), default=90, validators=_pos(730)
    )
    cluster_citizens = models.PositiveSmallIntegerField(
        _("cùng nội dung từ (công dân)"), default=5, validators=_pos(500)
    )
    window_days = models.PositiveSmallIntegerField(
        _("khoảng xét dấu hiệu (ngày)"), default=30, validators=_pos(365)
    )
    agencies = models.PositiveSmallIntegerField(
        _("gửi nhiều cơ quan từ (cơ quan)"), default=3, validators=_pos(50)
    )
    alert_score = models.PositiveSmallIntegerField(
        _("cảnh báo khi điểm từ"), default=40, validators=_pos(100)
    )
    critical_score = models.PositiveSmallIntegerField(
        _("khẩn khi điểm từ"), default=75, validators=_pos(100)
    )
    sensitive_days = models.PositiveSmallIntegerField(
        _("số ngày trước dịp lễ, Tết cần lưu ý"), default=14, validators=_pos(60)
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ngưỡng cảnh báo")
        verbose_name_plural = _("ngưỡng cảnh báo")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(critical_score__gte=models.F("alert_score")),
                name="monitoring_thresholds_critical_above_alert",
                violation_error_message=_("Điểm «khẩn» phải không nhỏ hơn điểm «cảnh báo»."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit)


class NoteIntent(models.TextChoices):
    GO_HIGHER = "go_higher", _("Có ý định lên cấp trên khiếu kiện")
    GATHER = "gather", _("Tụ tập, kéo đến trụ sở")
    LEADER_HOME = "leader_home", _("Kéo đến nhà riêng lãnh đạo")
    PETITION = "petition", _("Chuẩn bị gửi đơn tập thể")
    OTHER = "other", _("Khác")


class TargetLevel(models.TextChoices):
    LOCAL = "local", _("Tại địa phương")
    DISTRICT = "district", _("Cấp trên trực tiếp")
    PROVINCE = "province", _("Trụ sở tiếp công dân tỉnh")
    CENTRAL = "central", _("Trung ương")


class SituationNote(TimeStampedModel):
    """A situation note from a partner (police, military, the Front, a residential quarter):
    where, how many, what they intend (S13, S16, S18). Free text; no petition content needed."""

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị được báo"),
    )
    author_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị báo tin"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    observed_on = models.DateField(_("ngày nắm tình hình"))
    place = models.CharField(_("địa điểm, khu dân cư"), max_length=200)
    place_key = models.CharField(max_length=200, editable=False, blank=True)
    people = models.PositiveIntegerField(_("số người (ước tính)"))
    intent = models.CharField(_("ý định"), max_length=15, choices=NoteIntent.choices)
    target_level = models.CharField(
        _("dự kiến đến"), max_length=10, choices=TargetLevel.choices, default=TargetLevel.LOCAL
    )
    domain = models.CharField(_("lĩnh vực"), max_length=30, choices=Domain.choices, blank=True)
    text = models.TextField(_("nội dung"))
    alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )

    class Meta:
        verbose_name = _("tin tình hình")
        verbose_name_plural = _("tin tình hình")
        ordering = ["-observed_on", "-pk"]
        indexes = [models.Index(fields=["unit", "observed_on"], name="monitoring_note_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people__gte=1), name="monitoring_note_people_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.observed_on:%d/%m/%Y})"


class Bulletin(TimeStampedModel):
    """The daily situation bulletin of a unit for one day (bản tin tình hình), kept as data
    so that the scheduled task is idempotent per unit and day."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("ngày"))
    content = models.JSONField(default=dict)
    sent_to = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)

    class Meta:
        verbose_name = _("bản tin tình hình")
        verbose_name_plural = _("bản tin tình hình")
        ordering = ["-day", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="monitoring_bulletin_unit_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.day:%d/%m/%Y}"


class AlertMailStatus(models.TextChoices):
    PENDING = "pending", _("chờ gửi")
    SENT = "sent", _("đã gửi")
    FAILED = "failed", _("gửi lỗi")
    NO_ADDRESS = "no_address", _("chưa có địa chỉ thư")


class AlertMail(models.Model):
    """One person to be told of one alert by e-mail (fanout.py): recorded with the alert, sent
    after commit by a retrying task, several to the same person in one digest. The address is
    read from the user when sending, never kept here."""

    # Both keys are indexed by the indexes below that start with them (once, todo).
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="mails", db_index=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhận"),
        db_index=False,
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=AlertMailStatus.choices,
        default=AlertMailStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư báo cảnh báo")
        verbose_name_plural = _("thư báo cảnh báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "status"], name="monitoring_alertmail_todo")]
        constraints = [
            models.UniqueConstraint(fields=["alert", "user"], name="monitoring_alertmail_once"),
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.user_id}"
