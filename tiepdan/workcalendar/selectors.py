"""Reads: the working calendar (cached), a year's lists, deadlines, and clocks by scope."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from tiepdan.core.errors import DomainError
from tiepdan.organizations import selectors as org_selectors
from tiepdan.workcalendar import defaults, engine, lunar
from tiepdan.workcalendar.models import CalendarDay, CalendarYear, Clock, ClockQuerySet
from tiepdan.workcalendar.rules import rule_catalogue

if TYPE_CHECKING:
    from tiepdan.organizations.models import Unit, User

# The span every computation may reach; dates outside raise `out_of_range`.
FIRST_YEAR = 2000
LAST_YEAR = 2100

_lock = threading.Lock()
_cache: dict[str, Any] = {"fingerprint": None, "calendar": None, "years": {}}


def _fingerprint() -> tuple[Any, ...]:
    """Cheap identity of the override table: changes whenever a service changes a year."""
    agg = CalendarYear.objects.aggregate(n=Count("id"), rev=Sum("revision"), last=Max("updated_at"))
    return (agg["n"], agg["rev"], agg["last"])


def _overrides_by_year() -> dict[int, list[defaults.Override]]:
    out: dict[int, list[defaults.Override]] = {}
    for day, kind, name in CalendarDay.objects.values_list("date", "kind", "name"):
        out.setdefault(day.year, []).append(defaults.Override(day, kind, name))
    return out


def working_calendar() -> engine.WorkingCalendar:
    """The public-sector working calendar over 2000–2100 (package defaults + overrides).

    Built once per change of the override table and cached in the process; the check costs one
    aggregate query, so a change made by another process is seen at the next call.
    """
    fingerprint = _fingerprint()
    cached: engine.WorkingCalendar | None = _cache["calendar"]
    if _cache["fingerprint"] == fingerprint and cached is not None:
        return cached
    with _lock:
        cached = _cache["calendar"]
        if _cache["fingerprint"] == fingerprint and cached is not None:
            return cached
        overrides = _overrides_by_year()
        days_off: list[date] = []
        worked: list[date] = []
        names: dict[date, str] = {}
        years: dict[int, defaults.YearLists] = {}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            lists = defaults.effective_year(year, overrides.get(year, ()))
            years[year] = lists
            days_off.extend(lists.days_off)
            worked.extend(lists.working_days)
            names.update(lists.days_off)
            names.update(lists.working_days)
        calendar = engine.WorkingCalendar(
            first_year=FIRST_YEAR,
            last_year=LAST_YEAR,
            days_off=days_off,
            worked_weekend_days=worked,
            names=names,
        )
        _cache.update(fingerprint=fingerprint, calendar=calendar, years=years)
        return calendar


def working_calendar_clear() -> None:
    """Drop the cached calendar (services call it when they change a year)."""
    with _lock:
        _cache.update(fingerprint=None, calendar=None, years={})


def calendar_year_lists(year: int) -> defaults.YearLists:
    """The contract lists of `year`: weekday days off and worked weekend days, with names."""
    working_calendar()
    lists: defaults.YearLists = _cache["years"][year]
    return lists


@dataclass(frozen=True, slots=True)
class CalendarDayView:
    """One day on the calendar page."""

    day: date
    working: bool
    weekend: bool
    name: str
    source: str
    lunar: str
    tet: bool


def calendar_year_page(year: int) -> list[list[list[CalendarDayView | None]]]:
    """Twelve months of weeks (Monday first) for the calendar page; None pads the grid."""
    calendar = working_calendar()
    lists = calendar_year_lists(year)
    rows = {
        row.date: row
        for row in CalendarDay.objects.filter(date__year=year).only(
            "date", "kind", "name", "source"
        )
    }
    package = defaults.package_holidays(year)
    tet = lunar.tet_break(year, calendar.is_working_day)
    months: list[list[list[CalendarDayView | None]]] = []
    for month in range(1, 13):
        first = date(year, month, 1)
        weeks: list[list[CalendarDayView | None]] = []
        week: list[CalendarDayView | None] = [None] * first.weekday()
        day = first
        while day.month == month:
            working = calendar.is_working_day(day)
            row = rows.get(day)
            name = (
                lists.days_off.get(day)
                or lists.working_days.get(day)
                or (row.name if row else "")
                or package.get(day, "")
            )
            is_tet = bool(tet and tet[0] <= day <= tet[1])
            week.append(
                CalendarDayView(
                    day=day,
                    working=working,
                    weekend=day.weekday() >= 5,
                    name=name,
                    source=row.source if row else "",
                    lunar=lunar.lunar_label(day) if is_tet else "",
                    tet=is_tet,
                )
            )
            if len(week) == 7:
                weeks.append(week)
                week = []
            day += timedelta(days=1)
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        months.append(weeks)
    return months


def calendar_day_source_list(year: int) -> QuerySet[CalendarDay]:
    """The override rows of a year with their sources (calendar page, admin)."""
    return CalendarDay.objects.filter(calendar_year__year=year).order_by("date")


# -- deadlines ------------------------------------------------------------------------------


def deadline_compute(
    *,
    rule_code: str,
    start: date,
    complexity: str = "normal",
    remote_area: bool = False,
    extensions: int = 0,
    paused: Sequence[tuple[date, date]] = (),
) -> engine.Deadline:
    """The due date of a rule from `start` on the current calendar (rule version in force on
    `start`). Raises DomainError `unknown_rule`, `option_not_allowed`, `invalid_pause`."""
    rule = rule_catalogue().get(rule_code, start)
    return engine.compute_deadline(
        rule,
        start,
        working_calendar(),
        complexity=complexity,
        remote_area=remote_area,
        extensions=extensions,
        paused=paused,
    )


def latest_publication_date(
    *, session_date: date, rule_code: str = "reception.schedule_notice"
) -> date:
    """Latest date to publish the leaders' reception schedule before `session_date`
    (Luật TCD Art 24: ≥ 5 working days before; counted backwards, the session day not counted)."""
    rule = rule_catalogue().get(rule_code, session_date)
    return engine.latest_date_before(rule, session_date, working_calendar())


def working_day_add(*, start: date, days: int) -> date:
    """The `days`-th working day after `start` (start not counted)."""
    return date.fromordinal(working_calendar()._nth_working_after(start.toordinal(), days))


def is_working_day(day: date) -> bool:
    return working_calendar().is_working_day(day)


# -- clocks ---------------------------------------------------------------------------------


def _clock_base(user: User) -> ClockQuerySet:
    qs = Clock.objects.select_related("unit", "content_type").prefetch_related("pauses")
    return org_selectors.scope_filter(user, qs, field="unit")


def clock_list(*, user: User, unit: Unit | None = None, open_only: bool = False) -> QuerySet[Clock]:
    """Clocks the user may see, optionally limited to `unit` and its subtree."""
    qs = _clock_base(user)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if open_only:
        qs = qs.open()
    return qs.order_by("due", "pk")


def clock_overdue_list(
    *, user: User, on: date | None = None, unit: Unit | None = None
) -> QuerySet[Clock]:
    """Running clocks whose due date has passed (paused clocks are not overdue)."""
    on = on or timezone.localdate()
    return clock_list(user=user, unit=unit).filter(status=Clock.Status.RUNNING, due__lt=on)


def clock_due_within_list(
    *, user: User, working_days: int, on: date | None = None, unit: Unit | None = None
) -> QuerySet[Clock]:
    """Running clocks due from `on` up to the `working_days`-th working day after it."""
    on = on or timezone.localdate()
    limit = working_day_add(start=on, days=working_days) if working_days > 0 else on
    return clock_list(user=user, unit=unit).filter(
        status=Clock.Status.RUNNING, due__gte=on, due__lte=limit
    )


def clock_list_for_target(target: models.Model) -> QuerySet[Clock]:
    """The clocks of one record; the caller has already checked access to the record."""
    ct = ContentType.objects.get_for_model(target)
    return (
        Clock.objects.filter(content_type=ct, object_id=target.pk)
        .prefetch_related("pauses")
        .order_by("start", "pk")
    )


def clock_open_crossing_list(*, first: date, last: date) -> QuerySet[Clock]:
    """Open clocks whose period [start, due] overlaps [first, last] (unscoped, for services)."""
    return Clock.objects.open().filter(Q(start__lte=last) & Q(due__gte=first))


def clocks_with_rule_names(clocks: Iterable[Clock]) -> list[Clock]:
    """The clocks, each with `rule_title`: its rule's Vietnamese name (one catalogue read)."""
    catalogue = rule_catalogue()
    out = list(clocks)
    for clock in out:
        try:
            title = catalogue.get(clock.rule_code, clock.start).name
        except DomainError:
            title = clock.rule_code
        clock.rule_title = title  # type: ignore[attr-defined]  # a label for the page only
    return out
