"""Pure deadline computation: worked examples (Tết 2025/2026, swaps, 2026-07-01) and properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiepdan.core.errors import DomainError
from tiepdan.workcalendar import engine
from tiepdan.workcalendar.tests.conftest import SEED_CALENDAR, SEED_CATALOGUE, build_calendar

D = date


def due(catalogue, calendar, code, start, **options) -> date:
    rule = catalogue.get(code, start)
    return engine.compute_deadline(rule, start, calendar, **options).due


# -- the calendar itself ---------------------------------------------------------------------


def test_calendar_tet_2025_is_off_and_makeup_saturday_worked(calendar):
    for day in range(27, 32):
        assert not calendar.is_working_day(D(2025, 1, day))
    assert calendar.is_working_day(D(2025, 2, 3))
    assert calendar.is_working_day(D(2025, 4, 26))  # Saturday làm bù for 02/05/2025
    assert not calendar.is_working_day(D(2025, 5, 2))
    assert calendar.is_working_day(D(2026, 8, 22))  # Saturday làm bù for 31/08/2026
    assert not calendar.is_working_day(D(2026, 8, 31))


def test_calendar_tet_2026_is_off(calendar):
    assert [d.day for d in calendar.days_off_in(2026) if d.month == 2] == [16, 17, 18, 19, 20]
    assert calendar.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)


def test_calendar_lists_of_2025(calendar):
    assert calendar.worked_weekend_days_in(2025) == [D(2025, 4, 26)]
    assert D(2025, 9, 1) in calendar.days_off_in(2025)
    assert D(2025, 9, 2) in calendar.days_off_in(2025)


# -- worked examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "options", "expected"),
    [
        # 10 working days across Tết 2025 (27/01–31/01 off; weekends 25–26/01, 01–02/02).
        ("petition.notify", D(2025, 1, 17), {}, D(2025, 2, 7)),
        # Before 2026-07-01: complaint acceptance is 10 working days …
        ("complaint.accept", D(2026, 6, 30), {}, D(2026, 7, 14)),
        # … from 2026-07-01 it is 7 (NĐ 155/2026); version chosen by the start date.
        ("complaint.accept", D(2026, 7, 1), {}, D(2026, 7, 10)),
        # 10 working days across Tết 2026 (Sat 14/02 – Sun 22/02).
        ("complaint.accept", D(2026, 2, 10), {}, D(2026, 3, 3)),
        # Swap 2025: Sat 26/04 worked, Fri 02/05 off (with 30/4 and 1/5).
        ("denunciation.transfer", D(2025, 4, 24), {}, D(2025, 5, 5)),
        # Swap 2026: Sat 22/08 worked, Mon 31/08 off, 01–02/09 National Day.
        ("petition.notify", D(2026, 8, 21), {}, D(2026, 9, 8)),
        # Calendar days: 30 days from 01/01/2025 ends on Fri 31/01 (Tết) → Mon 03/02.
        ("complaint.resolve.first", D(2025, 1, 1), {}, D(2025, 2, 3)),
        # Contract example: 30 days + 6 paused days → Sat 15/02/2025 → Mon 17/02/2025.
        (
            "complaint.resolve.first",
            D(2025, 1, 10),
            {"paused": [(D(2025, 1, 15), D(2025, 1, 20))]},
            D(2025, 2, 17),
        ),
        # Complex + remote area: 60 days.
        (
            "complaint.resolve.first",
            D(2025, 3, 3),
            {"complexity": "complex", "remote_area": True},
            D(2025, 5, 2) + timedelta(days=3),  # 02/05 is the swapped day off → Mon 05/05
        ),
        (
            "complaint.resolve.second",
            D(2025, 3, 3),
            {"remote_area": True},
            D(2025, 5, 2) + timedelta(days=3),
        ),
        # Denunciation: 30 days + 2 extensions of 30 (very complex) = 90 days.
        (
            "denunciation.resolve",
            D(2025, 1, 2),
            {"complexity": "very_complex", "extensions": 2},
            D(2025, 4, 2),
        ),
        (
            "denunciation.resolve",
            D(2025, 1, 2),
            {"complexity": "complex", "extensions": 1},
            D(2025, 3, 3),
        ),
        ("denunciation.intake", D(2025, 1, 20), {"complexity": "complex"}, D(2025, 2, 10)),
        # Paused working days are not counted: 05–06/03/2025 (Wed–Thu).
        (
            "petition.notify",
            D(2025, 3, 3),
            {"paused": [(D(2025, 3, 5), D(2025, 3, 6))]},
            D(2025, 3, 19),
        ),
        ("petition.notify", D(2025, 3, 3), {}, D(2025, 3, 17)),
    ],
)
def test_compute_deadline_worked_examples(catalogue, calendar, code, start, options, expected):
    assert due(catalogue, calendar, code, start, **options) == expected


def test_compute_deadline_complex_60_days_is_remote_complex(catalogue, calendar):
    deadline = engine.compute_deadline(
        catalogue.get("complaint.resolve.first", D(2025, 3, 3)),
        D(2025, 3, 3),
        calendar,
        complexity="complex",
        remote_area=True,
    )
    assert (deadline.days, deadline.day_type) == (60, "calendar")
    assert "Điều 28" in deadline.legal_basis


def test_complaint_accept_versions_meet_on_2026_07_01(catalogue):
    old = catalogue.get("complaint.accept", D(2026, 6, 30))
    new = catalogue.get("complaint.accept", D(2026, 7, 1))
    assert (old.version, old.days, old.valid_to) == (1, 10, D(2026, 6, 30))
    assert (new.version, new.days, new.valid_from) == (2, 7, D(2026, 7, 1))


def test_rule_not_in_force_before_its_law_is_unknown(catalogue):
    with pytest.raises(DomainError) as exc:
        catalogue.get("reception.refusal_notice", D(2026, 6, 30))
    assert exc.value.code == "unknown_rule"


def test_unknown_rule_code(catalogue):
    with pytest.raises(DomainError) as exc:
        catalogue.get("complaint.nonexistent", D(2025, 1, 1))
    assert exc.value.code == "unknown_rule"


@pytest.mark.parametrize(
    ("code", "options"),
    [
        ("denunciation.resolve", {"complexity": "complex", "extensions": 2}),
        ("denunciation.resolve", {"complexity": "very_complex", "extensions": 3}),
        ("denunciation.resolve", {"extensions": 1}),
        ("denunciation.resolve", {"remote_area": True}),
        ("complaint.resolve.first", {"complexity": "very_complex"}),
        ("complaint.resolve.first", {"extensions": 1}),
        ("petition.notify", {"complexity": "complex"}),
        ("reception.schedule_notice", {"paused": [(D(2025, 3, 4), D(2025, 3, 5))]}),
    ],
)
def test_compute_deadline_refuses_options_the_rule_does_not_allow(
    catalogue, calendar, code, options
):
    with pytest.raises(DomainError) as exc:
        due(catalogue, calendar, code, D(2025, 3, 3), **options)
    assert exc.value.code == "option_not_allowed"


def test_compute_deadline_refuses_pause_ending_before_it_starts(catalogue, calendar):
    with pytest.raises(DomainError) as exc:
        due(
            catalogue,
            calendar,
            "petition.notify",
            D(2025, 3, 3),
            paused=[(D(2025, 3, 9), D(2025, 3, 5))],
        )
    assert exc.value.code == "invalid_pause"
    assert "paused" in exc.value.fields


def test_compute_deadline_out_of_calendar_range(catalogue, calendar):
    with pytest.raises(DomainError) as exc:
        due(catalogue, calendar, "complaint.limitation", D(2031, 12, 1))
    assert exc.value.code == "out_of_range"


def test_latest_publication_date_counts_backwards(catalogue, calendar):
    rule = catalogue.get("reception.schedule_notice", D(2025, 2, 10))
    assert engine.latest_date_before(rule, D(2025, 2, 10), calendar) == D(2025, 2, 3)
    # Session on Wed 05/02/2025 right after Tết: five working days back is Wed 22/01.
    assert engine.latest_date_before(rule, D(2025, 2, 5), calendar) == D(2025, 1, 22)
    assert due(catalogue, calendar, "reception.schedule_notice", D(2025, 2, 5)) == D(2025, 1, 22)


def test_pause_before_start_and_overlapping_pauses_are_normalised(catalogue, calendar):
    plain = due(catalogue, calendar, "complaint.resolve.first", D(2025, 3, 3))
    clipped = due(
        catalogue,
        calendar,
        "complaint.resolve.first",
        D(2025, 3, 3),
        paused=[
            (D(2025, 2, 20), D(2025, 3, 3)),
            (D(2025, 3, 10), D(2025, 3, 12)),
            (D(2025, 3, 11), D(2025, 3, 14)),
        ],
    )
    assert plain == D(2025, 4, 2)
    assert clipped == D(2025, 4, 8)  # 02/04 + 5 paused days = 07/04 (Monday, Giỗ Tổ) → 08/04


def test_explain_deadline_lists_counted_and_skipped_days(catalogue, calendar):
    rule = catalogue.get("petition.notify", D(2025, 1, 24))
    deadline = engine.compute_deadline(rule, D(2025, 1, 24), calendar)
    days = engine.explain_deadline(deadline, calendar)
    assert days[-1].day == deadline.due
    assert days[-1].ordinal_in_period == 10
    assert {d.reason for d in days if d.day.month == 1} == {"weekend", "day_off"}
    assert sum(d.counted for d in days) == 10


# -- properties over 2020–2030 ---------------------------------------------------------------

FORWARD_RULES = [r for r in SEED_CATALOGUE.all() if not r.is_backward]
WORKING_RULES = [r for r in FORWARD_RULES if r.day_type == engine.WORKING]
CALENDAR_RULES = [r for r in FORWARD_RULES if r.day_type == engine.CALENDAR and r.pausable]
starts = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 6, 30))


@st.composite
def rule_and_start(draw, rules):
    rule = draw(st.sampled_from(rules))
    start = draw(starts.filter(lambda d: rule.in_force(d)))
    complexity, remote = draw(st.sampled_from(sorted(rule.variants)))
    extensions = draw(st.integers(0, rule.variants[(complexity, remote)].max_extensions))
    return rule, start, {"complexity": complexity, "remote_area": remote, "extensions": extensions}


@settings(max_examples=300, deadline=None)
@given(case=rule_and_start(FORWARD_RULES), pause=st.tuples(st.integers(0, 60), st.integers(0, 30)))
def test_property_due_date_is_never_a_day_off(case, pause):
    rule, start, options = case
    first = start + timedelta(days=pause[0])
    paused = [(first, first + timedelta(days=pause[1]))] if rule.pausable else []
    deadline = engine.compute_deadline(rule, start, SEED_CALENDAR, paused=paused, **options)
    assert SEED_CALENDAR.is_working_day(deadline.due)
    assert deadline.due > start


@settings(max_examples=60, deadline=None)
@given(case=rule_and_start(WORKING_RULES), pick=st.integers(0, 10_000))
def test_property_adding_a_day_off_moves_working_due_by_one_working_day(case, pick):
    rule, start, options = case
    before = engine.compute_deadline(rule, start, SEED_CALENDAR, **options).due
    inside = [
        start + timedelta(days=i)
        for i in range(1, (before - start).days + 1)
        if SEED_CALENDAR.is_working_day(start + timedelta(days=i))
    ]
    new_off = inside[pick % len(inside)]
    changed = (
        build_calendar(drop_worked=[new_off])
        if new_off.weekday() >= 5
        else build_calendar(extra_off=[new_off])
    )
    after = engine.compute_deadline(rule, start, changed, **options).due
    assert after == changed.next_working_day(before, inclusive=False)


@settings(max_examples=300, deadline=None)
@given(case=rule_and_start(CALENDAR_RULES), offset=st.integers(0, 1000), k=st.integers(1, 40))
def test_property_pause_of_k_days_moves_calendar_due_by_k_before_roll_forward(case, offset, k):
    rule, start, options = case
    deadline = engine.compute_deadline(rule, start, SEED_CALENDAR, **options)
    raw_end = start + timedelta(days=deadline.days)
    first = start + timedelta(days=1 + offset % deadline.days)  # inside the period
    paused = [(first, first + timedelta(days=k - 1))]
    moved = engine.compute_deadline(rule, start, SEED_CALENDAR, paused=paused, **options).due
    assert moved == SEED_CALENDAR.next_working_day(raw_end + timedelta(days=k))
    assert deadline.due == SEED_CALENDAR.next_working_day(raw_end)
