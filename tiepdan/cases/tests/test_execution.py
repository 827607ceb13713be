"""Execution of decisions (case_execution_record): what the decision orders is set, what was
executed adds up, "trong đó" parts stay within their wholes, completion is dated once; the
step form and the 01/02-KQGQ reports read what was recorded."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tiepdan.cases import services
from tiepdan.cases.forms import ExecutionForm
from tiepdan.cases.models import Case, CaseEvent
from tiepdan.core.errors import DomainError
from tiepdan.reports import selectors
from tiepdan.reports.forms_registry import form_version_for
from tiepdan.reports.periods import custom_period

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def decided(open_case, leader) -> Case:
    """A first-instance complaint decided on 24/01/2025, in time (khiếu nại đúng một phần)."""
    case = open_case(received_on=D(2025, 1, 6), accepted_on=D(2025, 1, 8))
    services.verification_assign(
        case=case, on=D(2025, 1, 9), team=["A, tổ trưởng", "B"], content="x", actor=leader
    )
    services.verification_report(
        case=case, on=D(2025, 1, 20), findings="y", differs=False, actor=leader
    )
    return services.case_decide(
        case=case, on=D(2025, 1, 24), outcome="partly", text="Đúng một phần.", actor=leader
    )


def test_ordered_figures_are_set_and_executed_figures_add_up(decided: Case, leader) -> None:
    services.case_execution_record(
        case=decided,
        on=D(2025, 2, 20),
        actor=leader,
        decision_money_to_state=Decimal("120.5"),
        decision_money_returned=Decimal("80"),
        decision_money_returned_orgs=Decimal("30"),
        decision_restored_persons=2,
        proposed_disciplined=3,
        proposed_disciplined_officials=2,
        money_to_state=Decimal("50.25"),
        money_returned=Decimal("40"),
        money_returned_orgs=Decimal("10"),
        persons_disciplined=1,
        disciplined_officials=1,
    )
    services.case_execution_record(
        case=decided,
        on=D(2025, 3, 1),
        actor=leader,
        decision_money_to_state=Decimal("100"),  # corrected, not added
        money_to_state=Decimal("49.75"),
        money_returned=Decimal("40"),
        prosecuted_cases=1,
        prosecuted_persons=2,
        prosecuted_officials=1,
    )
    case = Case.objects.get(pk=decided.pk)
    assert case.decision_money_to_state == Decimal("100")
    # Not given the second time: unchanged.
    assert (case.decision_money_returned, case.decision_money_returned_orgs) == (80, 30)
    assert (case.proposed_disciplined, case.proposed_disciplined_officials) == (3, 2)
    assert case.decision_restored_persons == 2
    assert case.money_to_state == Decimal("100.00")
    assert (case.money_returned, case.money_returned_orgs) == (80, 10)
    assert (case.persons_disciplined, case.disciplined_officials) == (1, 1)
    assert (case.prosecuted_cases, case.prosecuted_persons, case.prosecuted_officials) == (1, 2, 1)
    assert case.executed_on is None
    events = list(case.events.filter(kind=CaseEvent.Kind.EXECUTION).order_by("pk"))
    assert len(events) == 2
    assert events[0].data["decision_money_to_state"] == "120.5"
    assert events[1].data["prosecuted_persons"] == "2"
    assert "completed" not in events[1].data


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"money_returned": Decimal(5), "money_returned_orgs": Decimal(6)}, "money_returned_orgs"),
        ({"land_returned_orgs": Decimal(1)}, "land_returned_orgs"),
        ({"persons_disciplined": 1, "disciplined_officials": 2}, "disciplined_officials"),
        ({"referred_persons": 1, "referred_officials": 2}, "referred_officials"),
        ({"prosecuted_officials": 1}, "prosecuted_officials"),
        ({"decision_money_returned_orgs": Decimal(1)}, "decision_money_returned_orgs"),
        ({"decision_land_returned_orgs": Decimal(1)}, "decision_land_returned_orgs"),
        ({"proposed_disciplined_officials": 1}, "proposed_disciplined_officials"),
        ({"money_to_state": Decimal(-1)}, "money_to_state"),
        ({"decision_restored_orgs": -1}, "decision_restored_orgs"),
    ],
)
def test_a_part_above_its_whole_or_a_negative_figure_is_refused(
    decided: Case, leader, kwargs: dict, field: str
) -> None:
    with pytest.raises(DomainError) as error:
        services.case_execution_record(case=decided, on=D(2025, 2, 20), actor=leader, **kwargs)
    assert error.value.code == "invalid"
    assert field in error.value.fields
    assert not decided.events.filter(kind=CaseEvent.Kind.EXECUTION).exists()
    case = Case.objects.get(pk=decided.pk)
    assert (case.money_returned, case.persons_disciplined, case.proposed_disciplined) == (0, 0, 0)


def test_a_part_may_follow_its_whole_recorded_earlier(decided: Case, leader) -> None:
    services.case_execution_record(
        case=decided, on=D(2025, 2, 20), actor=leader, persons_disciplined=3
    )
    services.case_execution_record(
        case=decided, on=D(2025, 2, 21), actor=leader, disciplined_officials=2
    )
    assert Case.objects.get(pk=decided.pk).disciplined_officials == 2


def test_completion_is_dated_once_and_not_before_the_decision(decided: Case, leader) -> None:
    with pytest.raises(DomainError) as error:
        services.case_execution_record(
            case=decided, on=D(2025, 1, 20), actor=leader, completed=True
        )
    assert "on" in error.value.fields
    services.case_execution_record(case=decided, on=D(2025, 3, 20), actor=leader, completed=True)
    case = Case.objects.get(pk=decided.pk)
    assert case.executed_on == D(2025, 3, 20)
    assert case.events.filter(kind=CaseEvent.Kind.EXECUTION).last().data == {"completed": True}
    with pytest.raises(DomainError) as again:
        services.case_execution_record(case=case, on=D(2025, 3, 25), actor=leader, completed=True)
    assert again.value.code == "already_executed"
    # Late figures may still be recorded after completion.
    services.case_execution_record(case=case, on=D(2025, 3, 25), actor=leader, restored_orgs=1)
    assert Case.objects.get(pk=decided.pk).restored_orgs == 1


def test_execution_needs_a_decision(open_case, leader) -> None:
    case = open_case(received_on=D(2025, 1, 6), accepted_on=D(2025, 1, 8))
    with pytest.raises(DomainError) as error:
        services.case_execution_record(case=case, on=D(2025, 2, 1), actor=leader)
    assert error.value.code == "not_resolved"


def test_form_leaves_ordered_figures_unset_and_executed_figures_zero() -> None:
    form = ExecutionForm({"on": "2025-02-20", "money_to_state": "1.5"})
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["money_to_state"] == Decimal("1.5")
    assert data["prosecuted_persons"] == 0
    assert data["decision_money_to_state"] is None
    assert data["proposed_disciplined"] is None
    assert data["completed"] is False
    assert ExecutionForm({"on": "2025-02-20", "restored_orgs": "-1"}).is_valid() is False


def test_step_form_records_execution_and_the_reports_read_it(decided: Case, leader, ward) -> None:
    client = Client()
    client.force_login(leader)
    client.post("/units/switch/", {"unit": ward.pk})
    services.case_effective(case=decided, on=D(2025, 3, 3), actor=leader)
    bad = client.post(
        f"/cases/{decided.pk}/steps/execution/",
        {
            "execution-on": "2025-03-05",
            "execution-persons_disciplined": "1",
            "execution-disciplined_officials": "2",
        },
    )
    assert bad.status_code == 400
    assert "Lớn hơn tổng số" in bad.content.decode()
    ok = client.post(
        f"/cases/{decided.pk}/steps/execution/",
        {
            "execution-on": "2025-03-05",
            "execution-decision_money_to_state": "12.5",
            "execution-decision_land_returned": "300",
            "execution-decision_land_returned_orgs": "100",
            "execution-money_to_state": "12.5",
            "execution-land_returned": "120",
            "execution-prosecuted_cases": "1",
            "execution-prosecuted_persons": "1",
            "execution-completed": "on",
        },
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    period = custom_period(D(2025, 1, 15), D(2025, 3, 14))
    kqgq01 = selectors.report_compute(
        form_version_for("01-KQGQ", period.end), decided.unit, period
    ).columns
    # Decided on 24/01 by a decision, khiếu nại đúng một phần, within its time limit.
    assert (kqgq01[4], kqgq01[5], kqgq01[22], kqgq01[25], kqgq01[26]) == (1, 1, 1, 1, 0)
    assert (kqgq01[7], kqgq01[10], kqgq01[12]) == (12.5, 100, 200)
    kqgq02 = selectors.report_compute(
        form_version_for("02-KQGQ", period.end), decided.unit, period
    ).columns
    assert (kqgq02[1], kqgq02[2], kqgq02[3], kqgq02[5]) == (1, 1, 12.5, 12.5)
    assert (kqgq02[8], kqgq02[10], kqgq02[12], kqgq02[14]) == (100, 200, 0, 120)
    assert (kqgq02[17], kqgq02[18], kqgq02[19]) == (1, 1, 0)
    # Executed completely before the next period: not to execute any more.
    later = custom_period(D(2025, 3, 15), D(2025, 6, 14))
    assert (
        selectors.report_compute(
            form_version_for("02-KQGQ", later.end), decided.unit, later
        ).columns[1]
        == 0
    )
