"""Acceptance: ./scripts/serve on PostgreSQL runs the web server, the worker and the scheduler;
a requested report export is made by the worker, the scheduler's deadline scan mails a reminder
through a real SMTP server, and SIGTERM stops everything."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

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

# Run inside the served database before the stack starts: a ward, an officer with an e-mail,
# a petition whose notification limit has passed, and an export request (what the page does).
SETUP = """
import datetime as dt
from django.utils import timezone
from tiepdan.citizens import services as citizens
from tiepdan.organizations import services as org
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.petitions import services as petitions
from tiepdan.reports import services as reports
from tiepdan.reports.periods import Period
today = timezone.localdate()
ward = org.unit_create(code="26734", name="Phường Bắc Sơn", kind=UnitKind.WARD)
officer = org.user_create(username="xuly", password="Mat-khau-thu-nghiem-2026",
    full_name="Nguyễn Văn Xử", memberships=[(ward, Role.PROCESSOR)])
officer.email = "xuly@bacson.gov.vn"
officer.save()
sender = citizens.citizen_create(unit=ward, actor=None, full_name="Lê Thị Bích")
petitions.petition_receive(unit=ward, received_on=today - dt.timedelta(days=40), source="post",
    petition_type="complaint", domain="other", summary="Phản ánh", senders=[sender],
    actor=officer)
export = reports.export_request(form="01-TCD", fmt="xlsx", unit=ward,
    period=Period(today.replace(day=1), today), actor=officer)
print("export", export.pk)
"""

ROOT = Path(settings.BASE_DIR)


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except OSError:  # not listening yet
        return 0, {}


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
            "DATABASE_URL": url.replace("postgresql://", "postgres://"),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
            "TIEPDAN_MAIL_FROM": "TiepDan <tiepdan@bacson.gov.vn>",
            "TIEPDAN_MEDIA_ROOT": str(tmp_path / "media"),
            "TIEPDAN_BIND": f"127.0.0.1:{port}",
            "TIEPDAN_WEB_WORKERS": "1",
        }
        python = str(ROOT / ".venv" / "bin" / "python")
        subprocess.run([python, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True)
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
                task = db.execute(
                    "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
                    " WHERE task_path LIKE %s",
                    ["%export_task"],
                ).fetchone()
                assert task[0] == "SUCCESSFUL"
                assert task[1]  # run by a worker process

            assert smtp.sink.arrived.wait(60), "no reminder reached the SMTP server"
            reminder = smtp.messages[0]
            assert reminder["Subject"] == "[TiếpDân] Quá hạn: petition.notify"
            assert reminder["To"] == "xuly@bacson.gov.vn"
            assert "tiepdan@bacson.gov.vn" in reminder["From"]
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
