"""Working-calendar overrides, the legal rule catalogue, and running legal clocks on records."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel


class DayType(models.TextChoices):
    WORKING = "working", _("Ngày làm việc")
    CALENDAR = "calendar", _("Ngày (dương lịch)")


class Direction(models.TextChoices):
    FORWARD = "forward", _("Tính từ sự kiện về sau")
    BACKWARD = "backward", _("Tính ngược trước sự kiện")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Bình thường")
    COMPLEX = "complex", _("Phức tạp")
    VERY_COMPLEX = "very_complex", _("Đặc biệt phức tạp")


class Confidence(models.TextChoices):
    SOURCE = "source", _("Đã đối chiếu văn bản gốc")
    THIRD_PARTY = "third_party", _("Đối chiếu qua bản sao, cần kiểm tra Công báo")
    UNVERIFIED = "unverified", _("Chưa kiểm chứng")


class CalendarYear(models.Model):
    """One year of the public-sector calendar that has overrides; its revision bumps on change."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    revision = models.PositiveIntegerField(_("phiên bản"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lịch làm việc năm")
        verbose_name_plural = _("lịch làm việc theo năm")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """An override of the `holidays` package default for one date: a day off or a worked day.

    `day_off` on a Monday–Friday makes it a day off (decreed break); `working_day` on a weekend
    makes it worked (làm bù), on a weekday it cancels a package holiday. A `day_off` row on a
    weekend only documents a decreed break (shown on the calendar page).
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc")

    calendar_year = models.ForeignKey(
        CalendarYear, verbose_name=_("năm"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, blank=True)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch")
        verbose_name_plural = _("ngày điều chỉnh lịch")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}: {self.name}"


class LegalRule(models.Model):
    """One version of a statutory time limit. Written only by reviewed data migrations.

    `days`/`max_extensions` are the normal, non-remote variant; `variants` lists the others as
    `{"complexity", "remote_area", "days", "max_extensions"}`. A combination that is not listed
    is not allowed for the rule (400 `option_not_allowed`).
    """

    code = models.CharField(_("mã"), max_length=64)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên"), max_length=255)
    day_type = models.CharField(_("loại ngày"), max_length=10, choices=DayType.choices)
    direction = models.CharField(
        _("chiều tính"), max_length=10, choices=Direction.choices, default=Direction.FORWARD
    )
    days = models.PositiveIntegerField(_("số ngày"))
    max_extensions = models.PositiveSmallIntegerField(_("số lần gia hạn tối đa"), default=0)
    extension_days = models.PositiveSmallIntegerField(_("số ngày mỗi lần gia hạn"), default=0)
    variants = models.JSONField(_("biến thể"), default=list, blank=True)
    pausable = models.BooleanField(_("được tạm dừng"), default=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    notes = models.TextField(_("ghi chú"), blank=True)
    confidence = models.CharField(
        _("mức kiểm chứng"), max_length=16, choices=Confidence.choices, default=Confidence.SOURCE
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("danh mục quy tắc thời hạn")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="workcalendar_rule_version"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="workcalendar_rule_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class ClockQuerySet(models.QuerySet["Clock"]):
    def open(self) -> "ClockQuerySet":
        return self.filter(status__in=Clock.Status.open())

    def running(self) -> "ClockQuerySet":
        return self.filter(status=Clock.Status.RUNNING)


class Clock(TimeStampedModel):
    """A running legal time limit on any record (petition, case…), scoped to a unit."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        PAUSED = "paused", _("Tạm dừng")
        MET = "met", _("Đúng hạn")
        MISSED = "missed", _("Quá hạn")

        @classmethod
        def open(cls) -> list[str]:
            return [cls.RUNNING, cls.PAUSED]

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="clocks",
    )
    rule_code = models.CharField(_("quy tắc"), max_length=64)
    rule_version = models.PositiveSmallIntegerField(_("phiên bản quy tắc"))
    start = models.DateField(_("ngày bắt đầu"))
    complexity = models.CharField(
        _("mức độ phức tạp"), max_length=16, choices=Complexity.choices, default=Complexity.NORMAL
    )
    remote_area = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    due = models.DateField(_("hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    met_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)

    objects = ClockQuerySet.as_manager()

    class Meta:
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        ordering = ["due", "pk"]
        indexes = [
            # Overdue / due-soon selectors: open clocks by due date.
            models.Index(fields=["status", "due"], name="workcalendar_clock_status_due"),
            # The clocks of one record (case detail, petition detail).
            models.Index(fields=["content_type", "object_id"], name="workcalendar_clock_target"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.start:%d/%m/%Y} → {self.due:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in Clock.Status.open()

    def state(self, today: dt.date | None = None) -> str:
        """What the clock stands at today: a running clock whose due date has passed is
        `missed` whether or not the scan job has seen it (the stored status changes only when
        the clock is stopped)."""
        today = today or timezone.localdate()
        if self.status == Clock.Status.RUNNING and self.due < today:
            return Clock.Status.MISSED
        return self.status

    @property
    def state_label(self) -> str:
        """The state's Vietnamese label, for pages and the API's display fields."""
        return str(Clock.Status(self.state()).label)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.state() == Clock.Status.MISSED


class ClockPause(models.Model):
    """A suspension of a clock; both ends inclusive; `end` is empty while still suspended."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField(_("tạm dừng từ"))
    end = models.DateField(_("tạm dừng đến"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tạm dừng thời hạn")
        verbose_name_plural = _("tạm dừng thời hạn")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="workcalendar_pause_range",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}" if self.end else f"{self.start:%d/%m/%Y}–"
        )


class DeadlineNotice(models.Model):
    """A reminder already sent for a clock (due soon, missed): the scan never sends it twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        MISSED = "missed", _("Quá hạn")

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clock", "kind"], name="workcalendar_notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.clock_id}:{self.kind}"
