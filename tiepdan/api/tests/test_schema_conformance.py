"""Every /api/v1/ response conforms to the OpenAPI schema the project publishes.

Each scenario below makes one real request (valid data, a user allowed to do it, or the user
an error case needs) and checks the answer against the response the schema declares for that
path, method, status and content type. `test_every_endpoint_is_checked` lists the API's routes
from the URL resolver, so an endpoint (or a declared 400/403/404) without a scenario fails it.
"""

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from jsonschema import Draft202012Validator, FormatChecker

from tiepdan.cases.models import SubjectCategory
from tiepdan.citizens import services as citizen_services
from tiepdan.monitoring import services as monitoring_services
from tiepdan.monitoring.tests.conftest import TODAY, at, visit
from tiepdan.plans import services as plan_services
from tiepdan.plans.models import Plan
from tiepdan.reports.periods import statutory_period
from tiepdan.reports.tests.factories import case_create, dataset_build, petition_build

pytestmark = pytest.mark.django_db

# --- The schema, turned into JSON Schema --------------------------------------------------


@functools.cache
def openapi() -> dict:
    """The published document, as JSON (lazy translations and enums rendered as served)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


def to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema object → JSON Schema 2020-12.

    `nullable: true` becomes a "null" type (or an anyOf with null around a $ref/allOf/oneOf).
    Objects with declared properties are closed (`additionalProperties: false`) unless they
    say otherwise: a field the API returns but the schema does not declare is a gap too.
    """
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: to_json_schema(value) for key, value in node.items()}
    if "properties" in out and out.get("type") == "object":
        out.setdefault("additionalProperties", False)
    if out.pop("nullable", False):
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime_with_offset(value: object) -> bool:
    # The contract: ISO 8601 with an offset (jsonschema skips date-time without extra packages).
    if not isinstance(value, str):
        return True
    return dt.datetime.fromisoformat(value).tzinfo is not None


def openapi_path(route: str) -> str:
    """`api/v1/petitions/<int:pk>/` → `/api/v1/petitions/{id}/` (drf-spectacular names pk id)."""
    return "/" + re.sub(
        r"<(?:\w+:)?(\w+)>", lambda m: "{id}" if m[1] == "pk" else f"{{{m[1]}}}", route
    )


@functools.cache
def validator(path: str, method: str, status: int, media_type: str) -> Draft202012Validator:
    document = openapi()
    responses = document["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path}: {status} is not declared"
    content = responses[str(status)].get("content", {})
    assert media_type in content, f"{method.upper()} {path} {status}: {media_type} not declared"
    # The response schema sits at the root next to `components`, so `#/components/...` resolves.
    root = {
        **to_json_schema(content[media_type]["schema"]),
        "components": to_json_schema(document["components"]),
    }
    return Draft202012Validator(root, format_checker=FORMATS)


def assert_conforms(response) -> None:
    """The response is one the schema declares, and its JSON body matches that declaration."""
    path = openapi_path(response.resolver_match.route)
    method = response.request["REQUEST_METHOD"].lower()
    media_type = response["Content-Type"].split(";")[0].strip()
    check = validator(path, method, response.status_code, media_type)
    if media_type != "application/json":
        return  # binary downloads: declaring the media type is all the schema says
    errors = sorted(check.iter_errors(response.json()), key=lambda e: list(e.absolute_path))
    assert not errors, f"{method.upper()} {path} {response.status_code}:\n" + "\n".join(
        f"  at {'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in errors[:10]
    )


def test_validator_rejects_what_the_schema_does_not_allow() -> None:
    error = validator("/api/v1/units/", "post", 400, "application/json")
    assert error.is_valid({"code": "invalid", "message": "Dữ liệu không hợp lệ.", "fields": {}})
    assert not error.is_valid({"code": None, "message": "…", "fields": {}})  # not nullable
    assert not error.is_valid({"code": "x", "message": "…", "fields": {}, "detail": "…"})
    assert not error.is_valid({"code": "x", "message": "…", "fields": {"name": "…"}})
    unit = validator("/api/v1/units/{code}/", "get", 200, "application/json")
    body = {
        "code": "38",
        "name": "Tỉnh Thanh Hóa",
        "kind": "province",
        "parent": None,
        "valid_from": None,
        "valid_to": None,
        "merged_into": None,
    }
    assert unit.is_valid(body)
    assert not unit.is_valid({**body, "kind": "district"})  # not in the enum
    assert not unit.is_valid({**body, "valid_from": "01/07/2025"})  # dates are YYYY-MM-DD
    alerts = validator("/api/v1/alerts/", "get", 200, "application/json")
    alert = {
        "id": 1,
        "kind": "mass_group",
        "unit": "26734",
        "level": "warning",
        "created_at": "2025-01-27T08:30:00+07:00",
        "status": "open",
        "summary": "Đoàn đông người",
        "subjects": [],
        "routed_to": [],
    }
    page = {"count": 1, "next": None, "previous": None, "results": [alert]}
    assert alerts.is_valid(page)
    naive = {**alert, "created_at": "2025-01-27T08:30:00"}  # the contract wants an offset
    assert not alerts.is_valid({**page, "results": [naive]})


# --- Scenarios --------------------------------------------------------------------------


class Fixtures:
    """Lazy access to the pytest fixtures a scenario needs (`f.leader`, `f.client_for`…)."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def __getattr__(self, name: str) -> Any:
        return self._request.getfixturevalue(name)

    def as_(self, role: str):
        return self.client_for(getattr(self, role))

    def needs(self, *names: str) -> None:
        """Set up fixtures the request relies on without using them (units, users)."""
        for name in names:
            getattr(self, name)


Scenario = Callable[[Fixtures], Any]
SCENARIOS: dict[tuple[str, str, int], Scenario] = {}


def scenario(method: str, path: str, status: int) -> Callable[[Scenario], Scenario]:
    def register(run: Scenario) -> Scenario:
        SCENARIOS[(method, path, status)] = run
        return run

    return register


V1 = "/api/v1"
PERIOD = statutory_period(2025, "q1")  # 15/12/2024 – 14/03/2025
REPORT_QUERY = f"unit=38&from={PERIOD.start}&to={PERIOD.end}"
PERSON = {
    "full_name": "Nguyễn Văn A",
    "id_number": "001085012345",
    "address": "Khu phố 3, phường Bắc Sơn",
    "phone": "0912345678",
}
VISIT = {
    "unit": "26734",
    "received_at": "2025-01-27T08:30:00+07:00",
    "mode": "regular",
    "chaired_by": "officer",
    "channel": "in_person",
    "people_count": 7,
    "citizens": [PERSON],
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "summary": "Khiếu nại về bồi thường giải phóng mặt bằng",
    "case": None,
}
PETITION = {
    "unit": "26734",
    "received_on": "2025-01-20",
    "source": "post",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "senders": [PERSON],
    "signatory_count": 1,
    "anonymous": False,
    "summary": "Khiếu nại quyết định thu hồi đất",
    "visit": None,
}
PLAN = {
    "unit": "26734",
    "title": "Tổ chức tiếp công dân phục vụ Tết Nguyên đán Đinh Mùi năm 2027",
    "starts_on": "2027-01-25",
    "ends_on": "2027-02-21",
    "phases": [
        {"name": "Trước Tết", "from": "2027-01-25", "to": "2027-02-03"},
        {"name": "Sau Tết", "from": "2027-02-04", "to": "2027-02-21"},
    ],
    "legal_basis": ["Luật Tiếp công dân số 42/2013/QH13"],
    "parent_plan": None,
}
ROSTER = {"officers": ["tiepdan", "xulydon"], "leaders": ["chutich"]}


def new_petition(f: Fixtures, **change: Any) -> dict:
    response = f.as_("leader").post(f"{V1}/petitions/", {**PETITION, **change}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def new_case(f: Fixtures, unit: str = "26734") -> int:
    petition = new_petition(f, unit=unit)
    response = f.as_("leader").post(
        f"{V1}/petitions/{petition['id']}/process/",
        {"outcome": "accept", "decided_on": "2025-01-22"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response.json()["case"]


def new_plan(f: Fixtures) -> Plan:
    plan = plan_services.plan_create(
        unit=f.ward,
        actor=f.leader,
        title=PLAN["title"],
        starts_on=dt.date(2027, 1, 25),
        ends_on=dt.date(2027, 2, 21),
    )
    # A task of the police: the partner then sees the plan (its task) but not the roster.
    plan_services.task_create(
        plan=plan,
        actor=f.leader,
        assignee_label="Công an phường",
        content="Nắm tình hình, bảo đảm an ninh trật tự nơi tiếp công dân.",
        lead_unit=f.police,
    )
    return plan


def with_hotspot(f: Fixtures) -> None:
    clearance = SubjectCategory.objects.create(
        name="Bồi thường, giải phóng mặt bằng", bucket="admin.land_housing"
    )
    names = ["Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng", "Hoàng Thị Em", "Vũ Văn Giang"]
    for i, name in enumerate([*names, "Đỗ Thị Hà"]):
        person = citizen_services.citizen_create(unit=f.ward, actor=None, full_name=name)
        when = at(TODAY - dt.timedelta(days=i))
        visit(f.ward, f.receptionist, [person], received_at=when, subject=clearance)
    monitoring_services.hotspot_scan(root=f.province, today=TODAY)


# Health


@scenario("get", "/api/v1/health/", 200)
def _(f):
    return f.api_client.get(f"{V1}/health/")


@scenario("get", "/api/v1/health/ready/", 200)
def _(f):
    return f.api_client.get(f"{V1}/health/ready/")


def test_health_degraded_conforms(api_client, monkeypatch) -> None:
    class Broken:
        def cursor(self):
            raise DatabaseError("down")

    monkeypatch.setattr("tiepdan.api.views.connection", Broken())
    response = api_client.get(f"{V1}/health/")
    assert response.status_code == 503
    assert_conforms(response)


# Units and users


@scenario("get", "/api/v1/units/", 200)
def _(f):
    f.needs("police")  # a unit with a parent in the list
    return f.as_("unit_admin").get(f"{V1}/units/")


@scenario("get", "/api/v1/units/", 400)
def _(f):
    return f.as_("unit_admin").get(f"{V1}/units/?page_size=mot")


@scenario("get", "/api/v1/units/", 404)
def _(f):
    return f.as_("unit_admin").get(f"{V1}/units/?page=999")


@scenario("post", "/api/v1/units/", 201)
def _(f):
    body = {"code": "26737", "name": "Phường Hạc Thành", "kind": "ward", "parent": "38"}
    return f.as_("unit_admin").post(f"{V1}/units/", body, format="json")


@scenario("post", "/api/v1/units/", 400)
def _(f):
    body = {"code": "26737", "name": "Phường Hạc Thành", "kind": "huyen", "parent": "38"}
    return f.as_("unit_admin").post(f"{V1}/units/", body, format="json")


@scenario("post", "/api/v1/units/", 403)
def _(f):
    body = {"code": "26734-KP3", "name": "Khu phố 3", "kind": "quarter", "parent": "26734"}
    return f.as_("processor").post(f"{V1}/units/", body, format="json")


@scenario("get", "/api/v1/units/{code}/", 200)
def _(f):
    return f.as_("receptionist").get(f"{V1}/units/26734/")


@scenario("get", "/api/v1/units/{code}/", 404)
def _(f):
    return f.as_("outsider").get(f"{V1}/units/38/")


USER = {
    "username": "canbo1",
    "password": "Mat-khau-thu-nghiem-2026",
    "full_name": "Lê Văn Đức",
    "memberships": [{"unit": "26734", "role": "receptionist"}],
}


@scenario("post", "/api/v1/users/", 201)
def _(f):
    f.needs("ward")
    return f.as_("unit_admin").post(f"{V1}/users/", USER, format="json")


@scenario("post", "/api/v1/users/", 400)
def _(f):
    body = {**USER, "memberships": [{"unit": "26734", "role": "chairman"}]}
    return f.as_("unit_admin").post(f"{V1}/users/", body, format="json")


@scenario("post", "/api/v1/users/", 403)
def _(f):
    return f.as_("processor").post(f"{V1}/users/", USER, format="json")


# Reception visits and alerts


@scenario("post", "/api/v1/visits/", 201)
def _(f):
    return f.as_("receptionist").post(f"{V1}/visits/", VISIT, format="json")


@scenario("post", "/api/v1/visits/", 400)
def _(f):
    return f.as_("receptionist").post(f"{V1}/visits/", {**VISIT, "people_count": 0}, format="json")


@scenario("post", "/api/v1/visits/", 403)
def _(f):
    body = {**VISIT, "unit": "26734-CA"}
    return f.as_("partner").post(f"{V1}/visits/", body, format="json")


@scenario("post", "/api/v1/visits/", 404)
def _(f):
    f.needs("ward")
    return f.as_("outsider").post(f"{V1}/visits/", VISIT, format="json")


@scenario("get", "/api/v1/alerts/", 200)
def _(f):
    f.as_("receptionist").post(f"{V1}/visits/", VISIT, format="json")  # a mass group alert
    response = f.as_("unit_admin").get(f"{V1}/alerts/?unit=38")
    assert response.json()["results"], "no alert to check"
    return response


@scenario("get", "/api/v1/alerts/", 400)
def _(f):
    f.needs("province")
    return f.as_("unit_admin").get(f"{V1}/alerts/?unit=38&page_size=abc")


@scenario("get", "/api/v1/alerts/", 404)
def _(f):
    f.needs("province")
    return f.as_("outsider").get(f"{V1}/alerts/?unit=38")


# Petitions and cases


@scenario("post", "/api/v1/petitions/", 201)
def _(f):
    return f.as_("processor").post(f"{V1}/petitions/", PETITION, format="json")


@scenario("post", "/api/v1/petitions/", 400)
def _(f):
    body = {**PETITION, "domain": "land"}
    return f.as_("processor").post(f"{V1}/petitions/", body, format="json")


@scenario("post", "/api/v1/petitions/", 403)
def _(f):
    body = {**PETITION, "unit": "26734-CA"}
    return f.as_("partner").post(f"{V1}/petitions/", body, format="json")


@scenario("post", "/api/v1/petitions/", 404)
def _(f):
    f.needs("ward")
    return f.as_("outsider").post(f"{V1}/petitions/", PETITION, format="json")


@scenario("get", "/api/v1/petitions/{id}/", 200)
def _(f):
    # A sealed denunciation: `senders` is null for the province.
    created = new_petition(
        f, petition_type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền"
    )
    return f.as_("unit_admin").get(f"{V1}/petitions/{created['id']}/")


@scenario("get", "/api/v1/petitions/{id}/", 403)
def _(f):
    partner = f.as_("partner")
    created = new_petition(f, unit="26734-CA")
    return partner.get(f"{V1}/petitions/{created['id']}/")


@scenario("get", "/api/v1/petitions/{id}/", 404)
def _(f):
    created = new_petition(f)
    return f.as_("outsider").get(f"{V1}/petitions/{created['id']}/")


@scenario("post", "/api/v1/petitions/{id}/process/", 200)
def _(f):
    created = new_petition(f)
    body = {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "91"}
    f.needs("other_ward")
    return f.as_("leader").post(f"{V1}/petitions/{created['id']}/process/", body, format="json")


@scenario("post", "/api/v1/petitions/{id}/process/", 400)
def _(f):
    created = new_petition(f)
    body = {"outcome": "archive", "decided_on": "2025-01-21"}
    return f.as_("leader").post(f"{V1}/petitions/{created['id']}/process/", body, format="json")


@scenario("post", "/api/v1/petitions/{id}/process/", 403)
def _(f):
    created = new_petition(f)
    body = {"outcome": "accept", "decided_on": "2025-01-22"}
    return f.as_("processor").post(f"{V1}/petitions/{created['id']}/process/", body, format="json")


@scenario("post", "/api/v1/petitions/{id}/process/", 404)
def _(f):
    created = new_petition(f)
    body = {"outcome": "accept", "decided_on": "2025-01-22"}
    return f.as_("outsider").post(f"{V1}/petitions/{created['id']}/process/", body, format="json")


def transferred_to_91(f: Fixtures) -> int:
    """A ward petition transferred to unit 91, whose leader is `outsider`."""
    created = new_petition(f)
    body = {"outcome": "transfer", "decided_on": "2025-01-21", "to_unit": "91"}
    f.needs("other_ward")
    f.as_("leader").post(f"{V1}/petitions/{created['id']}/process/", body, format="json")
    return created["id"]


@scenario("post", "/api/v1/petitions/{id}/acknowledge/", 200)
def _(f):
    pk = transferred_to_91(f)
    body = {"received_on": "2025-01-23"}
    return f.as_("outsider").post(f"{V1}/petitions/{pk}/acknowledge/", body, format="json")


@scenario("post", "/api/v1/petitions/{id}/acknowledge/", 400)
def _(f):
    pk = transferred_to_91(f)
    body = {"received_on": "2025-01-19"}  # before it was sent
    return f.as_("outsider").post(f"{V1}/petitions/{pk}/acknowledge/", body, format="json")


@scenario("post", "/api/v1/petitions/{id}/acknowledge/", 403)
def _(f):
    pk = transferred_to_91(f)  # the sender sees it but does not receive it
    return f.as_("leader").post(f"{V1}/petitions/{pk}/acknowledge/", {}, format="json")


@scenario("post", "/api/v1/petitions/{id}/acknowledge/", 404)
def _(f):
    created = new_petition(f)
    return f.as_("outsider").post(f"{V1}/petitions/{created['id']}/acknowledge/", {}, format="json")


@scenario("get", "/api/v1/cases/{id}/", 200)
def _(f):
    return f.as_("leader").get(f"{V1}/cases/{new_case(f)}/")


@scenario("get", "/api/v1/cases/{id}/", 403)
def _(f):
    partner = f.as_("partner")
    return partner.get(f"{V1}/cases/{new_case(f, unit='26734-CA')}/")


@scenario("get", "/api/v1/cases/{id}/", 404)
def _(f):
    return f.as_("outsider").get(f"{V1}/cases/{new_case(f)}/")


# Working calendar and deadlines


@scenario("get", "/api/v1/calendar/{year}/", 200)
def _(f):
    return f.as_("receptionist").get(f"{V1}/calendar/2025/")


@scenario("get", "/api/v1/calendar/{year}/", 400)
def _(f):
    return f.as_("receptionist").get(f"{V1}/calendar/1990/")


CALENDAR = {
    "year": 2031,
    "days_off": [{"date": "2031-01-01", "name": "Tết Dương lịch"}],
    "working_days": [{"date": "2031-01-04", "name": "Làm bù"}],
}


@scenario("put", "/api/v1/calendar/{year}/", 200)
def _(f):
    return f.as_("unit_admin").put(f"{V1}/calendar/2031/", CALENDAR, format="json")


@scenario("put", "/api/v1/calendar/{year}/", 400)
def _(f):
    body = {**CALENDAR, "days_off": [{"date": "01/01/2031", "name": "Tết Dương lịch"}]}
    return f.as_("unit_admin").put(f"{V1}/calendar/2031/", body, format="json")


@scenario("put", "/api/v1/calendar/{year}/", 403)
def _(f):
    return f.as_("leader").put(f"{V1}/calendar/2031/", CALENDAR, format="json")


# A NUL character in the address is a 400 on every operation (tiepdan.core.middleware).
for _path, _url, _who in [
    ("/api/v1/health/", "/health/", None),
    ("/api/v1/health/ready/", "/health/ready/", None),
    ("/api/v1/cases/{id}/", "/cases/1/", "receptionist"),
    ("/api/v1/deadlines/rules/", "/deadlines/rules/", "receptionist"),
    ("/api/v1/petitions/{id}/", "/petitions/1/", "receptionist"),
    ("/api/v1/plans/{id}/", "/plans/1/", "receptionist"),
    ("/api/v1/plans/{id}/roster/", "/plans/1/roster/", "receptionist"),
    ("/api/v1/public/petitions/{tracking_code}/", "/public/petitions/TD-1/", None),
    ("/api/v1/units/{code}/", "/units/38/", "receptionist"),
]:

    def _nul(f, url=_url, who=_who):
        client = f.as_(who) if who else f.api_client
        return client.get(f"{V1}{url}?q=%00")

    scenario("get", _path, 400)(_nul)


DEADLINE = {
    "rule": "complaint.resolve.first",
    "start": "2025-01-10",
    "complexity": "normal",
    "remote_area": False,
    "extensions": 0,
    "paused": [{"from": "2025-01-15", "to": "2025-01-20"}],
}


@scenario("post", "/api/v1/deadlines/compute", 200)
def _(f):
    return f.as_("receptionist").post(f"{V1}/deadlines/compute", DEADLINE, format="json")


@scenario("post", "/api/v1/deadlines/compute", 400)
def _(f):
    body = {**DEADLINE, "rule": "complaint.resolve.third"}
    return f.as_("receptionist").post(f"{V1}/deadlines/compute", body, format="json")


@scenario("get", "/api/v1/deadlines/rules/", 200)
def _(f):
    return f.as_("receptionist").get(f"{V1}/deadlines/rules/")


# Plans and rosters


@scenario("get", "/api/v1/plans/", 200)
def _(f):
    new_plan(f)
    return f.as_("leader").get(f"{V1}/plans/?unit=26734")


@scenario("get", "/api/v1/plans/", 400)
def _(f):
    f.needs("ward")
    return f.as_("leader").get(f"{V1}/plans/?unit=26734&page_size=0")


@scenario("get", "/api/v1/plans/", 404)
def _(f):
    f.needs("ward")
    return f.as_("outsider").get(f"{V1}/plans/?unit=26734")


@scenario("post", "/api/v1/plans/", 201)
def _(f):
    return f.as_("leader").post(f"{V1}/plans/", PLAN, format="json")


@scenario("post", "/api/v1/plans/", 400)
def _(f):
    body = {**PLAN, "starts_on": "2027-02-21", "ends_on": "2027-01-25", "phases": []}
    return f.as_("leader").post(f"{V1}/plans/", body, format="json")


@scenario("post", "/api/v1/plans/", 403)
def _(f):
    return f.as_("processor").post(f"{V1}/plans/", PLAN, format="json")


@scenario("post", "/api/v1/plans/", 404)
def _(f):
    f.needs("ward")
    return f.as_("outsider").post(f"{V1}/plans/", PLAN, format="json")


@scenario("get", "/api/v1/plans/{id}/", 200)
def _(f):
    return f.as_("partner").get(f"{V1}/plans/{new_plan(f).pk}/")


@scenario("get", "/api/v1/plans/{id}/", 404)
def _(f):
    return f.as_("outsider").get(f"{V1}/plans/{new_plan(f).pk}/")


@scenario("post", "/api/v1/plans/{id}/roster/generate", 200)
def _(f):
    plan = new_plan(f)
    f.needs("receptionist", "processor")
    return f.as_("leader").post(f"{V1}/plans/{plan.pk}/roster/generate", ROSTER, format="json")


@scenario("post", "/api/v1/plans/{id}/roster/generate", 400)
def _(f):
    plan = new_plan(f)
    body = {**ROSTER, "officers": ["khongco"]}
    return f.as_("leader").post(f"{V1}/plans/{plan.pk}/roster/generate", body, format="json")


@scenario("post", "/api/v1/plans/{id}/roster/generate", 403)
def _(f):
    plan = new_plan(f)
    return f.as_("processor").post(f"{V1}/plans/{plan.pk}/roster/generate", ROSTER, format="json")


@scenario("post", "/api/v1/plans/{id}/roster/generate", 404)
def _(f):
    plan = new_plan(f)
    return f.as_("outsider").post(f"{V1}/plans/{plan.pk}/roster/generate", ROSTER, format="json")


@scenario("get", "/api/v1/plans/{id}/roster/", 200)
def _(f):
    plan = new_plan(f)
    f.needs("receptionist", "processor")
    generated = f.as_("leader").post(f"{V1}/plans/{plan.pk}/roster/generate", ROSTER, format="json")
    assert generated.status_code == 200, generated.json()
    return f.as_("processor").get(f"{V1}/plans/{plan.pk}/roster/")


@scenario("get", "/api/v1/plans/{id}/roster/", 403)
def _(f):
    return f.as_("partner").get(f"{V1}/plans/{new_plan(f).pk}/roster/")


@scenario("get", "/api/v1/plans/{id}/roster/", 404)
def _(f):
    return f.as_("outsider").get(f"{V1}/plans/{new_plan(f).pk}/roster/")


# Statutory reports


@scenario("get", "/api/v1/reports/{form}/", 200)
def _(f):
    dataset_build([f.province, f.ward, f.police], start=PERIOD.start, end=PERIOD.end)
    return f.as_("unit_admin").get(f"{V1}/reports/01-TCD/?{REPORT_QUERY}")


def test_kqgq_report_with_decimal_amounts_conforms(client_for, unit_admin, ward) -> None:
    """01-KQGQ: money (triệu đồng) and land (m²) columns carry decimals; still numbers."""
    accepted, decided = PERIOD.start + dt.timedelta(days=5), PERIOD.start + dt.timedelta(days=40)
    case = case_create(
        ward,
        status="resolved",
        accepted_on=accepted,
        decided_on=decided,
        outcome="wrong",
        money_returned=Decimal("12.5"),
        land_returned=Decimal("250.75"),
        decision_money_returned=Decimal("3.125"),
        decision_land_returned=Decimal("40.5"),
    )
    petition = petition_build(
        ward, accepted, case=case, eligibility="eligible", outcome="accept", decided_on=accepted
    )
    petition.save()
    response = client_for(unit_admin).get(f"{V1}/reports/01-KQGQ/?{REPORT_QUERY}")
    assert response.status_code == 200, response.json()
    assert_conforms(response)
    values = response.json()["columns"].values()
    assert any(isinstance(v, float) and not v.is_integer() for v in values), values


@scenario("get", "/api/v1/reports/{form}/", 400)
def _(f):
    return f.as_("unit_admin").get(f"{V1}/reports/05-XLD/?{REPORT_QUERY}")


@scenario("get", "/api/v1/reports/{form}/", 403)
def _(f):
    query = f"unit=26734-CA&from={PERIOD.start}&to={PERIOD.end}"
    return f.as_("partner").get(f"{V1}/reports/01-TCD/?{query}")


@scenario("get", "/api/v1/reports/{form}/", 404)
def _(f):
    f.needs("province")
    return f.as_("outsider").get(f"{V1}/reports/01-TCD/?{REPORT_QUERY}")


def test_report_xlsx_is_a_declared_media_type(client_for, unit_admin, province) -> None:
    response = client_for(unit_admin).get(f"{V1}/reports/01-TCD/?{REPORT_QUERY}&format=xlsx")
    assert response.status_code == 200
    assert_conforms(response)


# Monitoring: hotspots and the visit forecast

FORECAST = "first=2025-02-01&last=2025-02-07"


@scenario("get", "/api/v1/hotspots/", 200)
def _(f):
    with_hotspot(f)
    response = f.as_("unit_admin").get(f"{V1}/hotspots/?unit=38")
    assert response.json()["results"], "no hotspot to check"
    return response


@scenario("get", "/api/v1/hotspots/", 400)
def _(f):
    f.needs("province")
    return f.as_("unit_admin").get(f"{V1}/hotspots/?unit=38&page_size=-5")


@scenario("get", "/api/v1/hotspots/", 403)
def _(f):
    return f.as_("partner").get(f"{V1}/hotspots/?unit=26734-CA")


@scenario("get", "/api/v1/hotspots/", 404)
def _(f):
    f.needs("province")
    return f.as_("outsider").get(f"{V1}/hotspots/?unit=38")


@scenario("get", "/api/v1/forecast/visits/", 200)
def _(f):
    return f.as_("unit_admin").get(f"{V1}/forecast/visits/?unit=38&{FORECAST}")


@scenario("get", "/api/v1/forecast/visits/", 400)
def _(f):
    return f.as_("unit_admin").get(
        f"{V1}/forecast/visits/?unit=38&first=2025-02-10&last=2025-02-01"
    )


@scenario("get", "/api/v1/forecast/visits/", 403)
def _(f):
    return f.as_("partner").get(f"{V1}/forecast/visits/?unit=26734-CA&{FORECAST}")


@scenario("get", "/api/v1/forecast/visits/", 404)
def _(f):
    f.needs("province")
    return f.as_("outsider").get(f"{V1}/forecast/visits/?unit=38&{FORECAST}")


# National database synchronisation


@scenario("get", "/api/v1/sync/records/", 200)
def _(f):
    new_case(f)  # a matter, its processing result and its acceptance
    response = f.as_("unit_admin").get(f"{V1}/sync/records/?unit=38&status=pending")
    assert len(response.json()["results"]) == 3, response.json()
    return response


@scenario("get", "/api/v1/sync/records/", 400)
def _(f):
    return f.as_("unit_admin").get(f"{V1}/sync/records/?unit=38&status=lost")


@scenario("get", "/api/v1/sync/records/", 403)
def _(f):
    return f.as_("processor").get(f"{V1}/sync/records/?unit=26734")


@scenario("get", "/api/v1/sync/records/", 404)
def _(f):
    f.needs("province")
    return f.as_("outsider").get(f"{V1}/sync/records/?unit=38")


# Citizens' public channel


PUBLIC_PETITION = {
    "unit": "26734",
    "petition_type": "complaint",
    "content": "Khiếu nại việc thu hồi đất không bồi thường thỏa đáng.",
    "request": "Đề nghị xem xét lại.",
    "sender": {**PERSON, "email": ""},
    "anonymous": False,
}


@scenario("post", "/api/v1/public/petitions/", 201)
def _(f):
    f.needs("ward")
    return f.api_client.post(f"{V1}/public/petitions/", PUBLIC_PETITION, format="json")


@scenario("post", "/api/v1/public/petitions/", 400)
def _(f):
    f.needs("ward")
    body = {**PUBLIC_PETITION, "content": ""}
    return f.api_client.post(f"{V1}/public/petitions/", body, format="json")


@scenario("get", "/api/v1/public/petitions/{tracking_code}/", 200)
def _(f):
    f.needs("ward")
    created = f.api_client.post(f"{V1}/public/petitions/", PUBLIC_PETITION, format="json")
    code = created.json()["tracking_code"]
    return f.api_client.get(f"{V1}/public/petitions/{code}/?id_number={PERSON['id_number']}")


@scenario("get", "/api/v1/public/petitions/{tracking_code}/", 404)
def _(f):
    f.needs("ward")
    return f.api_client.get(f"{V1}/public/petitions/ABCDEFGHJKMN/?id_number=001085012345")


# --- The checks -------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(SCENARIOS), ids=lambda k: f"{k[0].upper()} {k[1]} {k[2]}")
def test_response_conforms(key: tuple[str, str, int], request: pytest.FixtureRequest) -> None:
    method, path, status = key
    response = SCENARIOS[key](Fixtures(request))
    assert response.status_code == status, response.content[:1000]
    # The scenario really hit the endpoint it is registered for.
    assert openapi_path(response.resolver_match.route) == path
    assert response.request["REQUEST_METHOD"].lower() == method
    assert_conforms(response)


PATH_SAMPLES = {
    "id": "1",
    "code": "38",
    "year": "2025",
    "form": "01-TCD",
    "tracking_code": "ABCDEFGHJKMN",
}


def test_unauthenticated_answers_conform(api_client) -> None:
    """Every operation that declares 401 answers an anonymous caller with the error body."""
    for path, operations in openapi()["paths"].items():
        url = re.sub(r"{(\w+)}", lambda m: PATH_SAMPLES[m[1]], path)
        for method, operation in operations.items():
            if "401" not in operation["responses"]:
                continue
            response = getattr(api_client, method)(url, {}, format="json")
            assert response.status_code == 401, (method, url, response.content[:300])
            assert_conforms(response)


# Routes, operations or statuses without a scenario, and why.
NOT_CHECKED: dict[tuple[str, str] | tuple[str, str, int], str] = {
    ("get", "/api/v1/schema/"): "the OpenAPI document itself; `spectacular --validate` checks it",
    ("get", "/api/v1/docs/"): "Swagger UI, an HTML page",
    ("post", "/api/v1/deadlines/compute/"): (
        "trailing-slash alias of deadlines/compute, excluded from the schema on purpose"
    ),
    ("get", "/api/v1/calendar/{year}/", 404): "a year that is not a number matches no route",
    ("put", "/api/v1/calendar/{year}/", 404): "a year that is not a number matches no route",
}
STATUSES = {"200", "201", "400", "403", "404"}


def api_routes() -> list[tuple[str, type]]:
    """(route, view class) of every URL pattern under api/v1/."""

    def walk(patterns, prefix: str = ""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    routes = walk(get_resolver().url_patterns)
    return [(r, view.view_class) for r, view in routes if r.startswith("api/v1/")]


def test_every_endpoint_is_checked() -> None:
    """Each API route and method, and each 2xx/400/403/404 its operation declares, has a
    scenario (or an entry in NOT_CHECKED); a declared status nothing produces is a schema
    error: drop it from the declaration rather than list it here."""
    paths = openapi()["paths"]
    wanted, undocumented = set(), []
    for route, view in api_routes():
        path = openapi_path(route)
        for method in ("get", "post", "put", "patch", "delete"):
            if not hasattr(view, method) or (method, path) in NOT_CHECKED:
                continue
            operation = paths.get(path, {}).get(method)
            if operation is None:
                undocumented.append(f"{method.upper()} {path}")
                continue
            wanted |= {(method, path, int(s)) for s in operation["responses"] if s in STATUSES}
    assert not undocumented, f"routes missing from the schema: {undocumented}"
    missing = sorted(wanted - set(SCENARIOS) - set(NOT_CHECKED))
    assert not missing, "responses without a conformance scenario:\n" + "\n".join(
        f"  {m.upper()} {p} {s}" for m, p, s in missing
    )


def test_a_year_that_is_not_a_number_is_a_json_404(api_client, django_user_model) -> None:
    """The calendar's declared 404: an address whose year is not a number matches no route."""
    user = django_user_model.objects.create_user("lich", password="x-Long-Pass-2025")
    api_client.force_authenticate(user)
    response = api_client.get(f"{V1}/calendar/null,null/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
