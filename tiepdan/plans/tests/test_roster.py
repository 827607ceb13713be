"""The pure roster algorithm and compliance rules, with invariants checked by hypothesis."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiepdan.core.errors import DomainError
from tiepdan.plans import compliance, ical, roster
from tiepdan.plans.tests.conftest import CALENDAR, RULES, days_between, rules_for


def request_for(first, last, officers, leaders, *, kind="ward", unavailable=None, busy=()):
    days = days_between(first, last)
    windows = compliance.windows(
        first=first, last=last, rules=rules_for(kind), is_working_day=CALENDAR.is_working_day
    )
    return roster.RosterRequest(
        days=days,
        officers=officers,
        leaders=leaders,
        unavailable=unavailable or {},
        busy=frozenset(busy),
        windows=windows,
    ), windows


def assert_invariants(request: roster.RosterRequest, result: roster.RosterResult) -> None:
    by_slot = {(s.date, s.slot): s for s in result.shifts}
    # Every day of the period has its duty slots, each staffed, with a leader.
    for day in request.days:
        for slot in roster.day_slots(day):
            shift = by_slot[(day.date, slot)]
            assert shift.officers, (day, slot)
            assert shift.leader in request.leaders
            assert set(shift.officers) <= set(request.officers)
    assert len(by_slot) == len(result.shifts) == sum(len(roster.day_slots(d)) for d in request.days)
    # Nobody holds two shifts at the same time, nobody works on leave or when busy elsewhere.
    seen: set[tuple[str, dt.date, str]] = set()
    for s in result.shifts:
        people = [*s.officers, s.leader]
        assert len(people) == len(set(people))
        for person in people:
            key = (person, s.date, s.slot)
            assert key not in seen
            seen.add(key)
            assert key not in request.busy
            assert s.date not in request.unavailable.get(person, frozenset())
    # A leader is on call for the whole day.
    for day in request.days:
        assert len({by_slot[(day.date, slot)].leader for slot in roster.day_slots(day)}) == 1


def check_refusal(error, request, frozen, people, leaders) -> None:
    """A refusal names a constraint that really cannot be met."""
    assert error.code in {"no_officer_available", "no_leader_available", "periodic_unsatisfiable"}
    days = [d.date for d in request.days]
    if error.code == "no_officer_available":
        assert any(all(d in frozen.get(p, ()) for p in people) for d in days)
    elif error.code == "no_leader_available":
        assert any(all(d in frozen.get(p, ()) for p in leaders) for d in days)
    else:
        assert "nghỉ phép" in error.message


usernames = st.lists(
    st.text(alphabet="abcdefghij", min_size=3, max_size=6), min_size=1, max_size=12, unique=True
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 1)),
    length=st.integers(1, 75),
    people=usernames,
    leader_count=st.integers(1, 4),
    kind=st.sampled_from(["ward", "commune", "province", "department"]),
)
def test_roster_invariants_and_compliance(start, length, people, leader_count, kind):
    leaders = [f"ld-{i}" for i in range(leader_count)]
    end = start + dt.timedelta(days=length - 1)
    request, windows = request_for(start, end, people, leaders, kind=kind)
    result = roster.generate(request)
    assert_invariants(request, result)
    sessions = [s.date for s in result.shifts if s.kind == roster.PERIODIC]
    assert all(s.leader == leaders[0] for s in result.shifts if s.kind == roster.PERIODIC)
    rows = compliance.periodic_rows(windows, sessions)
    assert all(r.ok for r in rows), [r for r in rows if not r.ok]
    for row, window in zip(rows, windows, strict=True):
        # The version judged is the one in force on every day of the window.
        assert window.rule.in_force(window.first)
        assert window.rule.in_force(window.last)
        assert row.rule.startswith(window.rule.title)
    # Periodic sessions are held on working days only, at most the required number.
    assert all(CALENDAR.is_working_day(d) for d in sessions)
    assert len(sessions) == sum(w.required for w in windows)
    # Fair rotation: Tết days spread evenly over officers.
    assert result.report["officer_tet_spread"] <= 1


@settings(max_examples=120, deadline=None)
@given(
    start=st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 1)),
    length=st.integers(1, 45),
    people=usernames,
    leave=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 44), st.integers(0, 20))),
)
def test_roster_with_leave_is_valid_or_says_why(start, length, people, leave):
    leaders = ["ld-head", "ld-deputy"]
    end = start + dt.timedelta(days=length - 1)
    unavailable: dict[str, set[dt.date]] = {}
    everyone = [*people, *leaders]
    for who, offset, span in leave:
        person = everyone[who % len(everyone)]
        first = start + dt.timedelta(days=offset)
        unavailable.setdefault(person, set()).update(
            first + dt.timedelta(days=i) for i in range(span + 1)
        )
    frozen = {k: frozenset(v) for k, v in unavailable.items()}
    request, windows = request_for(start, end, people, leaders, unavailable=frozen)
    error: DomainError | None = None
    try:
        result = roster.generate(request)
    except DomainError as exc:
        error = exc
    if error is not None:
        check_refusal(error, request, frozen, people, leaders)
        return
    assert_invariants(request, result)
    sessions = [s.date for s in result.shifts if s.kind == roster.PERIODIC]
    assert all(r.ok for r in compliance.periodic_rows(windows, sessions))


def test_tet_2025_ward_roster():
    """Phường Bắc Sơn, Tết Ất Tỵ: 25/01–02/02/2025 is one whole-day duty a day."""
    request, windows = request_for(
        dt.date(2025, 1, 23), dt.date(2025, 2, 9), ["hoa", "duc", "tuan"], ["truong", "lan"]
    )
    result = roster.generate(request)
    assert_invariants(request, result)
    tet = [s for s in result.shifts if dt.date(2025, 1, 25) <= s.date <= dt.date(2025, 2, 2)]
    assert {s.slot for s in tet} == {roster.DAY_OFF}
    assert len(tet) == 9
    rows = compliance.periodic_rows(
        windows, [s.date for s in result.shifts if s.kind == "periodic"]
    )
    assert [(r.required, r.scheduled, r.ok) for r in rows] == [
        (1, 1, True),
        (0, 0, True),
        (1, 1, True),
    ]
    assert "Tết" in rows[1].note


def test_rule_versions_across_1_july_2026():
    """Weekly minimum until 30/6/2026 (Luật TCD 2013 Art 15.2.d), 2 a month from 1/7/2026."""
    first, last = dt.date(2026, 6, 22), dt.date(2026, 7, 31)
    windows = compliance.windows(
        first=first, last=last, rules=rules_for("ward"), is_working_day=CALENDAR.is_working_day
    )
    summary = [(w.rule.code, w.first, w.last, w.required) for w in windows]
    assert summary == [
        ("commune_chair.2014", dt.date(2026, 6, 22), dt.date(2026, 6, 28), 1),
        ("commune_chair.2014", dt.date(2026, 6, 29), dt.date(2026, 6, 30), 1),
        ("commune_chair.2026", dt.date(2026, 7, 1), dt.date(2026, 7, 31), 2),
    ]
    request, _w = request_for(first, last, ["a", "b"], ["head"])
    result = roster.generate(request)
    july = [s.date for s in result.shifts if s.kind == "periodic" and s.date.month == 7]
    assert len(july) == 2
    rows = compliance.periodic_rows(
        windows, [s.date for s in result.shifts if s.kind == "periodic"]
    )
    assert all(r.ok for r in rows)
    # Without the July sessions the month row fails under the 2026 version.
    rows = compliance.periodic_rows(windows, list(july[:1]))
    assert [r.ok for r in rows] == [False, False, False]
    assert rows[2].rule.startswith(RULES["commune_chair.2026"].title)


def test_province_and_department_monthly():
    windows = compliance.windows(
        first=dt.date(2025, 3, 1),
        last=dt.date(2025, 4, 30),
        rules=rules_for("department"),
        is_working_day=CALENDAR.is_working_day,
    )
    assert [(w.rule.code, w.required) for w in windows] == [
        ("agency_head.2014", 1),
        ("agency_head.2014", 1),
    ]
    assert rules_for("police") == []


@pytest.mark.parametrize(
    ("officers", "leaders", "code", "words"),
    [
        ([], ["head"], "no_officers", "cán bộ"),
        (["a"], [], "no_leaders", "lãnh đạo"),
        (["a", "head"], ["head"], "officer_is_leader", "vừa có tên"),
    ],
)
def test_bad_input_says_what(officers, leaders, code, words):
    request, _w = request_for(dt.date(2025, 3, 3), dt.date(2025, 3, 9), officers, leaders)
    with pytest.raises(DomainError) as caught:
        roster.generate(request)
    assert caught.value.code == code
    assert words in caught.value.message


def test_head_on_leave_all_month_cannot_hold_sessions():
    first, last = dt.date(2027, 3, 1), dt.date(2027, 3, 31)
    leave = frozenset(first + dt.timedelta(days=i) for i in range(31))
    request, _w = request_for(
        first, last, ["a", "b"], ["head", "deputy"], unavailable={"head": leave}
    )
    with pytest.raises(DomainError) as caught:
        roster.generate(request)
    assert caught.value.code == "periodic_unsatisfiable"
    assert "nghỉ phép" in caught.value.message
    assert "2 ngày trong tháng" in caught.value.message  # the 2026 version is in force


def test_only_leader_on_leave_means_no_leader():
    first, last = dt.date(2027, 3, 6), dt.date(2027, 3, 7)  # a weekend: no session required
    leave = frozenset([first, last])
    request, _w = request_for(first, last, ["a"], ["head"], unavailable={"head": leave})
    with pytest.raises(DomainError) as caught:
        roster.generate(request)
    assert caught.value.code == "no_leader_available"
    assert "06/03/2027" in caught.value.message


def test_publication_row():
    row = compliance.publication_row(
        [(dt.date(2025, 1, 24), dt.date(2025, 1, 17))],
        published_on=dt.date(2025, 1, 20),
        today=dt.date(2025, 1, 20),
    )
    assert row is not None
    assert not row.ok
    assert "24/01/2025" in row.note


def test_ical_folding_and_escaping():
    text = ical.calendar(
        "Lịch trực của Nguyễn Văn Trường",
        [
            ical.Event(
                uid="shift-1@tiepdan",
                day=dt.date(2025, 1, 29),
                start=dt.time(7, 30),
                end=dt.time(17, 0),
                summary="Lãnh đạo trực; Mùng 1 Tết, trực cả ngày",
                description="Tổ chức tiếp công dân phục vụ Tết Nguyên đán Ất Tỵ năm 2025 " * 3,
            )
        ],
        stamp=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert lines[-1] == ""
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "DTSTART:20250129T003000Z" in lines
    assert "SUMMARY:Lãnh đạo trực\\; Mùng 1 Tết\\, trực cả ngày" in lines
    unfolded = text.replace("\r\n ", "")
    assert "Ất Tỵ năm 2025" in unfolded
