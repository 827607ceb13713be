"""Choices and audit action codes of plans and duty rosters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Slot(models.TextChoices):
    """Duty slots of a day (S6, S15): office hours and after hours on working days; one
    whole-day duty on weekends, holidays and the Tết break."""

    OFFICE_HOURS = "office_hours", _("Trong giờ hành chính")
    AFTER_HOURS = "after_hours", _("Ngoài giờ hành chính")
    DAY_OFF = "day_off", _("Trực ngày nghỉ")


class ShiftKind(models.TextChoices):
    REGULAR = "regular", _("Tiếp thường xuyên")
    PERIODIC = "periodic", _("Lãnh đạo tiếp định kỳ")


class AssignmentRole(models.TextChoices):
    OFFICER = "officer", _("Cán bộ trực")
    LEADER = "leader", _("Lãnh đạo trực")


class TaskRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COOPERATE = "cooperate", _("Phối hợp")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class RulePeriod(models.TextChoices):
    WEEK = "week", _("tuần")
    MONTH = "month", _("tháng")


PLAN_CREATED = "plan.created"
PLAN_UPDATED = "plan.updated"
PLAN_COPIED = "plan.copied"
PLAN_ISSUED = "plan.issued"
TASK_CREATED = "plan.task_created"
TASK_REPORTED = "plan.task_reported"
LEAVE_CREATED = "plan.leave_created"
ROSTER_GENERATED = "plan.roster_generated"
ROSTER_PUBLISHED = "plan.roster_published"
SHIFT_EDITED = "plan.shift_edited"
SHIFTS_SWAPPED = "plan.shifts_swapped"
SHIFT_NOTICE_SENT = "plan.shift_notice_sent"
