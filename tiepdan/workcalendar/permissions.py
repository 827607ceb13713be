"""Who may change the working calendar and read time limits (the one permission registry)."""

from enum import StrEnum

from tiepdan.organizations.constants import Role
from tiepdan.organizations.permissions import ALL_ROLES, Scope, declare


class CalendarAction(StrEnum):
    EDIT = "calendar.edit"
    DEADLINE_VIEW = "deadline.view"


# The working calendar is national: only administrators of a top-level unit edit it.
declare(
    "workcalendar",
    {CalendarAction.EDIT: ({Role.UNIT_ADMIN}, "Lịch làm việc dùng chung toàn hệ thống.")},
    scope=Scope.INSTALLATION,
)
declare(
    "workcalendar",
    {CalendarAction.DEADLINE_VIEW: (ALL_ROLES, "Mọi cán bộ xem thời hạn của đơn vị mình.")},
)
