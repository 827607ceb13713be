"""The dashboard's place grid: distinct citizens per (quarter, domain) over the subtree's visits
and petitions of the period, the same as the scan's grouping of the same rows, and the
planner settings it uses on PostgreSQL end with it."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models import F

from tiepdan.citizens import services as citizen_services
from tiepdan.monitoring import dashboard_figures, signals
from tiepdan.monitoring.tests.conftest import TODAY, at, visit
from tiepdan.organizations.models import Unit
from tiepdan.petitions import services as petition_services

pytestmark = pytest.mark.django_db

LAND = "admin.land_housing"
POLICY = "admin.policy"


def petition(unit: Unit, senders, domain: str, day: dt.date) -> None:
    petition_services.petition_receive(
        unit=unit,
        received_on=day,
        source="post",
        petition_type="proposal",
        domain=domain,
        summary="Kiến nghị về tiến độ bồi thường",
        senders=senders,
        signatory_count=len(senders),
    )


@pytest.fixture
def places(province: Unit, ward: Unit):
    def person(name: str, address: str):
        return citizen_services.citizen_create(
            unit=ward, actor=None, full_name=name, address=address
        )

    a = person("Trần Văn Bình", "Số 4, Khu phố 3, phường Bắc Sơn")
    b = person("Lê Thị Cúc", "Khu phố 3, phường Bắc Sơn")
    c = person("Phạm Văn Dũng", "Thôn Đông, xã Hoằng Hóa")
    d = person("Hoàng Thị Em", "Số 9, Khu phố 3")
    e = person("Vũ Văn Giang", "18 Lê Lợi")
    visit(ward, None, [a, b], received_at=at(TODAY))
    visit(ward, None, [a], received_at=at(TODAY - dt.timedelta(days=3)))
    visit(province, None, [c], received_at=at(TODAY - dt.timedelta(days=1)))
    visit(ward, None, [e], received_at=at(TODAY - dt.timedelta(days=45)))  # before the period
    petition(ward, [a, d], LAND, TODAY - dt.timedelta(days=2))
    petition(ward, [b], POLICY, TODAY - dt.timedelta(days=5))
    petition(ward, [e], POLICY, TODAY - dt.timedelta(days=7))
    return province, ward


def test_the_grid_counts_each_citizen_once_per_quarter_and_domain(places) -> None:
    province, ward = places
    first = TODAY - dt.timedelta(days=29)
    grid, labels = dashboard_figures.place_grid_labels(province, first, TODAY)
    assert grid == {
        ("khu pho 3", LAND): 3,
        ("thon dong", LAND): 1,
        ("khu pho 3", POLICY): 1,
        ("", POLICY): 1,
    }
    assert labels["khu pho 3"] == "Khu phố 3"
    assert labels["thon dong"] == "Thôn Đông"
    assert dashboard_figures.place_grid(ward, first, TODAY) == {
        ("khu pho 3", LAND): 3,
        ("khu pho 3", POLICY): 1,
        ("", POLICY): 1,
    }
    # The same as grouping the rows of every visit and petition (the scan's query).
    rows = signals._distinct_citizens(
        province,
        first,
        TODAY,
        1,
        with_address=True,
        g_quarter=(
            signals.CitizenQuarter("citizen__address_key"),
            signals.CitizenQuarter("citizen__address_key"),
        ),
        g_domain=(F("visit__domain"), F("petition__domain")),
    )
    assert {(q, d): (n, addr) for q, d, n, _m, addr in rows} == {
        (q, d): (n, addr) for q, d, n, addr in dashboard_figures._grid_rows(province, first, TODAY)
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner settings of PostgreSQL")
def test_the_grid_planner_settings_end_with_its_query(places) -> None:
    province, _ward = places

    def settings() -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_hashjoin'), current_setting('jit'), "
                "current_setting('work_mem')"
            )
            return cursor.fetchone()

    with transaction.atomic():
        before = settings()
        dashboard_figures.place_grid(province, TODAY - dt.timedelta(days=29), TODAY)
        assert settings() == before
    assert before[0] == "on"
