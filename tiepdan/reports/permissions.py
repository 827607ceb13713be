"""Who may see and submit reports. Visibility (404) first, then the role (403)."""

from django.core.exceptions import PermissionDenied

from tiepdan.organizations import permissions as org_permissions
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User

VIEW_ROLES = frozenset(Role) - {Role.PARTNER}
SUBMIT_ROLES = frozenset({Role.LEADER, Role.UNIT_ADMIN})


def menu_entry(user: User, unit: Unit | None) -> bool:
    """As `can_view_any`, from the memberships already read (the menu asks on every page)."""
    return user.is_superuser or bool(org_permissions.roles_anywhere(user) - {Role.PARTNER})


def can_view(user: User, unit: Unit) -> bool:
    """Every role but partner sees the reports of its units."""
    if user.is_superuser:
        return True
    return bool(org_permissions.roles_on(user, unit) & VIEW_ROLES)


def can_submit(user: User, unit: Unit) -> bool:
    """Leaders and unit administrators lock (submit) a report and send it upward."""
    if user.is_superuser:
        return True
    return bool(org_permissions.roles_on(user, unit) & SUBMIT_ROLES)


def get_report_unit_or_404(user: User, code: str, *, submit: bool = False) -> Unit:
    """The unit of a report: 404 outside the user's units, 403 without the role."""
    unit = org_selectors.unit_get(user, code)
    allowed = can_submit(user, unit) if submit else can_view(user, unit)
    if not allowed:
        raise PermissionDenied
    return unit


def can_view_any(user: User) -> bool:
    """Whether the user may open the reports section at all."""
    if user.is_superuser:
        return True
    return user.memberships.exclude(role=Role.PARTNER).exists()
