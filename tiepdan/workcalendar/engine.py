"""Pure deadline computation on the Vietnamese working calendar. No database access.

Counting follows Bộ luật Dân sự 2015 Arts 147–148 (domain.md §4.5):

- the trigger day (`start`) is not counted (Art 147.2–3);
- a `working` rule ends on the N-th working day after `start` (weekends, holidays and decreed
  days off skipped; make-up working Saturdays counted);
- a `calendar` rule ends N days after `start`; when that day is not a working day the period
  ends on the next working day (Art 148.5);
- days inside a paused range (inclusive) are not counted (Luật TC Art 34.2; Luật KN Art 11a):
  for a calendar rule each paused day pushes the end one day before the roll-forward; for a
  working rule paused working days are not counted;
- each extension adds `extension_days` to the length (Luật TC Art 30.4).

Everything works on proleptic ordinals over precomputed arrays so that one computation is a
handful of list look-ups (see the `benchmark_deadlines` command).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError

if TYPE_CHECKING:
    from tiepdan.workcalendar.rules import Rule

WORKING = "working"
CALENDAR = "calendar"
FORWARD = "forward"
BACKWARD = "backward"
COMPLEXITIES = ("normal", "complex", "very_complex")

Pause = tuple[date, date]


class WorkingCalendar:
    """The working days of the public sector over a range of whole years (an immutable value).

    `days_off`: dates that are not worked although they are Monday–Friday (public holidays,
    decreed days off). `worked_weekend_days`: Saturdays/Sundays that are worked (làm bù).
    Dates outside [first_year, last_year] cannot be computed: the caller builds a wide enough
    calendar (the selector covers 2000–2100).
    """

    __slots__ = ("_base", "_cum", "_flags", "_working", "first_year", "last_year", "names")

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        days_off: Iterable[date] = (),
        worked_weekend_days: Iterable[date] = (),
        names: Mapping[date, str] | None = None,
    ) -> None:
        if last_year < first_year:
            raise ValueError("last_year must not precede first_year")
        self.first_year = first_year
        self.last_year = last_year
        self.names: Mapping[date, str] = dict(names or {})
        base = date(first_year, 1, 1).toordinal()
        size = date(last_year, 12, 31).toordinal() - base + 1
        # Monday–Friday are working days unless told otherwise; 0001-01-01 was a Monday.
        flags = bytearray(1 if (base + i - 1) % 7 < 5 else 0 for i in range(size))
        for day in days_off:
            offset = day.toordinal() - base
            if 0 <= offset < size:
                flags[offset] = 0
        for day in worked_weekend_days:
            offset = day.toordinal() - base
            if 0 <= offset < size:
                flags[offset] = 1
        working: list[int] = []
        cum = [0] * (size + 1)
        count = 0
        for i, flag in enumerate(flags):
            cum[i] = count
            if flag:
                working.append(base + i)
                count += 1
        cum[size] = count
        self._base = base
        self._flags = bytes(flags)
        self._working = working
        # _cum[i] = number of working days strictly before ordinal base + i.
        self._cum = cum

    # -- queries ---------------------------------------------------------------------------

    def covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: date) -> bool:
        offset = self._offset(day.toordinal())
        return bool(self._flags[offset])

    def next_working_day(self, day: date, *, inclusive: bool = True) -> date:
        """The first working day on or after `day` (after it when not inclusive)."""
        ordinal = day.toordinal() + (0 if inclusive else 1)
        return date.fromordinal(self._working_at(self._cum[self._offset(ordinal)]))

    def working_days_between(self, first: date, last: date) -> int:
        """Number of working days in [first, last] (inclusive; 0 when last < first)."""
        if last < first:
            return 0
        a = self._offset(first.toordinal())
        b = self._offset(last.toordinal())
        return self._cum[b + 1] - self._cum[a]

    def working_days_in(self, year: int) -> list[date]:
        lo = bisect_right(self._working, date(year, 1, 1).toordinal() - 1)
        hi = bisect_right(self._working, date(year, 12, 31).toordinal())
        return [date.fromordinal(o) for o in self._working[lo:hi]]

    def days_off_in(self, year: int) -> list[date]:
        """Monday–Friday dates of `year` that are not worked."""
        day, end, out = date(year, 1, 1), date(year, 12, 31), []
        while day <= end:
            if day.weekday() < 5 and not self.is_working_day(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    def worked_weekend_days_in(self, year: int) -> list[date]:
        return [d for d in self.working_days_in(year) if d.weekday() >= 5]

    # -- ordinal primitives used by the engine --------------------------------------------

    def _offset(self, ordinal: int) -> int:
        offset = ordinal - self._base
        if offset < 0 or offset >= len(self._flags):
            raise _out_of_range(self)
        return offset

    def _working_at(self, index: int) -> int:
        if index < 0 or index >= len(self._working):
            raise _out_of_range(self)
        return self._working[index]

    def _nth_working_after(self, ordinal: int, n: int) -> int:
        """Ordinal of the n-th working day after `ordinal` (n ≥ 1)."""
        return self._working_at(self._cum[self._offset(ordinal) + 1] + n - 1)

    def _nth_working_before(self, ordinal: int, n: int) -> int:
        """Ordinal of the n-th working day before `ordinal` (n ≥ 1)."""
        return self._working_at(self._cum[self._offset(ordinal)] - n)

    def _working_count(self, first: int, last: int) -> int:
        """Working days in ordinals [first, last]; 0 when last < first."""
        if last < first:
            return 0
        return self._cum[self._offset(last) + 1] - self._cum[self._offset(first)]

    def _roll_forward(self, ordinal: int) -> int:
        return self._working_at(self._cum[self._offset(ordinal)])

    def _roll_backward(self, ordinal: int) -> int:
        return self._working_at(self._cum[self._offset(ordinal) + 1] - 1)


def _out_of_range(calendar: WorkingCalendar) -> DomainError:
    return DomainError(
        _("Thời hạn vượt ra ngoài phạm vi lịch làm việc (năm %(first)s–%(last)s).")
        % {"first": calendar.first_year, "last": calendar.last_year},
        code="out_of_range",
    )


@dataclass(frozen=True, slots=True)
class Deadline:
    """The result of one computation: what the API and the clocks store."""

    rule: Rule
    start: date
    due: date
    days: int
    day_type: str
    legal_basis: str


def normalize_pauses(pauses: Iterable[tuple[date, date]], start: date) -> list[tuple[int, int]]:
    """Validated, merged, sorted pause ranges as ordinals, clipped to days after `start`.

    The start (trigger) day is never counted anyway, so a pause reaching back before it only
    matters from the day after.
    """
    ranges: list[tuple[int, int]] = []
    floor = start.toordinal() + 1
    for index, (first, last) in enumerate(pauses):
        if last < first:
            raise DomainError(
                _("Khoảng tạm dừng thứ %(n)s kết thúc (%(to)s) trước khi bắt đầu (%(from)s).")
                % {"n": index + 1, "to": last.isoformat(), "from": first.isoformat()},
                code="invalid_pause",
                fields={"paused": [_("Ngày kết thúc tạm dừng phải sau hoặc bằng ngày bắt đầu.")]},
            )
        a, b = max(first.toordinal(), floor), last.toordinal()
        if b >= a:
            ranges.append((a, b))
    if len(ranges) < 2:
        return ranges
    ranges.sort()
    merged = [ranges[0]]
    for a, b in ranges[1:]:
        last_a, last_b = merged[-1]
        if a <= last_b + 1:
            merged[-1] = (last_a, max(last_b, b))
        else:
            merged.append((a, b))
    return merged


def _forward_working(
    cal: WorkingCalendar, start: int, n: int, pauses: list[tuple[int, int]]
) -> int:
    remaining, cursor = n, start
    for first, last in pauses:
        available = cal._working_count(cursor + 1, first - 1)
        if available >= remaining:
            break
        remaining -= available
        cursor = last
    return cal._nth_working_after(cursor, remaining)


def _forward_calendar(
    cal: WorkingCalendar, start: int, n: int, pauses: list[tuple[int, int]]
) -> int:
    remaining, cursor = n, start
    for first, last in pauses:
        available = first - cursor - 1
        if available >= remaining:
            break
        remaining -= available
        cursor = last
    # Bộ luật Dân sự Art 148.5: a period ending on a day off ends on the next working day.
    return cal._roll_forward(cursor + remaining)


def compute_deadline(
    rule: Rule,
    start: date,
    calendar: WorkingCalendar,
    *,
    complexity: str = "normal",
    remote_area: bool = False,
    extensions: int = 0,
    paused: Sequence[tuple[date, date]] = (),
) -> Deadline:
    """Due date of `rule` (already chosen for the version in force on `start`) from `start`.

    For a backward rule (e.g. `reception.schedule_notice`) `start` is the event date and the
    result is the latest date by which the act must be done; see `latest_date_before`.
    """
    variant = rule.variant(complexity, remote_area)
    if extensions < 0:
        raise DomainError(
            _("Số lần gia hạn không được âm."),
            code="invalid",
            fields={"extensions": [_("Phải ≥ 0.")]},
        )
    if extensions > variant.max_extensions:
        raise _extension_not_allowed(rule, complexity, extensions, variant.max_extensions)
    days = variant.days + extensions * rule.extension_days
    if rule.direction == BACKWARD:
        if paused:
            raise DomainError(
                _("Quy tắc %(code)s tính ngược từ ngày sự kiện, không áp dụng tạm dừng.")
                % {"code": rule.code},
                code="option_not_allowed",
                fields={"paused": [_("Không áp dụng cho quy tắc này.")]},
            )
        due = latest_date_before(rule, start, calendar, days=days)
        return Deadline(rule, start, due, days, rule.day_type, rule.legal_basis)
    pauses = normalize_pauses(paused, start) if paused else []
    if pauses and not rule.pausable:
        raise DomainError(
            _("Quy tắc %(code)s không cho phép tạm dừng thời hạn.") % {"code": rule.code},
            code="option_not_allowed",
            fields={"paused": [_("Không áp dụng cho quy tắc này.")]},
        )
    ordinal = start.toordinal()
    if rule.day_type == WORKING:
        due_ordinal = _forward_working(calendar, ordinal, days, pauses)
    else:
        due_ordinal = _forward_calendar(calendar, ordinal, days, pauses)
    return Deadline(
        rule, start, date.fromordinal(due_ordinal), days, rule.day_type, rule.legal_basis
    )


def latest_date_before(
    rule: Rule, event: date, calendar: WorkingCalendar, *, days: int | None = None
) -> date:
    """Latest date to act for a rule counted BACKWARDS from `event` (the event day not counted).

    Working rules: the N-th working day before `event` (Luật TCD Art 24: post the leaders'
    reception schedule ≥ 5 working days before the session). Calendar rules: N days before,
    moved back to the previous working day when that is a day off, so acting on time is
    always possible on a working day.
    """
    n = rule.days if days is None else days
    ordinal = event.toordinal()
    if rule.day_type == WORKING:
        return date.fromordinal(calendar._nth_working_before(ordinal, n))
    return date.fromordinal(calendar._roll_backward(ordinal - n))


def _extension_not_allowed(rule: Rule, complexity: str, asked: int, allowed: int) -> DomainError:
    if allowed == 0:
        message = _("Quy tắc %(code)s (mức độ %(cx)s) không cho phép gia hạn.") % {
            "code": rule.code,
            "cx": complexity,
        }
    else:
        message = _(
            "Quy tắc %(code)s (mức độ %(cx)s) cho phép tối đa %(max)s lần gia hạn, "
            "yêu cầu %(asked)s lần."
        ) % {"code": rule.code, "cx": complexity, "max": allowed, "asked": asked}
    return DomainError(message, code="option_not_allowed", fields={"extensions": [message]})


@dataclass(frozen=True, slots=True)
class CountedDay:
    """One day between start and due, for the calculator page: why it counts or not."""

    day: date
    counted: bool
    reason: str  # counted | weekend | day_off | paused | rolled_forward
    ordinal_in_period: int | None


def explain_deadline(
    deadline: Deadline, calendar: WorkingCalendar, paused: Sequence[tuple[date, date]] = ()
) -> list[CountedDay]:
    """Day-by-day account of a forward deadline, from the day after start to the due date."""
    if deadline.rule.direction == BACKWARD:
        return []
    pauses = normalize_pauses(paused, deadline.start) if paused else []

    def is_paused(ordinal: int) -> bool:
        return any(a <= ordinal <= b for a, b in pauses)

    out: list[CountedDay] = []
    count = 0
    day = deadline.start + timedelta(days=1)
    while day <= deadline.due:
        ordinal = day.toordinal()
        working = calendar.is_working_day(day)
        if is_paused(ordinal):
            out.append(CountedDay(day, False, "paused", None))
        elif deadline.day_type == WORKING:
            if working:
                count += 1
                out.append(CountedDay(day, True, "counted", count))
            else:
                reason = "weekend" if day.weekday() >= 5 else "day_off"
                out.append(CountedDay(day, False, reason, None))
        elif count < deadline.days:
            count += 1
            out.append(CountedDay(day, True, "counted", count))
        else:
            out.append(CountedDay(day, False, "rolled_forward", None))
        day += timedelta(days=1)
    return out
