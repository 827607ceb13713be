"""Clock services and selectors."""

from datetime import date

import pytest

from tiepdan.audit.models import AuditEvent
from tiepdan.core.errors import DomainError
from tiepdan.workcalendar import constants, selectors, services
from tiepdan.workcalendar.models import Clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(ward, receptionist) -> Clock:
    # Contract example: complaint resolved in 30 days from 10/01/2025 → Mon 10/02/2025.
    return services.clock_start(
        target=ward,
        unit=ward,
        rule_code="complaint.resolve.first",
        start=date(2025, 1, 10),
        actor=receptionist,
    )


def test_clock_start_computes_due_and_audits(clock, receptionist, ward):
    assert (clock.due, clock.status, clock.rule_version) == (
        date(2025, 2, 10),
        Clock.Status.RUNNING,
        1,
    )
    assert "Điều 28" in clock.legal_basis
    assert clock.target == ward
    event = AuditEvent.objects.get(action=constants.CLOCK_STARTED)
    assert (event.actor, event.unit, event.target_id) == (receptionist, ward, str(clock.pk))


def test_clock_start_uses_rule_version_in_force_on_start(ward):
    old = services.clock_start(
        target=ward, unit=ward, rule_code="complaint.accept", start=date(2026, 6, 30)
    )
    new = services.clock_start(
        target=ward, unit=ward, rule_code="complaint.accept", start=date(2026, 7, 1)
    )
    assert (old.rule_version, old.due) == (1, date(2026, 7, 14))
    assert (new.rule_version, new.due) == (2, date(2026, 7, 10))


def test_clock_start_unknown_rule(ward):
    with pytest.raises(DomainError) as exc:
        services.clock_start(target=ward, unit=ward, rule_code="nope", start=date(2025, 1, 1))
    assert exc.value.code == "unknown_rule"


def test_clock_pause_and_resume_push_the_due_date(clock):
    services.clock_pause(clock=clock, on=date(2025, 1, 15), reason="Tạm đình chỉ")
    clock.refresh_from_db()
    assert clock.status == Clock.Status.PAUSED
    services.clock_resume(clock=clock, on=date(2025, 1, 20))
    clock.refresh_from_db()
    assert clock.status == Clock.Status.RUNNING
    assert clock.due == date(2025, 2, 17)  # 6 paused days; Sat 15/02 rolls to Mon 17/02
    actions = AuditEvent.objects.filter(target_type="workcalendar.clock", target_id=str(clock.pk))
    assert sorted(actions.values_list("action", flat=True)) == [
        constants.CLOCK_PAUSED,
        constants.CLOCK_RESUMED,
        constants.CLOCK_STARTED,
    ]


def test_clock_resume_before_pause_start_is_refused(clock):
    services.clock_pause(clock=clock, on=date(2025, 1, 15))
    with pytest.raises(DomainError) as exc:
        services.clock_resume(clock=clock, on=date(2025, 1, 14))
    assert exc.value.code == "invalid_pause"


def test_clock_resume_when_not_paused_is_refused(clock):
    with pytest.raises(DomainError) as exc:
        services.clock_resume(clock=clock, on=date(2025, 1, 14))
    assert exc.value.code == "clock_not_paused"


def test_clock_extend_within_and_beyond_the_allowance(ward):
    clock = services.clock_start(
        target=ward,
        unit=ward,
        rule_code="denunciation.resolve",
        start=date(2025, 1, 2),
        complexity="complex",
    )
    assert clock.due == date(2025, 2, 3)  # 01/02 is Saturday → Mon 03/02
    clock = services.clock_extend(clock=clock, reason="Vụ việc phức tạp")
    assert (clock.extensions, clock.due) == (1, date(2025, 3, 3))
    with pytest.raises(DomainError) as exc:
        services.clock_extend(clock=clock)
    assert exc.value.code == "option_not_allowed"
    clock.refresh_from_db()
    assert clock.extensions == 1


def test_clock_stop_met_and_missed(ward, clock):
    met = services.clock_stop(clock=clock, met_on=date(2025, 2, 10))
    assert (met.status, met.met_on) == (Clock.Status.MET, date(2025, 2, 10))
    late = services.clock_start(
        target=ward, unit=ward, rule_code="petition.notify", start=date(2025, 3, 3)
    )
    late = services.clock_stop(clock=late, met_on=date(2025, 3, 18))
    assert late.status == Clock.Status.MISSED
    with pytest.raises(DomainError) as exc:
        services.clock_extend(clock=late)
    assert exc.value.code == "clock_closed"


def test_clock_stop_while_paused_closes_the_pause(clock):
    services.clock_pause(clock=clock, on=date(2025, 1, 15))
    clock = services.clock_stop(clock=clock, met_on=date(2025, 1, 16))
    assert clock.status == Clock.Status.MET
    assert clock.pauses.get().end == date(2025, 1, 16)


# -- selectors -------------------------------------------------------------------------------


@pytest.fixture
def clocks(ward, other_ward):
    make = services.clock_start
    return {
        "overdue": make(
            target=ward, unit=ward, rule_code="petition.notify", start=date(2025, 3, 3)
        ),
        "soon": make(target=ward, unit=ward, rule_code="petition.notify", start=date(2025, 3, 10)),
        "far": make(
            target=ward, unit=ward, rule_code="complaint.limitation", start=date(2025, 3, 10)
        ),
        "other": make(
            target=other_ward, unit=other_ward, rule_code="petition.notify", start=date(2025, 3, 3)
        ),
    }


def test_clock_overdue_list_is_scoped(clocks, receptionist, unit_admin, outsider, superuser):
    on = date(2025, 3, 20)
    assert list(selectors.clock_overdue_list(user=receptionist, on=on)) == [clocks["overdue"]]
    assert list(selectors.clock_overdue_list(user=unit_admin, on=on)) == [clocks["overdue"]]
    assert list(selectors.clock_overdue_list(user=outsider, on=on)) == [clocks["other"]]
    assert set(selectors.clock_overdue_list(user=superuser, on=on)) == {
        clocks["overdue"],
        clocks["other"],
    }


def test_clock_due_within_working_days(clocks, receptionist):
    # From Thu 20/03/2025, 5 working days reach Thu 27/03; "soon" is due Mon 24/03.
    found = selectors.clock_due_within_list(user=receptionist, working_days=5, on=date(2025, 3, 20))
    assert list(found) == [clocks["soon"]]


def test_clock_list_by_unit_subtree(clocks, superuser, province, ward, other_ward):
    assert set(selectors.clock_list(user=superuser, unit=province)) == {
        clocks["overdue"],
        clocks["soon"],
        clocks["far"],
    }
    assert list(selectors.clock_list(user=superuser, unit=other_ward)) == [clocks["other"]]


def test_clock_paused_is_not_overdue(clocks, receptionist):
    services.clock_pause(clock=clocks["overdue"], on=date(2025, 3, 5))
    assert not selectors.clock_overdue_list(user=receptionist, on=date(2025, 3, 20)).exists()


def test_clock_list_has_no_n_plus_one(clocks, receptionist, django_assert_max_num_queries):
    list(selectors.clock_list(user=receptionist))  # warm the membership cache
    with django_assert_max_num_queries(3):
        rows = list(selectors.clock_list(user=receptionist))
        _ = [(c.unit.name, c.content_type.model, list(c.pauses.all())) for c in rows]


def test_clock_list_for_target(clocks, ward):
    assert len(selectors.clock_list_for_target(ward)) == 3


def test_latest_publication_date_selector():
    assert selectors.latest_publication_date(session_date=date(2025, 2, 5)) == date(2025, 1, 22)


def test_deadline_compute_selector():
    deadline = selectors.deadline_compute(rule_code="petition.notify", start=date(2025, 1, 17))
    assert deadline.due == date(2025, 2, 7)


def test_clock_state_is_computed_from_the_due_date(clock):
    """The stored status stays `running` until the clock stops; what it shows is overdue the
    day after its due date, whether or not the scan has run."""
    assert clock.due == date(2025, 2, 10)
    assert clock.state(date(2025, 2, 10)) == Clock.Status.RUNNING
    assert clock.state(date(2025, 2, 11)) == Clock.Status.MISSED
    assert clock.state_label == "Quá hạn"
    assert clock.is_overdue
    paused = services.clock_pause(clock=clock, on=date(2025, 1, 20))
    assert paused.state(date(2025, 3, 1)) == Clock.Status.PAUSED
