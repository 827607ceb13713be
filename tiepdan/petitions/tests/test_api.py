import datetime as dt

import pytest

from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition, Transfer

pytestmark = pytest.mark.django_db

BODY = {
    "unit": "26734",
    "received_on": "2025-01-20",
    "source": "post",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "senders": [
        {
            "full_name": "Nguyễn Văn A",
            "id_number": "001085012345",
            "address": "Khu phố 3",
            "phone": "0912345678",
        }
    ],
    "signatory_count": 1,
    "anonymous": False,
    "summary": "Khiếu nại quyết định thu hồi đất",
}


def test_create_then_accept_then_case(
    client_for, processor: User, leader: User, ward: Unit
) -> None:
    created = client_for(processor).post("/api/v1/petitions/", BODY, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["number"] == 1
    notify = next(d for d in body["deadlines"] if d["rule"] == "petition.notify")
    assert (notify["due"], notify["status"]) == ("2025-02-10", "running")
    processed = client_for(leader).post(
        f"/api/v1/petitions/{body['id']}/process/",
        {"outcome": "accept", "decided_on": "2025-01-22"},
        format="json",
    )
    assert processed.status_code == 200, processed.json()
    case_id = processed.json()["case"]
    case = client_for(leader).get(f"/api/v1/cases/{case_id}/").json()
    assert (case["kind"], case["status"], case["accepted_on"]) == (
        "complaint_first",
        "accepted",
        "2025-01-22",
    )
    assert case["clocks"][0]["rule"] == "complaint.resolve.first"


def test_denunciation_senders_are_sealed_for_the_province(
    client_for, processor: User, unit_admin: User, ward: Unit
) -> None:
    body = {
        **BODY,
        "petition_type": "denunciation",
        "summary": "Ông Nguyễn Văn A tố cáo cán bộ địa chính nhận tiền",
    }
    created = client_for(processor).post("/api/v1/petitions/", body, format="json").json()
    assert created["senders"][0]["full_name"] == "Nguyễn Văn A"
    rules = {d["rule"] for d in created["deadlines"]}
    assert rules == {"petition.notify", "denunciation.intake"}
    seen = client_for(unit_admin).get(f"/api/v1/petitions/{created['id']}/")
    assert seen.status_code == 200
    text = seen.content.decode()
    assert seen.json()["senders"] is None
    assert seen.json()["identity_sealed"] is True
    for secret in ("Nguyễn Văn A", "001085012345", "0912345678"):
        assert secret not in text


def test_transfer_to_a_unit_outside_the_senders_tree(
    client_for, leader: User, ward: Unit, other_ward: Unit
) -> None:
    created = client_for(leader).post("/api/v1/petitions/", BODY, format="json").json()
    response = client_for(leader).post(
        f"/api/v1/petitions/{created['id']}/process/",
        {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "91"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["transfers"][0]["to_unit"] == "91"
    assert Transfer.objects.get().to_unit == other_ward


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"received_on": "20/01/2025"}, "received_on"),
        ({"senders": []}, "senders"),
        ({"domain": "land"}, "domain"),
        ({"senders": [{"full_name": "A", "id_number": "12AB"}]}, "citizens[0].id_number"),
    ],
)
def test_bad_input_is_400_and_saves_nothing(
    client_for, processor: User, ward: Unit, change: dict, field: str
) -> None:
    response = client_for(processor).post("/api/v1/petitions/", {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    assert not Petition.objects.exists()


def test_processor_may_not_decide(client_for, processor: User, ward: Unit) -> None:
    created = client_for(processor).post("/api/v1/petitions/", BODY, format="json").json()
    response = client_for(processor).post(
        f"/api/v1/petitions/{created['id']}/process/",
        {"outcome": "accept", "decided_on": "2025-01-22"},
        format="json",
    )
    assert response.status_code == 403


def test_outsider_gets_404(client_for, processor: User, outsider: User, ward: Unit) -> None:
    created = client_for(processor).post("/api/v1/petitions/", BODY, format="json").json()
    assert client_for(outsider).get(f"/api/v1/petitions/{created['id']}/").status_code == 404


def test_unknown_transfer_unit_is_400(client_for, leader: User, ward: Unit) -> None:
    created = client_for(leader).post("/api/v1/petitions/", BODY, format="json").json()
    response = client_for(leader).post(
        f"/api/v1/petitions/{created['id']}/process/",
        {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "NOPE"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_unit"


def test_transfer_to_a_unit_no_longer_in_force_is_400(
    client_for, leader: User, ward: Unit, other_ward: Unit
) -> None:
    """The town abolished on 30/06/2025 cannot receive a petition, whatever the client sends."""
    other_ward.valid_to = dt.date(2025, 6, 30)
    other_ward.save()
    created = client_for(leader).post("/api/v1/petitions/", BODY, format="json").json()
    response = client_for(leader).post(
        f"/api/v1/petitions/{created['id']}/process/",
        {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "91"},
        format="json",
    )
    assert response.status_code == 400
    assert "30/06/2025" in response.json()["fields"]["to_unit"][0]
    assert not Transfer.objects.exists()


def test_transfer_is_read_and_acknowledged_at_the_id_the_sender_knows(
    client_for, leader: User, outsider: User, ward: Unit, other_ward: Unit
) -> None:
    """api-contract.md, "Transfers between units": unit 91 (whose leader is `outsider`) reads
    the petition the ward sent at the ward's id, acknowledges it there, and both records then
    show one path."""
    from tiepdan.organizations import services as org_services

    created = client_for(leader).post("/api/v1/petitions/", BODY, format="json").json()
    pk = created["id"]
    receiver = client_for(outsider)
    assert receiver.get(f"/api/v1/petitions/{pk}/").status_code == 404  # not sent yet
    client_for(leader).post(
        f"/api/v1/petitions/{pk}/process/",
        {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "91"},
        format="json",
    )
    seen = receiver.get(f"/api/v1/petitions/{pk}/")
    assert seen.status_code == 200
    assert [s["unit"] for s in seen.json()["path"]] == ["26734"]
    assert client_for(leader).get(f"/api/v1/petitions/{pk}/").status_code == 200
    clerk = org_services.user_create(
        username="vanthu91",
        password="Mat-khau-thu-nghiem-2026",
        full_name="Văn thư",
        memberships=[(other_ward, "receptionist")],
    )
    assert client_for(clerk).post(f"/api/v1/petitions/{pk}/acknowledge/", {}).status_code == 403
    assert client_for(leader).post(f"/api/v1/petitions/{pk}/acknowledge/", {}).status_code == 403
    acknowledged = receiver.post(
        f"/api/v1/petitions/{pk}/acknowledge/", {"received_on": "2025-01-23"}, format="json"
    )
    assert acknowledged.status_code == 200, acknowledged.json()
    copy = Petition.objects.get(pk=acknowledged.json()["id"])
    assert acknowledged.json() == {"id": copy.pk, "number": 1}
    assert (copy.unit, copy.origin_id, copy.received_on) == (other_ward, pk, dt.date(2025, 1, 23))
    from_sender = client_for(leader).get(f"/api/v1/petitions/{pk}/").json()["path"]
    from_receiver = receiver.get(f"/api/v1/petitions/{copy.pk}/").json()["path"]
    assert from_sender == from_receiver
    assert [(s["unit"], s["id"]) for s in from_sender] == [("26734", pk), ("91", copy.pk)]
    again = receiver.post(f"/api/v1/petitions/{pk}/acknowledge/", {}, format="json")
    assert again.status_code == 400
    assert Petition.objects.filter(origin_id=pk).count() == 1


def test_transfer_page_is_open_to_the_receiving_unit(
    client,
    leader: User,
    outsider: User,
    ward: Unit,
    other_ward: Unit,
    client_for,
    django_capture_on_commit_callbacks,
) -> None:
    created = client_for(leader).post("/api/v1/petitions/", BODY, format="json").json()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(leader).post(
            f"/api/v1/petitions/{created['id']}/process/",
            {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "91"},
            format="json",
        )
    client.force_login(outsider)
    page = client.get(f"/petitions/{created['id']}/")
    assert page.status_code == 200
    assert "Khiếu nại quyết định thu hồi đất" in page.content.decode()
    transfer = Transfer.objects.get()
    assert f"/petitions/transfers/{transfer.pk}/acknowledge/" in page.content.decode()
    slip = Petition.objects.get(pk=created["id"]).attachments.get()  # phiếu chuyển đơn
    assert client.get(f"/petitions/attachments/{slip.pk}/").status_code == 200
    client.force_login(leader)  # the sender reads it too, without the receiver's button
    page = client.get(f"/petitions/{created['id']}/").content.decode()
    assert f"/petitions/transfers/{transfer.pk}/acknowledge/" not in page
