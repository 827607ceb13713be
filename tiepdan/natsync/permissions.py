"""Who sees the link's status and acts on it: the unit's leaders and administrators (on the
unit or above it); the code lists are installation-wide, edited by a top-level unit's
administrator. Outside the user's units → 404; inside without the role → 403."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import Scope, declare, has_permission, rule_for


class SyncAction(StrEnum):
    STATUS_VIEW = "natsync.status"
    SETTING_CHANGE = "natsync.setting"
    MAPPING_EDIT = "natsync.mapping"


declare(
    "natsync",
    {
        SyncAction.STATUS_VIEW: (
            {Role.LEADER, Role.UNIT_ADMIN},
            "Xem tình trạng đồng bộ Cơ sở dữ liệu quốc gia.",
        ),
        SyncAction.SETTING_CHANGE: ({Role.UNIT_ADMIN}, "Đổi cấu hình đồng bộ của đơn vị."),
    },
)
# The code lists are national: edited by an administrator of a top-level unit.
declare(
    "natsync",
    {SyncAction.MAPPING_EDIT: ({Role.UNIT_ADMIN}, "Bảng ánh xạ danh mục dùng chung.")},
    scope=Scope.INSTALLATION,
)


def can_view_status(user: User, unit: Unit) -> bool:
    return has_permission(user, SyncAction.STATUS_VIEW, unit)


def can_change_setting(user: User, unit: Unit) -> bool:
    return has_permission(user, SyncAction.SETTING_CHANGE, unit)


def can_edit_mapping(user: User) -> bool:
    return has_permission(user, SyncAction.MAPPING_EDIT)


def status_roles() -> frozenset[str]:
    """The roles that see the link's status, for queries over the memberships."""
    return rule_for(SyncAction.STATUS_VIEW).roles


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
