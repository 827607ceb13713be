"""The dashboard's series over a unit's subtree: visits per day (the forecast's history), the
day's figures for the charts, read from the per-day summary of visits (`reception.visit_days`),
and the place grid (quarter × domain), aggregated in SQL over the subtree's attendees and
senders."""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.db.models import F

from tiepdan.citizens.models import Citizen
from tiepdan.monitoring.signals import CitizenQuarter, bounds, place_label, subtree_ids
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition
from tiepdan.reception import visit_days
from tiepdan.reception.models import VisitCitizen


def daily_visits(unit: Unit, first: date, last: date) -> dict[date, int]:
    """Visits per day in `unit`'s subtree over [first, last] (history of the forecast), from
    the per-day summary of visits (`reception.visit_days`)."""
    counts = visit_days.daily_counts(subtree_ids(unit), first, last)
    return {day: n for day, (n, _p, _g) in counts.items()}


def daily_figures(unit: Unit, first: date, last: date) -> dict[date, dict]:
    """Visits, people and groups per day in the subtree (dashboard charts)."""
    counts = visit_days.daily_counts(subtree_ids(unit), first, last)
    return {day: {"visits": n, "people": p, "groups": g} for day, (n, p, g) in counts.items()}


def _citizen_domains(unit: Unit, first: date, last: date):
    """The distinct (domain, citizen) pairs of the subtree's visits' attendees and petitions'
    senders in [first, last] (a petition received by transfer counted where it first came)."""
    start, end = bounds(first, last)
    ids = subtree_ids(unit)
    visits = VisitCitizen.objects.filter(
        visit__unit_id__in=ids, visit__received_at__gte=start, visit__received_at__lt=end
    ).values(g_domain=F("visit__domain"), g_citizen=F("citizen_id"))
    petitions = Petition.senders.through.objects.filter(
        petition__unit_id__in=ids,
        petition__received_on__gte=first,
        petition__received_on__lte=last,
        petition__origin__isnull=True,
    ).values(g_domain=F("petition__domain"), g_citizen=F("citizen_id"))
    return visits.union(petitions)


def _grid_rows(unit: Unit, first: date, last: date) -> list[tuple[str, str, int, str]]:
    """[(quarter, domain, distinct citizens, one address of them)]. The pairs are made distinct
    before the citizens are joined (each citizen read once per domain, not once per visit or
    petition), and the quarter is the stored column on PostgreSQL (`CitizenQuarter`)."""
    pairs_sql, pairs_params = _citizen_domains(unit, first, last).query.sql_with_params()
    citizens = (
        Citizen.objects.annotate(g_quarter=CitizenQuarter("address_key"))
        .values("id", "address", "g_quarter")
        .order_by()
    )
    citizens_sql, citizens_params = citizens.query.sql_with_params()
    query = (
        "SELECT c.g_quarter, u.g_domain, COUNT(*), MAX(c.address) "
        f"FROM ({pairs_sql}) AS u JOIN ({citizens_sql}) AS c ON c.id = u.g_citizen "
        "GROUP BY c.g_quarter, u.g_domain"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        before = _set_planner(cursor, GRID_PLANNER)
        try:
            cursor.execute(query, [*pairs_params, *citizens_params])
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            _set_planner(cursor, before)


# PostgreSQL settings for the grid's query, in its transaction only. A province's 30 days are
# about 220,000 (domain, citizen) rows, 150,000 distinct: with the default planner they hash
# the whole table of attendees and of citizens and sort on disk (1.0 s); reading the
# attendees, senders and citizens through their indexes in memory takes 0.5 s, and compiling
# the statement with JIT costs more than it saves.
GRID_PLANNER = {"work_mem": "64MB", "jit": "off", "enable_hashjoin": "off"}


def _set_planner(cursor, values: dict[str, str]) -> dict[str, str]:
    """Set `values` for the current transaction; return what they were (to set them back: a
    caller's own transaction goes on with its settings). Nothing elsewhere than PostgreSQL."""
    if connection.vendor != "postgresql" or not values:
        return {}
    names = list(values)
    cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
    before = dict(zip(names, cursor.fetchone(), strict=True))
    cursor.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(values)),
        [x for item in values.items() for x in item],
    )
    return before


def place_grid(unit: Unit, first: date, last: date) -> dict[tuple[str, str], int]:
    """(quarter, domain) → distinct citizens who came or wrote in [first, last]."""
    return {(q, d): n for q, d, n, _addr in _grid_rows(unit, first, last)}


def place_grid_labels(unit: Unit, first: date, last: date) -> tuple[dict, dict[str, str]]:
    """`place_grid` and the readable name of each quarter key."""
    rows = _grid_rows(unit, first, last)
    labels = {q: place_label(q, addr) for q, _d, _n, addr in rows}
    return {(q, d): n for q, d, n, _addr in rows}, labels
