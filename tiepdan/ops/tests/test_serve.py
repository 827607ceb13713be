"""Acceptance: ./scripts/serve on PostgreSQL runs the web server, the worker and the scheduler;
a report export requested on the page (a province: too large to make in the request) is made by
the worker, the scheduler's deadline scan mails a reminder and the overdue alert it raises to the
leader on duty through a real SMTP server, and SIGTERM stops everything."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from tiepdan.ops.tests.support import (
    SmtpSink,
    drop_database,
    free_port,
    needs_postgres,
    recreate_database,
)

pytestmark = [
    needs_postgres,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Run inside the served database before the stack starts: a province of 61 wards, an officer and
# the ward's leader with e-mail addresses, a petition whose notification limit has passed, and
# a viewer at the province, signed in, who asks for the export on the page.
SETUP = """
import datetime as dt
from django.utils import timezone
from tiepdan.citizens import services as citizens
from tiepdan.organizations import services as org
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.petitions import services as petitions
today = timezone.localdate()
province = org.unit_create(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE)
ward = org.unit_create(code="26734", name="Phường Bắc Sơn", kind=UnitKind.WARD, parent=province)
for i in range(60):
    org.unit_create(code=f"27{i:03d}", name=f"Xã số {i}", kind=UnitKind.COMMUNE, parent=province)
def person(username, unit, role, name, email):
    user = org.user_create(username=username, password=PASSWORD, full_name=name,
        memberships=[(unit, role)])
    user.email = email
    user.save()
    return user
officer = person("xuly", ward, Role.PROCESSOR, "Nguyễn Văn Xử", "xuly@bacson.gov.vn")
person("chutich", ward, Role.LEADER, "Lê Văn Trưởng", "chutich@bacson.gov.vn")
viewer = person("thongke", province, Role.VIEWER, "Đỗ Thị Kê", "")
sender = citizens.citizen_create(unit=ward, actor=None, full_name="Lê Thị Bích")
petitions.petition_receive(unit=ward, received_on=today - dt.timedelta(days=40), source="post",
    petition_type="complaint", domain="other", summary="Phản ánh", senders=[sender],
    actor=officer)
# The viewer signed in (the sign-in page itself is tested elsewhere).
from django.contrib import auth
from django.contrib.sessions.backends.db import SessionStore
session = SessionStore()
session[auth.SESSION_KEY] = str(viewer.pk)
session[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[auth.HASH_SESSION_KEY] = viewer.get_session_auth_hash()
session.create()
print("session", session.session_key)
"""
PASSWORD = "Mat-khau-thu-nghiem-2026"

ROOT = Path(settings.BASE_DIR)


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except OSError:  # not listening yet
        return 0, {}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _post_as(base: str, path: str, session_key: str, data: dict[str, str]) -> tuple[int, str]:
    """A form posted by a signed-in officer: the session cookie and the CSRF token the page
    would have given. Returns the status and where it redirects."""
    token = secrets.token_hex(16)  # a CSRF secret of 32 characters, as the cookie holds
    request = urllib.request.Request(
        base + path,
        data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
        headers={"Cookie": f"sessionid={session_key}; csrftoken={token}"},
    )
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=60) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_runs_exports_and_mails_and_stops(tmp_path) -> None:
    # A copy of the (migrated) test database saves a full migrate.
    test_database = connection.settings_dict["NAME"]
    name = f"{test_database}_serve"
    connection.close()
    url = recreate_database(name, template=test_database)
    port = free_port()
    with SmtpSink() as smtp:
        env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("DJANGO_", "PYTEST", "TIEPDAN_"))
            },
            "TIEPDAN_TASKS_BACKEND": "database",
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_SECRET_KEY": "serve-test-a-long-random-production-like-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            # Plain HTTP on the loopback here; behind nginx's TLS in production.
            "DJANGO_SESSION_COOKIE_SECURE": "false",
            "DJANGO_CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": url.replace("postgresql://", "postgres://"),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
            "TIEPDAN_MAIL_FROM": "TiepDan <tiepdan@bacson.gov.vn>",
            "TIEPDAN_MEDIA_ROOT": str(tmp_path / "media"),
            "TIEPDAN_BIND": f"127.0.0.1:{port}",
            "TIEPDAN_WEB_WORKERS": "1",
        }
        python = str(ROOT / ".venv" / "bin" / "python")
        setup = f"PASSWORD = {PASSWORD!r}\n" + SETUP
        out = subprocess.run(
            [python, "manage.py", "shell", "-c", setup],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        session_key = out.split("session ", 1)[1].split()[0]
        serve = subprocess.Popen(
            [str(ROOT / "scripts" / "serve")],
            cwd=ROOT,
            env={**env, "TIEPDAN_SERVE_MIGRATE": "false"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            ready = _wait(
                lambda: _get(f"{base}/api/v1/health/ready/")[0] == 200 or None, 60, "readiness"
            )
            assert ready
            assert _get(f"{base}/api/v1/health/ready/")[1]["worker"] == "ok"

            today = timezone.localdate()
            status, location = _post_as(
                base,
                f"/reports/01-TCD/export/?unit=38&from={today.replace(day=1)}&to={today}",
                session_key,
                {"fmt": "xlsx"},
            )
            # A province is too large to make in the request: the list, where it will appear.
            assert (status, location) == (302, "/reports/exports/")

            with psycopg.connect(url) as db:

                def export_done():
                    db.commit()
                    return (
                        db.execute("SELECT status, filename FROM reports_reportexport").fetchone()[
                            0
                        ]
                        == "done"
                        or None
                    )

                _wait(export_done, 60, "the export")

                def export_task_done():
                    db.commit()
                    return db.execute(
                        "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                        " WHERE task_path LIKE %s AND status = 'SUCCESSFUL'"
                        " AND worker_ids <> '[]'",
                        ["%export_task"],
                    ).fetchone()[0]

                # Made by a worker process, whose result is recorded just after (the
                # scheduler's sweep of lost exports may have queued a second task meanwhile).
                _wait(export_task_done, 30, "the export task's result")

            _wait(lambda: len(smtp.messages) >= 2 or None, 60, "the reminder and the alert")
            subjects = {m["Subject"].strip(): m for m in smtp.messages}
            reminder = subjects.pop("[TiếpDân] Quá hạn: petition.notify")
            assert "xuly@bacson.gov.vn" in reminder["To"]
            assert "tiepdan@bacson.gov.vn" in reminder["From"]
            # The missed limit raised overdue alerts (the deadline scan's, the hotspot scan's
            # when it ran by then): their leader on duty is told by the worker, in one message.
            ((subject, alert),) = subjects.items()
            assert alert["To"] == "chutich@bacson.gov.vn"
            assert "Quá hạn" in subject + alert.get_content()
            with psycopg.connect(url) as db:
                assert set(
                    db.execute("SELECT status, attempts FROM monitoring_alertmail").fetchall()
                ) == {("sent", 1)}
        finally:
            serve.send_signal(signal.SIGTERM)
            try:
                out, _ = serve.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                serve.kill()
                out, _ = serve.communicate()
                raise AssertionError("serve did not stop within 30 s:\n" + out) from None
            drop_database(name)
            sys.stdout.write(out)  # shown when the test fails
        assert serve.returncode == 0, out
        assert "Scheduler started" in out
        assert "Scheduler stopped" in out
