"""Who may act on a case (Luật KN Arts 17–21, Luật TC Arts 12–15: the head resolves).

Resolvers and leaders run the steps (verification, dialogue, suspension…); only a leader
decides (the decision or conclusion is the head's act). Visibility is decided by
organizations.selectors.scope_filter (404); the registry decides the right to act (403).
"""

from enum import StrEnum

from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import DESK_ROLES, declare, has_permission


class CaseAction(StrEnum):
    VIEW = "case.view"
    ACT = "case.act"
    DECIDE = "case.decide"


declare(
    "cases",
    {
        CaseAction.VIEW: (DESK_ROLES | {Role.VIEWER}, "Xem hồ sơ vụ việc."),
        CaseAction.ACT: ({Role.RESOLVER, Role.LEADER}, "Các bước giải quyết, xác minh."),
        CaseAction.DECIDE: ({Role.LEADER}, "Thủ trưởng ban hành quyết định, kết luận."),
    },
)


def can(user: User, action: CaseAction, unit: Unit) -> bool:
    return has_permission(user, action, unit)
