"""HTML pages: calendar, editor, rule catalogue, calculator (htmx partial)."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.workcalendar import constants, selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/calendar/2025/", "/calendar/2025/edit/", "/calendar/rules/", "/calendar/deadlines/"]
)
def test_pages_need_login(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_calendar_page_marks_tet_with_lunar_dates(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    response = client.get("/calendar/2025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mùng 1 Tết" in html
    assert "29 tháng Chạp" in html
    assert 'class="tet"' in html
    assert "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025" in html
    assert "Thông báo 6150/TB-LĐTBXH" in html
    assert "Sửa lịch năm này" not in html  # a receptionist may not edit


def test_calendar_current_redirects_to_this_year(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/calendar/{timezone.localdate().year}/")


def test_calendar_edit_forbidden_to_receptionist(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    assert client.get("/calendar/2027/edit/").status_code == 403
    assert client.post("/calendar/2027/edit/", {"days_off": ""}).status_code == 403


def test_calendar_edit_saves_and_audits(client: Client, unit_admin) -> None:
    client.force_login(unit_admin)
    form = client.get("/calendar/2027/edit/")
    assert form.status_code == 200
    initial = form.context["form"].initial["days_off"]
    assert "2027-02-05" in initial
    response = client.post(
        "/calendar/2027/edit/",
        {
            "days_off": initial + "\n11/02/2027 Nghỉ Tết (cán bộ, công chức)",
            "working_days": "2027-02-20 Làm bù",
            "note": "Thông báo giả định",
        },
    )
    assert response.status_code == 302
    lists = selectors.calendar_year_lists(2027)
    assert lists.days_off[date(2027, 2, 11)] == "Nghỉ Tết (cán bộ, công chức)"
    assert lists.working_days == {date(2027, 2, 20): "Làm bù"}
    assert AuditEvent.objects.filter(action=constants.CALENDAR_CHANGED).count() == 1


def test_calendar_edit_shows_vietnamese_errors(client: Client, superuser) -> None:
    client.force_login(superuser)
    response = client.post(
        "/calendar/2027/edit/", {"days_off": "2027-02-13 thứ Bảy\nhôm nay", "working_days": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "dòng 2" in html
    response = client.post("/calendar/2027/edit/", {"days_off": "2027-02-13 thứ Bảy"})
    assert "thứ Bảy/Chủ nhật" in response.content.decode()


def test_rule_list_shows_versions_and_unverified(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    html = client.get("/calendar/rules/").content.decode()
    assert "Thụ lý giải quyết khiếu nại" in html
    assert "complaint.accept" not in html  # rule codes are for the API, not for officers
    assert "01/07/2026" in html
    assert "Cần đối chiếu văn bản gốc" in html


def test_calculator_htmx_returns_only_the_result(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/calendar/deadlines/",
        {
            "rule": "petition.notify",
            "start": "2025-01-17",
            "complexity": "normal",
            "extensions": "0",
            "paused": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="result"')
    assert "07/02/2025" in html
    assert "Mùng 1 Tết" in html
    assert 'class="tet"' in html
    assert "Luật Tiếp công dân" in html


def test_calculator_full_page_with_domain_error(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/calendar/deadlines/",
        {
            "rule": "denunciation.resolve",
            "start": "2025-01-17",
            "complexity": "complex",
            "extensions": "2",
            "paused": "",
        },
    )
    assert response.status_code == 200
    assert "tối đa 1 lần gia hạn" in response.content.decode()


def test_calculator_bad_pause_line(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/calendar/deadlines/",
        {
            "rule": "complaint.resolve.first",
            "start": "2025-01-10",
            "complexity": "normal",
            "extensions": "0",
            "paused": "2025-01-20 đến 2025-01-15",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "trước khi bắt đầu" in response.content.decode()


def test_calculator_counts_the_tet_break(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/calendar/deadlines/",
        {
            "rule": "complaint.accept",
            "start": "2026-02-10",
            "complexity": "normal",
            "extensions": "0",
            "paused": "",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "đi qua 9 ngày nghỉ Tết" in html  # Sat 14/02 – Sun 22/02/2026
    assert "03/03/2026" in html


def test_rule_notes_speak_to_officers_not_to_maintainers() -> None:
    from tiepdan.workcalendar.models import CalendarYear, LegalRule

    texts = [*LegalRule.objects.values_list("notes", flat=True)]
    texts += CalendarYear.objects.values_list("note", flat=True)
    assert any("Bộ luật Dân sự" in t for t in texts)
    for internal in ("domain.md", "§", "trí nhớ", "chưa có hướng dẫn", "bản sao", "diễn giải"):
        assert not [t for t in texts if internal in t], internal
