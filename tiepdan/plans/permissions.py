"""Who may see or change plans and rosters.

Every role of the plan's unit (or of a unit above it: the superior sees its subordinates'
plans, S21) may view; leaders, unit administrators and reception officers may edit. Partner
units (police, Front…) see only the plan tasks assigned to them and report on them. A plan the
user may not see at all is a 404; seeing without the right to act is a 403.
"""

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404

from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.paths import path_chain
from tiepdan.organizations.permissions import (
    INTERNAL_ROLES,
    declare,
    has_permission,
    is_active_user,
    roles_on,
    rule_for,
)
from tiepdan.plans.models import Plan, PlanTask


class PlanAction(StrEnum):
    VIEW = "plan.view"
    EDIT = "plan.edit"


declare(
    "plans",
    {
        # Partners see the tasks of their unit only, not the roster or the results.
        PlanAction.VIEW: (INTERNAL_ROLES, "Xem kế hoạch, lịch trực và kết quả."),
        PlanAction.EDIT: (
            {Role.LEADER, Role.UNIT_ADMIN, Role.RECEPTIONIST},
            "Lập, sửa kế hoạch và lịch trực.",
        ),
    },
)


def can_view_unit_plans(user: User, unit: Unit) -> bool:
    return has_permission(user, PlanAction.VIEW, unit)


def can_edit_unit_plans(user: User, unit: Unit) -> bool:
    return has_permission(user, PlanAction.EDIT, unit)


def _member_below(user: User, unit: Unit) -> bool:
    """A full-view role in a unit below `unit`: subordinates read the plans they implement."""
    return user.memberships.filter(
        unit__path__startswith=unit.path, role__in=rule_for(PlanAction.VIEW).roles
    ).exists()


def can_view_plan(user: User, plan: Plan) -> bool:
    return can_view_unit_plans(user, plan.unit) or (
        is_active_user(user) and _member_below(user, plan.unit)
    )


def can_edit_plan(user: User, plan: Plan) -> bool:
    return can_edit_unit_plans(user, plan.unit)


def can_report_task(user: User, task: PlanTask) -> bool:
    """Editors of the plan, and members of a unit the task is assigned to."""
    if can_edit_plan(user, task.plan):
        return True
    return any(roles_on(user, a.unit) for a in task.assignees.all())


def visible_plans(user: User) -> QuerySet[Plan]:
    """Plans of units in the user's scope, and plans with tasks for a unit in it (partners)."""
    q = org_selectors.scope_q(user, "unit")
    if q is None:
        return Plan.objects.all()
    task_q = org_selectors.scope_q(user, "tasks__assignees__unit") or Q(pk__in=[])
    return Plan.objects.filter(
        pk__in=Plan.objects.filter(q | task_q | _superiors_q(user)).values("pk")
    )


def _superiors_q(user: User) -> Q:
    """Plans of the units above the user's units (the plans their units implement)."""
    paths = user.memberships.filter(role__in=rule_for(PlanAction.VIEW).roles).values_list(
        "unit__path", flat=True
    )
    above: set[str] = set()
    for path in paths:
        above.update(path_chain(path)[:-1])
    return Q(unit__path__in=sorted(above)) if above else Q(pk__in=[])


def plan_get_or_404(user: User, pk: int, *, edit: bool = False, full: bool = True) -> Plan:
    """The plan if the user may see it (else 404); PermissionDenied (403) when `edit` and the
    user may not edit, or when `full` and the user only sees the plan's tasks (partners)."""
    from django.core.exceptions import PermissionDenied

    plan = (
        visible_plans(user)
        .select_related("unit", "parent_plan__unit", "created_by")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if edit and not can_edit_plan(user, plan):
        raise PermissionDenied
    if full and not can_view_plan(user, plan):
        raise PermissionDenied
    return plan


def partner_task_filter(user: User, plan: Plan) -> Q | None:
    """Restricts a partner to the tasks assigned to units in their scope (None: all tasks)."""
    if can_view_plan(user, plan):
        return None
    return org_selectors.scope_q(user, "assignees__unit") or Q(pk__in=[])
