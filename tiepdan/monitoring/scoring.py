"""Risk score of a hotspot candidate and its explanation: pure functions, no ORM.

The weights follow what the seed plans ask the locality to watch (seed 000 §I.1.1, §III.1;
seed 003 §I): groups (đoàn đông người, ≥ 5 people: Luật TCD Art 29), matters raised again and
again, matters taken to a higher level (vượt cấp), the same petition sent to many agencies,
missed legal time limits, partners' reports of groups preparing to go to a higher level, a rising
trend, and the approach of Tết or another holiday. The score is 0–100; the explanation names each
contribution so that a leader can judge it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tiepdan.core.text import search_key

LEVEL_INFO = "info"
LEVEL_WARNING = "warning"
LEVEL_CRITICAL = "critical"


@dataclass(frozen=True)
class Limits:
    """Effective thresholds of a unit (the model `Thresholds`, or these defaults)."""

    mass_group_people: int = 5
    repeat_visits: int = 3
    repeat_window_days: int = 90
    cluster_citizens: int = 5
    window_days: int = 30
    agencies: int = 3
    alert_score: int = 40
    critical_score: int = 75
    sensitive_days: int = 14


@dataclass
class Evidence:
    """What the signals found about one candidate (filled by monitoring.signals)."""

    citizens: int = 0  # distinct citizens in the window
    people: int = 0  # people at visits and signatories of petitions in the window
    largest_group: int = 0
    visits: int = 0
    petitions: int = 0
    repeat_visits: int = 0  # visits of the same matter within the repeat window
    escalations: int = 0  # visits/petitions at a higher level on a matter of a lower one
    agencies: int = 0  # distinct units that received the same petition
    notes: int = 0  # partner notes
    notes_higher: int = 0  # partner notes of a group intending to go to a higher level
    overdue_clocks: int = 0
    daily: Mapping[date, int] = field(default_factory=dict)  # events per day (trend)


@dataclass(frozen=True)
class Sensitive:
    """The next holiday (from the working calendar) within reach of `today`."""

    day: date
    name: str
    days_until: int  # 0 while it lasts

    @property
    def is_tet(self) -> bool:
        return "tet" in search_key(self.name)


@dataclass(frozen=True)
class Score:
    score: int
    level: str
    explanation: list[str]
    trend: list[int]


def next_sensitive(
    today: date, names: Mapping[date, str], is_day_off, horizon_days: int
) -> Sensitive | None:
    """The first named day off (a holiday of the working calendar) from `today` on within
    `horizon_days`; never a hard-coded date."""
    for offset in range(horizon_days + 1):
        day = today + timedelta(days=offset)
        name = names.get(day)
        if name and is_day_off(day):
            return Sensitive(day=day, name=name, days_until=offset)
    return None


def trend_series(daily: Mapping[date, int], today: date, days: int = 14) -> list[int]:
    """Events per day over the last `days` days, oldest first."""
    if not daily:
        return [0] * days
    return [daily.get(day, 0) for day in _last_days(today, days)]


@functools.lru_cache(maxsize=8)
def _last_days(today: date, days: int) -> tuple[date, ...]:
    # The same days for every candidate of a scan: computed once, not once per candidate.
    return tuple(today - timedelta(days=days - 1 - i) for i in range(days))


def rising(series: Sequence[int]) -> bool:
    """The last half of the series has more events than the first half (and at least 2)."""
    half = len(series) // 2
    recent, before = sum(series[half:]), sum(series[:half])
    return recent >= 2 and recent > before


Contribution = tuple[float, str] | None  # (points, why), or None when it adds nothing


def _citizens(e: Evidence, limits: Limits) -> Contribution:
    if e.citizens >= limits.cluster_citizens:
        add = 30 + 3 * min(e.citizens - limits.cluster_citizens + 1, 10)
        return add, (
            f"{e.citizens} công dân khác nhau cùng phản ánh trong {limits.window_days} ngày "
            f"(ngưỡng {limits.cluster_citizens}): +{add}"
        )
    if e.citizens > 1:
        add = 3 * e.citizens
        return add, f"{e.citizens} công dân khác nhau cùng phản ánh: +{add}"
    return None


def _group(e: Evidence, limits: Limits) -> Contribution:
    if e.largest_group < limits.mass_group_people:
        return None
    add = 25 + (10 if e.largest_group > 10 else 0)
    return add, (
        f"Đoàn đông người lớn nhất {e.largest_group} người "
        f"(từ {limits.mass_group_people} người, Luật TCD Điều 29): +{add}"
    )


def _repeats(e: Evidence, limits: Limits) -> Contribution:
    if e.repeat_visits < limits.repeat_visits:
        return None
    add = min(5 * e.repeat_visits, 25)
    return add, (
        f"Đến {e.repeat_visits} lượt trong {limits.repeat_window_days} ngày về cùng vụ việc "
        f"(ngưỡng {limits.repeat_visits}): +{add}"
    )


def _escalations(e: Evidence, limits: Limits) -> Contribution:
    if not e.escalations:
        return None
    add = min(25 + 5 * (e.escalations - 1), 35)
    return add, f"{e.escalations} lần gửi đơn, đến cấp trên (vượt cấp): +{add}"


def _agencies(e: Evidence, limits: Limits) -> Contribution:
    if e.agencies < limits.agencies:
        return None
    add = min(5 * e.agencies, 20)
    return add, f"Cùng một đơn gửi {e.agencies} cơ quan: +{add}"


def _notes(e: Evidence, limits: Limits) -> Contribution:
    if not e.notes:
        return None
    add = min(10 * e.notes + 10 * e.notes_higher, 30)
    text = f"{e.notes} tin của lực lượng phối hợp"
    if e.notes_higher:
        text += f", {e.notes_higher} tin có ý định lên cấp trên"
    return add, f"{text}: +{add}"


def _overdue(e: Evidence, limits: Limits) -> Contribution:
    if not e.overdue_clocks:
        return None
    add = min(10 * e.overdue_clocks, 20)
    return add, f"{e.overdue_clocks} thời hạn giải quyết đã quá: +{add}"


# The contributions of the evidence, in the order the explanation lists them.
CONTRIBUTIONS = (_citizens, _group, _repeats, _escalations, _agencies, _notes, _overdue)


def _trend(series: Sequence[int]) -> Contribution:
    if not rising(series):
        return None
    half = len(series) // 2
    return 10, (
        f"Xu hướng tăng: {sum(series[half:])} lượt trong 7 ngày gần đây so với "
        f"{sum(series[:half])} lượt 7 ngày trước đó: +10"
    )


def _sensitive_bonus(points: float, limits: Limits, sensitive: Sensitive | None) -> Contribution:
    """Near Tết (×1.3) or another holiday (×1.15), a candidate that scored weighs more."""
    if sensitive is None or points <= 0 or sensitive.days_until > limits.sensitive_days:
        return None
    factor = 1.3 if sensitive.is_tet else 1.15
    bonus = math.ceil(points * (factor - 1))
    when = (
        f"đang trong dịp {sensitive.name}"
        if sensitive.days_until == 0
        else f"còn {sensitive.days_until} ngày đến {sensitive.name} ({sensitive.day:%d/%m/%Y})"
    )
    return bonus, f"Thời điểm nhạy cảm: {when}: +{bonus}"


def score(evidence: Evidence, limits: Limits, today: date, sensitive: Sensitive | None) -> Score:
    """Score a candidate from its evidence; each contribution is explained in Vietnamese."""
    points = 0.0
    why: list[str] = []
    series = trend_series(evidence.daily, today)
    found = [rule(evidence, limits) for rule in CONTRIBUTIONS]
    found.append(_trend(series))
    for contribution in found:
        if contribution is not None:
            points += contribution[0]
            why.append(contribution[1])
    bonus = _sensitive_bonus(points, limits, sensitive)
    if bonus is not None:
        points += bonus[0]
        why.append(bonus[1])
    total = min(100, round(points))
    return Score(score=total, level=level_for(total, limits), explanation=why, trend=series)


def level_for(total: int, limits: Limits) -> str:
    if total >= limits.critical_score:
        return LEVEL_CRITICAL
    if total >= limits.alert_score:
        return LEVEL_WARNING
    return LEVEL_INFO
