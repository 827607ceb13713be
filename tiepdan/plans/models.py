"""Reception plans (kế hoạch tiếp công dân), their tasks, leave, duty rosters and the statutory
rules on leaders' periodic reception."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel
from tiepdan.plans.constants import (
    AssignmentRole,
    PlanStatus,
    RulePeriod,
    ShiftKind,
    Slot,
    TaskRole,
    TaskStatus,
)


class Plan(TimeStampedModel):
    """A unit's reception plan for a period (Tết, a holiday, a quarter…), as issued in the
    NĐ 30/2020 administrative format. A plan may implement a superior unit's plan (S21)."""

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    parent_plan = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementing_plans",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    legal_basis = models.JSONField(_("căn cứ"), default=list, blank=True)
    preamble = models.TextField(_("lời mở đầu"), blank=True)
    purposes = models.JSONField(_("mục đích"), default=list, blank=True)
    requirements = models.JSONField(_("yêu cầu"), default=list, blank=True)
    contents_intro = models.TextField(_("dẫn nhập nội dung"), blank=True)
    contents = models.JSONField(_("nội dung"), default=list, blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    agency_name = models.CharField(_("tên cơ quan ban hành"), max_length=255, blank=True)
    agency_parent_name = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    venues = models.ManyToManyField(
        "reception.ReceptionVenue", verbose_name=_("địa điểm"), blank=True, related_name="+"
    )
    # Inputs and fairness report of the last generation, kept to regenerate and to show.
    roster_officers = models.JSONField(default=list, blank=True, editable=False)
    roster_leaders = models.JSONField(default=list, blank=True, editable=False)
    roster_report = models.JSONField(default=dict, blank=True, editable=False)
    roster_generated_at = models.DateTimeField(null=True, blank=True, editable=False)
    roster_published_on = models.DateField(_("ngày niêm yết lịch"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plans_plan_period_valid",
            ),
        ]
        indexes = [models.Index(fields=["unit", "starts_on"], name="plans_plan_unit_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"pk": self.pk})

    @property
    def number_symbol(self) -> str:
        """ "02/KH-STTTT", or a blank number left for the clerk ("      /KH-UBND")."""
        return f"{self.number}/{self.symbol}" if self.number else f"       /{self.symbol}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class PlanPhase(models.Model):
    """Before / during / after the holiday (S22, S28)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("giai đoạn"), max_length=100)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plans_phase_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanTask(TimeStampedModel):
    """A task of the plan (section III): who does it, the lead and cooperating units (S16)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    assignee_label = models.CharField(_("giao cho"), max_length=255)
    content = models.TextField(_("nội dung"))
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.assignee_label


class PlanTaskUnit(models.Model):
    """A unit or body given the task, leading it or cooperating."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="assignees")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=10, choices=TaskRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="plans_task_unit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class TaskReport(TimeStampedModel):
    """A progress report by an assignee."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_on = models.DateField(_("ngày báo cáo"))
    text = models.TextField(_("kết quả thực hiện"))
    done = models.BooleanField(_("đã hoàn thành"), default=False)

    class Meta:
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.task} {self.reported_on}"


class Leave(TimeStampedModel):
    """An officer's leave (nghỉ phép, công tác): no duty is rostered on these days."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leaves"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nghỉ phép")
        verbose_name_plural = _("nghỉ phép")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plans_leave_period_valid",
            ),
        ]
        indexes = [models.Index(fields=["user", "starts_on"], name="plans_leave_user_start")]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on}–{self.ends_on}"


class PeriodicRule(models.Model):
    """A version of the statutory minimum of leaders' periodic reception (domain.md §2.2),
    by unit kind. Versions are data: Luật 136/2025/QH15 changed the commune rule on 1/7/2026."""

    code = models.CharField(max_length=60, unique=True)
    title = models.CharField(_("quy định"), max_length=255)
    unit_kinds = models.JSONField(_("loại đơn vị"), default=list)
    period = models.CharField(_("chu kỳ"), max_length=5, choices=RulePeriod.choices)
    min_days = models.PositiveSmallIntegerField(_("số ngày tối thiểu"))
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255)

    class Meta:
        verbose_name = _("quy định tiếp định kỳ")
        verbose_name_plural = _("quy định tiếp định kỳ")
        ordering = ["valid_from", "code"]

    def __str__(self) -> str:
        return self.title


class Shift(models.Model):
    """One duty shift of a plan: a date and a slot; on a leader's periodic reception day the
    office-hours shift is that session (kind periodic)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField(_("ngày"))
    slot = models.CharField(_("ca"), max_length=15, choices=Slot.choices)
    kind = models.CharField(
        _("loại"), max_length=10, choices=ShiftKind.choices, default=ShiftKind.REGULAR
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    edited = models.BooleanField(_("đã sửa tay"), default=False)

    class Meta:
        ordering = ["date", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "date", "slot"], name="plans_shift_unique_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_slot_display()}"


class ShiftAssignment(models.Model):
    """A person on a shift. (user, date, slot) is unique across all plans: nobody holds two
    shifts at the same time."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shift_assignments"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=AssignmentRole.choices)
    date = models.DateField(editable=False)
    slot = models.CharField(max_length=15, choices=Slot.choices, editable=False)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date", "slot"], name="plans_assignment_no_double_booking"
            ),
        ]
        indexes = [models.Index(fields=["user", "date"], name="plans_assignment_user_date")]

    def __str__(self) -> str:
        return f"{self.user} — {self.shift}"
