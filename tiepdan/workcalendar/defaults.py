"""Default calendar of a year from the `holidays` package, and how overrides change it (pure).

The package (country VN) knows the statutory holidays of Bộ luật Lao động 2019 Art 112 with
Tết computed on the Vietnamese lunisolar calendar, and the decreed day-off swaps up to its
release; it does not list make-up working Saturdays nor the yearly civil-servant Tết breaks
(domain.md §8.3). Those come from `CalendarDay` override rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from tiepdan.workcalendar import lunar

DAY_OFF = "day_off"
WORKING_DAY = "working_day"


@lru_cache(maxsize=256)
def package_holidays(year: int) -> dict[date, str]:
    """Every holiday the `holidays` package lists for Vietnam in `year`, named in Vietnamese.

    The package calls the day before giao thừa "29 Tết" every year; when tháng Chạp has 29
    days (Tết Đinh Mùi 2027) that day is the 28th, so such names take the computed lunar day.
    """
    named = holidays.country_holidays("VN", years=year, language="vi")
    return dict(sorted((day, _lunar_day_name(day, name)) for day, name in named.items()))


def _lunar_day_name(day: date, name: str) -> str:
    number, _space, rest = name.partition(" ")
    found = lunar.tet_lunar_date(day)
    if rest != "Tết" or not number.isdigit() or found is None or found[1] != 12:
        return name
    return f"{found[0]} Tết"


def package_days_off(year: int) -> dict[date, str]:
    """The package's Monday–Friday days off of `year` (weekend holidays change nothing)."""
    return {d: name for d, name in package_holidays(year).items() if d.weekday() < 5}


@dataclass(frozen=True, slots=True)
class Override:
    """One `CalendarDay` row reduced to what the calendar needs."""

    day: date
    kind: str  # DAY_OFF | WORKING_DAY
    name: str


@dataclass(frozen=True, slots=True)
class YearLists:
    """The contract view of a year: weekday days off and worked weekend days, with names."""

    year: int
    days_off: dict[date, str]
    working_days: dict[date, str]


def effective_year(year: int, overrides: Iterable[Override]) -> YearLists:
    """Package defaults of `year` with the overrides applied (an override always wins)."""
    days_off = package_days_off(year)
    working: dict[date, str] = {}
    for item in overrides:
        if item.day.year != year:
            continue
        weekday = item.day.weekday() < 5
        if item.kind == DAY_OFF and weekday:
            days_off[item.day] = item.name
        elif item.kind == WORKING_DAY:
            if weekday:
                days_off.pop(item.day, None)
            else:
                working[item.day] = item.name
        # A day-off row on a weekend only documents a decreed break (e.g. Tết 25/01/2025).
    return YearLists(year, dict(sorted(days_off.items())), dict(sorted(working.items())))
