"""Expected visits per day for a coming period (S4 "dự báo tình hình"; seed 000 §III.1: police
and the reception office forecast the situation over Tết), and officers needed per duty day.

`predict` and `backtest` are pure: they take the daily history and the calendar as plain data.
`forecast_visits(unit, first, last)` is the entry point for other modules (the plans app calls it
to size each roster day): it reads the history in one aggregate query.

The model is deliberately simple and explainable: the recent level (mean of the last 28 working
days' visits), times a weekday factor, times a day-off factor, times a factor for the days before,
during and after Tết learnt from earlier years (defaults when there is no history), times a
damped trend. The band is the Poisson spread widened by the error of past forecasts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from statistics import mean

from django.utils import timezone

from tiepdan.core.text import search_key
from tiepdan.monitoring import dashboard_figures
from tiepdan.organizations.models import Unit
from tiepdan.workcalendar import selectors as calendar_selectors

Forecast = tuple[date, float, float, float]  # (day, expected, low, high)

# Multipliers around Tết when the history has no earlier Tết to learn from: crowds come before
# the break (seed 000 §I.1.1, "nhất là trong thời gian nghỉ Tết") and return after it.
DEFAULT_TET_FACTORS = {
    "before2": 1.15,
    "before1": 1.3,
    "during": 0.35,
    "after1": 1.25,
    "after2": 1.05,
}
DEFAULT_ERROR = 0.25
Z = 1.64  # about a 90 % band
VISITS_PER_OFFICER = 12  # visits one officer can receive in a shift (adjustable by the caller)


@dataclass(frozen=True)
class CalendarInfo:
    """What the model needs of the working calendar, as plain data."""

    is_working_day: Callable[[date], bool]
    names: Mapping[date, str]

    def tet_days(self) -> set[date]:
        return self._tet_days

    @cached_property
    def _tet_days(self) -> set[date]:
        # Normalising every name of the calendar is the costly part: done once per calendar.
        return {
            d
            for d, n in self.names.items()
            if "tet" in search_key(n) and not self.is_working_day(d)
        }

    @cached_property
    def _buckets(self) -> dict[date, str]:
        """tet_bucket of every day that has one (the days within two weeks of a Tết break)."""
        tet_days = self._tet_days
        near = {d + timedelta(days=k) for d in tet_days for k in range(-14, 15)}
        return {d: b for d in near if (b := tet_bucket(d, tet_days)) is not None}

    def bucket(self, day: date) -> str | None:
        """Where `day` lies relative to the nearest Tết break (tet_bucket, precomputed)."""
        return self._buckets.get(day)


def tet_bucket(day: date, tet_days: set[date]) -> str | None:
    """Where `day` lies relative to the nearest Tết break (from the calendar's names)."""
    if day in tet_days:
        return "during"
    for offset in range(1, 15):
        if day + timedelta(days=offset) in tet_days:
            return "before1" if offset <= 7 else "before2"
        if day - timedelta(days=offset) in tet_days:
            return "after1" if offset <= 7 else "after2"
    return None


@dataclass(frozen=True)
class Model:
    level: float
    weekday: dict[int, float]
    day_off: float
    tet: dict[str, float]
    trend: float
    error: float


def fit(
    history: Mapping[date, int], origin: date, cal: CalendarInfo, error: float = DEFAULT_ERROR
) -> Model:
    """Learn the factors from the 730 days before `origin` (days not in `history` count 0 once
    the history has started)."""
    if not history:
        return Model(0.0, {}, 0.3, dict(DEFAULT_TET_FACTORS), 1.0, error)
    start = max(min(history), origin - timedelta(days=730))
    days = [start + timedelta(days=i) for i in range((origin - start).days)]
    working, off = _ordinary_days(history, days, cal)
    overall = mean(c for _, c in working) if working else 0.0
    recent = [c for d, c in working if d >= origin - timedelta(days=40)][-28:]
    level = mean(recent) if recent else overall
    day_off = (mean(off) / overall) if off and overall > 0 else 0.3
    return Model(
        level,
        _weekday_factors(working, overall),
        day_off,
        _tet_factors(history, days, cal, overall),
        _trend(working, recent, origin),
        error,
    )


def _ordinary_days(
    history: Mapping[date, int], days: list[date], cal: CalendarInfo
) -> tuple[list[tuple[date, int]], list[int]]:
    """(day, visits) of the working days and the visits of the days off, the days around Tết
    left out (they are learnt apart)."""
    ordinary = [d for d in days if cal.bucket(d) is None]
    working = [(d, history.get(d, 0)) for d in ordinary if cal.is_working_day(d)]
    off = [history.get(d, 0) for d in ordinary if not cal.is_working_day(d)]
    return working, off


def _weekday_factors(working: list[tuple[date, int]], overall: float) -> dict[int, float]:
    """Each weekday's mean over the overall mean, for weekdays seen at least four times."""
    weekday: dict[int, float] = {}
    if overall > 0:
        for wd in range(7):
            values = [c for d, c in working if d.weekday() == wd]
            if len(values) >= 4:
                weekday[wd] = mean(values) / overall
    return weekday


def _tet_factors(
    history: Mapping[date, int], days: list[date], cal: CalendarInfo, overall: float
) -> dict[str, float]:
    """The factor of each period around Tết seen at least three days, else the default."""
    tet = dict(DEFAULT_TET_FACTORS)
    if overall > 0:
        for bucket in DEFAULT_TET_FACTORS:
            values = [history.get(d, 0) for d in days if cal.bucket(d) == bucket]
            if len(values) >= 3:
                tet[bucket] = mean(values) / overall
    return tet


def _trend(working: list[tuple[date, int]], recent: list[int], origin: date) -> float:
    """The recent level over the level of the 80 days before it, kept within [0.8, 1.25]."""
    before = [
        c for d, c in working if origin - timedelta(days=120) <= d < origin - timedelta(days=40)
    ]
    if before and recent and mean(before) > 0:
        return min(1.25, max(0.8, mean(recent) / mean(before)))
    return 1.0


def predict(model: Model, first: date, last: date, cal: CalendarInfo) -> list[Forecast]:
    """Expected visits for each day of [first, last] with a low–high band."""
    out: list[Forecast] = []
    damped = math.sqrt(model.trend)
    day = first
    while day <= last:
        bucket = cal.bucket(day)
        if bucket is not None:
            factor = model.tet[bucket]
            if bucket != "during" and not cal.is_working_day(day):
                factor = min(factor, model.day_off)
        elif cal.is_working_day(day):
            factor = model.weekday.get(day.weekday(), 1.0)
        else:
            factor = model.day_off
        expected = max(0.0, model.level * factor * damped)
        spread = Z * math.sqrt(expected + (model.error * expected) ** 2)
        out.append(
            (
                day,
                round(expected, 1),
                round(max(0.0, expected - spread), 1),
                round(expected + spread, 1),
            )
        )
        day += timedelta(days=1)
    return out


@dataclass(frozen=True)
class BacktestRow:
    first: date
    last: date
    expected: float
    actual: int
    error: float  # absolute error of the week's total, relative to the actual (WAPE)


def backtest(
    history: Mapping[date, int], today: date, cal: CalendarInfo, weeks: int = 8
) -> list[BacktestRow]:
    """Forecast each of the last `weeks` weeks from the history before it; compare with what
    happened (weighted absolute percentage error of the daily forecasts)."""
    rows: list[BacktestRow] = []
    for w in range(weeks, 0, -1):
        first = today - timedelta(days=7 * w)
        last = first + timedelta(days=6)
        past = {d: c for d, c in history.items() if d < first}
        if not past:
            continue
        days = predict(fit(past, first, cal), first, last, cal)
        actual = [history.get(d, 0) for d, *_ in days]
        abs_err = sum(abs(e - a) for (_, e, _, _), a in zip(days, actual, strict=True))
        total = sum(actual)
        rows.append(
            BacktestRow(
                first=first,
                last=last,
                expected=round(sum(e for _, e, _, _ in days), 1),
                actual=total,
                error=round(abs_err / total, 3) if total else (0.0 if abs_err == 0 else 1.0),
            )
        )
    return rows


def mean_error(rows: list[BacktestRow]) -> float:
    return round(mean(r.error for r in rows), 3) if rows else DEFAULT_ERROR


def officers_needed(high: float, per_officer: int = VISITS_PER_OFFICER) -> int:
    """Officers for a day whose visits may reach `high` (at least one: every day has duty)."""
    return max(1, math.ceil(high / max(1, per_officer)))


_info: list = [None, None]  # (calendar, its CalendarInfo): one per calendar built


def calendar_info() -> CalendarInfo:
    """The working calendar as the model needs it; kept as long as the calendar object is (the
    workcalendar cache builds a new one when the calendar changes), with its Tết days."""
    cal = calendar_selectors.working_calendar()
    calendar, info = _info
    if calendar is not cal or info is None:
        info = CalendarInfo(is_working_day=cal.is_working_day, names=cal.names)
        _info[:] = [cal, info]
    return info


def forecast_visits(
    unit: Unit,
    first: date,
    last: date,
    *,
    today: date | None = None,
    history: Mapping[date, int] | None = None,
) -> list[Forecast]:
    """Expected visits per day in `unit`'s subtree for [first, last]: [(day, expected, low,
    high)]. For the plans app: size each roster day with `officers_needed(high)`. `history`
    (visits per day over the 730 days before min(first, today)) is read when not given."""
    today = today or timezone.localdate()
    origin = min(first, today)
    cal = calendar_info()
    if history is None:
        history = dashboard_figures.daily_visits(
            unit, origin - timedelta(days=730), origin - timedelta(days=1)
        )
    else:
        history = {d: n for d, n in history.items() if d < origin}
    error = mean_error(backtest(history, origin, cal, weeks=6))
    return predict(fit(history, origin, cal, error=max(error, 0.1)), first, last, cal)
