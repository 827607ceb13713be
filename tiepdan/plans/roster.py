"""The duty roster of a plan period: a pure function, no database.

Every day has duty (S6): office hours and after hours on working days, one whole-day duty on
weekends, holidays and the Tết break (S15). A leader is on call every day, for all the day's
slots. The head of the unit (the first leader listed) holds the periodic reception sessions the
law requires (compliance.py), on working days whose schedule can still be published ≥ 5 working
days ahead (Luật TCD Art 24); that day's office-hours shift is the session. Officers rotate
fairly: on a Tết day the fewest Tết shifts so far goes first, on other days off the fewest
off-hours shifts, then the fewest shifts overall; nobody holds two shifts at the same time,
nobody works on leave, and a second shift on the same day is avoided when anyone else is free.

Anything that cannot be satisfied raises DomainError with a Vietnamese message saying what.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError
from tiepdan.plans.compliance import Window

OFFICE_HOURS = "office_hours"
AFTER_HOURS = "after_hours"
DAY_OFF = "day_off"
REGULAR = "regular"
PERIODIC = "periodic"

# Local times of the slots (Asia/Ho_Chi_Minh), used by the iCalendar feed and the printouts.
SLOT_TIMES: dict[str, tuple[time, time]] = {
    OFFICE_HOURS: (time(7, 30), time(17, 0)),
    AFTER_HOURS: (time(17, 0), time(21, 0)),
    DAY_OFF: (time(7, 30), time(17, 0)),
}

# Officers per shift when enough are available (at least one always).
STAFFING: dict[str, int] = {OFFICE_HOURS: 2, AFTER_HOURS: 1, DAY_OFF: 2}


@dataclass(frozen=True, slots=True)
class Day:
    date: date
    working: bool
    name: str = ""
    tet: bool = False


def day_slots(day: Day) -> tuple[str, ...]:
    return (OFFICE_HOURS, AFTER_HOURS) if day.working else (DAY_OFF,)


@dataclass(frozen=True, slots=True)
class ShiftPlan:
    date: date
    slot: str
    kind: str
    officers: tuple[str, ...]
    leader: str | None


@dataclass(frozen=True)
class RosterRequest:
    days: Sequence[Day]
    officers: Sequence[str]
    leaders: Sequence[str]
    names: Mapping[str, str] = field(default_factory=dict)
    unavailable: Mapping[str, frozenset[date]] = field(default_factory=dict)
    busy: frozenset[tuple[str, date, str]] = frozenset()
    windows: Sequence[Window] = ()
    publishable: Callable[[date], bool] = lambda _day: True
    staffing: Mapping[str, int] = field(default_factory=lambda: dict(STAFFING))


@dataclass
class RosterResult:
    shifts: list[ShiftPlan]
    notes: list[str]
    report: dict


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


class _Load:
    """Counters that drive the fair rotation."""

    def __init__(self, people: Sequence[str]) -> None:
        self.order = {p: i for i, p in enumerate(people)}
        self.total = dict.fromkeys(people, 0)
        self.tet = dict.fromkeys(people, 0)
        self.off = dict.fromkeys(people, 0)
        self.by_slot = {p: {OFFICE_HOURS: 0, AFTER_HOURS: 0, DAY_OFF: 0} for p in people}
        self.periodic = dict.fromkeys(people, 0)
        self.last_day: dict[str, date] = {}
        self.last_seq = dict.fromkeys(people, -1)
        self.seq = 0

    def add(self, person: str, day: Day, slot: str) -> None:
        self.total[person] += 1
        self.tet[person] += day.tet
        self.off[person] += slot != OFFICE_HOURS
        self.by_slot[person][slot] += 1
        self.last_day[person] = day.date
        self.seq += 1
        self.last_seq[person] = self.seq


def _validate(request: RosterRequest) -> None:
    if not request.days:
        raise DomainError(_("Kỳ kế hoạch không có ngày nào để bố trí lịch trực."), code="no_days")
    if not request.officers:
        raise DomainError(
            _("Chưa chọn cán bộ trực: cần ít nhất một cán bộ tiếp công dân để lập lịch trực."),
            code="no_officers",
            fields={"officers": [_("Chọn ít nhất một cán bộ.")]},
        )
    if not request.leaders:
        raise DomainError(
            _("Chưa chọn lãnh đạo: ngày nào cũng phải có một lãnh đạo trực."),
            code="no_leaders",
            fields={"leaders": [_("Chọn ít nhất một lãnh đạo.")]},
        )
    both = sorted(set(request.officers) & set(request.leaders))
    if both:
        names = ", ".join(request.names.get(p, p) for p in both)
        raise DomainError(
            _("%(names)s vừa có tên trong danh sách cán bộ trực vừa trong danh sách lãnh đạo.")
            % {"names": names},
            code="officer_is_leader",
            fields={"leaders": [_("Một người chỉ giữ một vai trò trong lịch trực.")]},
        )


def _free(request: RosterRequest, person: str, day: Day, slots: Sequence[str]) -> bool:
    if day.date in request.unavailable.get(person, frozenset()):
        return False
    return not any((person, day.date, slot) in request.busy for slot in slots)


def _spread(candidates: Sequence[Day], count: int) -> list[Day]:
    """`count` days spread evenly over the candidates (middle of each equal share)."""
    return [candidates[int((i + 0.5) * len(candidates) / count)] for i in range(count)]


def _periodic_days(request: RosterRequest, by_date: Mapping[date, Day]) -> tuple[set[date], list]:
    head = request.leaders[0]
    head_name = request.names.get(head, head)
    chosen: set[date] = set()
    notes: list[str] = []
    for window in request.windows:
        required = window.required
        if required == 0:
            continue
        already = sum(1 for d in chosen if window.contains(d))
        needed = required - already
        if needed <= 0:
            continue
        present = [
            by_date[d]
            for d in window.plan_days
            if d not in chosen and _free(request, head, by_date[d], day_slots(by_date[d]))
        ]
        if len(present) < needed:
            raise DomainError(
                _(
                    "Không bố trí được lịch tiếp công dân định kỳ: %(rule)s (%(basis)s) — "
                    "%(window)s cần %(required)d ngày, nhưng %(head)s chỉ có mặt %(n)d ngày "
                    "làm việc (nghỉ phép hoặc đã có lịch trực khác). Hãy điều chỉnh lịch nghỉ "
                    "hoặc đặt lãnh đạo khác ở đầu danh sách lãnh đạo."
                )
                % {
                    "rule": window.rule.title,
                    "basis": window.rule.legal_basis,
                    "window": window.label(),
                    "required": required,
                    "head": head_name,
                    "n": len(present) + already,
                },
                code="periodic_unsatisfiable",
                fields={"leaders": [_("Lãnh đạo đứng đầu danh sách không đủ ngày có mặt.")]},
            )
        publishable = [d for d in present if request.publishable(d.date)]
        if len(publishable) < needed:
            notes.append(
                _(
                    "%(window)s: chỉ còn %(n)d ngày có thể niêm yết lịch trước 5 ngày làm "
                    "việc, cần %(required)d (Luật Tiếp công dân, Điều 24)."
                )
                % {"window": window.label(), "n": len(publishable), "required": needed}
            )
        for day in _spread(publishable, min(needed, len(publishable))) if publishable else []:
            chosen.add(day.date)
    return chosen, notes


def _pick_leaders(request: RosterRequest, periodic: set[date], load: _Load) -> dict[date, str]:
    head = request.leaders[0]
    on_call: dict[date, str] = {}
    for day in request.days:
        if day.date in periodic:
            on_call[day.date] = head
            load.add(head, day, OFFICE_HOURS)
            load.periodic[head] += 1
    for day in request.days:
        if day.date in on_call:
            continue
        slots = day_slots(day)
        free = [p for p in request.leaders if _free(request, p, day, slots)]
        if not free:
            raise DomainError(
                _(
                    "Ngày %(d)s không có lãnh đạo nào trực được: mọi lãnh đạo được chọn đều "
                    "nghỉ phép hoặc đã có lịch trực khác. Hãy thêm lãnh đạo hoặc điều chỉnh "
                    "lịch nghỉ."
                )
                % {"d": _dmy(day.date)},
                code="no_leader_available",
                fields={"leaders": [_("Không đủ lãnh đạo trực.")]},
            )
        yesterday = day.date - timedelta(days=1)
        best = min(
            free,
            key=lambda p: (
                load.tet[p] if day.tet else 0,
                load.total[p],
                load.last_day.get(p) == yesterday,
                load.last_seq[p],
                load.order[p],
            ),
        )
        on_call[day.date] = best
        load.add(best, day, day_slots(day)[0])
    return on_call


def generate(request: RosterRequest) -> RosterResult:
    """The roster of `request.days`; raises DomainError when it cannot be staffed."""
    _validate(request)
    by_date = {d.date: d for d in request.days}
    periodic, notes = _periodic_days(request, by_date)
    leader_load = _Load(request.leaders)
    on_call = _pick_leaders(request, periodic, leader_load)

    load = _Load(request.officers)
    shifts: list[ShiftPlan] = []
    for day in request.days:
        today: set[str] = set()
        yesterday = day.date - timedelta(days=1)
        for slot in day_slots(day):
            free = [p for p in request.officers if _free(request, p, day, (slot,))]
            if not free:
                raise DomainError(
                    _(
                        "Ngày %(d)s, ca %(slot)s không còn cán bộ nào trực được: mọi cán bộ "
                        "được chọn đều nghỉ phép hoặc đã có lịch trực khác cùng giờ."
                    )
                    % {"d": _dmy(day.date), "slot": SLOT_LABELS[slot]},
                    code="no_officer_available",
                    fields={"officers": [_("Không đủ cán bộ trực.")]},
                )
            free.sort(
                key=lambda p: (
                    p in today,
                    load.tet[p] if day.tet else 0,
                    load.off[p] if slot != OFFICE_HOURS else 0,
                    load.total[p],
                    load.last_day.get(p) == yesterday,
                    load.last_seq[p],
                    load.order[p],
                )
            )
            picked = free[: max(1, min(request.staffing.get(slot, 1), len(free)))]
            for person in picked:
                load.add(person, day, slot)
                today.add(person)
            kind = PERIODIC if slot == OFFICE_HOURS and day.date in periodic else REGULAR
            shifts.append(ShiftPlan(day.date, slot, kind, tuple(picked), on_call[day.date]))
    return RosterResult(shifts, notes, fairness_report(load, leader_load))


SLOT_LABELS = {
    OFFICE_HOURS: "trong giờ hành chính",
    AFTER_HOURS: "ngoài giờ hành chính",
    DAY_OFF: "trực ngày nghỉ",
}


def _spread_of(values: Sequence[int]) -> int:
    return max(values) - min(values) if values else 0


def fairness_report(officers: _Load, leaders: _Load) -> dict:
    """Shifts per person and the spread (max − min) of shifts and of Tết shifts."""

    def rows(load: _Load, role: str) -> list[dict]:
        return [
            {
                "username": p,
                "role": role,
                "total": load.total[p],
                "office_hours": load.by_slot[p][OFFICE_HOURS],
                "after_hours": load.by_slot[p][AFTER_HOURS],
                "day_off": load.by_slot[p][DAY_OFF],
                "tet": load.tet[p],
                "periodic": load.periodic[p],
            }
            for p in load.order
        ]

    officer_rows = rows(officers, "officer")
    leader_rows = rows(leaders, "leader")
    return {
        "people": officer_rows + leader_rows,
        "officer_spread": _spread_of([r["total"] for r in officer_rows]),
        "officer_tet_spread": _spread_of([r["tet"] for r in officer_rows]),
        "leader_spread": _spread_of([r["total"] for r in leader_rows]),
    }


def report_from_shifts(shifts: Sequence[ShiftPlan], days: Sequence[Day]) -> dict:
    """The fairness report recomputed from a roster (after manual edits)."""
    by_date = {d.date: d for d in days}
    officers: list[str] = []
    leaders: list[str] = []
    for s in shifts:
        officers.extend(p for p in s.officers if p not in officers)
        if s.leader and s.leader not in leaders:
            leaders.append(s.leader)
    officer_load, leader_load = _Load(officers), _Load(leaders)
    led: set[tuple[str, date]] = set()
    for s in shifts:
        day = by_date.get(s.date) or Day(s.date, s.slot != DAY_OFF)
        for p in s.officers:
            officer_load.add(p, day, s.slot)
        if s.leader and (s.leader, s.date) not in led:
            led.add((s.leader, s.date))
            leader_load.add(s.leader, day, s.slot)
        if s.leader and s.kind == PERIODIC:
            leader_load.periodic[s.leader] += 1
    return fairness_report(officer_load, leader_load)
