"""The dashboard's series over a unit's subtree: visits per day (the forecast's history), the
day's figures for the charts, and the place grid (quarter × domain). Reads, aggregated in SQL,
built on the scan's signal queries (`signals`)."""

from __future__ import annotations

from datetime import date

from django.db.models import F

from tiepdan.monitoring.signals import (
    CitizenQuarter,
    _distinct_citizens,
    place_label,
    subtree_ids,
)
from tiepdan.organizations.models import Unit
from tiepdan.reception import visit_days


def daily_visits(unit: Unit, first: date, last: date) -> dict[date, int]:
    """Visits per day in `unit`'s subtree over [first, last] (history of the forecast), from
    the per-day summary of visits (`reception.visit_days`)."""
    counts = visit_days.daily_counts(subtree_ids(unit), first, last)
    return {day: n for day, (n, _p, _g) in counts.items()}


def daily_figures(unit: Unit, first: date, last: date) -> dict[date, dict]:
    """Visits, people and groups per day in the subtree (dashboard charts)."""
    counts = visit_days.daily_counts(subtree_ids(unit), first, last)
    return {day: {"visits": n, "people": p, "groups": g} for day, (n, p, g) in counts.items()}


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
