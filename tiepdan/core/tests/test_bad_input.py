"""Input no page or endpoint can take is answered 400 (or 404) in Vietnamese, never 500, and
leaves the database as it was."""

import json

import pytest
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionVisit

pytestmark = pytest.mark.django_db

TOO_BIG = 2**31
MEGABYTE_TEXT = "Khiếu nại " * 110_000  # ≈ 1.1 million characters
LONG_NAME = "Ủy ban nhân dân " * 20  # 320 characters, past varchar(255)

VISIT = {
    "unit": "26734",
    "received_at": "2025-01-27T08:30:00+07:00",
    "mode": "regular",
    "chaired_by": "officer",
    "people_count": 1,
    "citizens": [{"full_name": "Nguyễn Văn A", "id_number": "001085012345"}],
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "summary": "Khiếu nại về bồi thường",
}
PETITION = {
    "unit": "26734",
    "received_on": "2025-01-20",
    "source": "post",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "senders": [{"full_name": "Nguyễn Văn A", "id_number": "001085012345"}],
    "signatory_count": 1,
    "anonymous": False,
    "summary": "Khiếu nại quyết định thu hồi đất",
}
DESK = {
    "received_at": "2025-01-27T08:30",
    "mode": "regular",
    "chaired_by": "officer",
    "channel": "in_person",
    "people_count": "1",
    "case": "",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "content": "Khiếu nại bồi thường",
    "handling": "guided",
    "within_competence": "unknown",
}
INTAKE = {
    "received_on": "2025-01-20",
    "source": "post",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "summary": "Khiếu nại quyết định thu hồi đất",
    "signatory_count": "1",
    "full_name": "Nguyễn Văn An",
}


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (ReceptionVisit, Petition, Case, Citizen, AuditEvent)
    )


def _assert_error_body(response) -> None:
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["message"]


@pytest.mark.parametrize(
    ("path", "changes"),
    [
        ("/api/v1/visits/", {"people_count": TOO_BIG}),
        ("/api/v1/visits/", {"summary": MEGABYTE_TEXT}),
        ("/api/v1/visits/", {"case": 2**63}),
        ("/api/v1/petitions/", {"signatory_count": TOO_BIG}),
        ("/api/v1/petitions/", {"summary": MEGABYTE_TEXT}),
        ("/api/v1/petitions/", {"unit": "\x00"}),
    ],
)
def test_api_writes_refuse_out_of_range_values(
    client_for, receptionist: User, processor: User, ward: Unit, path: str, changes: dict
) -> None:
    base = VISIT if "visits" in path else PETITION
    user = receptionist if "visits" in path else processor
    before = _counts()
    response = client_for(user).post(path, {**base, **changes}, format="json")
    assert response.status_code in (400, 404), response.content[:500]
    _assert_error_body(response)
    assert _counts() == before


def test_api_accepts_the_same_bodies_within_range(
    client_for, receptionist: User, processor: User, ward: Unit
) -> None:
    """The refusals above are about the values, not the bodies."""
    assert client_for(receptionist).post("/api/v1/visits/", VISIT, format="json").status_code == 201
    response = client_for(processor).post("/api/v1/petitions/", PETITION, format="json")
    assert response.status_code == 201


def test_deeply_nested_json_is_400(client_for, receptionist: User, ward: Unit) -> None:
    body = "[" * 100_000 + "]" * 100_000
    before = _counts()
    response = client_for(receptionist).post(
        "/api/v1/visits/", body, content_type="application/json"
    )
    assert response.status_code == 400
    _assert_error_body(response)
    deep: list = [1]
    for _ in range(40):
        deep = [deep]
    nested = json.dumps({**VISIT, "citizens": [{"full_name": "A", "x": deep}]})
    response = client_for(receptionist).post(
        "/api/v1/visits/", nested, content_type="application/json"
    )
    assert response.status_code == 400
    assert _counts() == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/alerts/?unit=%00",
        "/api/v1/alerts/?unit=26734&status=%00",
        "/api/v1/reports/01-TCD/?unit=26734&from=0001-01-01&to=9999-12-31",
        "/api/v1/reports/01-TCD/?unit=26734&from=9999-12-31&to=9999-12-31",
        "/api/v1/reports/01-TCD/?unit=26734&from=0001-01-01&to=0001-01-01",
        "/api/v1/units/%00/",
    ],
)
def test_api_reads_refuse_bad_parameters(client_for, leader: User, ward: Unit, path: str) -> None:
    response = client_for(leader).get(path)
    assert response.status_code in (400, 404), response.content[:500]
    _assert_error_body(response)


@pytest.mark.parametrize(
    "path",
    [
        "/citizens/?q=%00",
        "/citizens/%00/",
        "/reception/?first=0001-01-01&last=9999-12-31",
        "/reception/?first=9999-12-31&last=9999-12-31",
        "/reception/register.xlsx?first=0001-01-01&last=9999-12-31",
        "/reception/register.docx?first=0001-01-01&last=0001-01-01",
        "/reports/?year=1",
        "/reports/?year=9999",
        "/reports/01-TCD/?period=custom&from=0001-01-01&to=9999-12-31",
        "/reports/01-TCD/?period=custom&from=9999-12-01&to=9999-12-31",
        "/reports/01-TCD/?period=year&year=9999",
        "/reports/plan-period/?from=0001-01-01&to=9999-12-31",
        "/petitions/?q=%00",
        "/cases/?q=%00",
    ],
)
def test_pages_refuse_bad_parameters(client: Client, leader: User, ward: Unit, path: str) -> None:
    client.force_login(leader)
    response = client.get(path)
    assert response.status_code in (200, 302, 400, 404), (response.status_code, path)
    if response.status_code == 400:
        assert "không hợp lệ" in response.content.decode()


def test_public_schedule_with_nul_is_400_for_anyone(client: Client, ward: Unit) -> None:
    response = client.get("/plans/public/%00/")
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()


def test_unit_switch_with_a_non_number_is_400(client: Client, leader: User, ward: Unit) -> None:
    client.force_login(leader)
    for value in ("abc", "²", "9" * 40, ""):
        response = client.post("/units/switch/", {"unit": value, "next": "/"})
        assert response.status_code == 400
        assert "Đơn vị được chọn không hợp lệ" in response.content.decode()
    assert client.post("/units/switch/", {"unit": ward.pk, "next": "/"}).status_code == 302


@pytest.mark.parametrize(
    "changes",
    [
        {"people_count": str(TOO_BIG)},
        {"competent_body": LONG_NAME},
        {
            "handling": "appointment",
            "appointment_at": "2025-02-03T08:00",
            "appointment_place": LONG_NAME,
        },
        {"content": MEGABYTE_TEXT},
        {"notes": "a\x00b"},
    ],
)
def test_desk_form_refuses_out_of_range_values(
    client: Client, receptionist: User, ward: Unit, changes: dict
) -> None:
    client.force_login(receptionist)
    citizen = Citizen.objects.create(unit=ward, full_name="Lê Thị Bình", name_key="le thi binh")
    before = _counts()
    response = client.post("/reception/desk/", {**DESK, **changes, "citizen": [citizen.pk]})
    assert response.status_code in (200, 400), response.status_code
    assert _counts() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"signatory_count": str(TOO_BIG)},
        {"sender_body": LONG_NAME},
        {"summary": MEGABYTE_TEXT},
        {"full_name": LONG_NAME},
    ],
)
def test_intake_form_refuses_out_of_range_values(
    client: Client, processor: User, ward: Unit, changes: dict
) -> None:
    client.force_login(processor)
    before = _counts()
    response = client.post("/petitions/new/", {**INTAKE, **changes})
    assert response.status_code in (200, 400), response.status_code
    assert _counts() == before
