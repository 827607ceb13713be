"""Pure rules of the retention periods (no database)."""

import datetime as dt
from collections.abc import Iterable
from typing import Protocol


class Rule(Protocol):
    kind: str
    years: int

    def in_force_on(self, day: dt.date) -> bool: ...


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def rule_for(rules: Iterable[Rule], kind: str, day: dt.date) -> Rule | None:
    """The rule of `kind` in force on `day` (the one that started last), if any."""
    found = [r for r in rules if r.kind == kind and r.in_force_on(day)]
    return max(found, key=lambda r: getattr(r, "valid_from", dt.date.min), default=None)


def cutoff(rule: Rule, day: dt.date) -> dt.date:
    """Records last used before this date have passed their period on `day`."""
    return years_before(day, rule.years)
