import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition, Transfer

pytestmark = pytest.mark.django_db

INTAKE = {
    "received_on": "2025-01-20",
    "source": "post",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "summary": "Khiếu nại quyết định thu hồi đất",
    "signatory_count": "1",
    "full_name": "Nguyễn Văn An",
    "id_number": "038085012345",
    "phone": "0912345678",
    "address": "Khu phố 3",
}


def test_intake_form_registers_a_petition_with_its_scan(
    client: Client, processor: User, ward: Unit, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(processor)
    scan = SimpleUploadedFile("don.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post("/petitions/new/", {**INTAKE, "scan": scan})
    petition = Petition.objects.get()
    assert response["Location"] == f"/petitions/{petition.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Đơn số 1/2025" in page
    assert "10/02/2025" in page  # petition.notify across Tết 2025
    attachment = petition.attachments.get()
    assert client.get(f"/petitions/attachments/{attachment.pk}/").status_code == 200


def test_intake_form_errors_lose_nothing(client: Client, processor: User, ward: Unit) -> None:
    client.force_login(processor)
    html = client.post(
        "/petitions/new/", {**INTAKE, "id_number": "12AB", "full_name": ""}
    ).content.decode()
    assert "Nhập họ tên người gửi" in html
    assert "Khiếu nại quyết định thu hồi đất" in html
    assert not Petition.objects.exists()


def test_classify_propose_decide_through_the_pages(
    client: Client, processor: User, leader: User, ward: Unit
) -> None:
    client.force_login(processor)
    client.post("/petitions/new/", INTAKE)
    petition = Petition.objects.get()
    client.post(
        f"/petitions/{petition.pk}/classify/",
        {
            "c-petition_type": "complaint",
            "c-domain": "admin.land_housing",
            "c-eligibility": "eligible",
            "c-within_jurisdiction": "true",
            "c-prior_resolution": "unresolved",
        },
    )
    client.post(
        f"/petitions/{petition.pk}/propose/",
        {"p-outcome": "accept", "p-note": "Đủ điều kiện thụ lý"},
    )
    assert (
        client.post(
            f"/petitions/{petition.pk}/decide/",
            {"d-outcome": "accept", "d-decided_on": "2025-01-22", "d-complexity": "normal"},
        ).status_code
        == 403
    )
    client.force_login(leader)
    client.post(
        f"/petitions/{petition.pk}/decide/",
        {"d-outcome": "accept", "d-decided_on": "2025-01-22", "d-complexity": "normal"},
    )
    petition.refresh_from_db()
    assert (petition.outcome, petition.case.status) == ("accept", "accepted")


def test_decision_error_is_shown_and_nothing_changes(
    client: Client, processor: User, leader: User, ward: Unit
) -> None:
    client.force_login(processor)
    client.post("/petitions/new/", INTAKE)
    petition = Petition.objects.get()
    client.force_login(leader)
    response = client.post(
        f"/petitions/{petition.pk}/decide/",
        {"d-outcome": "transfer", "d-decided_on": "2025-01-22", "d-complexity": "normal"},
    )
    assert response.status_code == 400
    assert "Chọn đơn vị hoặc ghi cơ quan nhận" in response.content.decode()
    petition.refresh_from_db()
    assert petition.outcome == ""


def test_worklist_query_count_is_constant(
    client: Client, processor: User, ward: Unit, django_assert_max_num_queries
) -> None:
    client.force_login(processor)
    for i in range(12):
        client.post(
            "/petitions/new/",
            {
                **INTAKE,
                "summary": f"Đơn số {i}",
                "id_number": "",
                "full_name": f"Người {'ABCDEFGHIJKL'[i]}",
            },
        )
    client.get("/petitions/")
    with django_assert_max_num_queries(14):
        response = client.get("/petitions/?view=open")
    assert response.content.decode().count("/petitions/") >= 12


def test_sealed_denunciation_on_the_province_pages(
    client: Client, processor: User, unit_admin: User, ward: Unit
) -> None:
    client.force_login(processor)
    client.post(
        "/petitions/new/",
        {
            **INTAKE,
            "petition_type": "denunciation",
            "summary": "Nguyễn Văn An tố cáo cán bộ địa chính",
        },
    )
    petition = Petition.objects.get()
    client.force_login(unit_admin)
    client.post("/units/switch/", {"unit": ward.pk})
    for url in ("/petitions/", f"/petitions/{petition.pk}/", "/petitions/backlog/"):
        html = client.get(url).content.decode()
        for secret in ("Nguyễn Văn An", "038085012345", "0912345678"):
            assert secret not in html, url


def test_transfer_inbox_acknowledge_and_reply(
    client: Client, leader: User, ward: Unit, province: Unit
) -> None:
    from tiepdan.organizations import services as org_services

    province_officer = org_services.user_create(
        username="xuly.tinh",
        password="Mat-khau-thu-nghiem-2026",
        memberships=[(province, "processor")],
    )
    client.force_login(leader)
    client.post("/petitions/new/", INTAKE)
    petition = Petition.objects.get()
    client.post(
        f"/petitions/{petition.pk}/decide/",
        {
            "d-outcome": "transfer",
            "d-decided_on": dt.date(2025, 1, 21).isoformat(),
            "d-to_unit": province.pk,
            "d-complexity": "normal",
        },
    )
    client.force_login(province_officer)
    transfer = Transfer.objects.get()
    assert "Tiếp nhận vào sổ" in client.get("/petitions/inbox/").content.decode()
    response = client.post(f"/petitions/transfers/{transfer.pk}/acknowledge/")
    copy = Petition.objects.get(origin=petition)
    assert response["Location"] == f"/petitions/{copy.pk}/"
    client.force_login(leader)
    client.post(
        f"/petitions/transfers/{transfer.pk}/reply/",
        {"received_on": dt.date.today().isoformat(), "summary": "Đã giải quyết"},
    )
    transfer.refresh_from_db()
    assert transfer.status == "replied"


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [(None, 302), ("partner", 403), ("processor", 200), ("outsider", 200)],
)
def test_worklist_permissions(
    client: Client,
    request: pytest.FixtureRequest,
    user_fixture: str | None,
    status: int,
    ward: Unit,
    police: Unit,
) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    assert client.get("/petitions/").status_code == status


def test_outsider_cannot_open_the_petition(
    client: Client, processor: User, outsider: User, ward: Unit
) -> None:
    client.force_login(processor)
    client.post("/petitions/new/", INTAKE)
    client.force_login(outsider)
    assert client.get(f"/petitions/{Petition.objects.get().pk}/").status_code == 404


def test_intake_reuses_the_registered_citizen(client: Client, processor: User, ward: Unit) -> None:
    """A second petition of a person already in the registry names that person (by ID number,
    otherwise by name and phone), never a second record with the same ID number."""
    from tiepdan.citizens.models import Citizen

    client.force_login(processor)
    client.post("/petitions/new/", INTAKE)
    client.post("/petitions/new/", {**INTAKE, "full_name": "NGUYỄN VĂN AN", "phone": ""})
    client.post("/petitions/new/", {**INTAKE, "id_number": ""})
    assert Citizen.objects.count() == 1
    person = Citizen.objects.get()
    assert [list(p.senders.all()) for p in Petition.objects.order_by("pk")] == [[person]] * 3
    # The desk shows one row for the person.
    desk = client.get("/citizens/", {"q": "038085012345"}).content.decode()
    assert desk.count(f"/citizens/{person.pk}/") == 1


def test_overdue_petition_clock_shows_as_overdue(client: Client, processor: User, ward) -> None:
    """petition.notify of a petition received on 20/01/2025 was due on 10/02/2025: the page and
    the API say "Quá hạn", not "Đang chạy", with no scan having run."""
    client.force_login(processor)
    client.post("/petitions/new/", INTAKE)
    petition = Petition.objects.get()
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert "Quá hạn" in page
    assert "Đang chạy" not in page
    deadlines = client.get(f"/api/v1/petitions/{petition.pk}/").json()["deadlines"]
    assert {d["state_label"] for d in deadlines} == {"Quá hạn"}
    assert {d["state"] for d in deadlines} == {"missed"}


def test_units_not_in_force_are_not_offered_as_targets(
    client: Client, processor: User, leader: User, ward: Unit, other_ward: Unit
) -> None:
    other_ward.valid_to = dt.date(2025, 6, 30)
    other_ward.save()
    client.force_login(processor)
    client.post("/petitions/new/", INTAKE)
    petition = Petition.objects.get()
    client.force_login(leader)
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert f'value="{other_ward.pk}"' not in page
    response = client.post(
        f"/petitions/{petition.pk}/decide/",
        {"d-outcome": "transfer", "d-decided_on": "2025-01-21", "d-to_unit": other_ward.pk},
    )
    assert response.status_code == 400
    assert not Transfer.objects.exists()
