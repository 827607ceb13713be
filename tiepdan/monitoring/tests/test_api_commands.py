"""Monitoring API routes (api_urls.py), the bulletin command and the forecast hook."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from tiepdan.audit.models import AuditEvent
from tiepdan.monitoring import forecast, services
from tiepdan.monitoring.models import Bulletin
from tiepdan.monitoring.tests.conftest import TODAY, at, visit

pytestmark = pytest.mark.django_db


def test_hotspots_api_ranks_and_explains(
    client_for,
    province,
    ward,
    residents,
    receptionist,
    clearance,
    unit_admin,
    partner,
    outsider,
    api_client,
) -> None:
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i)),
            subject=clearance,
        )
    services.hotspot_scan(root=province, today=TODAY)
    body = client_for(unit_admin).get("/api/v1/hotspots/?unit=38").json()
    assert body["count"] == 1
    assert body["results"][0]["explanation"][0].startswith("6 công dân")
    assert client_for(partner).get("/api/v1/hotspots/?unit=26734-CA").status_code == 403
    assert client_for(outsider).get("/api/v1/hotspots/?unit=38").status_code == 404
    assert api_client.get("/api/v1/hotspots/?unit=38").status_code == 401


def test_forecast_api_validates_in_vietnamese(client_for, unit_admin) -> None:
    c = client_for(unit_admin)
    bad = c.get("/api/v1/forecast/visits/?unit=38&first=2025-02-10&last=2025-02-01")
    assert bad.status_code == 400
    assert "Ngày cuối phải không trước ngày đầu" in bad.json()["message"]
    ok = c.get("/api/v1/forecast/visits/?unit=38&first=2025-02-01&last=2025-02-07").json()
    assert len(ok["days"]) == 7
    assert ok["days"][0]["officers"] >= 1


def test_forecast_visits_hook_for_the_plans_app(ward, residents, receptionist) -> None:
    for i in range(30):
        visit(
            ward,
            receptionist,
            [residents[i % 12]],
            received_at=at(TODAY - dt.timedelta(days=i + 1)),
        )
    rows = forecast.forecast_visits(ward, TODAY, TODAY + dt.timedelta(days=6), today=TODAY)
    assert [r[0] for r in rows] == [TODAY + dt.timedelta(days=i) for i in range(7)]
    assert all(lo <= e <= hi for _, e, lo, hi in rows)


def test_send_daily_bulletin_is_idempotent_with_dry_run(
    ward, leader, residents, receptionist
) -> None:
    visit(
        ward, receptionist, residents, people_count=12, received_at=at(TODAY - dt.timedelta(days=1))
    )
    out = StringIO()
    call_command(
        "send_daily_bulletin",
        "--unit",
        "26734",
        "--date",
        TODAY.isoformat(),
        "--dry-run",
        stdout=out,
    )
    assert "sẽ lập" in out.getvalue()
    assert "1 đoàn" in out.getvalue()
    assert not Bulletin.objects.exists()
    call_command(
        "send_daily_bulletin", "--unit", "26734", "--date", TODAY.isoformat(), stdout=StringIO()
    )
    out = StringIO()
    call_command("send_daily_bulletin", "--unit", "26734", "--date", TODAY.isoformat(), stdout=out)
    assert "đã có, bỏ qua" in out.getvalue()
    bulletin = Bulletin.objects.get()
    assert list(bulletin.sent_to.all()) == [leader]
    assert bulletin.content["figures"]["groups"] == 1
    assert AuditEvent.objects.filter(action="monitoring.bulletin_issued").count() == 1
    rendered = services.bulletin_render(bulletin)
    assert rendered.content[:2] == b"PK"


def test_bulletin_without_a_plan_lists_no_unit(ward) -> None:
    out = StringIO()
    call_command("send_daily_bulletin", "--date", TODAY.isoformat(), stdout=out)
    assert "Không có đơn vị nào" in out.getvalue()
