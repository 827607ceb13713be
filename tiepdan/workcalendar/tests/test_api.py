"""The calendar and deadline endpoints of api-contract.md."""

from datetime import date

import pytest

from tiepdan.audit.models import AuditEvent
from tiepdan.workcalendar import constants, services
from tiepdan.workcalendar.models import Clock

pytestmark = pytest.mark.django_db

CALENDAR_2027 = {
    "year": 2027,
    "days_off": [
        {"date": "2027-01-01", "name": "Tết Dương lịch"},
        {"date": "2027-02-04", "name": "28 Tết"},
        {"date": "2027-02-05", "name": "Giao thừa Tết Nguyên Đán"},
        {"date": "2027-02-08", "name": "Mùng ba Tết Nguyên Đán"},
        {"date": "2027-02-09", "name": "Mùng bốn Tết Nguyên Đán"},
        {"date": "2027-02-10", "name": "Mùng năm Tết Nguyên Đán"},
        {"date": "2027-02-11", "name": "Nghỉ Tết (cán bộ, công chức)"},
        {"date": "2027-02-12", "name": "Nghỉ Tết (cán bộ, công chức)"},
        {"date": "2027-04-16", "name": "Giỗ Tổ Hùng Vương"},
        {"date": "2027-04-30", "name": "Ngày Chiến thắng"},
        {"date": "2027-05-03", "name": "Quốc tế Lao động (nghỉ bù)"},
        {"date": "2027-09-02", "name": "Quốc khánh"},
        {"date": "2027-09-03", "name": "Quốc khánh"},
    ],
    "working_days": [{"date": "2027-02-20", "name": "Làm bù cho ngày 12/02/2027"}],
}


def url(year: int) -> str:
    return f"/api/v1/calendar/{year}/"


# -- calendar --------------------------------------------------------------------------------


def test_calendar_get_2025_has_tet_and_the_swap(client_for, receptionist):
    body = client_for(receptionist).get(url(2025)).json()
    off = {d["date"] for d in body["days_off"]}
    assert body["year"] == 2025
    assert {"2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"} <= off
    assert {"2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01"} <= off
    assert body["working_days"] == [
        {"date": "2025-04-26", "name": "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025"}
    ]
    assert all(date.fromisoformat(d["date"]).weekday() < 5 for d in body["days_off"])


def test_calendar_get_2026_has_the_august_swap(client_for, receptionist):
    body = client_for(receptionist).get(url(2026)).json()
    off = {d["date"] for d in body["days_off"]}
    assert {"2026-02-16", "2026-02-20", "2026-08-31", "2026-09-01", "2026-09-02"} <= off
    assert [d["date"] for d in body["working_days"]] == ["2026-08-22"]


def test_calendar_put_then_get_returns_exactly_the_lists(client_for, superuser):
    client = client_for(superuser)
    response = client.put(url(2027), CALENDAR_2027, format="json")
    assert response.status_code == 200, response.json()
    body = client.get(url(2027)).json()
    assert body == CALENDAR_2027
    # 24/11 (Ngày Văn hóa) and other package days left out of the list are now worked.
    assert "2027-11-24" not in {d["date"] for d in body["days_off"]}


def test_calendar_put_by_top_level_unit_admin(client_for, unit_admin):
    response = client_for(unit_admin).put(url(2027), CALENDAR_2027, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["receptionist", "ward_admin", "outsider"])
def test_calendar_put_forbidden_to_others(client_for, request, who):
    response = client_for(request.getfixturevalue(who)).put(url(2027), CALENDAR_2027, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_calendar_anonymous_gets_401(api_client):
    assert api_client.get(url(2025)).status_code == 401
    assert api_client.put(url(2025), CALENDAR_2027, format="json").status_code == 401


@pytest.mark.parametrize(
    ("days_off", "working_days", "field"),
    [
        ([{"date": "2027-02-13", "name": "thứ Bảy"}], [], "days_off"),
        ([], [{"date": "2027-02-15", "name": "thứ Hai"}], "working_days"),
        ([{"date": "2028-01-03", "name": "năm khác"}], [], "days_off"),
        (
            [{"date": "2027-02-11", "name": "a"}, {"date": "2027-02-11", "name": "b"}],
            [],
            "days_off",
        ),
    ],
)
def test_calendar_put_rejects_bad_lists(client_for, superuser, days_off, working_days, field):
    response = client_for(superuser).put(
        url(2027), {"days_off": days_off, "working_days": working_days}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_calendar"
    assert field in body["fields"]


def test_calendar_put_2027_moves_open_clocks_crossing_it_and_audits(client_for, superuser, ward):
    crossing = services.clock_start(
        target=ward, unit=ward, rule_code="petition.notify", start=date(2027, 2, 1)
    )
    later = services.clock_start(
        target=ward, unit=ward, rule_code="petition.notify", start=date(2027, 6, 1)
    )
    closed = services.clock_start(
        target=ward, unit=ward, rule_code="petition.notify", start=date(2027, 2, 2)
    )
    services.clock_stop(clock=closed, met_on=date(2027, 2, 3))
    assert crossing.due == date(2027, 2, 22)

    response = client_for(superuser).put(url(2027), CALENDAR_2027, format="json")

    assert response.status_code == 200
    crossing.refresh_from_db()
    later.refresh_from_db()
    closed.refresh_from_db()
    # 11–12/02 become days off: two working days later; Sat 20/02 làm bù counts.
    assert crossing.due == date(2027, 2, 23)
    assert later.due == date(2027, 6, 15)
    assert closed.due == date(2027, 2, 23)  # closed clocks are not recomputed
    event = AuditEvent.objects.get(action=constants.CLOCK_RECOMPUTED)
    assert event.target_id == str(crossing.pk)
    assert (event.data["old_due"], event.data["due"]) == ("2027-02-22", "2027-02-23")
    change = AuditEvent.objects.get(action=constants.CALENDAR_CHANGED)
    assert change.actor == superuser
    assert change.data["days_off_added"] == ["2027-02-11", "2027-02-12"]
    assert change.data["days_off_removed"] == ["2027-11-24"]
    assert change.data["working_days_added"] == ["2027-02-20"]
    assert Clock.objects.get(pk=crossing.pk).status == Clock.Status.RUNNING


def test_deadline_computed_after_put_uses_new_calendar(client_for, superuser):
    client = client_for(superuser)
    body = {"rule": "petition.notify", "start": "2027-02-01"}
    assert (
        client.post("/api/v1/deadlines/compute", body, format="json").json()["due"] == "2027-02-22"
    )
    client.put(url(2027), CALENDAR_2027, format="json")
    assert (
        client.post("/api/v1/deadlines/compute", body, format="json").json()["due"] == "2027-02-23"
    )


# -- deadline calculator ---------------------------------------------------------------------


def compute(client, **body):
    return client.post("/api/v1/deadlines/compute", body, format="json")


def test_deadline_compute_contract_example(client_for, receptionist):
    response = compute(
        client_for(receptionist),
        rule="complaint.resolve.first",
        start="2025-01-10",
        complexity="normal",
        remote_area=False,
        extensions=0,
        paused=[{"from": "2025-01-15", "to": "2025-01-20"}],
    )
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("rule", "start", "due", "day_type", "days")} == {
        "rule": "complaint.resolve.first",
        "start": "2025-01-10",
        "due": "2025-02-17",
        "day_type": "calendar",
        "days": 30,
    }
    assert "Luật Khiếu nại" in body["legal_basis"]
    assert "Điều 28" in body["legal_basis"]


@pytest.mark.parametrize(
    ("start", "due", "days"),
    [("2026-06-30", "2026-07-14", 10), ("2026-07-01", "2026-07-10", 7)],
)
def test_deadline_compute_complaint_accept_before_and_after_reform(
    client_for, receptionist, start, due, days
):
    body = compute(client_for(receptionist), rule="complaint.accept", start=start).json()
    assert (body["due"], body["days"], body["day_type"]) == (due, days, "working")


def test_deadline_compute_unknown_rule(client_for, receptionist):
    response = compute(client_for(receptionist), rule="khieu_nai.bat_ky", start="2025-01-10")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "unknown_rule"
    assert "khieu_nai.bat_ky" in body["message"]
    assert "rule" in body["fields"]


@pytest.mark.parametrize("start", ["10/01/2025", "2025-13-45", "hôm qua", 20250110])
def test_deadline_compute_start_not_a_date(client_for, receptionist, start):
    response = compute(client_for(receptionist), rule="petition.notify", start=start)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"]["start"] == ["Ngày không hợp lệ; dùng định dạng YYYY-MM-DD."]
    assert "Ngày không hợp lệ" in body["message"]


def test_deadline_compute_three_extensions(client_for, receptionist):
    response = compute(
        client_for(receptionist),
        rule="denunciation.resolve",
        start="2025-01-10",
        complexity="very_complex",
        extensions=3,
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "option_not_allowed"
    assert "tối đa 2 lần gia hạn" in body["message"]


def test_deadline_compute_two_extensions_of_complex_denunciation(client_for, receptionist):
    response = compute(
        client_for(receptionist),
        rule="denunciation.resolve",
        start="2025-01-10",
        complexity="complex",
        extensions=2,
    )
    assert response.status_code == 400
    assert response.json()["code"] == "option_not_allowed"


def test_deadline_compute_pause_ending_before_it_starts(client_for, receptionist):
    response = compute(
        client_for(receptionist),
        rule="complaint.resolve.first",
        start="2025-01-10",
        paused=[{"from": "2025-01-20", "to": "2025-01-15"}],
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_pause"
    assert "trước khi bắt đầu" in body["message"]


def test_deadline_compute_bad_complexity(client_for, receptionist):
    response = compute(
        client_for(receptionist), rule="petition.notify", start="2025-01-10", complexity="hard"
    )
    assert response.status_code == 400
    assert "complexity" in response.json()["fields"]


def test_deadline_compute_missing_fields(client_for, receptionist):
    response = compute(client_for(receptionist))
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"rule", "start"}


def test_deadline_compute_anonymous_gets_401(api_client):
    assert compute(api_client, rule="petition.notify", start="2025-01-10").status_code == 401


def test_deadline_rules_lists_every_version(client_for, receptionist):
    rules = client_for(receptionist).get("/api/v1/deadlines/rules/").json()
    accept = [r for r in rules if r["code"] == "complaint.accept"]
    assert [(r["days"], r["valid_from"], r["valid_to"]) for r in accept] == [
        (10, "2012-07-01", "2026-06-30"),
        (7, "2026-07-01", None),
    ]


def test_schema_declares_the_endpoints(client_for, superuser):
    response = client_for(superuser).get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/deadlines/compute" in text
    assert "/api/v1/calendar/{year}/" in text
