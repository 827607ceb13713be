"""Pages: permission matrix, query counts, the alert life cycle, Vietnamese errors."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.monitoring import services
from tiepdan.monitoring.models import Alert, AlertAction, SituationNote, Thresholds
from tiepdan.monitoring.tests.conftest import TODAY, at, visit

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def group_alert(ward, police, residents, receptionist) -> Alert:
    result = visit(ward, receptionist, residents, people_count=12)
    return Alert.objects.get(pk=result.alert_ids[0])


PAGES = [
    "/monitoring/",
    "/monitoring/alerts/",
    "/monitoring/hotspots/",
    "/monitoring/notes/",
    "/monitoring/thresholds/",
    "/monitoring/bulletin/",
]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_login(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_leader_sees_every_page(leader) -> None:
    c = client_of(leader)
    for url in PAGES:
        assert c.get(url).status_code == 200, url


def test_partner_is_redirected_from_dashboard_and_refused_thresholds(partner, group_alert) -> None:
    c = client_of(partner)
    assert c.get("/monitoring/").url == "/monitoring/alerts/"
    assert c.get("/monitoring/thresholds/").status_code == 403
    assert c.get("/monitoring/hotspots/").status_code == 403
    page = c.get("/monitoring/alerts/").content.decode()
    assert "Đoàn đông người" in page
    assert c.get(f"/monitoring/alerts/{group_alert.pk}/").status_code == 200
    # The police liaison records a field visit but may not close.
    assert (
        c.post(
            f"/monitoring/alerts/{group_alert.pk}/close/", {"close-outcome": "x" * 20}
        ).status_code
        == 403
    )
    response = c.post(
        f"/monitoring/alerts/{group_alert.pk}/follow-up/",
        {"follow-kind": "field_visit", "follow-note": "Đã cử cán bộ nắm tình hình tại khu phố 3"},
    )
    assert response.status_code == 302


def test_outsider_gets_404_on_an_alert_and_sees_none(outsider, group_alert) -> None:
    c = client_of(outsider)
    assert c.get(f"/monitoring/alerts/{group_alert.pk}/").status_code == 404
    assert c.post(f"/monitoring/alerts/{group_alert.pk}/acknowledge/").status_code == 404
    assert "Đoàn đông người (12" not in c.get("/monitoring/alerts/").content.decode()


def test_receptionist_may_not_acknowledge(receptionist, group_alert) -> None:
    c = client_of(receptionist)
    assert c.post(f"/monitoring/alerts/{group_alert.pk}/acknowledge/").status_code == 403


def test_api_anonymous_401_outsider_404(api_client, client_for, outsider) -> None:
    assert api_client.get("/api/v1/alerts/").status_code == 401
    assert client_for(outsider).get("/api/v1/alerts/?unit=26734").status_code == 404


def test_alert_life_cycle_is_audited(leader, processor, group_alert) -> None:
    c = client_of(leader)
    base = f"/monitoring/alerts/{group_alert.pk}"
    assert c.post(f"{base}/acknowledge/").status_code == 302
    assert (
        c.post(
            f"{base}/assign/", {"assign-assignee": processor.pk, "assign-note": "Đối thoại"}
        ).status_code
        == 302
    )
    assert (
        c.post(
            f"{base}/follow-up/",
            {"follow-kind": "dialogue", "follow-note": "Đã đối thoại với 3 đại diện"},
        ).status_code
        == 302
    )
    assert (
        c.post(
            f"{base}/follow-up/",
            {"follow-kind": "report_up", "follow-note": "Đã báo cáo UBND tỉnh"},
        ).status_code
        == 302
    )
    assert (
        c.post(
            f"{base}/close/", {"close-outcome": "Công dân đồng ý chờ kết quả giải quyết"}
        ).status_code
        == 302
    )
    group_alert.refresh_from_db()
    assert group_alert.status == "closed"
    assert group_alert.assigned_to == processor
    kinds = list(AlertAction.objects.filter(alert=group_alert).values_list("kind", flat=True))
    assert kinds == ["acknowledge", "assign", "dialogue", "report_up", "close"]
    actions = set(
        AuditEvent.objects.filter(
            target_id=str(group_alert.pk), target_type="monitoring.alert"
        ).values_list("action", flat=True)
    )
    assert {
        "alert.raised",
        "alert.acknowledged",
        "alert.assigned",
        "alert.followed_up",
        "alert.closed",
    } <= actions
    # Closed means closed.
    response = c.post(f"{base}/follow-up/", {"follow-kind": "note", "follow-note": "Thêm"})
    assert "Cảnh báo đã kết thúc" in response.content.decode()


def test_close_without_outcome_is_refused_in_vietnamese(leader, group_alert) -> None:
    response = client_of(leader).post(
        f"/monitoring/alerts/{group_alert.pk}/close/", {"close-outcome": "xong"}
    )
    assert response.status_code == 400
    assert "Nhập kết quả xử lý" in response.content.decode()
    group_alert.refresh_from_db()
    assert group_alert.status == "open"
    assert not AlertAction.objects.exists()


def test_assign_to_an_outsider_is_refused(leader, outsider, group_alert) -> None:
    response = client_of(leader).post(
        f"/monitoring/alerts/{group_alert.pk}/assign/", {"assign-assignee": outsider.pk}
    )
    assert response.status_code == 400
    assert "Người này không thuộc đơn vị liên quan" in response.content.decode()


def test_thresholds_bad_input_saves_nothing(ward_admin) -> None:
    c = client_of(ward_admin)
    values = {
        "mass_group_people": 5,
        "repeat_visits": 3,
        "repeat_window_days": 90,
        "cluster_citizens": 5,
        "window_days": 30,
        "agencies": 3,
        "alert_score": 80,
        "critical_score": 50,
        "sensitive_days": 14,
    }
    response = c.post("/monitoring/thresholds/", values)
    assert response.status_code == 400
    assert "Điểm «khẩn» phải không nhỏ hơn" in response.content.decode()
    assert not Thresholds.objects.exists()
    response = c.post("/monitoring/thresholds/", {**values, "alert_score": "abc"})
    assert "Phải là số nguyên" in response.content.decode()
    response = c.post("/monitoring/thresholds/", {**values, "critical_score": 90})
    assert response.status_code == 302
    assert Thresholds.objects.get().critical_score == 90
    assert AuditEvent.objects.filter(action="monitoring.thresholds_updated").exists()


def test_partner_note_form_errors_then_alert(partner, leader) -> None:
    c = client_of(partner)
    response = c.post("/monitoring/notes/new/", {"observed_on": "x", "people": 0})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ngày không hợp lệ" in page
    assert "Số người phải từ 1 trở lên" in page
    assert not SituationNote.objects.exists()
    ward_id = leader.memberships.get().unit_id
    response = c.post(
        "/monitoring/notes/new/",
        {
            "unit": ward_id,
            "observed_on": dt.date.today().isoformat(),
            "place": "Khu phố 3",
            "people": 20,
            "intent": "go_higher",
            "target_level": "province",
            "text": "Nhóm 20 hộ dự định lên tỉnh",
        },
    )
    assert response.status_code == 302
    assert SituationNote.objects.get().alert.kind == "partner_note"


def test_list_pages_do_not_grow_queries(
    leader, ward, residents, receptionist, province, clearance
) -> None:
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i)),
            subject=clearance,
        )
    services.hotspot_scan(root=province, today=TODAY)
    c = client_of(leader)
    counts = {}
    for url in ["/monitoring/alerts/?status=", "/monitoring/hotspots/", "/monitoring/notes/"]:
        c.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        counts[url] = len(ctx)
    for i, person in enumerate(residents[6:12]):
        visit(
            ward,
            receptionist,
            [person],
            people_count=6,
            representatives=[person],
            received_at=at(TODAY - dt.timedelta(days=i)),
        )
    services.hotspot_scan(root=province, today=TODAY)
    for url, before in counts.items():
        with CaptureQueriesContext(connection) as ctx:
            c.get(url)
        assert len(ctx) == before, url
    assert before < 20


def test_bulletin_on_screen_and_docx(leader, group_alert) -> None:
    c = client_of(leader)
    # The bulletin's days are Vietnamese days: 17:00 UTC is already tomorrow there.
    day = timezone.localdate(group_alert.created_at) + dt.timedelta(days=1)
    page = c.get(f"/monitoring/bulletin/?day={day.isoformat()}").content.decode()
    assert "BẢN TIN TÌNH HÌNH" in page
    assert "Đoàn đông người" in page
    response = c.get(f"/monitoring/bulletin/docx/?day={day.isoformat()}")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
