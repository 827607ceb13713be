"""The one authorisation API: `has_permission(user, action, unit)`.

A membership grants its role on its unit and the whole subtree. Visibility (404) is decided by
selectors.scope_filter; the right to act (403) by the role table below.
"""

from enum import StrEnum

from rest_framework.exceptions import PermissionDenied

from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User


class Action(StrEnum):
    UNIT_VIEW = "unit.view"
    UNIT_MANAGE = "unit.manage"
    USER_MANAGE = "user.manage"
    CITIZEN_VIEW = "citizen.view"
    CITIZEN_EDIT = "citizen.edit"
    CITIZEN_MERGE = "citizen.merge"
    CALENDAR_EDIT = "calendar.edit"
    DEADLINE_VIEW = "deadline.view"
    AUDIT_VIEW = "audit.view"
    VISIT_RECORD = "visit.record"
    VISIT_VIEW = "visit.view"
    SESSION_MANAGE = "session.manage"
    ALERT_VIEW = "alert.view"
    PETITION_VIEW = "petition.view"
    PETITION_RECEIVE = "petition.receive"
    PETITION_PROCESS = "petition.process"
    PETITION_DECIDE = "petition.decide"
    CASE_VIEW = "case.view"


_ALL = frozenset(Role)
_DESK = frozenset({Role.RECEPTIONIST, Role.PROCESSOR, Role.RESOLVER, Role.LEADER, Role.UNIT_ADMIN})

ROLES_FOR: dict[Action, frozenset[str]] = {
    Action.UNIT_VIEW: _ALL,
    Action.UNIT_MANAGE: frozenset({Role.UNIT_ADMIN}),
    Action.USER_MANAGE: frozenset({Role.UNIT_ADMIN}),
    # Partners (police, Front…) see no personal data of citizens unless granted otherwise.
    Action.CITIZEN_VIEW: _DESK | {Role.VIEWER},
    Action.CITIZEN_EDIT: _DESK,
    Action.CITIZEN_MERGE: frozenset({Role.PROCESSOR, Role.LEADER, Role.UNIT_ADMIN}),
    # The working calendar is national: only administrators of a top-level unit edit it.
    Action.CALENDAR_EDIT: frozenset({Role.UNIT_ADMIN}),
    Action.DEADLINE_VIEW: _ALL,
    Action.AUDIT_VIEW: frozenset({Role.LEADER, Role.UNIT_ADMIN}),
    Action.VISIT_RECORD: frozenset({Role.RECEPTIONIST, Role.PROCESSOR, Role.LEADER}),
    Action.VISIT_VIEW: _DESK | {Role.VIEWER},
    Action.SESSION_MANAGE: frozenset({Role.RECEPTIONIST, Role.LEADER, Role.UNIT_ADMIN}),
    # Partners (police, Front) receive alerts routed to them; the rest sees alerts of its tree.
    Action.ALERT_VIEW: _ALL,
    Action.PETITION_VIEW: _DESK | {Role.VIEWER},
    Action.PETITION_RECEIVE: frozenset({Role.RECEPTIONIST, Role.PROCESSOR, Role.LEADER}),
    # Classify, propose, acknowledge transfers, record replies: the processing officers.
    Action.PETITION_PROCESS: frozenset({Role.PROCESSOR, Role.LEADER}),
    # The outcome is the head's decision (he or she signs the document it produces).
    Action.PETITION_DECIDE: frozenset({Role.LEADER}),
    Action.CASE_VIEW: _DESK | {Role.VIEWER},
}

# Actions whose scope is the whole installation rather than one unit.
_GLOBAL_ACTIONS = frozenset({Action.CALENDAR_EDIT})


def _ancestor_paths(unit: Unit) -> list[str]:
    parts = [p for p in unit.path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def memberships(user: User) -> list[tuple[str, str]]:
    """(unit path, role) of every membership, read once per user object."""
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        cache = list(user.memberships.select_related("unit").values_list("unit__path", "role"))
        user._membership_cache = cache  # type: ignore[attr-defined]
    return cache


def roles_on(user: User, unit: Unit) -> set[str]:
    """Roles the user holds on `unit` through memberships on it or on its ancestors."""
    ancestors = set(_ancestor_paths(unit))
    return {role for path, role in memberships(user) if path in ancestors}


def roles_anywhere(user: User) -> set[str]:
    """Roles the user holds on any unit."""
    return {role for _path, role in memberships(user)}


def has_permission(user: User, action: Action, unit: Unit | None = None) -> bool:
    """Whether `user` may perform `action` on `unit` (or installation-wide when unit is None)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    allowed = ROLES_FOR[action]
    if action in _GLOBAL_ACTIONS or unit is None:
        return user.memberships.filter(role__in=allowed, unit__parent__isnull=True).exists()
    return bool(roles_on(user, unit) & allowed)


def require(user: User, action: Action, unit: Unit | None = None) -> None:
    """Raise 403 unless `has_permission`; callers have already checked visibility (404)."""
    if not has_permission(user, action, unit):
        raise PermissionDenied()
