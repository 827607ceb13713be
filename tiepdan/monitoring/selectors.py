"""Reads of monitoring: alerts (the unit's own, its subtree's, those routed to the user's
units), hotspots, thresholds, the leaders to tell, the dashboard and the bulletin's figures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from tiepdan.monitoring import dashboard_figures, forecast, scoring, signals
from tiepdan.monitoring.models import (
    Alert,
    AlertAction,
    AlertKind,
    AlertStatus,
    Bulletin,
    Hotspot,
    SituationNote,
    Thresholds,
)
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.constants import PARTNER_KINDS, Role
from tiepdan.organizations.models import Membership, Unit, User
from tiepdan.organizations.paths import id_chain, path_chain
from tiepdan.petitions.models import Petition
from tiepdan.plans.constants import AssignmentRole
from tiepdan.plans.models import Plan, ShiftAssignment
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.models import Clock


def alert_list(
    user: User, unit: Unit | None = None, *, status: str = "", kind: str = ""
) -> QuerySet[Alert]:
    """Alerts the user may see, optionally those raised in `unit`'s subtree or routed into it."""
    own = org_selectors.scope_q(user, "unit")
    routed = org_selectors.scope_q(user, "routed_to")
    qs = Alert.objects.all()
    if own is not None:
        # scope_q is None only for a user who sees everything: never for one side alone.
        visible_ids = Alert.objects.filter(own if routed is None else own | routed).values("pk")
        qs = qs.filter(pk__in=visible_ids)
    if unit is not None:
        in_unit = Alert.objects.filter(
            Q(unit__path__startswith=unit.path) | Q(routed_to__path__startswith=unit.path)
        )
        qs = qs.filter(pk__in=in_unit.values("pk"))
    if status == "active":
        qs = qs.filter(status__in=AlertStatus.active())
    elif status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("unit", "assigned_to")
        .prefetch_related("routed_to")
        .order_by("-created_at", "-pk")
    )


def alert_detail(alert: Alert) -> Alert:
    return (
        Alert.objects.select_related(
            "unit", "assigned_to", "acknowledged_by", "closed_by", "hotspot"
        )
        .prefetch_related(
            "routed_to",
            "notify_users",
            Prefetch("actions", AlertAction.objects.select_related("actor", "assignee")),
        )
        .get(pk=alert.pk)
    )


def hotspot_list(user: User, unit: Unit) -> QuerySet[Hotspot]:
    """Hotspot candidates of `unit`'s subtree found by the last scan, ranked by risk."""
    qs = org_selectors.scope_filter(user, Hotspot.objects.all(), field="unit")
    return (
        qs.filter(unit__path__startswith=unit.path, score__gt=0)
        .select_related("unit")
        .order_by("-score", "-last_activity_on", "pk")
    )


def note_list(user: User, unit: Unit) -> QuerySet[SituationNote]:
    """Notes about `unit`'s subtree, and the notes the user's units wrote (partners)."""
    about = org_selectors.scope_q(user, "unit")
    wrote = org_selectors.scope_q(user, "author_unit")
    qs = SituationNote.objects.all()
    if about is not None:
        qs = qs.filter(about if wrote is None else about | wrote)
    return (
        qs.filter(Q(unit__path__startswith=unit.path) | Q(author_unit__path__startswith=unit.path))
        .select_related("unit", "author_unit", "author", "alert")
        .order_by("-observed_on", "-pk")
    )


def note_units(unit: Unit | None) -> QuerySet[Unit]:
    """Units a note written in `unit` may be about: the unit, its subtree and the units above
    it (never a partner unit)."""
    if unit is None:
        return Unit.objects.none()
    ids = set(
        Unit.objects.filter(path__in=path_chain(unit.path)).values_list("pk", flat=True)
    ) | set(org_selectors.unit_subtree(unit).values_list("pk", flat=True))
    return Unit.objects.filter(pk__in=ids).exclude(kind__in=PARTNER_KINDS).order_by("path")


# -- thresholds ------------------------------------------------------------------------------

LIMIT_FIELDS = list(scoring.Limits.__dataclass_fields__)


def _limits_of(row: Thresholds | None) -> scoring.Limits:
    if row is None:
        return scoring.Limits()
    return scoring.Limits(**{f: getattr(row, f) for f in LIMIT_FIELDS})


def thresholds_row(unit: Unit) -> Thresholds | None:
    """The nearest row at or above `unit`."""
    return (
        Thresholds.objects.filter(unit__path__in=path_chain(unit.path))
        .order_by("-unit__depth")
        .first()
    )


def limits_for(unit: Unit) -> scoring.Limits:
    return _limits_of(thresholds_row(unit))


class LimitsResolver:
    """Limits of every unit of a subtree from one query (the scan)."""

    def __init__(self, root: Unit) -> None:
        rows = Thresholds.objects.filter(
            Q(unit__path__in=path_chain(root.path)) | Q(unit__path__startswith=root.path)
        ).select_related("unit")
        self._by_path = {r.unit.path: _limits_of(r) for r in rows}
        self._paths = dict(
            Unit.objects.filter(path__startswith=root.path).values_list("pk", "path")
        )
        self._found: dict[int, scoring.Limits] = {}

    def all(self) -> list[scoring.Limits]:
        return [*self._by_path.values(), scoring.Limits()]

    def minimum(self, name: str) -> int:
        return min(getattr(limit, name) for limit in self.all())

    def for_unit(self, unit_id: int) -> scoring.Limits:
        # Asked for each of a scan's tens of thousands of candidates: found once per unit.
        if unit_id not in self._found:
            self._found[unit_id] = self._find(unit_id)
        return self._found[unit_id]

    def _find(self, unit_id: int) -> scoring.Limits:
        path = self._paths.get(unit_id, "")
        best: tuple[int, scoring.Limits] | None = None
        for p, limits in self._by_path.items():
            if path.startswith(p) and (best is None or len(p) > best[0]):
                best = (len(p), limits)
        return best[1] if best else scoring.Limits()


# -- whom to tell ----------------------------------------------------------------------------


def leaders_on_duty(unit: Unit, day: date) -> list[User]:
    """The leader(s) on duty at `unit` on `day` from the published duty roster of the plans app
    (seed 000 §III.1: leaders assign duty; S5, S11), or the unit's leaders when no roster covers
    the day; for a unit without leaders (a partner, a quarter), the nearest unit above."""
    return leaders_on_duty_of([unit], day)[unit.pk]


def leaders_on_duty_of(units: Iterable[Unit], day: date) -> dict[int, list[User]]:
    """`leaders_on_duty` of each of `units` (unit id → its leaders, by id), in three queries
    whatever their number: a first hotspot scan tells the leaders of a hundred units, which
    one by one took five queries each. Each unit's chain upwards is read off its path."""
    chains = {u.pk: _chain_upwards(u) for u in units}
    levels = {pk for chain in chains.values() for pk in chain}
    on_duty: dict[int, set[int]] = {}
    for unit_id, user_id in ShiftAssignment.objects.filter(
        shift__plan__unit__in=levels, date=day, role=AssignmentRole.LEADER, user__is_active=True
    ).values_list("shift__plan__unit_id", "user_id"):
        on_duty.setdefault(unit_id, set()).add(user_id)
    members: dict[int, set[int]] = {}
    for unit_id, user_id in Membership.objects.filter(
        unit__in=levels, role=Role.LEADER, user__is_active=True
    ).values_list("unit_id", "user_id"):
        members.setdefault(unit_id, set()).add(user_id)
    chosen: dict[int, list[int]] = {}
    for pk, chain in chains.items():
        # The roster first, then the unit's leaders; else the same one level up.
        found = next(
            (on_duty.get(u) or members[u] for u in chain if u in on_duty or u in members), set()
        )
        chosen[pk] = sorted(found)
    users = User.objects.in_bulk({i for ids in chosen.values() for i in ids})
    return {pk: [users[i] for i in ids] for pk, ids in chosen.items()}


def _chain_upwards(unit: Unit) -> list[int]:
    """The unit's id and its ancestors', nearest first, from its materialised path."""
    return [unit.pk, *(pk for pk in reversed(id_chain(unit.path)) if pk != unit.pk)]


# -- dashboard ---------------------------------------------------------------------------------


def current_plan(unit: Unit, day: date):
    """The reception plan in force on `day` for the unit or a unit above it (plans app)."""
    return (
        Plan.objects.filter(
            unit__path__in=path_chain(unit.path), starts_on__lte=day, ends_on__gte=day
        )
        .order_by("-unit__depth", "-status", "-starts_on")
        .first()
    )


def period_figures(unit: Unit, first: date, last: date) -> dict:
    visits = signals._visits(unit, first, last).aggregate(
        visits=Count("pk"),
        people=Sum("people_count"),
        groups=Count("pk", filter=Q(is_mass_group=True)),
        repeat=Count("pk", filter=Q(is_repeat=True)),
    )
    petitions = Petition.objects.filter(
        unit__path__startswith=unit.path, received_on__gte=first, received_on__lte=last
    ).count()
    start, end = signals.bounds(first, last)
    alerts = Alert.objects.filter(
        unit__path__startswith=unit.path, created_at__gte=start, created_at__lt=end
    ).aggregate(new=Count("pk"), escalations=Count("pk", filter=Q(kind=AlertKind.ESCALATION)))
    return {
        "visits": visits["visits"],
        "people": visits["people"] or 0,
        "groups": visits["groups"],
        "repeat": visits["repeat"],
        "petitions": petitions,
        "new_alerts": alerts["new"],
        "escalations": alerts["escalations"],
    }


def alert_figures(path: str, start: datetime, end: datetime) -> dict[str, int]:
    """Alerts raised in a subtree during [start, end): all, still open, mass groups (a plan's
    results, registered with plans)."""
    return Alert.objects.filter(
        unit__path__startswith=path, created_at__gte=start, created_at__lt=end
    ).aggregate(
        alerts=Count("pk"),
        open=Count("pk", filter=Q(status="open")),
        mass=Count("pk", filter=Q(kind="mass_group")),
    )


def open_alert_count(user: User, unit: Unit) -> int:
    return alert_list(user, unit, status="active").count()


def clock_figures(user: User, unit: Unit, today: date) -> dict:
    return {
        "overdue": calendar_selectors.clock_overdue_list(user=user, on=today, unit=unit).count(),
        "due_soon": calendar_selectors.clock_due_within_list(
            user=user, working_days=3, on=today, unit=unit
        ).count(),
    }


# The dashboard's two reads that grow with a year of a province's visits (the forecast's
# daily history, the place grid of 30 days) are kept this long per unit and day: a visit entered
# late for an earlier day shows in them within minutes; today's figures are always read live.
DASHBOARD_CACHE_SECONDS = 300


def _cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, DASHBOARD_CACHE_SECONDS)
    return value


def dashboard(user: User, unit: Unit, today: date | None = None) -> dict:
    """Everything the dashboard shows, each figure one aggregate query."""
    today = today or timezone.localdate()
    plan = current_plan(unit, today)
    history_first = today - timedelta(days=29)
    daily = dashboard_figures.daily_figures(unit, history_first, today)
    series = [
        (history_first + timedelta(days=i), daily.get(history_first + timedelta(days=i), {}))
        for i in range(30)
    ]
    # One read of the history serves the forecast (730 days) and its backtest (400 days).
    history = _cached(
        f"monitoring:history:{unit.pk}:{today.isoformat()}",
        lambda: dashboard_figures.daily_visits(
            unit, today - timedelta(days=730), today - timedelta(days=1)
        ),
    )
    ahead = forecast.forecast_visits(
        unit, today + timedelta(days=1), today + timedelta(days=14), today=today, history=history
    )
    cal = forecast.calendar_info()
    recent_first = today - timedelta(days=400)
    backtest = forecast.backtest(
        {d: n for d, n in history.items() if d >= recent_first}, today, cal, weeks=6
    )
    grid, grid_labels = _cached(
        f"monitoring:grid:{unit.pk}:{today.isoformat()}",
        lambda: dashboard_figures.place_grid_labels(unit, today - timedelta(days=29), today),
    )
    return {
        "today": today,
        "today_figures": period_figures(unit, today, today),
        "plan": plan,
        "plan_figures": period_figures(unit, plan.starts_on, min(plan.ends_on, today))
        if plan
        else None,
        "open_alerts": open_alert_count(user, unit),
        "clocks": clock_figures(user, unit, today),
        "hotspots": list(hotspot_list(user, unit)[:15]),
        "series": series,
        "forecast": ahead,
        "backtest": backtest,
        "backtest_error": forecast.mean_error(backtest),
        "grid": grid,
        "grid_labels": grid_labels,
    }


# -- bulletin ---------------------------------------------------------------------------------


def bulletin_figures(unit: Unit, day: date) -> dict:
    """Yesterday's visits, groups and new alerts, what is due, and the top hotspots."""
    yesterday = day - timedelta(days=1)
    figures = period_figures(unit, yesterday, yesterday)
    start, end = signals.bounds(yesterday, yesterday)
    new_alerts = list(
        Alert.objects.filter(
            unit__path__startswith=unit.path, created_at__gte=start, created_at__lt=end
        )
        .select_related("unit")
        .order_by("-level", "pk")[:20]
    )
    clocks = Clock.objects.filter(unit__path__startswith=unit.path, status=Clock.Status.RUNNING)
    due = clocks.filter(due__gte=day, due__lte=day + timedelta(days=3)).count()
    overdue = clocks.filter(due__lt=day).count()
    hotspots = list(
        Hotspot.objects.filter(unit__path__startswith=unit.path, score__gt=0)
        .select_related("unit")
        .order_by("-score", "pk")[:5]
    )
    active = Alert.objects.filter(
        unit__path__startswith=unit.path, status__in=AlertStatus.active()
    ).count()
    return {
        "day": day,
        "yesterday": yesterday,
        "figures": figures,
        "new_alerts": [
            {
                "kind": a.get_kind_display(),
                "level": a.get_level_display(),
                "unit": a.unit.name,
                "summary": a.summary,
            }
            for a in new_alerts
        ],
        "due": due,
        "overdue": overdue,
        "active_alerts": active,
        "hotspots": [
            {"title": h.title, "unit": h.unit.name, "score": h.score, "explanation": h.explanation}
            for h in hotspots
        ],
    }


def bulletin_content(unit: Unit, day: date) -> dict:
    """`bulletin_figures` as a bulletin keeps them (JSON: the days as ISO dates)."""
    content = dict(bulletin_figures(unit, day))
    content["day"] = content["day"].isoformat()
    content["yesterday"] = content["yesterday"].isoformat()
    return content


def bulletin_of_day(unit: Unit, day: date) -> Bulletin:
    """The bulletin issued to `unit` for `day`, else an unsaved one from the current figures."""
    stored = Bulletin.objects.filter(unit=unit, day=day).first()
    if stored is not None:
        return stored
    return Bulletin(unit=unit, day=day, content=bulletin_content(unit, day))


def bulletin_list(unit: Unit) -> QuerySet[Bulletin]:
    return Bulletin.objects.filter(unit=unit).order_by("-day")
