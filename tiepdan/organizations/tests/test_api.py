import pytest
from rest_framework.test import APIClient

from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db


def test_unit_create_by_unit_admin(client_for, unit_admin: User, province: Unit) -> None:
    response = client_for(unit_admin).post(
        "/api/v1/units/",
        {"code": "26740", "name": "Phường Ngọc Trạo", "kind": "ward", "parent": "38"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "code": "26740",
        "name": "Phường Ngọc Trạo",
        "kind": "ward",
        "parent": "38",
        "valid_from": None,
        "valid_to": None,
        "merged_into": None,
    }
    assert client_for(unit_admin).get("/api/v1/units/26740/").json()["parent"] == "38"


def test_unit_get_outside_scope_is_404_not_403(client_for, outsider: User, ward: Unit) -> None:
    response = client_for(outsider).get("/api/v1/units/26734/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unit_create_without_the_right_is_403(client_for, receptionist: User, ward: Unit) -> None:
    response = client_for(receptionist).post(
        "/api/v1/units/",
        {"code": "KP9", "name": "Khu phố 9", "kind": "quarter", "parent": "26734"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Unit.objects.filter(code="KP9").exists()


def test_anonymous_is_401_in_the_error_format(api_client: APIClient, ward: Unit) -> None:
    response = api_client.get("/api/v1/units/26734/")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "fields"}


def test_duplicate_code_is_400_in_vietnamese_and_changes_nothing(
    client_for, unit_admin: User, ward: Unit
) -> None:
    count = Unit.objects.count()
    response = client_for(unit_admin).post(
        "/api/v1/units/",
        {"code": "26734", "name": "Trùng mã", "kind": "ward", "parent": "38"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "đã tồn tại" in body["message"]
    assert "code" in body["fields"]
    assert Unit.objects.count() == count


def test_unknown_parent_is_400(client_for, unit_admin: User, province: Unit) -> None:
    response = client_for(unit_admin).post(
        "/api/v1/units/",
        {"code": "X1", "name": "Xã Một", "kind": "commune", "parent": "NOPE"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_parent"
    assert "parent" in response.json()["fields"]


def test_bad_kind_is_400_with_field(client_for, unit_admin: User, province: Unit) -> None:
    response = client_for(unit_admin).post(
        "/api/v1/units/",
        {"code": "X1", "name": "Xã", "kind": "district", "parent": "38"},
        format="json",
    )
    assert response.status_code == 400
    assert "kind" in response.json()["fields"]


def test_malformed_json_is_400(client_for, unit_admin: User) -> None:
    response = client_for(unit_admin).post(
        "/api/v1/units/", data='{"code": "X1", ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"
    assert "JSON" in response.json()["message"]


def test_units_list_is_paginated_and_scoped(
    client_for, receptionist: User, police: Unit, other_ward: Unit
) -> None:
    body = client_for(receptionist).get("/api/v1/units/?page_size=1").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert body["next"]


def test_user_create_by_unit_admin(client_for, unit_admin: User, ward: Unit) -> None:
    response = client_for(unit_admin).post(
        "/api/v1/users/",
        {
            "username": "canbo1",
            "password": "Mot-mat-khau-dai-2026",
            "full_name": "Lê Văn Đức",
            "memberships": [{"unit": "26734", "role": "receptionist"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["memberships"] == [{"unit": "26734", "role": "receptionist"}]
    assert User.objects.get(username="canbo1").check_password("Mot-mat-khau-dai-2026")
    assert "password" not in response.json()


def test_user_create_by_non_admin_is_403(client_for, receptionist: User, ward: Unit) -> None:
    response = client_for(receptionist).post(
        "/api/v1/users/",
        {"username": "x", "password": "Mot-mat-khau-dai-2026", "memberships": []},
        format="json",
    )
    assert response.status_code == 403


def test_user_create_in_unit_outside_scope_is_400_and_creates_nothing(
    client_for, ward_admin: User, other_ward: Unit
) -> None:
    response = client_for(ward_admin).post(
        "/api/v1/users/",
        {
            "username": "x",
            "password": "Mot-mat-khau-dai-2026",
            "memberships": [{"unit": "91", "role": "leader"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_unit"
    assert not User.objects.filter(username="x").exists()


def test_user_create_with_weak_password_is_400(client_for, unit_admin: User, ward: Unit) -> None:
    response = client_for(unit_admin).post(
        "/api/v1/users/",
        {
            "username": "yeu",
            "password": "123",
            "memberships": [{"unit": "26734", "role": "viewer"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "password" in response.json()["fields"]
    assert not User.objects.filter(username="yeu").exists()


def test_health(api_client: APIClient) -> None:
    assert api_client.get("/api/v1/health/").json() == {"status": "ok", "database": "ok"}


def test_unknown_api_path_is_json_404(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_openapi_schema_is_served_and_declares_errors(
    api_client: APIClient, client_for, unit_admin: User
) -> None:
    assert api_client.get("/api/v1/schema/?format=json").status_code == 401
    response = client_for(unit_admin).get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/units/" in schema["paths"]
    post = schema["paths"]["/api/v1/units/"]["post"]
    assert {"201", "400", "401", "403"} <= set(post["responses"])


def test_api_docs_page_loads_no_cdn(api_client: APIClient, client_for, unit_admin: User) -> None:
    assert api_client.get("/api/v1/docs/").status_code == 401
    response = client_for(unit_admin).get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
