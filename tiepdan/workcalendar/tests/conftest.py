"""Pure fixtures: the seeded catalogue and calendar built without the database."""

import importlib

import pytest

from tiepdan.workcalendar import defaults, engine
from tiepdan.workcalendar.rules import Catalogue, rule_from_row

seed = importlib.import_module("tiepdan.workcalendar.migrations.0002_seed_rules_and_decreed_days")

FIRST_YEAR, LAST_YEAR = 2019, 2031


def build_calendar(extra_off=(), drop_worked=()) -> engine.WorkingCalendar:
    """The seeded calendar (package defaults + seeded decreed days), optionally changed."""
    overrides: dict[int, list[defaults.Override]] = {}
    for _year, day, kind, name, _source in seed.DAYS:
        overrides.setdefault(day.year, []).append(defaults.Override(day, kind, name))
    days_off, worked = list(extra_off), []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        lists = defaults.effective_year(year, overrides.get(year, ()))
        days_off.extend(lists.days_off)
        worked.extend(d for d in lists.working_days if d not in set(drop_worked))
    return engine.WorkingCalendar(
        first_year=FIRST_YEAR, last_year=LAST_YEAR, days_off=days_off, worked_weekend_days=worked
    )


SEED_CATALOGUE = Catalogue(rule_from_row(row) for row in seed.RULES)
SEED_CALENDAR = build_calendar()


@pytest.fixture
def catalogue() -> Catalogue:
    return SEED_CATALOGUE


@pytest.fixture
def calendar() -> engine.WorkingCalendar:
    return SEED_CALENDAR
