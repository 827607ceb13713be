"""Reads of plans, rosters, compliance, results and schedules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from tiepdan.organizations.models import User
from tiepdan.organizations.paths import path_chain
from tiepdan.petitions.models import Petition
from tiepdan.plans import compliance, roster
from tiepdan.plans.constants import AssignmentRole, PlanStatus, ShiftKind, TaskStatus
from tiepdan.plans.models import (
    Leave,
    PeriodicRule,
    Plan,
    PlanTask,
    Shift,
    ShiftAssignment,
)
from tiepdan.plans.permissions import partner_task_filter, visible_plans
from tiepdan.reception.models import ReceptionVenue, ReceptionVisit
from tiepdan.workcalendar import lunar
from tiepdan.workcalendar import selectors as calendar_selectors

if TYPE_CHECKING:
    from tiepdan.organizations.models import Unit, User


# -- plans --------------------------------------------------------------------------------


def plan_list(user: User, unit: Unit | None = None) -> QuerySet[Plan]:
    """Plans the user may see (optionally of `unit`'s subtree) with counts for the list page."""
    qs = visible_plans(user).select_related("unit", "parent_plan")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.annotate(
        task_count=Count("tasks", distinct=True),
        shift_count=Count("shifts", distinct=True),
    ).order_by("-starts_on", "-pk")


def plan_tasks(user: User, plan: Plan) -> QuerySet[PlanTask]:
    qs = plan.tasks.prefetch_related("assignees__unit", "reports__author", "reports__unit")
    restrict = partner_task_filter(user, plan)
    return qs.filter(restrict).distinct() if restrict is not None else qs


def parent_plan_choices(user: User, unit: Unit) -> QuerySet[Plan]:
    """Plans of the unit's superiors that the user may see (a plan implements one of them)."""
    above = path_chain(unit.path)[:-1]
    return visible_plans(user).filter(unit__path__in=above).select_related("unit")


def copy_source_choices(user: User, unit: Unit) -> QuerySet[Plan]:
    """The unit's own earlier plans and its superiors' plans."""
    return (
        (visible_plans(user).filter(unit=unit) | parent_plan_choices(user, unit))
        .select_related("unit")
        .order_by("-starts_on")
    )


# -- calendar and rules -------------------------------------------------------------------


def plan_days(first: date, last: date) -> list[roster.Day]:
    """The days of [first, last] with working flag, holiday name and Tết flag."""
    calendar = calendar_selectors.working_calendar()
    tet: list[tuple[date, date]] = []
    for year in range(first.year, last.year + 1):
        span = lunar.tet_break(year, calendar.is_working_day)
        if span:
            tet.append(span)
    out = []
    day = first
    while day <= last:
        out.append(
            roster.Day(
                date=day,
                working=calendar.is_working_day(day),
                name=calendar.names.get(day, ""),
                tet=any(a <= day <= b for a, b in tet),
            )
        )
        day += timedelta(days=1)
    return out


def tet_break_in(first: date, last: date) -> tuple[date, date] | None:
    """The Tết break overlapping [first, last], if any (drives the default phases)."""
    calendar = calendar_selectors.working_calendar()
    for year in range(first.year, last.year + 1):
        span = lunar.tet_break(year, calendar.is_working_day)
        if span and span[0] <= last and span[1] >= first:
            return span
    return None


def rule_specs(unit_kind: str) -> list[compliance.RuleSpec]:
    """Rule versions of the periodic reception minimum that apply to a kind of unit."""
    return [
        compliance.RuleSpec(
            code=r.code,
            title=r.title,
            period=r.period,
            min_days=r.min_days,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            legal_basis=r.legal_basis,
        )
        for r in PeriodicRule.objects.all()
        if unit_kind in r.unit_kinds
    ]


def plan_windows(plan: Plan) -> list[compliance.Window]:
    calendar = calendar_selectors.working_calendar()
    return compliance.windows(
        first=plan.starts_on,
        last=plan.ends_on,
        rules=rule_specs(plan.unit.kind),
        is_working_day=calendar.is_working_day,
    )


def leave_days(users: Iterable[User], first: date, last: date) -> dict[str, frozenset[date]]:
    """Days of leave of each user within [first, last], by username."""
    out: dict[str, set[date]] = defaultdict(set)
    rows = Leave.objects.filter(
        user__in=list(users), starts_on__lte=last, ends_on__gte=first
    ).values_list("user__username", "starts_on", "ends_on")
    for username, start, end in rows:
        day = max(start, first)
        while day <= min(end, last):
            out[username].add(day)
            day += timedelta(days=1)
    return {k: frozenset(v) for k, v in out.items()}


def busy_slots(
    users: Iterable[User], first: date, last: date, *, exclude_plan: Plan | None = None
) -> frozenset[tuple[str, date, str]]:
    """(username, date, slot) already held on other plans' rosters."""
    qs = ShiftAssignment.objects.filter(user__in=list(users), date__gte=first, date__lte=last)
    if exclude_plan is not None:
        qs = qs.exclude(shift__plan=exclude_plan)
    return frozenset(qs.values_list("user__username", "date", "slot"))


def leave_list(user: User, unit: Unit) -> QuerySet[Leave]:
    return (
        Leave.objects.filter(user__memberships__unit__path__startswith=unit.path)
        .select_related("user")
        .distinct()
        .order_by("-starts_on")
    )


# -- roster -------------------------------------------------------------------------------


def roster_shifts(plan: Plan) -> QuerySet[Shift]:
    return plan.shifts.prefetch_related(
        Prefetch(
            "assignments",
            queryset=ShiftAssignment.objects.select_related("user").order_by("role", "pk"),
        )
    ).order_by("date", "slot")


@dataclass
class ShiftRow:
    shift: Shift
    officers: list[User]
    leader: User | None

    @property
    def date(self) -> date:
        return self.shift.date


def roster_rows(plan: Plan) -> list[ShiftRow]:
    rows = []
    for shift in roster_shifts(plan):
        officers = [a.user for a in shift.assignments.all() if a.role == AssignmentRole.OFFICER]
        leaders = [a.user for a in shift.assignments.all() if a.role == AssignmentRole.LEADER]
        rows.append(ShiftRow(shift, officers, leaders[0] if leaders else None))
    order = {"office_hours": 0, "after_hours": 1, "day_off": 2}
    rows.sort(key=lambda r: (r.shift.date, order[r.shift.slot]))
    return rows


def roster_plans(rows: list[ShiftRow]) -> list[roster.ShiftPlan]:
    return [
        roster.ShiftPlan(
            date=r.shift.date,
            slot=r.shift.slot,
            kind=r.shift.kind,
            officers=tuple(u.username for u in r.officers),
            leader=r.leader.username if r.leader else None,
        )
        for r in rows
    ]


def roster_compliance(
    plan: Plan, rows: list[ShiftRow] | None = None, *, today: date | None = None
) -> list[compliance.ComplianceRow]:
    """What the law requires in the plan period, and what the roster schedules."""
    rows = roster_rows(plan) if rows is None else rows
    head = plan.roster_leaders[0] if plan.roster_leaders else None
    sessions = [
        r.shift.date
        for r in rows
        if r.shift.kind == ShiftKind.PERIODIC
        and r.leader is not None
        and (head is None or r.leader.username == head)
    ]
    # Online periodic sessions held by the head count where the online rule says so.
    from tiepdan.reception.selectors import online_periodic_days

    online_days = online_periodic_days(
        plan.unit, first=plan.starts_on, last=plan.ends_on, chair_username=head
    )
    out = compliance.periodic_rows(plan_windows(plan), [*sessions, *online_days])
    publication = compliance.publication_row(
        [(d, calendar_selectors.latest_publication_date(session_date=d)) for d in sessions],
        published_on=plan.roster_published_on,
        today=today or timezone.localdate(),
    )
    if publication is not None:
        out.append(publication)
    return out


def roster_report(plan: Plan, rows: list[ShiftRow] | None = None) -> dict:
    rows = roster_rows(plan) if rows is None else rows
    report = roster.report_from_shifts(roster_plans(rows), plan_days(plan.starts_on, plan.ends_on))
    names = {u.username: u.display_name for r in rows for u in [*r.officers, r.leader] if u}
    for person in report["people"]:
        person["name"] = names.get(person["username"], person["username"])
    return report


def roster_by_day(plan: Plan, rows: list[ShiftRow]) -> list[dict]:
    """The roster grouped by day, with the day's phase and holiday name (the printed table)."""
    days = {d.date: d for d in plan_days(plan.starts_on, plan.ends_on)}
    phases = list(plan.phases.all())
    grouped: dict[date, list[ShiftRow]] = defaultdict(list)
    for r in rows:
        grouped[r.shift.date].append(r)
    out = []
    for day, info in days.items():
        phase = next((p.name for p in phases if p.starts_on <= day <= p.ends_on), "")
        shifts = grouped.get(day, [])
        out.append(
            {
                "date": day,
                "day": info,
                "phase": phase,
                "shifts": shifts,
                "leader": next((s.leader for s in shifts if s.leader), None),
            }
        )
    return out


def eligible_people(unit: Unit) -> QuerySet[User]:
    """Users with a role in the unit or a unit under it who can be put on its duty: province
    staff are not the ward's duty officers."""
    return (
        User.objects.filter(is_active=True)
        .filter(memberships__unit__path__startswith=unit.path)
        .distinct()
        .order_by("full_name", "username")
    )


def my_shifts(user: User, *, since: date | None = None) -> QuerySet[ShiftAssignment]:
    since = since or timezone.localdate()
    return (
        ShiftAssignment.objects.filter(user=user, date__gte=since)
        .select_related("shift__plan__unit")
        .order_by("date", "slot")
    )


# -- public schedule ----------------------------------------------------------------------


def public_schedule(unit: Unit, *, since: date | None = None, days: int = 60) -> dict:
    """What citizens see without login: venues, hours, the leaders' reception days and the
    duty days of issued plans whose roster has been published (Luật TCD Art 24)."""
    since = since or timezone.localdate()
    until = since + timedelta(days=days)
    plans = Plan.objects.filter(
        unit=unit, roster_published_on__isnull=False, ends_on__gte=since, starts_on__lte=until
    )
    leaders = (
        ShiftAssignment.objects.filter(
            shift__plan__in=plans,
            role=AssignmentRole.LEADER,
            shift__kind=ShiftKind.PERIODIC,
            date__gte=since,
            date__lte=until,
        )
        .select_related("user", "shift__plan")
        .order_by("date")
    )
    duty = (
        Shift.objects.filter(plan__in=plans, date__gte=since, date__lte=until)
        .exclude(slot="office_hours")
        .order_by("date", "slot")
    )
    return {
        "venues": list(ReceptionVenue.objects.filter(unit=unit, is_active=True)),
        "online": _public_online_sessions(unit, since, until),
        "periodic": list(leaders),
        "duty": list(duty),
        "plans": list(plans.order_by("starts_on")),
        "times": roster.SLOT_TIMES,
    }


def _public_online_sessions(unit: Unit, since: date, until: date) -> list:
    """Online reception sessions announced by the unit, with their points (NĐ 154/2026 Arts
    16–24): where citizens may attend, never the conference link itself."""
    from django.db.models import Prefetch

    from tiepdan.reception.models import OnlinePoint, ReceptionSession

    return list(
        ReceptionSession.objects.filter(
            unit=unit, channel="online", date__gte=since, date__lte=until
        )
        .exclude(status="cancelled")
        .select_related("chair")
        .prefetch_related(
            Prefetch(
                "points", queryset=OnlinePoint.objects.select_related("unit").order_by("kind", "pk")
            )
        )
        .order_by("date", "start_time", "pk")
    )


# -- results ------------------------------------------------------------------------------


# Figures of a period that the apps above plans contribute (monitoring: its alerts), so plans
# reads no table of theirs: f(subtree path, start, end) -> {"alerts", "open", "mass"}.
PeriodFigures = Callable[[str, datetime, datetime], dict[str, int]]
_period_figures: list[PeriodFigures] = []


def register_period_figures(figures: PeriodFigures) -> None:
    _period_figures.append(figures)


def plan_results(plan: Plan) -> dict:
    """What happened during the period in the unit's subtree, aggregated in SQL."""
    subtree = {"unit__path__startswith": plan.unit.path}
    tz = timezone.get_current_timezone()
    start = datetime.combine(plan.starts_on, time.min, tzinfo=tz)
    end = datetime.combine(plan.ends_on + timedelta(days=1), time.min, tzinfo=tz)
    visits = ReceptionVisit.objects.filter(**subtree, received_at__gte=start, received_at__lt=end)
    v = visits.aggregate(
        visits=Count("pk"),
        people=Sum("people_count"),
        groups=Count("pk", filter=Q(is_mass_group=True)),
        group_people=Sum("people_count", filter=Q(is_mass_group=True)),
    )
    by_handling = dict(
        visits.values_list("handling").annotate(n=Count("pk")).values_list("handling", "n")
    )
    petitions = Petition.objects.filter(
        **subtree, received_on__gte=plan.starts_on, received_on__lte=plan.ends_on
    )
    by_type = dict(
        petitions.values_list("petition_type")
        .annotate(n=Count("pk"))
        .values_list("petition_type", "n")
    )
    a = {"alerts": 0, "open": 0, "mass": 0}
    for figures in _period_figures:
        a.update(figures(plan.unit.path, start, end))
    t = plan.tasks.aggregate(tasks=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)))
    s = plan.shifts.aggregate(
        shifts=Count("pk"), periodic=Count("pk", filter=Q(kind=ShiftKind.PERIODIC))
    )
    return {
        "visits": v["visits"],
        "people": v["people"] or 0,
        "groups": v["groups"],
        "group_people": v["group_people"] or 0,
        "by_handling": by_handling,
        "petitions": sum(by_type.values()),
        "by_type": by_type,
        "alerts": a["alerts"],
        "alerts_open": a["open"],
        "alerts_mass": a["mass"],
        "tasks": t["tasks"],
        "tasks_done": t["done"],
        "shifts": s["shifts"],
        "periodic_sessions": s["periodic"],
    }


def issued(plan: Plan) -> bool:
    return plan.status == PlanStatus.ISSUED


def swap_choices(
    plan: Plan, shift: Shift
) -> tuple[QuerySet[ShiftAssignment], QuerySet[ShiftAssignment]]:
    """The places on this shift, and those on the plan's other shifts, to exchange."""
    mine = ShiftAssignment.objects.filter(shift=shift).select_related("user")
    others = (
        ShiftAssignment.objects.filter(shift__plan=plan)
        .exclude(shift=shift)
        .select_related("user")
        .order_by("date", "slot")
    )
    return mine, others
