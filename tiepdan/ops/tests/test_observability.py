import datetime as dt
import logging

import pytest
from django.utils import timezone

from tiepdan.ops import health
from tiepdan.ops.logs import RequestIdFilter
from tiepdan.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db
READY = "/api/v1/health/ready/"


def test_metrics_open_to_the_allow_list_only(client, settings) -> None:
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "tiepdan_clocks_overdue 0.0" in body
    assert 'tiepdan_tasks{status="ready"} 0.0' in body
    assert "django_http_requests_total_by_method_total" in body
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_metrics_with_a_token(client, settings) -> None:
    settings.TIEPDAN_METRICS_TOKEN = "bi-mat-giam-sat"
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer sai", **outside).status_code == 403
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer bi-mat-giam-sat", **outside)
    assert ok.status_code == 200


def test_readiness_with_immediate_tasks(client) -> None:
    body = client.get(READY).json()
    assert body["database"] == "ok"
    assert body["worker"] == "immediate"
    assert body["disk"] == "ok"


def test_readiness_needs_a_live_worker_with_the_database_queue(client, monkeypatch) -> None:
    monkeypatch.setattr(health, "uses_worker", lambda: True)
    assert client.get(READY).status_code == 503
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", host="app1", pid=1, started_at=now, seen_at=now)
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json()["worker"] == "ok"
    WorkerHeartbeat.objects.update(seen_at=now - dt.timedelta(minutes=10))
    assert client.get(READY).json()["worker"] == "stale"


def test_readiness_reports_low_disk(client, settings) -> None:
    settings.TIEPDAN_MIN_FREE_DISK_MB = 10**12
    response = client.get(READY)
    assert response.status_code == 200  # still serving
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "worker": "immediate",
        "disk": "low",
        "storage": "ok",
        "mail": "ok",
        "replicas": {},
    }


def test_request_id_is_kept_or_made(client) -> None:
    given = client.get("/api/v1/health/", HTTP_X_REQUEST_ID="abc12345-nginx")
    assert given["X-Request-ID"] == "abc12345-nginx"
    made = client.get("/api/v1/health/", HTTP_X_REQUEST_ID="bad id\nforged log line")
    assert len(made["X-Request-ID"]) == 32
    assert "\n" not in made["X-Request-ID"]


def test_log_records_outside_a_request_carry_a_dash() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", (), None)
    assert RequestIdFilter().filter(record)
    assert record.request_id == "-"
