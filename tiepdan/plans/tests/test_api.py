"""The fixed contract: POST /plans/, POST /plans/{id}/roster/generate, GET /plans/{id}/roster/."""

import datetime as dt

import pytest

from tiepdan.plans import services
from tiepdan.plans.models import Plan

BODY = {
    "unit": "26734",
    "title": "Tổ chức tiếp công dân phục vụ Tết Nguyên đán Đinh Mùi năm 2027",
    "starts_on": "2027-01-25",
    "ends_on": "2027-02-21",
    "phases": [
        {"name": "Trước Tết", "from": "2027-01-25", "to": "2027-02-03"},
        {"name": "Trong Tết", "from": "2027-02-04", "to": "2027-02-10"},
        {"name": "Sau Tết", "from": "2027-02-11", "to": "2027-02-21"},
    ],
    "legal_basis": ["Luật Tiếp công dân số 42/2013/QH13"],
    "parent_plan": None,
}


@pytest.fixture
def plan(ward, leader) -> Plan:
    return services.plan_create(
        unit=ward,
        actor=leader,
        title=BODY["title"],
        starts_on=dt.date(2027, 1, 25),
        ends_on=dt.date(2027, 2, 21),
    )


def test_create_plan(client_for, leader, ward):
    response = client_for(leader).post("/api/v1/plans/", BODY, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["unit"] == "26734"
    assert body["title"] == BODY["title"]
    assert body["phases"][1] == {"name": "Trong Tết", "from": "2027-02-04", "to": "2027-02-10"}
    assert body["legal_basis"] == BODY["legal_basis"]


def test_create_with_superior_plan(client_for, leader, unit_admin, province):
    superior = services.plan_create(
        unit=province, actor=unit_admin, title="Kế hoạch của tỉnh",
        starts_on=dt.date(2027, 1, 20), ends_on=dt.date(2027, 2, 28),
    )  # fmt: skip
    response = client_for(leader).post(
        "/api/v1/plans/", {**BODY, "parent_plan": superior.pk}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["parent_plan"] == superior.pk


def test_period_ending_before_start_is_400(client_for, leader):
    body = {**BODY, "starts_on": "2027-02-21", "ends_on": "2027-01-25", "phases": []}
    response = client_for(leader).post("/api/v1/plans/", body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid_period"
    assert "trước ngày bắt đầu" in data["message"]
    assert "ends_on" in data["fields"]
    assert not Plan.objects.exists()


def test_generate_and_read_roster(client_for, plan, leader, receptionist, processor):
    client = client_for(leader)
    response = client.post(
        f"/api/v1/plans/{plan.pk}/roster/generate",
        {"officers": ["tiepdan", "xulydon"], "leaders": ["chutich"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) >= {"shifts", "compliance"}
    shift = body["shifts"][0]
    assert set(shift) == {"date", "slot", "officers", "leader", "kind"}
    assert {s["slot"] for s in body["shifts"]} == {"office_hours", "after_hours", "day_off"}
    assert {s["kind"] for s in body["shifts"]} == {"regular", "periodic"}
    assert len({s["date"] for s in body["shifts"]}) == 28
    row = body["compliance"][0]
    assert {"rule", "required", "scheduled", "ok"} <= set(row)
    assert all(r["ok"] for r in body["compliance"] if r["rule_code"] != "reception.schedule_notice")
    again = client.get(f"/api/v1/plans/{plan.pk}/roster/")
    assert again.status_code == 200
    assert again.json()["shifts"] == body["shifts"]


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"officers": [], "leaders": ["chutich"]}, "officers", "cán bộ"),
        ({"officers": ["tiepdan"], "leaders": []}, "leaders", "lãnh đạo"),
        ({"officers": ["khongco"], "leaders": ["chutich"]}, "officers", "khongco"),
    ],
)
def test_bad_roster_input(client_for, plan, leader, receptionist, payload, field, words):
    response = client_for(leader).post(
        f"/api/v1/plans/{plan.pk}/roster/generate", payload, format="json"
    )
    assert response.status_code == 400
    data = response.json()
    assert words in data["message"]
    assert field in data["fields"]
    assert not plan.shifts.exists()


def test_permission_matrix(api_client, client_for, plan, leader, processor, outsider, partner):
    url = f"/api/v1/plans/{plan.pk}/roster/"
    generate = f"/api/v1/plans/{plan.pk}/roster/generate"
    payload = {"officers": ["xulydon"], "leaders": ["chutich"]}
    assert api_client.get(url).status_code == 401
    assert api_client.post(generate, payload, format="json").status_code == 401
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(generate, payload, format="json").status_code == 404
    assert client_for(outsider).get(f"/api/v1/plans/{plan.pk}/").status_code == 404
    assert client_for(processor).post(generate, payload, format="json").status_code == 403
    assert client_for(processor).get(url).status_code == 200
    assert client_for(partner).get(url).status_code == 404  # no task of the police yet
    services.task_create(
        plan=plan, actor=leader, assignee_label="Công an phường", content="Nắm tình hình.",
        lead_unit=partner.memberships.get().unit,
    )  # fmt: skip
    assert client_for(partner).get(url).status_code == 403  # tasks only, not the roster
    assert client_for(partner).get(f"/api/v1/plans/{plan.pk}/").status_code == 200
    assert client_for(leader).post(generate, payload, format="json").status_code == 200
    body = {**BODY, "phases": []}
    assert client_for(processor).post("/api/v1/plans/", body, format="json").status_code == 403
    assert client_for(outsider).post("/api/v1/plans/", body, format="json").status_code == 404


def test_partner_sees_only_its_tasks(client_for, plan, leader, partner, police, ward):
    services.task_create(
        plan=plan, actor=leader, assignee_label="Công an phường", content="Nắm tình hình.",
        lead_unit=police,
    )  # fmt: skip
    services.task_create(
        plan=plan, actor=leader, assignee_label="Bộ phận TCD", content="Trực.", lead_unit=ward
    )
    response = client_for(partner).get(f"/api/v1/plans/{plan.pk}/")
    assert response.status_code == 200
    assert [t["assignee_label"] for t in response.json()["tasks"]] == ["Công an phường"]
    listed = client_for(partner).get("/api/v1/plans/").json()
    assert [p["id"] for p in listed["results"]] == [plan.pk]


def test_list_is_paginated_and_scoped(client_for, plan, leader, outsider):
    body = client_for(leader).get("/api/v1/plans/?unit=26734").json()
    assert body["count"] == 1
    assert {"next", "previous", "results"} <= set(body)
    assert client_for(outsider).get("/api/v1/plans/").json()["count"] == 0


def test_schema_has_unique_components(client_for, leader):
    response = client_for(leader).get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    assert {"PlanCreateInputRequest", "RosterGenerateInputRequest", "Roster", "RosterShift"} <= set(
        schemas
    )


def test_period_at_the_edge_of_the_working_calendar_is_400(client_for, leader):
    """A plan in the calendar's first year would have a roster no one can compute (out_of_range
    on reading it): refused when it is made."""
    body = {**BODY, "starts_on": "2000-01-01", "ends_on": "2000-01-01", "phases": []}
    response = client_for(leader).post("/api/v1/plans/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_period"
    assert "2001–2099" in response.json()["message"]
    assert not Plan.objects.exists()


def test_json_text_field_given_a_number_is_400(client_for, leader):
    """JSON values keep their type: the number 0 is not the text "0" the schema asks for."""
    body = {**BODY, "signer_name": 0}
    response = client_for(leader).post("/api/v1/plans/", body, format="json")
    assert response.status_code == 400
    assert "signer_name" in response.json()["fields"]
    assert not Plan.objects.exists()
