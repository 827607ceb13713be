"""Who may see and submit reports. Visibility (404) first, then the role (403)."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import (
    INTERNAL_ROLES,
    declare,
    has_permission,
    may_anywhere,
)


class ReportAction(StrEnum):
    VIEW = "report.view"
    SUBMIT = "report.submit"


declare(
    "reports",
    {
        ReportAction.VIEW: (INTERNAL_ROLES, "Mọi vai trò trừ cán bộ phối hợp xem báo cáo."),
        # Locking a report and sending it upward is the head's (or the administrator's) act.
        ReportAction.SUBMIT: ({Role.LEADER, Role.UNIT_ADMIN}, "Khóa và gửi báo cáo lên cấp trên."),
    },
)


def menu_entry(user: User, unit: Unit | None) -> bool:
    """As `can_view_any`, from the memberships already read (the menu asks on every page)."""
    return may_anywhere(user, ReportAction.VIEW)


def can_view(user: User, unit: Unit) -> bool:
    return has_permission(user, ReportAction.VIEW, unit)


def can_submit(user: User, unit: Unit) -> bool:
    return has_permission(user, ReportAction.SUBMIT, unit)


def get_report_unit_or_404(user: User, code: str, *, submit: bool = False) -> Unit:
    """The unit of a report: 404 outside the user's units, 403 without the role."""
    unit = org_selectors.unit_get(user, code)
    allowed = can_submit(user, unit) if submit else can_view(user, unit)
    if not allowed:
        raise PermissionDenied
    return unit


def can_view_any(user: User) -> bool:
    """Whether the user may open the reports section at all."""
    return may_anywhere(user, ReportAction.VIEW)
