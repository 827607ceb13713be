"""Security headers on every page, the API schema for signed-in users only, idle sessions."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/citizens/",
    "/calendar/",
    "/reception/",
    "/reception/sessions/",
    "/petitions/",
    "/cases/",
    "/plans/",
    "/monitoring/",
    "/monitoring/alerts/",
    "/reports/",
    "/reports/01-TCD/",
    "/security/",
    "/api/v1/docs/",
    "/admin/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.I)


def _policy(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split(" ", 1)[1] for d in policy.split("; ")}


def test_every_page_carries_a_strict_policy_and_no_inline_code(
    client: Client, leader: User, ward: Unit
) -> None:
    leader.is_staff = True
    leader.save()
    client.force_login(leader)
    nonces = set()
    for path in PAGES:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        policy = _policy(response)
        assert policy["default-src"] == "'self'"
        assert re.fullmatch(r"'self' 'nonce-[\w-]{20,}'", policy["script-src"]), path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        nonces.add(policy["script-src"])
        assert "camera=()" in response["Permissions-Policy"]
        assert "Server" not in response
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (path, INLINE_SCRIPT.search(html))
        assert not INLINE_STYLE.search(html), (path, INLINE_STYLE.search(html))
        assert "http://" not in re.sub(r'href="http://[^"]*"|xmlns="[^"]*"', "", html), path
    assert len(nonces) == len(PAGES)  # a fresh nonce per response


def test_error_pages_and_the_login_page_carry_the_policy(client: Client, ward: Unit) -> None:
    for path, status in (("/login/", 200), ("/khong-co/", 404), ("/api/v1/health/", 200)):
        response = client.get(path)
        assert response.status_code == status
        assert "Content-Security-Policy" in response
        assert "Server" not in response


def test_api_schema_and_docs_are_for_signed_in_users(
    api_client, client_for, leader: User, ward: Unit
) -> None:
    for path in ("/api/v1/schema/", "/api/v1/docs/", "/api/v1/docs/?script="):
        response = api_client.get(path)
        assert response.status_code == 401, path
        assert b"SwaggerUIBundle" not in response.content
        assert b"/api/v1/visits/" not in response.content
    assert client_for(leader).get("/api/v1/schema/?format=json").status_code == 200
    script = client_for(leader).get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_idle_sessions_expire(client: Client, leader: User, ward: Unit) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as clock:
        client.force_login(leader)
        clock.shift(dt.timedelta(seconds=20))
        assert settings.SESSION_COOKIE_NAME not in client.get("/").cookies  # no write yet
        clock.shift(dt.timedelta(seconds=50))
        response = client.get("/")
        assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
        clock.shift(dt.timedelta(minutes=25))
        assert client.get("/").status_code == 200  # active: expiry moved forward
        clock.shift(dt.timedelta(minutes=25))
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302  # idle too long: signed out
        assert response["Location"].startswith("/login/")


def test_gunicorn_announces_no_server() -> None:
    import runpy

    from gunicorn.http import wsgi

    original = wsgi.Response
    try:
        runpy.run_path(str(Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"))
        response = object.__new__(wsgi.Response)
        response.req = type("Req", (), {"version": (1, 1)})()
        response.status = "200 OK"
        response.version = wsgi.SERVER
        response.upgrade = False
        response.chunked = False
        response.should_close = lambda: False
        headers = response.default_headers()
        assert headers[0].startswith("HTTP/1.1 200")
        assert not any(h.lower().startswith("server:") for h in headers)
    finally:
        wsgi.Response = original


def test_gunicorn_control_socket_is_off_unless_named(monkeypatch) -> None:
    import runpy

    from gunicorn.http import wsgi

    path = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"
    original = wsgi.Response
    try:
        monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
        default = runpy.run_path(str(path))
        assert default["control_socket_disable"] is True
        assert "control_socket" not in default
        monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/tiepdan/gunicorn.ctl")
        named = runpy.run_path(str(path))
        assert named["control_socket"] == "/run/tiepdan/gunicorn.ctl"
        assert "control_socket_disable" not in named
    finally:
        wsgi.Response = original


def test_the_wsgi_application_loads_the_routes_when_it_starts() -> None:
    """A worker's first request does not pay for importing every view."""
    import subprocess
    import sys

    probe = "import sys, config.wsgi; print('tiepdan.reception.views' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        check=True,
    )
    assert done.stdout.strip() == "True"
