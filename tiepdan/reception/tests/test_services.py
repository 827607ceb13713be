import datetime as dt

import pytest

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.core.errors import DomainError
from tiepdan.monitoring.models import Alert
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.reception import services, session_services
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reception.tests.conftest import at
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.models import Clock

pytestmark = pytest.mark.django_db


def record(unit: Unit, actor: User, citizens: list[Citizen], **overrides):
    values = {
        "unit": unit,
        "received_at": at("2025-01-27"),
        "mode": "regular",
        "chaired_by": "officer",
        "channel": "in_person",
        "people_count": len(citizens),
        "petition_type": "complaint",
        "domain": "admin.land_housing",
        "content": "Khiếu nại về bồi thường giải phóng mặt bằng",
        "handling": "guided",
    }
    values.update(overrides)
    attendees = services.attendees_of(citizens, values.pop("representatives", []))
    return services.visit_record(services.VisitInput(attendees=attendees, **values), actor=actor)


def test_individual_visit_opens_a_matter_and_takes_line_one(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    result = record(ward, receptionist, [citizen])
    visit = result.visit
    assert (visit.year, visit.register_number) == (2025, 1)
    assert not visit.is_repeat
    assert not visit.is_mass_group
    assert visit.case.citizens.get() == citizen
    assert visit.case.kind == "complaint_first"
    event = AuditEvent.objects.get(action="visit.recorded")
    assert event.actor == receptionist
    assert event.data["register_number"] == 1


def test_repeat_visit_on_a_known_matter(ward: Unit, receptionist: User, citizen: Citizen) -> None:
    first = record(ward, receptionist, [citizen]).visit
    again = record(ward, receptionist, [citizen], case=first.case, received_at=at("2025-02-10"))
    assert again.visit.is_repeat
    assert again.visit.register_number == 2
    assert Case.objects.count() == 1


def test_register_numbers_restart_each_year(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    record(ward, receptionist, [citizen], received_at=at("2025-12-31", 16))
    visit = record(ward, receptionist, [citizen], received_at=at("2026-01-02")).visit
    assert (visit.year, visit.register_number) == (2026, 1)


def test_group_of_twelve_raises_an_alert_routed_to_the_police(
    ward: Unit, police: Unit, receptionist: User, group: list[Citizen]
) -> None:
    result = record(
        ward,
        receptionist,
        group,
        people_count=12,
        representatives=group,
        content="Đoàn 12 hộ dân khiếu nại dự án mở rộng đường",
    )
    assert result.visit.is_mass_group
    assert result.visit.warnings == []
    alert = Alert.objects.get(pk=result.alert_ids[0])
    assert alert.kind == "mass_group"
    assert alert.level == "critical"
    assert list(alert.routed_to.all()) == [police]


def test_group_of_seven_with_three_representatives_is_warned(
    ward: Unit, receptionist: User, group: list[Citizen]
) -> None:
    result = record(ward, receptionist, group, people_count=7, representatives=group)
    assert "1 hoặc 2 người đại diện" in result.visit.warnings[0]


def test_written_petition_gets_a_number_and_its_notify_clock(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    result = record(
        ward, receptionist, [citizen], handling="petition_received", written_petition=True
    )
    petition = result.petition
    assert petition.number == 1
    assert petition.visit == result.visit
    assert petition.case == result.visit.case
    clock = Clock.objects.get(object_id=petition.pk, rule_code="petition.notify")
    expected = calendar_selectors.deadline_compute(
        rule_code="petition.notify", start=dt.date(2025, 1, 27)
    ).due
    assert clock.due == expected
    # 10 working days from Mon 27/01/2025 skip the Tết break (25/01–02/02/2025).
    assert clock.due == dt.date(2025, 2, 14)


def test_denunciation_petition_also_starts_the_intake_clock(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    result = record(
        ward,
        receptionist,
        [citizen],
        petition_type="denunciation",
        handling="petition_received",
        written_petition=True,
    )
    rules = set(
        Clock.objects.filter(object_id=result.petition.pk).values_list("rule_code", flat=True)
    )
    assert rules == {"petition.notify", "denunciation.intake"}


def test_refusal_before_the_reform_needs_a_notice_without_a_statutory_clock(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    result = record(ward, receptionist, [citizen], handling="refused", refusal_ground="art9.3")
    assert result.refusal.notice_required
    assert result.refusal.notice_due is None
    assert result.visit.register_number == 1


def test_refusal_after_the_reform_has_a_three_working_day_notice(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    result = record(
        ward,
        receptionist,
        [citizen],
        received_at=at("2026-07-09"),
        handling="refused",
        refusal_ground="nd154.h",
    )
    assert result.refusal.notice_due == dt.date(2026, 7, 14)
    assert "Nghị định 154/2026" in result.refusal.legal_basis


def test_a_2026_ground_cannot_be_cited_before_it_was_in_force(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    with pytest.raises(DomainError) as exc:
        record(ward, receptionist, [citizen], handling="refused", refusal_ground="nd154.a")
    assert "refusal_ground" in exc.value.fields
    assert not ReceptionVisit.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"people_count": 0}, "people_count"),
        ({"received_at": at("2099-01-01")}, "received_at"),
        ({"mode": "periodic"}, "chaired_by"),
        ({"channel": "online"}, "channel"),
        ({"content": "  "}, "content"),
        ({"handling": "appointment"}, "appointment_at"),
        ({"citizens": []}, "citizens"),
    ],
)
def test_bad_input_says_what_is_wrong_and_saves_nothing(
    ward: Unit, receptionist: User, citizen: Citizen, overrides: dict, field: str
) -> None:
    overrides = dict(overrides)
    citizens = overrides.pop("citizens", [citizen])
    with pytest.raises(DomainError) as exc:
        record(ward, receptionist, citizens, **{"people_count": 1, **overrides})
    assert field in exc.value.fields
    assert not ReceptionVisit.objects.exists()
    assert not Case.objects.exists()
    assert not Petition.objects.exists()


def test_a_matter_of_another_unit_is_refused(
    ward: Unit, other_ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    foreign = Case.objects.create(
        unit=other_ward, kind="proposal", domain="other", summary="x", opened_on=dt.date(2025, 1, 1)
    )
    with pytest.raises(DomainError) as exc:
        record(ward, receptionist, [citizen], case=foreign)
    assert "case" in exc.value.fields


def test_online_reception_from_july_2026(ward: Unit, receptionist: User, citizen: Citizen) -> None:
    visit = record(
        ward, receptionist, [citizen], channel="online", received_at=at("2026-07-02")
    ).visit
    assert visit.channel == "online"


def test_leader_session_conclusion_creates_tracked_directions(
    ward: Unit, police: Unit, leader: User
) -> None:
    session = session_services.session_create(
        unit=ward,
        actor=leader,
        date=dt.date(2025, 1, 22),
        mode="periodic",
        chaired_by="head",
        chair=leader,
    )
    conclusion = session_services.session_conclude(
        session=session,
        actor=leader,
        issued_on=dt.date(2025, 1, 23),
        content="Kết luận buổi tiếp định kỳ",
        directions=[
            {
                "text": "Công an phường nắm tình hình",
                "assignee": police,
                "due_on": dt.date(2025, 2, 5),
            }
        ],
    )
    assert conclusion.directions.get().assignee == police
    with pytest.raises(DomainError):
        session_services.session_conclude(
            session=session,
            actor=leader,
            issued_on=dt.date(2025, 1, 23),
            content="lần hai",
            directions=[],
        )


def test_regular_session_cannot_be_chaired_as_periodic(ward: Unit, leader: User) -> None:
    with pytest.raises(DomainError):
        session_services.session_create(
            unit=ward, actor=leader, date=dt.date(2025, 1, 22), mode="adhoc", chaired_by="officer"
        )
