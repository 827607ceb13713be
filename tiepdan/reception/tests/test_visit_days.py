"""The per-unit, per-day summary of visits (migration 0009) equals a direct count of the visits
after every kind of write: the desk's service, COPY loads (`core.db.insert_rows`, as
`benchmark_data` and imports write), `bulk_create`, updates that move a visit to another unit
or day or change its people, updates that change no count, deletes and a truncate. The
reader gives the same figures from the summary as from the visits."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate

from tiepdan.core.db import insert_rows
from tiepdan.organizations.models import Unit
from tiepdan.reception import services, visit_days
from tiepdan.reception.models import ReceptionVisit

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the summary is kept by PostgreSQL"
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2025, 3, 10)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VN)


def summary() -> dict[tuple[int, dt.date], tuple[int, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT unit_id, day, visits, people, groups FROM reception_visitday")
        return {(u, d): (n, p, g) for u, d, n, p, g in cursor.fetchall()}


def direct() -> dict[tuple[int, dt.date], tuple[int, int, int]]:
    rows = (
        ReceptionVisit.objects.annotate(day=TruncDate("received_at", tzinfo=VN))
        .values("unit_id", "day")
        .annotate(n=Count("pk"), p=Sum("people_count"), g=Count("pk", filter=Q(is_mass_group=True)))
        .values_list("unit_id", "day", "n", "p", "g")
    )
    return {(u, d): (n, p, g) for u, d, n, p, g in rows}


def assert_exact() -> None:
    assert summary() == direct()


def record(unit: Unit, citizen, when: dt.datetime, people: int = 1) -> ReceptionVisit:
    attendees = services.attendees_of([citizen], [citizen] if people >= 5 else [])
    data = services.VisitInput(
        attendees=attendees,
        unit=unit,
        received_at=when,
        mode="regular",
        chaired_by="officer",
        channel="in_person",
        people_count=people,
        petition_type="complaint",
        domain="admin.land_housing",
        content="Khiếu nại về bồi thường giải phóng mặt bằng dự án khu dân cư Bắc Sơn",
        handling="guided",
    )
    return services.visit_record(data, actor=None).visit


def copy_of(visit: ReceptionVisit, **changes) -> dict:
    columns = [
        f.attname
        for f in ReceptionVisit._meta.concrete_fields
        if not f.primary_key and f.attname not in {"register_number", "matter_first_at"}
    ]
    values = {c: getattr(visit, c) for c in columns} | changes
    values.setdefault("register_number", visit.register_number + 100)
    return values


@postgres_only
@pytest.mark.django_db
def test_every_write_of_visits_keeps_the_summary_exact(ward: Unit, province: Unit, citizen):
    assert_exact()
    # The desk: a visit near midnight falls on its local day.
    first = record(ward, citizen, at(DAY, 8))
    late = record(ward, citizen, at(DAY, 23, 50), people=6)
    record(province, citizen, at(DAY + dt.timedelta(days=1), 0, 10))
    assert summary()[(ward.pk, DAY)] == (2, 7, 1)
    assert_exact()

    # COPY (benchmark_data, imports) and bulk_create (benchmark_hotspots).
    rows = [copy_of(first, register_number=500 + i) for i in range(3)]
    columns = list(rows[0])
    insert_rows(ReceptionVisit, columns, [tuple(r[c] for c in columns) for r in rows])
    assert summary()[(ward.pk, DAY)] == (5, 10, 1)
    ReceptionVisit.objects.bulk_create(
        [ReceptionVisit(**copy_of(late, register_number=600 + i)) for i in range(2)]
    )
    assert_exact()

    # Updates: one visit moved to another day, a set moved to another unit, people changed,
    # and an update that changes no count.
    first.received_at = at(DAY - dt.timedelta(days=3), 9)
    first.save(update_fields=["received_at"])
    assert_exact()
    ReceptionVisit.objects.filter(register_number__gte=500, register_number__lt=600).update(
        unit=province
    )
    assert_exact()
    ReceptionVisit.objects.filter(pk=late.pk).update(people_count=9, is_mass_group=False)
    ReceptionVisit.objects.update(content="Nội dung đã ẩn")
    assert_exact()

    # Deletes: one visit, then the rest of a day (its summary row goes).
    ReceptionVisit.objects.filter(register_number=600).delete()
    assert_exact()
    ReceptionVisit.objects.filter(unit=province).delete()
    assert (province.pk, DAY) not in summary()
    assert_exact()


@postgres_only
@pytest.mark.django_db
def test_the_reader_gives_the_direct_counts(ward: Unit, province: Unit, citizen):
    record(ward, citizen, at(DAY, 8))
    record(ward, citizen, at(DAY, 23, 50), people=6)
    record(province, citizen, at(DAY + dt.timedelta(days=1), 0, 10), people=2)
    ids = [ward.pk, province.pk]
    last = DAY + dt.timedelta(days=1)
    expected = {DAY: (2, 7, 1), last: (1, 2, 0)}
    assert visit_days.daily_counts(ids, DAY, last) == expected
    assert visit_days._live(ids, DAY, last) == expected
    assert visit_days.daily_counts([ward.pk], last, last) == {}


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_truncate_of_the_visits_empties_the_summary(ward: Unit, citizen):
    record(ward, citizen, at(DAY, 8))
    assert summary()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reception_receptionvisit CASCADE")
    assert summary() == {}


def test_the_summary_takes_days_in_the_system_time_zone(settings) -> None:
    from importlib import import_module

    migration = import_module("tiepdan.reception.migrations.0009_visit_day_summary")
    assert migration.TZ == visit_days.TIME_ZONE == settings.TIME_ZONE


@postgres_only
@pytest.mark.django_db
def test_a_load_without_triggers_is_counted_by_the_rebuild(ward: Unit, citizen):
    visit = record(ward, citizen, at(DAY, 8))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        ReceptionVisit.objects.bulk_create(
            [ReceptionVisit(**copy_of(visit, register_number=700 + i)) for i in range(4)]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    assert summary() != direct()
    visit_days.rebuild()
    assert summary()[(ward.pk, DAY)] == (5, 5, 0)
    assert_exact()
