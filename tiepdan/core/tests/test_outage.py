"""While the database cannot be reached, every request is a 503 with Retry-After, never a
500; once it is back, requests succeed again without a restart."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db


def _database_down(error: type[Exception] = OperationalError):
    """What psycopg raises while PostgreSQL restarts: no connection can be made."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=error("connection to server at 127.0.0.1:5432 failed: Connection refused"),
    )


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_api_answers_503_with_retry_after(
    client_for, leader: User, ward: Unit, error: type[Exception]
) -> None:
    api = client_for(leader)
    api.raise_request_exception = False
    body = {"unit": ward.code, "received_on": "2025-01-20", "source": "post"}
    with _database_down(error):
        read = api.get("/api/v1/alerts/")
        write = api.post("/api/v1/petitions/", body, format="json")
    for response in (read, write):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response.json()["code"] == "unavailable"
        assert set(response.json()) == {"code", "message", "fields"}
    assert api.get("/api/v1/alerts/").status_code == 200


def test_pages_answer_503_and_recover(leader: User, ward: Unit, settings) -> None:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(leader)
    with _database_down():
        page = client.get("/petitions/")
        form = client.post("/reception/desk/", {"content": "x"})
        login = Client(raise_request_exception=False).post(
            "/login/", {"username": leader.username, "password": PASSWORD}
        )
    for response in (page, form, login):
        assert response.status_code == 503, response.status_code
        assert response["Retry-After"] == "30"
        assert "Tạm thời gián đoạn" in response.content.decode()
    assert client.get("/petitions/").status_code == 200


def test_an_error_raised_by_a_middleware_is_503_too(leader: User, ward: Unit, settings) -> None:
    """The session is saved by its middleware after the view: handler500 answers 503."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(leader)
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.save",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.post("/units/switch/", {"unit": ward.pk, "next": "/"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
