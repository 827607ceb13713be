"""Visits per day over a set of units, read from the per-unit, per-day summary PostgreSQL keeps
(migration 0009: triggers update it in the transaction of every insert, update, delete and
truncate of visits, whatever the writer), else counted from the visits (SQLite, or a system
time zone other than the summary's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from tiepdan.reception.models import ReceptionVisit

TIME_ZONE = "Asia/Ho_Chi_Minh"  # the zone migration 0009 takes each visit's day in


def summary_in_use() -> bool:
    return connection.vendor == "postgresql" and settings.TIME_ZONE == TIME_ZONE


def _live(unit_ids: Sequence[int], first: date, last: date) -> dict[date, tuple[int, int, int]]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    rows = (
        ReceptionVisit.objects.filter(
            unit_id__in=list(unit_ids), received_at__gte=start, received_at__lt=end
        )
        .annotate(day=TruncDate("received_at"))
        .values("day")
        .annotate(n=Count("pk"), p=Sum("people_count"), g=Count("pk", filter=Q(is_mass_group=True)))
        .values_list("day", "n", "p", "g")
    )
    return {day: (n, p or 0, g) for day, n, p, g in rows}


def daily_counts(
    unit_ids: Sequence[int], first: date, last: date
) -> dict[date, tuple[int, int, int]]:
    """day → (visits, people, mass groups) at `unit_ids` over [first, last]; days without a
    visit are left out."""
    if not summary_in_use() or timezone.get_current_timezone_name() != TIME_ZONE:
        return _live(unit_ids, first, last)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT day, sum(visits), sum(people), sum(groups) FROM reception_visitday "
            "WHERE unit_id = ANY(%s) AND day BETWEEN %s AND %s GROUP BY day HAVING sum(visits) > 0",
            [list(unit_ids), first, last],
        )
        return {day: (int(n), int(p), int(g)) for day, n, p, g in cursor.fetchall()}


def rebuild() -> None:
    """Count the summary again from the visits, set-based (a load that skipped the triggers:
    `benchmark_data` writes under `session_replication_role = replica`). PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reception_visitday")
        cursor.execute(
            "INSERT INTO reception_visitday (unit_id, day, visits, people, groups) "
            "SELECT unit_id, (received_at AT TIME ZONE %s)::date, count(*), sum(people_count), "
            "count(*) FILTER (WHERE is_mass_group) FROM reception_receptionvisit GROUP BY 1, 2",
            [TIME_ZONE],
        )
