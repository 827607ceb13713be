"""Read replicas: which reads go where, and a real streaming replica made with pg_basebackup."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from tiepdan.ops import replicas
from tiepdan.organizations.models import Unit

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def one_replica(monkeypatch):
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica1"])
    monkeypatch.setattr(replicas, "replica_state", lambda alias: "ok")


def _through_middleware(
    request, *, wrote_at: float | None = None
) -> tuple[str | None, HttpResponse]:
    """Run a request through the middleware; answer where a read in its view would go."""
    seen: dict[str, str | None] = {}
    if wrote_at is not None:
        request.COOKIES[replicas.WROTE_COOKIE] = f"{wrote_at:.0f}"
    request.resolver_match = resolve(request.path)

    def view(req):
        seen["read"] = replicas.ReplicaRouter().db_for_read(Unit)
        return HttpResponse()

    middleware = replicas.ReplicaReadMiddleware(view)

    def get_response(req):
        middleware.process_view(req, view, (), {})
        return view(req)

    middleware.get_response = get_response
    response = middleware(request)
    return seen["read"], response


def test_no_replica_configured_reads_the_primary() -> None:
    with replicas.replica_reads():
        assert replicas.ReplicaRouter().db_for_read(Unit) is None
    assert replicas.ReplicaRouter().db_for_write(Unit) == "default"


def test_listed_pages_read_the_replica_others_the_primary(one_replica) -> None:
    factory = RequestFactory()
    assert _through_middleware(factory.get("/reports/"))[0] == "replica1"
    assert _through_middleware(factory.get("/monitoring/"))[0] == "replica1"
    assert _through_middleware(factory.get("/cases/"))[0] is None
    assert _through_middleware(factory.head("/reports/"))[0] == "replica1"


def test_a_writer_reads_the_primary_for_a_while(one_replica, settings) -> None:
    factory = RequestFactory()
    read, response = _through_middleware(factory.post("/cases/"))
    assert read is None
    cookie = response.cookies[replicas.WROTE_COOKIE]
    assert cookie["max-age"] == settings.TIEPDAN_READ_YOUR_WRITES_SECONDS
    assert cookie["httponly"]
    assert _through_middleware(factory.get("/reports/"), wrote_at=time.time())[0] is None
    long_ago = time.time() - settings.TIEPDAN_READ_YOUR_WRITES_SECONDS - 1
    assert _through_middleware(factory.get("/reports/"), wrote_at=long_ago)[0] == "replica1"


@pytest.mark.django_db
def test_after_a_write_or_inside_a_transaction_reads_stay_on_the_primary(one_replica) -> None:
    router = replicas.ReplicaRouter()
    with replicas.replica_reads():
        assert router.db_for_read(Unit) == "replica1"
        with transaction.atomic():
            assert router.db_for_read(Unit) is None
        # Sessions, logins and the audit chain are always read where they are written.
        from django.contrib.sessions.models import Session

        assert router.db_for_read(Session) is None
        router.db_for_write(Unit)
        assert router.db_for_read(Unit) is None
    with replicas.replica_reads():
        assert router.db_for_read(Unit) == "replica1"


def test_an_unhealthy_replica_is_left_out(monkeypatch) -> None:
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica1", "replica2"])
    states = {"replica1": "down", "replica2": "ok"}
    monkeypatch.setattr(replicas, "replica_state", states.get)
    with replicas.replica_reads():
        assert {replicas.ReplicaRouter().db_for_read(Unit) for _ in range(4)} == {"replica2"}
        states["replica2"] = "lagging"
        assert replicas.ReplicaRouter().db_for_read(Unit) is None


# --- a real streaming replica ----------------------------------------------------------------

CHILD = r"""
import json, os, subprocess, time
import django
django.setup()
from django.db import connections
from tiepdan.ops import health, replicas
from tiepdan.organizations.models import Unit
from tiepdan.organizations.constants import UnitKind

def replica_has(code):
    with replicas.replica_reads():
        return Unit.objects.filter(code=code).exists()

out = {}
Unit.objects.create(code="R0001", name="Phường Một", kind=UnitKind.WARD)
for _ in range(100):
    if replica_has("R0001"):
        break
    time.sleep(0.1)
out["replicated"] = replica_has("R0001")
with connections["replica1"].cursor() as cursor:
    cursor.execute("SELECT pg_wal_replay_pause()")
Unit.objects.create(code="R0002", name="Phường Hai", kind=UnitKind.WARD)
time.sleep(0.5)
out["paused_replica_sees_new"] = replica_has("R0002")
out["primary_sees_new"] = Unit.objects.filter(code="R0002").exists()
out["ready_while_up"] = health.readiness()
subprocess.run(os.environ["STOP_REPLICA"], shell=True, check=True)
replicas.forget_states()
out["after_stop_reads_primary"] = replica_has("R0002")
out["ready_while_down"] = health.readiness()
print("RESULT " + json.dumps(out))
"""


def _as_postgres(command: str) -> None:
    subprocess.run(
        ["su", "postgres", "-s", "/bin/bash", "-c", command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _psql(port: int, *args: str, **kwargs: Any) -> None:
    """psql as postgres on the local server listening on `port`."""
    command = ["psql", "-q", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", *args]
    subprocess.run(command, check=True, **kwargs)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_streaming_replica_serves_listed_reads_and_is_left_out_when_down() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if os.geteuid() != 0 or not pgbin or not shutil.which("su"):
        pytest.skip("needs PostgreSQL's server binaries and root to run them as postgres")
    bin_dir = pgbin[-1]
    work = Path(tempfile.mkdtemp(prefix="tiepdan-replica-"))
    shutil.chown(work, "postgres")
    primary_port, replica_port = 55441 + os.getpid() % 50 * 2, 55442 + os.getpid() % 50 * 2
    ctl = (
        f"{bin_dir}/pg_ctl -w -l {work}/%s.log -D {work}/%s -o '-p %d -k {work} "
        f"-c listen_addresses=127.0.0.1 -c fsync=off'"
    )
    try:
        _as_postgres(f"{bin_dir}/initdb -D {work}/primary -A trust -U postgres --no-sync")
        _as_postgres(ctl % ("primary", "primary", primary_port) + " start")
        schema = subprocess.run(
            [
                "pg_dump",
                "--schema-only",
                "--no-owner",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                connection.settings_dict["NAME"],
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        _psql(primary_port, "-c", "CREATE DATABASE tiepdan")
        _psql(
            primary_port,
            "-v",
            "ON_ERROR_STOP=0",
            "-d",
            "tiepdan",
            input=schema,
            text=True,
            capture_output=True,
        )
        _as_postgres(
            f"{bin_dir}/pg_basebackup -h 127.0.0.1 -p {primary_port} -U postgres "
            f"-D {work}/replica -R -X stream -c fast"
        )
        _as_postgres(ctl % ("replica", "replica", replica_port) + " start")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{primary_port}/tiepdan",
            "DATABASE_REPLICA_URLS": f"postgres://postgres@127.0.0.1:{replica_port}/tiepdan",
            "TIEPDAN_REPLICA_CHECK_SECONDS": "0",
            "STOP_REPLICA": f"su postgres -s /bin/bash -c '{bin_dir}/pg_ctl -D {work}/replica "
            f"-m immediate stop' >/dev/null",
        }
        child = subprocess.run(
            [sys.executable, "-c", CHILD],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert child.returncode == 0, child.stderr[-3000:]
        line = next(x for x in child.stdout.splitlines() if x.startswith("RESULT "))
        out = json.loads(line.removeprefix("RESULT "))
    finally:
        for name in ("replica", "primary"):
            subprocess.run(
                [
                    "su",
                    "postgres",
                    "-s",
                    "/bin/bash",
                    "-c",
                    f"{bin_dir}/pg_ctl -D {work}/{name} -m immediate stop",
                ],
                capture_output=True,
            )
        shutil.rmtree(work, ignore_errors=True)
    assert out["replicated"] is True
    # Replay paused: the listed read comes from the replica (stale), others from the primary.
    assert out["paused_replica_sees_new"] is False
    assert out["primary_sees_new"] is True
    assert out["ready_while_up"]["replicas"] == {"replica1": "ok"}
    # Replica down: the same read falls back to the primary; readiness says degraded.
    assert out["after_stop_reads_primary"] is True
    assert out["ready_while_down"]["replicas"] == {"replica1": "down"}
    assert out["ready_while_down"]["status"] == "degraded"
    assert out["ready_while_down"]["database"] == "ok"
