"""Reads of units and users, always scoped to what the user may see."""

import datetime as dt
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tiepdan.organizations import permissions
from tiepdan.organizations.models import Membership, Unit, User

# Any queryset: scoping keeps its type (a custom QuerySet keeps its methods).
_QS = TypeVar("_QS", bound=QuerySet[Any])


def _root_paths(user: User) -> list[str]:
    cache = getattr(user, "_scope_paths", None)
    if cache is None:
        # From the memberships the permission checks read (one query per user object).
        paths = sorted({path for path, _role in permissions.memberships(user)})
        # Drop paths already covered by an ancestor path.
        cache = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        user._scope_paths = cache  # type: ignore[attr-defined]
    return cache


def scope_paths(user: User) -> tuple[str, ...] | None:
    """The paths of the subtrees the user sees (None: everything, for superusers): all that
    `scope_q`'s filter depends on."""
    return None if user.is_superuser else tuple(_root_paths(user))


def paths_q(paths: tuple[str, ...] | None, field: str = "unit") -> Q | None:
    """A filter on `field` (a Unit FK, or "" for Unit itself) keeping rows in the subtrees of
    `paths`: None for everything, one that matches nothing for no paths."""
    if paths is None:
        return None
    prefix = f"{field}__" if field else ""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


def scope_q(user: User, field: str = "unit") -> Q | None:
    """A filter on `field` (a Unit FK, or "" for Unit itself) limiting rows to the user's scope.

    None means "everything" (superusers). An empty scope yields a filter that matches nothing.
    """
    return paths_q(scope_paths(user), field)


def scope_filter(user: User, queryset: _QS, field: str = "unit") -> _QS:
    """Restrict `queryset` to rows whose `field` unit lies in the user's memberships' subtrees."""
    q = scope_q(user, field)
    return queryset if q is None else queryset.filter(q)


def visible_units(user: User) -> QuerySet[Unit]:
    """Units the user may see: their memberships' units and everything below them."""
    return scope_filter(user, Unit.objects.all(), field="")


def in_force_q(day: dt.date) -> Q:
    """Units that exist on `day` (validity dates, not merged away); see Unit.in_force_on."""
    return (
        Q(merged_into__isnull=True)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )


def unit_get(user: User, code: str) -> Unit:
    """A unit by code if visible to the user; otherwise 404 (never reveal that it exists)."""
    try:
        return visible_units(user).select_related("parent", "merged_into").get(code=code)
    except Unit.DoesNotExist as exc:
        raise Http404 from exc


def unit_subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)


def unit_children_list(unit: Unit) -> QuerySet[Unit]:
    return unit.children.order_by("kind", "name")


def user_units(user: User) -> list[Unit]:
    """Units where the user holds a membership, by path (the unit switcher's choices): read
    with the memberships, no query of their own."""
    cache = getattr(user, "_units_held", None)
    if cache is None:
        held = permissions.held(user)
        if user.is_superuser and not held:
            cache = list(Unit.objects.filter(parent__isnull=True).order_by("name"))
        else:
            cache = list({m.unit_id: m.unit for m in held}.values())
        user._units_held = cache  # type: ignore[attr-defined]
    return cache


def unit_lineage_ids(unit: Unit) -> list[int]:
    """The unit and every unit merged into it, recursively: statistics by the new unit."""
    ids = [unit.pk]
    frontier = [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(merged_into__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def user_list(user: User, unit: Unit) -> QuerySet[User]:
    """Users with a membership in `unit`'s subtree."""
    return (
        User.objects.filter(memberships__unit__path__startswith=unit.path)
        .distinct()
        .prefetch_related("memberships__unit")
        .order_by("username")
    )


def subtree_figures(unit: Unit) -> dict[str, int]:
    """Units, partner units and distinct users of the unit's subtree (two queries whatever the
    tree's size), for the home dashboard."""
    units = Unit.objects.filter(path__startswith=unit.path).aggregate(
        total=Count("pk"),
        partners=Count("pk", filter=Q(kind__in=["police", "military", "front", "quarter"])),
    )
    return {
        "units": units["total"],
        "partners": units["partners"],
        "users": Membership.objects.filter(unit__path__startswith=unit.path)
        .values("user")
        .distinct()
        .count(),
    }
