"""The one authorisation API: `has_permission(user, action, unit)`.

Every app declares the actions it guards, with the roles that may perform them, in its own
`permissions.py` through `declare(...)`; the apps' modules are imported when Django starts
(`OrganizationsConfig.ready`), so this registry is the single table of who may do what. The
permission matrix test and `manage.py permission_matrix` are generated from it.

A membership grants its role on its unit and the whole subtree. Visibility (404) is decided by
selectors.scope_filter; the right to act (403) by the registry. An action nobody declared is a
programming error and raises `UndeclaredAction`: it never defaults to "allowed".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from django.db.models import BigIntegerField, QuerySet
from rest_framework.exceptions import PermissionDenied

from tiepdan.core.prepared import PreparedRead, Slot
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Membership, Unit, User
from tiepdan.organizations.paths import path_chain

ALL_ROLES = frozenset(Role)
DESK_ROLES = frozenset(
    {Role.RECEPTIONIST, Role.PROCESSOR, Role.RESOLVER, Role.LEADER, Role.UNIT_ADMIN}
)
# Partners (police, Front…) see only what is routed or assigned to their unit.
INTERNAL_ROLES = ALL_ROLES - {Role.PARTNER}


class UndeclaredAction(LookupError):
    """An action was asked that no app declared (a typo or a missing `declare`)."""


class Scope(StrEnum):
    # On a unit: a role held on the unit or on any unit above it.
    UNIT = "unit"
    # Installation-wide (national lists, the calendar): a role held on a top-level unit.
    INSTALLATION = "installation"


@dataclass(frozen=True)
class Rule:
    action: str
    app: str
    roles: frozenset[str]
    scope: Scope
    why: str


_REGISTRY: dict[str, Rule] = {}


def declare(
    app: str,
    rules: Mapping[str, tuple[Iterable[str], str]],
    *,
    scope: Scope = Scope.UNIT,
) -> None:
    """Declare `app`'s actions: {action: (roles, why)}. Declaring an action twice with other
    roles is refused, so two apps cannot silently disagree on one action."""
    for action, (roles, why) in rules.items():
        rule = Rule(action=str(action), app=app, roles=frozenset(roles), scope=scope, why=why)
        known = _REGISTRY.get(rule.action)
        if known is not None and known != rule:
            raise ValueError(f"Action {rule.action!r} is declared twice with different rules")
        _REGISTRY[rule.action] = rule


def registry() -> Mapping[str, Rule]:
    """Every declared action (read-only)."""
    return MappingProxyType(_REGISTRY)


def rule_for(action: str) -> Rule:
    try:
        return _REGISTRY[str(action)]
    except KeyError:
        raise UndeclaredAction(str(action)) from None


class Action(StrEnum):
    """The actions on units, users and the audit trail (the kernel's own)."""

    UNIT_VIEW = "unit.view"
    UNIT_MANAGE = "unit.manage"
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"


declare(
    "organizations",
    {
        Action.UNIT_VIEW: (ALL_ROLES, "Mọi cán bộ xem đơn vị của mình và cấp dưới."),
        Action.UNIT_MANAGE: ({Role.UNIT_ADMIN}, "Quản trị đơn vị sửa cây đơn vị."),
        Action.USER_MANAGE: ({Role.UNIT_ADMIN}, "Quản trị đơn vị quản lý tài khoản."),
        Action.AUDIT_VIEW: (
            {Role.LEADER, Role.UNIT_ADMIN},
            "Nhật ký thao tác: lãnh đạo và quản trị đơn vị.",
        ),
    },
)


def _memberships_of(key: None, user_id: Slot) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user_id)
        .select_related("unit")
        .order_by("unit__path", "pk")
    )


# Read on every request: compiled once (prepared reads).
_MEMBERSHIPS = PreparedRead(Membership, _memberships_of, [BigIntegerField()])


def held(user: User) -> list[Membership]:
    """The user's memberships with their units, ordered by unit path: one query per user
    object. The permission checks, the scope filters, the sealing rule and the current unit
    all read these, so a page pays for them once. The user object lives for one request
    (loaded from the session each time), so a revoked membership counts on the next one."""
    cache = getattr(user, "_memberships_held", None)
    if cache is None:
        cache = _MEMBERSHIPS.rows(None, user.pk)
        for membership in cache:
            # As `user.memberships` would: the membership's user is this object, not a query.
            Membership.user.field.set_cached_value(membership, user)
        user._memberships_held = cache  # type: ignore[attr-defined]
    return cache


def memberships(user: User) -> list[tuple[str, str]]:
    """(unit path, role) of every membership, read once per user object."""
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        cache = [(m.unit.path, m.role) for m in held(user)]
        user._membership_cache = cache  # type: ignore[attr-defined]
    return cache


def roles_on(user: User, unit: Unit) -> set[str]:
    """Roles the user holds on `unit` through memberships on it or on its ancestors."""
    ancestors = set(path_chain(unit.path))
    return {role for path, role in memberships(user) if path in ancestors}


def roles_anywhere(user: User) -> set[str]:
    """Roles the user holds on any unit."""
    return {role for _path, role in memberships(user)}


def is_active_user(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def has_permission(user: User, action: str, unit: Unit | None = None) -> bool:
    """Whether `user` may perform `action` on `unit` (or installation-wide when unit is None)."""
    rule = rule_for(action)
    if not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    if rule.scope == Scope.INSTALLATION or unit is None:
        # A top-level unit's path has one step ("0000000001/").
        return any(role in rule.roles and path.count("/") == 1 for path, role in memberships(user))
    return bool(roles_on(user, unit) & rule.roles)


def may_anywhere(user: User, action: str) -> bool:
    """Whether `user` may perform `action` on at least one unit (menus, section entrances)."""
    rule = rule_for(action)
    if not is_active_user(user):
        return False
    return user.is_superuser or bool(roles_anywhere(user) & rule.roles)


def require(user: User, action: str, unit: Unit | None = None) -> None:
    """Raise 403 unless `has_permission`; callers have already checked visibility (404)."""
    if not has_permission(user, action, unit):
        raise PermissionDenied()
