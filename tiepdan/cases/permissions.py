"""Who may act on a case (Luật KN Arts 17–21, Luật TC Arts 12–15: the head resolves).

Resolvers and leaders run the steps (verification, dialogue, suspension…); only a leader
decides (the decision or conclusion is the head's act). Visibility is decided by
organizations.selectors.scope_filter (404); these predicates decide the right to act (403).
"""

from enum import StrEnum

from tiepdan.organizations import permissions as org_permissions
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User


class CaseAction(StrEnum):
    VIEW = "case.view"
    ACT = "case.act"
    DECIDE = "case.decide"


ROLES_FOR = {
    CaseAction.ACT: frozenset({Role.RESOLVER, Role.LEADER}),
    CaseAction.DECIDE: frozenset({Role.LEADER}),
}


def can(user: User, action: CaseAction, unit: Unit) -> bool:
    if action == CaseAction.VIEW:
        return org_permissions.has_permission(user, org_permissions.Action.CASE_VIEW, unit)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(org_permissions.roles_on(user, unit) & ROLES_FOR[action])
