"""The quarter of a citizen's address: stored by PostgreSQL, computed in the query elsewhere,
the same either way."""

from importlib import import_module

import pytest
from django.db import connection

from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.monitoring.signals import QUARTER_PATTERN, CitizenQuarter, QuarterKey, quarter_of
from tiepdan.organizations.models import Unit

ADDRESSES = [
    "Số 12, Khu phố 3, Phường Bắc Sơn",
    "Tổ dân phố 7B, xã Quảng Phú",
    "Thôn Đông, xã Hoằng Hóa",
    "Ấp 4, Cái Răng",
    "18 Lê Lợi",
    "",
]


def test_the_stored_pattern_is_the_pattern_of_the_code() -> None:
    migration = import_module("tiepdan.monitoring.migrations.0004_citizen_quarter_key")
    assert migration.PATTERN == QUARTER_PATTERN


def test_the_quarter_read_is_the_quarter_of_the_address(ward: Unit) -> None:
    made = [
        Citizen.objects.create(
            unit=ward,
            full_name=f"Công dân {i}",
            name_key=search_key(f"Công dân {i}"),
            address=address,
            address_key=search_key(address),
        )
        for i, address in enumerate(ADDRESSES)
    ]
    rows = dict(
        Citizen.objects.filter(pk__in=[c.pk for c in made])
        .annotate(stored=CitizenQuarter("address_key"), computed=QuarterKey("address_key"))
        .values_list("pk", "stored")
    )
    for citizen in made:
        citizen.refresh_from_db()
        assert rows[citizen.pk] == quarter_of(citizen.address_key)
    assert rows[made[0].pk] == "khu pho 3"
    # Changed by any writer, the stored quarter follows.
    Citizen.objects.filter(pk=made[0].pk).update(address="Khu phố 9", address_key="khu pho 9")
    assert Citizen.objects.annotate(q=CitizenQuarter("address_key")).get(pk=made[0].pk).q == (
        "khu pho 9"
    )


def test_only_a_citizens_address_is_read_from_the_stored_column(ward: Unit) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite computes every quarter in the query")
    with pytest.raises(ValueError, match="address_key"):
        list(Citizen.objects.annotate(q=CitizenQuarter("full_name")).values_list("q"))
