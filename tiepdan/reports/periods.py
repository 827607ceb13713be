"""Reporting periods (pure): statutory quarters, 6, 9 and 12 months with their cut-off days.

TT 01/2024/TT-TTCP (domain.md §7.2): the data of a periodic report run from the cut-off day of
the last month of the previous period (15/12 of the previous year for Q1, 6, 9 and 12 months) to
the day before the cut-off day of the last month of the period (14/03, 14/06, 14/09, 14/12).
The cut-off day is configuration (the regime's default, overridable in settings) because TT
06/2025 may change it; a cut-off day of 1 gives calendar periods.
"""

import datetime as dt
from dataclasses import dataclass

QUARTER_ENDS = {"q1": 3, "q2": 6, "q3": 9, "q4": 12}
CUMULATIVE_ENDS = {"m6": 6, "m9": 9, "year": 12}
PERIOD_LABELS = {
    "q1": "Quý I",
    "q2": "Quý II",
    "q3": "Quý III",
    "q4": "Quý IV",
    "m6": "6 tháng",
    "m9": "9 tháng",
    "year": "Năm",
    "custom": "Tùy chọn",
    "plan": "Kỳ kế hoạch",
}
STATUTORY_KINDS = (*QUARTER_ENDS, *CUMULATIVE_ENDS)


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] and what it is called."""

    start: dt.date
    end: dt.date
    kind: str = "custom"
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or f"Từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"


def _cutoff(year: int, month: int, cutoff_day: int) -> dt.date:
    """The first day of the period that follows the one ending in `month` of `year`."""
    if cutoff_day <= 1:
        return dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, cutoff_day)


def statutory_period(year: int, kind: str, *, cutoff_day: int = 15) -> Period:
    """The data period of a periodic report of `year` (kind q1–q4, m6, m9, year)."""
    if kind in QUARTER_ENDS:
        end_month = QUARTER_ENDS[kind]
        prev_year, prev_month = (year - 1, 12) if end_month == 3 else (year, end_month - 3)
    elif kind in CUMULATIVE_ENDS:
        end_month = CUMULATIVE_ENDS[kind]
        prev_year, prev_month = year - 1, 12
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    start = _cutoff(prev_year, prev_month, cutoff_day)
    end = _cutoff(year, end_month, cutoff_day) - dt.timedelta(days=1)
    label = f"Năm {year}" if kind == "year" else f"{PERIOD_LABELS[kind]} năm {year}"
    return Period(start, end, kind, label)


def custom_period(start: dt.date, end: dt.date, *, kind: str = "custom") -> Period:
    """Any range, inclusive of both days; `kind="plan"` for the period of a reception plan."""
    if start > end:
        raise ValueError("start after end")
    return Period(start, end, kind, "")


def period_containing(on: dt.date, kind: str, *, cutoff_day: int = 15) -> Period:
    """The statutory period of `kind` in which `on` falls (year rolls over at the cut-off)."""
    year = on.year
    candidate = statutory_period(year, kind, cutoff_day=cutoff_day)
    if on > candidate.end:
        candidate = statutory_period(year + 1, kind, cutoff_day=cutoff_day)
    return candidate


# Days after a quarter's data end during which its report is still the one being written.
# Not a legal time limit (TT 01/2024 sets the cut-off, not when officers open the page): a
# convenience for the default choice, hence a constant here.
REPORT_WRITING_DAYS = 30


def quarter_containing(day: dt.date, *, cutoff_day: int = 15) -> Period:
    """The statutory quarter whose data period holds `day` (after the December cut-off, Q1 of
    the next year)."""
    return next(
        period
        for year in (day.year, day.year + 1)
        for kind in QUARTER_ENDS
        if (period := statutory_period(year, kind, cutoff_day=cutoff_day)).start
        <= day
        <= period.end
    )


def default_quarter(today: dt.date, *, cutoff_day: int = 15) -> Period:
    """The quarter a report page opens on: the quarter that ended within the last
    `REPORT_WRITING_DAYS` days (its report is due now), else the quarter in progress with its
    figures to date; never a quarter long closed (Q1 seen in December) nor one not begun."""
    current = quarter_containing(today, cutoff_day=cutoff_day)
    previous = quarter_containing(current.start - dt.timedelta(days=1), cutoff_day=cutoff_day)
    if (today - previous.end).days <= REPORT_WRITING_DAYS:
        return previous
    return current
