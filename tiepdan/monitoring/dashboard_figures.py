"""The dashboard's series over a unit's subtree: visits per day (the forecast's history), the
day's figures for the charts, and the place grid (quarter × domain). Reads, aggregated in SQL,
built on the scan's signal queries (`signals`)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate

from tiepdan.monitoring.signals import CitizenQuarter, _distinct_citizens, _visits, place_label
from tiepdan.organizations.models import Unit


def daily_visits(unit: Unit, first: date, last: date) -> dict[date, int]:
    """Visits per day in `unit`'s subtree over [first, last] (history of the forecast)."""
    return dict(
        _visits(unit, first, last)
        .annotate(day=TruncDate("received_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )


def daily_figures(unit: Unit, first: date, last: date) -> dict[date, dict]:
    """Visits, people and groups per day in the subtree (dashboard charts)."""
    out: dict[date, dict] = {}
    for day, n, people, groups in (
        _visits(unit, first, last)
        .annotate(day=TruncDate("received_at"))
        .values("day")
        .annotate(n=Count("pk"), p=Sum("people_count"), g=Count("pk", filter=Q(is_mass_group=True)))
        .values_list("day", "n", "p", "g")
    ):
        out[day] = {"visits": n, "people": people or 0, "groups": groups}
    return out


def place_grid(unit: Unit, first: date, last: date) -> dict[tuple[str, str], int]:
    """(quarter, domain) → distinct citizens who came or wrote in [first, last]."""
    rows = _distinct_citizens(
        unit,
        first,
        last,
        1,
        g_quarter=(CitizenQuarter("citizen__address_key"), CitizenQuarter("citizen__address_key")),
        g_domain=(F("visit__domain"), F("petition__domain")),
    )
    return {(q, d): n for q, d, n, _, _ in rows}


def place_grid_labels(unit: Unit, first: date, last: date) -> tuple[dict, dict[str, str]]:
    """`place_grid` and the readable name of each quarter key."""
    rows = _distinct_citizens(
        unit,
        first,
        last,
        1,
        with_address=True,
        g_quarter=(CitizenQuarter("citizen__address_key"), CitizenQuarter("citizen__address_key")),
        g_domain=(F("visit__domain"), F("petition__domain")),
    )
    labels = {q: place_label(q, addr) for q, _d, _n, _m, addr in rows}
    return {(q, d): n for q, d, n, _, _ in rows}, labels
