import copy
import datetime as dt
import threading

import pytest
from django.db import connection, connections

from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import selectors, services
from tiepdan.reception.api import VisitCreateApi
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reception.tests.conftest import at

pytestmark = pytest.mark.django_db

CONTRACT_EXAMPLE = {
    "unit": "26734",
    "received_at": "2025-01-27T08:30:00+07:00",
    "mode": "regular",
    "chaired_by": "officer",
    "channel": "in_person",
    "people_count": 7,
    "citizens": [
        {
            "full_name": "Nguyễn Văn A",
            "id_number": "001085012345",
            "address": "Khu phố 3, phường Bắc Sơn",
            "phone": "0912345678",
        }
    ],
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "summary": "Khiếu nại về bồi thường giải phóng mặt bằng",
    "case": None,
}


def test_contract_example_creates_a_visit(client_for, receptionist: User, ward: Unit) -> None:
    response = client_for(receptionist).post("/api/v1/visits/", CONTRACT_EXAMPLE, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["register_number"] == 1
    assert body["is_mass_group"] is True
    assert body["is_repeat"] is False
    assert isinstance(body["case"], int)
    again = (
        client_for(receptionist)
        .post(
            "/api/v1/visits/",
            {**CONTRACT_EXAMPLE, "people_count": 1, "case": body["case"]},
            format="json",
        )
        .json()
    )
    assert (again["register_number"], again["is_repeat"], again["is_mass_group"]) == (
        2,
        True,
        False,
    )
    # The same ID number is the same person: no duplicate citizen was registered.
    assert Citizen.objects.filter(id_number="001085012345").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"citizens": [{"full_name": "Nguyễn Văn A", "id_number": "0010850123AB"}]},
            "citizens[0].id_number",
        ),
        ({"people_count": 0}, "people_count"),
        ({"case": 999999}, "case"),
        ({"received_at": "2099-01-27T08:30:00+07:00"}, "received_at"),
        ({"received_at": "27/01/2025"}, "received_at"),
        ({"mode": "weekly"}, "mode"),
    ],
)
def test_bad_input_is_400_and_saves_nothing(
    client_for,
    receptionist: User,
    ward: Unit,
    change: dict,
    field: str,
) -> None:
    response = client_for(receptionist).post(
        "/api/v1/visits/", {**CONTRACT_EXAMPLE, **change}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    assert response.json()["message"]
    assert not ReceptionVisit.objects.exists()
    assert not Citizen.objects.exists()


def test_unit_outside_scope_is_404(client_for, outsider: User, ward: Unit) -> None:
    response = client_for(outsider).post("/api/v1/visits/", CONTRACT_EXAMPLE, format="json")
    assert response.status_code == 404


def test_partner_may_not_record_visits(client_for, partner: User, ward: Unit) -> None:
    response = client_for(partner).post(
        "/api/v1/visits/", {**CONTRACT_EXAMPLE, "unit": "26734-CA"}, format="json"
    )
    assert response.status_code == 403


def test_mass_group_alert_is_visible_to_ward_province_and_police_not_outsider(
    client_for,
    receptionist: User,
    unit_admin: User,
    partner: User,
    outsider: User,
    ward: Unit,
    police: Unit,
) -> None:
    client_for(receptionist).post(
        "/api/v1/visits/", {**CONTRACT_EXAMPLE, "people_count": 12}, format="json"
    )
    for user in (receptionist, unit_admin, partner):
        alerts = client_for(user).get("/api/v1/alerts/").json()["results"]
        assert [a["kind"] for a in alerts] == ["mass_group"], user.username
    assert client_for(outsider).get("/api/v1/alerts/").json()["results"] == []
    by_unit = client_for(unit_admin).get("/api/v1/alerts/?unit=26734").json()
    assert by_unit["count"] == 1
    assert client_for(outsider).get("/api/v1/alerts/?unit=26734").status_code == 404


def test_citizen_history_takes_three_queries_whatever_its_size(
    ward: Unit,
    receptionist: User,
    citizen: Citizen,
    django_assert_num_queries,
) -> None:
    case = None
    for day in range(1, 13):
        visit = services.visit_record(
            services.VisitInput(
                unit=ward,
                received_at=at(f"2025-03-{day:02d}"),
                mode="regular",
                chaired_by="officer",
                channel="in_person",
                people_count=1,
                petition_type="complaint",
                domain="admin.land_housing",
                content="Khiếu nại",
                handling="petition_received",
                written_petition=True,
                case=case,
                attendees=services.attendees_of([citizen]),
            ),
            actor=receptionist,
        ).visit
        case = visit.case
    receptionist = User.objects.get(pk=receptionist.pk)
    selectors.citizen_history(receptionist, citizen, ward)  # warm the membership cache
    with django_assert_num_queries(4):  # merged records + visits + cases + petitions
        history = selectors.citizen_history(receptionist, citizen, ward)
        assert len(history.visits) == 12
        assert [v.is_repeat for v in history.visits].count(True) == 11
        assert len(history.petitions) == 12


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_visits_get_lines_one_to_fifty(ward: Unit, receptionist: User) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency of the register is measured on PostgreSQL")
    from tiepdan.citizens import services as citizen_services

    person = citizen_services.citizen_create(unit=ward, actor=None, full_name="Đỗ Văn Tư")
    errors: list[Exception] = []
    barrier = threading.Barrier(50)

    def worker() -> None:
        try:
            barrier.wait()
            services.visit_record(
                services.VisitInput(
                    unit=ward,
                    received_at=at("2025-01-27"),
                    mode="regular",
                    chaired_by="officer",
                    channel="in_person",
                    people_count=1,
                    petition_type="proposal",
                    domain="other",
                    content="Phản ánh",
                    handling="guided",
                    attendees=services.attendees_of([person]),
                ),
                actor=receptionist,
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        ReceptionVisit.objects.filter(unit=ward, year=2025).values_list(
            "register_number", flat=True
        )
    )
    assert numbers == list(range(1, 51))
    assert dt.date(2025, 1, 27).year == 2025


@pytest.mark.parametrize("name", ["InputSerializer", "CitizenSerializer"])
def test_the_visit_serializers_fields_are_drfs_own_copies(name: str) -> None:
    """The fields copied for each request are those DRF's deep copy makes, bound alike, and
    share no list with the declared fields."""
    serializer_class = getattr(VisitCreateApi, name)
    serializer = serializer_class(data={})
    fields = serializer.fields
    assert list(fields) == list(serializer_class._declared_fields)
    for field_name, field in fields.items():
        declared = serializer_class._declared_fields[field_name]
        expected = copy.deepcopy(declared)
        expected.bind(field_name, serializer)
        got, want = vars(field), vars(expected)
        assert set(got) == set(want), field_name
        for attr, value in want.items():
            if attr in ("_creation_counter", "child"):
                continue
            if attr == "_validators":
                kinds = [(type(v), getattr(v, "limit_value", None)) for v in value]
                assert [(type(v), getattr(v, "limit_value", None)) for v in got[attr]] == kinds
                assert got[attr] is not getattr(declared, "_validators", None)
            else:
                assert got[attr] == value or repr(got[attr]) == repr(value), (field_name, attr)
        assert field.parent is serializer
        assert declared.parent is None  # the declared field stays unbound
