import datetime as dt

import pytest

from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.core.errors import DomainError
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import selectors, services
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.vault import vault
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.models import Clock

pytestmark = pytest.mark.django_db


def clocks(target) -> dict[str, Clock]:
    return {c.rule_code: c for c in calendar_selectors.clock_list_for_target(target)}


def engine_due(rule: str, start: dt.date, **kw) -> dt.date:
    return calendar_selectors.deadline_compute(rule_code=rule, start=start, **kw).due


def test_intake_numbers_per_unit_and_year_and_starts_the_notify_clock(receive) -> None:
    first, second = receive(), receive(summary="Đơn thứ hai")
    assert (first.number, second.number) == (1, 2)
    notify = clocks(first)["petition.notify"]
    # 10 working days from Mon 20/01/2025 skip the Tết break 25/01–02/02/2025.
    assert notify.due == engine_due("petition.notify", dt.date(2025, 1, 20)) == dt.date(2025, 2, 10)


def test_denunciation_intake_clock(receive) -> None:
    petition = receive(petition_type="denunciation")
    assert set(clocks(petition)) == {"petition.notify", "denunciation.intake"}


def test_from_july_2026_the_45_day_alarm_runs(receive) -> None:
    petition = receive(received_on=dt.date(2026, 7, 6))
    assert "petition.unprocessed_alarm" in clocks(petition)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"received_on": dt.date(2099, 1, 1)}, "received_on"),
        ({"senders": []}, "senders"),
        ({"source": "transferred"}, "sender_body"),
        ({"petition_type": "other"}, "petition_type"),
    ],
)
def test_bad_intake_is_refused_and_saves_nothing(receive, change: dict, field: str) -> None:
    with pytest.raises(DomainError) as exc:
        receive(**change)
    assert field in exc.value.fields
    assert not Petition.objects.exists()
    assert not Clock.objects.exists()


def test_accept_opens_a_case_with_its_resolution_clock(
    receive, processor: User, leader: User
) -> None:
    petition = receive()
    services.petition_classify(
        petition=petition,
        actor=processor,
        petition_type="complaint",
        domain="admin.land_housing",
        eligibility="eligible",
        within_jurisdiction=True,
    )
    services.petition_propose(
        petition=petition, actor=processor, outcome="accept", note="Thuộc thẩm quyền, đủ điều kiện"
    )
    services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="accept",
        decided_on=dt.date(2025, 1, 23),
        complexity="complex",
    )
    petition.refresh_from_db()
    case = petition.case
    assert (case.status, case.kind, case.accepted_on) == (
        "accepted",
        "complaint_first",
        dt.date(2025, 1, 23),
    )
    resolve = clocks(case)["complaint.resolve.first"]
    assert resolve.due == engine_due(
        "complaint.resolve.first", dt.date(2025, 1, 23), complexity="complex"
    )
    assert clocks(petition)["petition.notify"].status == "met"


def test_mixed_petition_is_split_before_acceptance(receive, processor: User, leader: User) -> None:
    petition = receive(petition_type="mixed", summary="Khiếu nại thu hồi đất và tố cáo cán bộ")
    with pytest.raises(DomainError) as exc:
        services.petition_decide(
            petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 1, 21)
        )
    assert "tách" in exc.value.message
    parts = services.petition_split(
        petition=petition,
        actor=processor,
        parts=[
            {"petition_type": "complaint", "summary": "Khiếu nại quyết định thu hồi đất"},
            {"petition_type": "denunciation", "summary": "Tố cáo cán bộ địa chính"},
        ],
    )
    assert [p.split_from_id for p in parts] == [petition.pk, petition.pk]
    assert [p.number for p in parts] == [2, 3]
    petition.refresh_from_db()
    assert petition.status == "closed"


def test_transfer_to_a_unit_lands_in_its_inbox_and_keeps_one_identity(
    receive,
    leader: User,
    department: Unit,
    department_leader: User,
    unit_admin: User,
) -> None:
    petition = receive()
    services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="transfer",
        decided_on=dt.date(2025, 1, 21),
        to_unit=department,
    )
    transfer = Transfer.objects.get()
    assert list(selectors.inbox(department_leader, department)) == [transfer]
    copy = services.transfer_acknowledge(
        transfer=transfer, actor=department_leader, received_on=dt.date(2025, 1, 22)
    )
    assert (copy.unit, copy.origin, copy.source, copy.number) == (
        department,
        petition,
        "transferred",
        1,
    )
    services.petition_decide(
        petition=copy, actor=department_leader, outcome="accept", decided_on=dt.date(2025, 1, 24)
    )
    steps = selectors.petition_path(unit_admin, petition)
    assert [s.unit for s in steps] == [petition.unit, department]
    assert steps[1].petition.case.status == "accepted"


def test_circular_transfer_is_refused(
    receive, leader: User, department: Unit, department_leader: User, ward: Unit
) -> None:
    petition = receive()
    services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="transfer",
        decided_on=dt.date(2025, 1, 21),
        to_unit=department,
    )
    copy = services.transfer_acknowledge(
        transfer=Transfer.objects.get(), actor=department_leader, received_on=dt.date(2025, 1, 22)
    )
    with pytest.raises(DomainError) as exc:
        services.petition_decide(
            petition=copy,
            actor=department_leader,
            outcome="transfer",
            decided_on=dt.date(2025, 1, 23),
            to_unit=ward,
        )
    assert "vòng vèo" in exc.value.message


def test_denunciation_is_transferred_only_once(receive, leader: User, department: Unit) -> None:
    petition = receive(petition_type="denunciation")
    services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="transfer",
        decided_on=dt.date(2025, 1, 21),
        to_body="Công an tỉnh",
        to_body_kind="judicial",
    )
    assert petition.status == "decided"
    assert Transfer.objects.get().to_body == "Công an tỉnh"


def test_anonymous_denunciation_follows_article_25(receive, leader: User) -> None:
    petition = receive(
        petition_type="denunciation",
        senders=[],
        anonymous=True,
        summary="Tố cáo nặc danh: cán bộ X nhận tiền khi cấp giấy phép",
    )
    assert set(clocks(petition)) == {"petition.process"}
    with pytest.raises(DomainError) as exc:
        services.petition_decide(
            petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 1, 21)
        )
    assert "Điều 25" in exc.value.message
    services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="transfer",
        decided_on=dt.date(2025, 1, 21),
        to_body="Thanh tra tỉnh (kiểm tra, thanh tra)",
        reason="Có thông tin cụ thể, chuyển thanh tra kiểm tra",
    )
    assert clocks(petition)["petition.process"].status == "met"


def test_duplicates_found_across_units_with_reworded_content(
    receive,
    ward: Unit,
    department: Unit,
    unit_admin: User,
    sender,
) -> None:
    original = receive(summary="Khiếu nại quyết định thu hồi đất để mở rộng đường Nguyễn Huệ")
    other_person = citizen_services.citizen_create(
        unit=department, actor=None, full_name="Trần Văn Bình"
    )
    again = services.petition_receive(
        unit=department,
        received_on=dt.date(2025, 2, 10),
        source="post",
        petition_type="complaint",
        domain="admin.land_housing",
        summary="Đề nghị xem xét lại việc thu hồi đất mở rộng đường Nguyễn Huệ của gia đình tôi",
        senders=[sender],
        actor=None,
    )
    unrelated = services.petition_receive(
        unit=department,
        received_on=dt.date(2025, 2, 10),
        source="post",
        petition_type="proposal",
        domain="other",
        summary="Phản ánh tiếng ồn quán karaoke",
        senders=[other_person],
        actor=None,
    )
    found = selectors.duplicate_suggestions(unit_admin, again)
    assert [s.petition for s in found][:1] == [original]
    assert found[0].same_sender
    assert unrelated not in [s.petition for s in found]
    services.petition_mark_duplicate(petition=again, of=original, actor=unit_admin)
    again.refresh_from_db()
    assert (again.eligibility, again.ineligible_reason) == ("ineligible", "duplicate")


def test_denouncer_is_sealed_from_superior_units(
    receive, processor: User, unit_admin: User, leader: User
) -> None:
    petition = receive(petition_type="denunciation")
    assert vault.can_see_senders(processor, petition)
    assert vault.can_see_senders(leader, petition)
    assert not vault.can_see_senders(unit_admin, petition)


def test_backlog_lists_overdue_and_review_is_recorded(receive, processor: User, ward: Unit) -> None:
    petition = receive(received_on=dt.date(2024, 12, 2))
    items = list(selectors.backlog(processor, ward, on=dt.date(2025, 1, 15)))
    assert items == [petition]
    services.backlog_review(petition=petition, actor=processor, decision="Giao xác minh lại")
    assert petition.reviews.count() == 1


def test_case_of_a_second_complaint(receive, leader: User) -> None:
    petition = receive()
    petition.prior_resolution = "first"
    petition.eligibility = "eligible"
    petition.save()
    services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 1, 21)
    )
    assert Case.objects.get().kind == "complaint_second"


@pytest.mark.parametrize("outcome", ["transfer", "urge"])
def test_no_petition_goes_to_a_unit_not_in_force(
    receive, leader: User, ward: Unit, department: Unit, outcome: str
) -> None:
    """A unit whose validity ended (or that was merged away) is no transfer target, even for a
    decision dated while it still existed: nobody would be there to take the petition."""
    department.valid_to = dt.date(2025, 6, 30)
    department.save()
    petition = receive()
    with pytest.raises(DomainError) as exc:
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome=outcome,
            decided_on=dt.date(2025, 1, 21),
            to_unit=department,
        )
    assert "hết hiệu lực" in exc.value.fields["to_unit"][0]
    assert not Transfer.objects.exists()
    department.valid_to = None
    department.merged_into = ward.parent
    department.save()
    with pytest.raises(DomainError) as exc:
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome=outcome,
            decided_on=dt.date(2025, 1, 21),
            to_unit=department,
        )
    assert "sáp nhập" in exc.value.fields["to_unit"][0]
