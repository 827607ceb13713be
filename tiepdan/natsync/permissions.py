"""Who sees the link's status and acts on it: the unit's leaders and administrators (on the
unit or above it); the code lists are installation-wide, edited by a top-level unit's
administrator. Outside the user's units → 404; inside without the role → 403."""

from django.core.exceptions import PermissionDenied

from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import roles_on

STATUS_ROLES = frozenset({Role.LEADER, Role.UNIT_ADMIN})
SETTING_ROLES = frozenset({Role.UNIT_ADMIN})


def _active(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_view_status(user: User, unit: Unit) -> bool:
    return _active(user) and (user.is_superuser or bool(roles_on(user, unit) & STATUS_ROLES))


def can_change_setting(user: User, unit: Unit) -> bool:
    return _active(user) and (user.is_superuser or bool(roles_on(user, unit) & SETTING_ROLES))


def can_edit_mapping(user: User) -> bool:
    if not _active(user):
        return False
    return (
        user.is_superuser
        or user.memberships.filter(role=Role.UNIT_ADMIN, unit__parent__isnull=True).exists()
    )


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
