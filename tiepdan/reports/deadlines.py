"""Submission deadlines of the periodic reports (pure): TT 06/2025/TT-TTCP Điều 7.2.a.

Communes, wards, special zones, the province's departments and other bodies send their report
to the province by day 17 of the last month of the period; the province sends the aggregate to
the Government Inspectorate by day 20. The days are data with their legal basis and validity;
TT 01/2024 deadlines are not recorded here (not verified), so earlier periods show none.
Which narrative goes with the tables is Điều 4: Mẫu số 02 for Q1, 6 and 9 months and the year;
Q2–Q4 are tables only.
"""

import datetime as dt
from dataclasses import dataclass

from tiepdan.organizations.constants import UnitKind
from tiepdan.reports.periods import STATUTORY_KINDS, Period, statutory_period


@dataclass(frozen=True)
class SubmissionRule:
    legal_basis: str
    valid_from: dt.date
    to_province_day: int
    to_government_day: int


RULES = (SubmissionRule("Thông tư 06/2025/TT-TTCP, Điều 7.2.a", dt.date(2025, 9, 30), 17, 20),)
NARRATIVE_KINDS = frozenset({"q1", "m6", "m9", "year"})


@dataclass(frozen=True)
class Deadline:
    due_on: dt.date
    recipient: str
    legal_basis: str

    def days_left(self, today: dt.date) -> int:
        return (self.due_on - today).days


def rule_for(on: dt.date) -> SubmissionRule | None:
    valid = [r for r in RULES if r.valid_from <= on]
    return max(valid, key=lambda r: r.valid_from) if valid else None


def submission_deadline(period: Period, unit_kind: str) -> Deadline | None:
    """When `period`'s report of a unit of `unit_kind` is due, and to whom; None for a period
    that is not a statutory one or before the rules recorded here."""
    rule = rule_for(period.end)
    kind = statutory_kind(period)
    if rule is None or kind is None:
        return None
    # The data end on the 14th of the period's last month: the report is due in that month.
    last_month = period.end
    if unit_kind == UnitKind.PROVINCE:
        day, recipient = rule.to_government_day, "Thanh tra Chính phủ"
    else:
        day, recipient = rule.to_province_day, "Ủy ban nhân dân cấp tỉnh"
    return Deadline(last_month.replace(day=day), recipient, rule.legal_basis)


def statutory_kind(period: Period) -> str | None:
    """The periodic report a period is (q1…year), also when given by its dates."""
    if period.kind in STATUTORY_KINDS:
        return period.kind
    for kind in STATUTORY_KINDS:
        candidate = statutory_period(period.end.year, kind)
        if (candidate.start, candidate.end) == (period.start, period.end):
            return kind
    return None


def needs_narrative(period: Period) -> bool:
    """Whether Mẫu số 02 goes with the tables (Điều 4): Q1, 6 and 9 months, the year."""
    return statutory_kind(period) in NARRATIVE_KINDS
