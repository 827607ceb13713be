"""Rate limits: password spraying, token guessing, public pages, the API; answers are 429 in the
error format with Retry-After, and a locked-out account's token stops working."""

import pytest
from django.test import Client
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from tiepdan.conftest import PASSWORD
from tiepdan.core.throttling import ApiAnonThrottle, parse_rate
from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db


def test_rates_are_read_with_their_period() -> None:
    assert parse_rate("20/15m") == (20, 900)
    assert parse_rate("60/m") == (60, 60)
    assert parse_rate("1200/min") == (1200, 60)
    assert parse_rate("5/h") == (5, 3600)
    with pytest.raises(ValueError, match="N/period"):
        parse_rate("many")


def test_password_spraying_across_usernames_is_stopped(
    client: Client, leader: User, settings
) -> None:
    settings.TIEPDAN_LOGIN_IP_RATE = "20/15m"
    statuses = [
        client.post("/login/", {"username": f"nguoi{i}", "password": "Sai-mat-khau-1"}).status_code
        for i in range(40)
    ]
    assert statuses[:20] == [200] * 20  # the form again, with its error
    assert set(statuses[20:]) == {429}
    blocked = client.post("/login/", {"username": leader.username, "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "Quá nhiều yêu cầu" in blocked.content.decode()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = other.post("/login/", {"username": leader.username, "password": PASSWORD})
    assert response.status_code == 302


def test_guessing_tokens_is_429_in_the_error_format(
    api_client, client_for, leader: User, ward: Unit, settings
) -> None:
    settings.TIEPDAN_TOKEN_FAILURE_RATE = "5/15m"
    for i in range(5):
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {i:040d}")
        assert api_client.get("/api/v1/alerts/").status_code == 401
    response = api_client.get("/api/v1/alerts/")
    assert response.status_code == 429
    assert response.json() == {
        "code": "throttled",
        "message": response.json()["message"],
        "fields": {},
    }
    assert response.json()["message"].startswith("Quá nhiều yêu cầu")
    assert int(response["Retry-After"]) > 0
    # The limit is per address: a caller elsewhere with a valid token goes on.
    assert client_for(leader).get("/api/v1/alerts/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_locked_out_accounts_token_stops_working(
    client: Client, client_for, leader: User, ward: Unit, settings
) -> None:
    api = client_for(leader)
    assert api.get("/api/v1/alerts/").status_code == 200
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/login/", {"username": leader.username, "password": "Sai-mat-khau-1"})
    assert api.get("/api/v1/alerts/").status_code == 401
    # The lockout ends; so does the refusal.
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    assert api.get("/api/v1/alerts/").status_code == 200


def test_api_requests_per_user_and_per_address(
    api_client, client_for, leader: User, ward: Unit, settings
) -> None:
    settings.TIEPDAN_API_USER_RATE = "3/m"
    settings.TIEPDAN_API_ANON_RATE = "2/m"
    api = client_for(leader)
    assert [api.get("/api/v1/alerts/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert api.get("/api/v1/alerts/").json()["code"] == "throttled"
    # Without credentials a protected endpoint refuses before counting (401, cheap); open
    # endpoints count per address.
    factory = APIRequestFactory()
    throttle = ApiAnonThrottle()
    request = Request(factory.get("/api/v1/open/", REMOTE_ADDR="10.0.0.5"))
    assert [throttle.allow_request(request, None) for _ in range(3)] == [True, True, False]
    assert 0 < throttle.wait() <= 60
    # Health checks are never throttled.
    assert {api_client.get("/api/v1/health/").status_code for _ in range(5)} == {200}


def test_public_pages_are_limited_per_address(client: Client, ward: Unit, settings) -> None:
    settings.TIEPDAN_PUBLIC_RATE = "3/m"
    statuses = [client.get(f"/plans/public/{ward.code}/").status_code for _ in range(4)]
    assert statuses[:3] == [200] * 3
    assert statuses[3] == 429
    assert Client(REMOTE_ADDR="10.0.0.9").get(f"/plans/public/{ward.code}/").status_code == 200
