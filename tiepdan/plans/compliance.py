"""Leaders' statutory periodic reception: what the law requires in a period, and whether a
schedule meets it. Pure functions; the rule versions and the calendar are passed in.

The minimum is set per calendar week or month by the rule version in force on each date
(domain.md §2.2): the commune/ward chairman ≥ 1 day a week until 30/6/2026 (Luật TCD 2013
Art 15.2.d), ≥ 2 days a month from 1/7/2026 (Luật 136/2025/QH15); the province chairman and the
heads of agencies ≥ 1 day a month (Art 12.5, Art 18.2). A window is clipped to the rule's
validity, so a week that straddles the change of law is judged under each version for its own
days. Sessions are held at the office on working days; a window of the plan without working
days (the Tết break) requires none. A window only partly inside the plan requires its share,
rounded up: ceil(minimum × working days inside ÷ working days of the window).
"""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

WEEK = "week"
MONTH = "month"


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One version of the periodic reception minimum."""

    code: str
    title: str
    period: str  # WEEK | MONTH
    min_days: int
    valid_from: date
    valid_to: date | None
    legal_basis: str

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Window:
    """A calendar week or month under one rule version, with the plan's working days in it."""

    rule: RuleSpec
    first: date
    last: date
    plan_days: tuple[date, ...]
    window_working: int

    @property
    def required(self) -> int:
        inside = len(self.plan_days)
        if inside == 0:
            return 0
        share = math.ceil(self.rule.min_days * inside / self.window_working)
        return min(self.rule.min_days, inside, share)

    @property
    def partial(self) -> bool:
        return len(self.plan_days) < self.window_working

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def label(self) -> str:
        if self.rule.period == WEEK:
            return _("tuần %(a)s–%(b)s") % {
                "a": self.first.strftime("%d/%m"),
                "b": self.last.strftime("%d/%m/%Y"),
            }
        return _("tháng %(m)s") % {"m": self.first.strftime("%m/%Y")}


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    rule: str
    rule_code: str
    legal_basis: str
    first: date | None
    last: date | None
    required: int
    scheduled: int
    ok: bool
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "required": self.required,
            "scheduled": self.scheduled,
            "ok": self.ok,
            "rule_code": self.rule_code,
            "legal_basis": self.legal_basis,
            "from": self.first,
            "to": self.last,
            "note": self.note,
        }


def _window_bounds(day: date, period: str) -> tuple[date, date]:
    if period == WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def windows(
    *,
    first: date,
    last: date,
    rules: Iterable[RuleSpec],
    is_working_day: Callable[[date], bool],
) -> list[Window]:
    """Every (rule version, calendar window) that meets the period [first, last]."""
    out: list[Window] = []
    for rule in rules:
        low = max(first, rule.valid_from)
        high = min(last, rule.valid_to) if rule.valid_to else last
        day = low
        while day <= high:
            start, end = _window_bounds(day, rule.period)
            start = max(start, rule.valid_from)
            end = min(end, rule.valid_to) if rule.valid_to else end
            working = [
                start + timedelta(days=i)
                for i in range((end - start).days + 1)
                if is_working_day(start + timedelta(days=i))
            ]
            inside = tuple(d for d in working if first <= d <= last)
            out.append(Window(rule, start, end, inside, len(working)))
            day = end + timedelta(days=1)
    out.sort(key=lambda w: (w.first, w.rule.code))
    return out


def periodic_rows(plan_windows: Sequence[Window], sessions: Iterable[date]) -> list[ComplianceRow]:
    """One row per window: sessions required vs. periodic sessions scheduled in it."""
    days = sorted(set(sessions))
    rows: list[ComplianceRow] = []
    for window in plan_windows:
        scheduled = sum(1 for d in days if d in window.plan_days)
        note = ""
        if window.window_working == 0 or not window.plan_days:
            note = _("Không có ngày làm việc trong kỳ (nghỉ lễ, Tết): không phải tiếp định kỳ.")
        elif window.partial:
            note = _(
                "Kế hoạch chỉ gồm %(k)d/%(n)d ngày làm việc của %(period)s này; "
                "yêu cầu tính theo tỷ lệ, làm tròn lên."
            ) % {
                "k": len(window.plan_days),
                "n": window.window_working,
                "period": _("tuần") if window.rule.period == WEEK else _("tháng"),
            }
        rows.append(
            ComplianceRow(
                rule=f"{window.rule.title} — {window.label()}",
                rule_code=window.rule.code,
                legal_basis=window.rule.legal_basis,
                first=window.first,
                last=window.last,
                required=window.required,
                scheduled=scheduled,
                ok=scheduled >= window.required,
                note=note,
            )
        )
    return rows


PUBLICATION_RULE = "reception.schedule_notice"


def publication_row(
    sessions: Sequence[tuple[date, date]], *, published_on: date | None, today: date
) -> ComplianceRow | None:
    """Luật TCD Art 24: the leaders' schedule is posted ≥ 5 working days before each session.

    `sessions` holds (session date, latest publication date). Unpublished sessions whose
    deadline has not passed yet still count as publishable in time."""
    if not sessions:
        return None
    in_time = 0
    late: list[date] = []
    for session, publish_by in sessions:
        posted = published_on if published_on is not None else today
        if posted <= publish_by:
            in_time += 1
        else:
            late.append(session)
    note = ""
    if late:
        note = _("Không kịp niêm yết trước 5 ngày làm việc cho buổi tiếp ngày: %(d)s.") % {
            "d": ", ".join(d.strftime("%d/%m/%Y") for d in late)
        }
    elif published_on is None:
        note = _("Lịch chưa niêm yết; hạn niêm yết sớm nhất: %(d)s.") % {
            "d": min(p for _s, p in sessions).strftime("%d/%m/%Y")
        }
    return ComplianceRow(
        rule=_("Niêm yết lịch tiếp định kỳ của lãnh đạo trước ít nhất 5 ngày làm việc"),
        rule_code=PUBLICATION_RULE,
        legal_basis=_("Luật Tiếp công dân số 42/2013/QH13, Điều 24"),
        first=min(s for s, _p in sessions),
        last=max(s for s, _p in sessions),
        required=len(sessions),
        scheduled=in_time,
        ok=not late,
        note=note,
    )
