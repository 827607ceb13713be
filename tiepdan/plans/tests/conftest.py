"""Fixtures of the plans tests: a DB-free calendar, the rule versions, the demo ward's people."""

import datetime as dt
import importlib

import pytest

from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.plans import compliance, roster
from tiepdan.workcalendar import defaults, engine, lunar

PASSWORD = "Mat-khau-thu-nghiem-2026"
_seed_days = importlib.import_module(
    "tiepdan.workcalendar.migrations.0002_seed_rules_and_decreed_days"
)
_seed_rules = importlib.import_module("tiepdan.plans.migrations.0002_seed_periodic_rules")


def build_calendar(extra_off=()) -> engine.WorkingCalendar:
    """Package defaults + the decreed days the workcalendar migration seeds (2019–2031)."""
    overrides: dict[int, list[defaults.Override]] = {}
    for _year, day, kind, name, _source in _seed_days.DAYS:
        overrides.setdefault(day.year, []).append(defaults.Override(day, kind, name))
    days_off, worked, names = list(extra_off), [], {}
    for year in range(2019, 2032):
        lists = defaults.effective_year(year, overrides.get(year, ()))
        days_off.extend(lists.days_off)
        worked.extend(lists.working_days)
        names.update(lists.days_off)
    return engine.WorkingCalendar(
        first_year=2019, last_year=2031, days_off=days_off, worked_weekend_days=worked, names=names
    )


CALENDAR = build_calendar()

RULES = {
    code: compliance.RuleSpec(code, title, period, days, valid_from, valid_to, basis)
    for code, title, kinds, period, days, valid_from, valid_to, basis in _seed_rules.RULES
}
KINDS = {code: kinds for code, _t, kinds, *_rest in _seed_rules.RULES}


def rules_for(kind: str) -> list[compliance.RuleSpec]:
    return [RULES[c] for c, kinds in KINDS.items() if kind in kinds]


def days_between(first: dt.date, last: dt.date, calendar=CALENDAR) -> list[roster.Day]:
    spans = [lunar.tet_break(y, calendar.is_working_day) for y in range(first.year, last.year + 1)]
    out, day = [], first
    while day <= last:
        out.append(
            roster.Day(
                day,
                calendar.is_working_day(day),
                calendar.names.get(day, ""),
                any(s and s[0] <= day <= s[1] for s in spans),
            )
        )
        day += dt.timedelta(days=1)
    return out


def make_user(username: str, unit: Unit, role: str, full_name: str = "") -> User:
    return org_services.user_create(
        username=username,
        password=PASSWORD,
        full_name=full_name or username,
        memberships=[(unit, role)],
    )


@pytest.fixture
def officers(ward: Unit) -> list[User]:
    names = ["Trần Thị Hoa", "Lê Văn Đức", "Phạm Minh Tuấn", "Ngô Thị Ánh", "Đặng Quốc Việt"]
    return [
        make_user(f"canbo{i}", ward, Role.RECEPTIONIST, name) for i, name in enumerate(names, 1)
    ]


@pytest.fixture
def deputy(ward: Unit) -> User:
    return make_user("phochutich", ward, Role.LEADER, "Đỗ Thị Lan")
