import datetime as dt

import pytest
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import session_services
from tiepdan.reception.models import Direction, ReceptionSession

pytestmark = pytest.mark.django_db


def test_leader_creates_a_session_and_issues_its_conclusion(
    client: Client, leader: User, ward: Unit, police: Unit
) -> None:
    client.force_login(leader)
    response = client.post(
        "/reception/sessions/",
        {
            "date": "2025-01-22",
            "mode": "periodic",
            "chaired_by": "head",
            "chair": leader.pk,
            "body": "peoples_committee",
            "channel": "in_person",
        },
    )
    session = ReceptionSession.objects.get()
    assert response["Location"] == f"/reception/sessions/{session.pk}/"
    form = {
        "number": "12/TB-UBND",
        "issued_on": "2025-01-23",
        "content": "Kết luận buổi tiếp",
        "d-TOTAL_FORMS": "4",
        "d-INITIAL_FORMS": "0",
        "d-MIN_NUM_FORMS": "0",
        "d-MAX_NUM_FORMS": "20",
        "d-0-text": "Công an phường nắm tình hình",
        "d-0-assignee": police.pk,
        "d-0-due_on": "2025-02-05",
    }
    client.post(f"/reception/sessions/{session.pk}/", form)
    direction = Direction.objects.get()
    assert direction.assignee == police
    page = client.get(f"/reception/sessions/{session.pk}/").content.decode()
    assert "Công an phường nắm tình hình" in page
    assert "12/TB-UBND" in page


def test_partner_sees_and_completes_the_direction_assigned_to_police(
    client: Client, leader: User, partner: User, ward: Unit, police: Unit
) -> None:
    session = session_services.session_create(
        unit=ward,
        actor=leader,
        date=dt.date(2025, 1, 22),
        mode="adhoc",
        chaired_by="head",
        chair=leader,
    )
    session_services.session_conclude(
        session=session,
        actor=leader,
        issued_on=dt.date(2025, 1, 22),
        content="Kết luận",
        directions=[{"text": "Nắm tình hình", "assignee": police, "due_on": dt.date(2025, 2, 1)}],
    )
    direction = Direction.objects.get()
    client.force_login(partner)
    client.post(f"/reception/directions/{direction.pk}/done/", {"result": "Đã nắm tình hình"})
    direction.refresh_from_db()
    assert direction.status == "done"
    assert AuditEvent.objects.filter(action="direction.done").exists()


def test_conclusion_with_a_direction_due_before_issue_is_refused(
    client: Client, leader: User, ward: Unit, police: Unit
) -> None:
    session = session_services.session_create(
        unit=ward, actor=leader, date=dt.date(2025, 1, 22), mode="periodic", chaired_by="head"
    )
    client.force_login(leader)
    response = client.post(
        f"/reception/sessions/{session.pk}/",
        {
            "issued_on": "2025-01-23",
            "content": "Kết luận",
            "d-TOTAL_FORMS": "1",
            "d-INITIAL_FORMS": "0",
            "d-MIN_NUM_FORMS": "0",
            "d-MAX_NUM_FORMS": "20",
            "d-0-text": "Việc A",
            "d-0-assignee": police.pk,
            "d-0-due_on": "2025-01-01",
        },
    )
    assert "trước ngày ban hành" in response.content.decode()
    assert not Direction.objects.exists()


@pytest.mark.parametrize(("user_fixture", "status"), [("receptionist", 200), ("partner", 403)])
def test_session_list_permissions(
    client: Client,
    request: pytest.FixtureRequest,
    user_fixture: str,
    status: int,
    ward: Unit,
    police: Unit,
) -> None:
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get("/reception/sessions/").status_code == status


def test_outsider_cannot_open_a_session(
    client: Client, leader: User, outsider: User, ward: Unit
) -> None:
    session = session_services.session_create(
        unit=ward, actor=leader, date=dt.date(2025, 1, 22), mode="periodic", chaired_by="head"
    )
    client.force_login(outsider)
    assert client.get(f"/reception/sessions/{session.pk}/").status_code == 404
