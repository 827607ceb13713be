"""The hotspot scan, in four named steps: collect the candidates (monitoring.candidates), score
them, keep them as hotspots, raise each alert once. Idempotent: run it as often as you like; the
steady state writes nothing but the audit record of the scan.
"""

from __future__ import annotations

import gc
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.core import jsontext
from tiepdan.core.db import (
    any_of,
    beside,
    insert_rows,
    starts_beside,
    upsert_rows,
    without_jit,
)
from tiepdan.monitoring import constants, scoring, selectors, signals
from tiepdan.monitoring.candidates import Candidate, collect
from tiepdan.monitoring.models import LEVEL_RANK, Alert, AlertLevel, AlertStatus, Hotspot
from tiepdan.monitoring.services.alerts import (
    NewAlert,
    _alerts_raise_many,
    _claim_each,
    alert_partner_units,
    alert_partner_units_of,
)
from tiepdan.organizations.models import Unit, User
from tiepdan.workcalendar import selectors as calendar_selectors

Scored = list[tuple[Candidate, scoring.Score]]

# The fields of a hotspot a scan rewrites.
HOTSPOT_FIELDS = [
    "kind",
    "title",
    "domain",
    "place",
    "score",
    "level",
    "people",
    "citizens",
    "explanation",
    "signals",
    "trend",
    "subjects",
    "last_activity_on",
    "scanned_at",
    "updated_at",
]


@dataclass
class ScanResult:
    hotspots: int = 0
    alerts_raised: int = 0
    alerts_kept: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def _seconds_since(started: float) -> float:
    return round(time.perf_counter() - started, 3)


def hotspot_scan(*, root: Unit, today: date | None = None, actor: User | None = None) -> ScanResult:
    """Run every signal over `root`'s subtree, score the candidates, keep them as hotspots and
    raise each alert once (idempotent: run it as often as you like)."""
    with without_jit(), _without_cyclic_gc():
        return _scan(root, today or timezone.localdate(), actor)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Python's cycle collector paused during the scan: the scan makes hundreds of thousands of
    objects (candidates, scores, rows; no cycles among them) and each full collection walks all
    of them, 1.0-1.3 s of a steady scan's 3 s of Python. Reference counting still frees them;
    the collector runs again once the scan is over."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _scan(root: Unit, today: date, actor: User | None) -> ScanResult:
    started = time.perf_counter()
    result = ScanResult()
    resolver = selectors.LimitsResolver(root)
    candidates = collect(root, today, resolver, result.timings)
    result.timings["signals"] = _seconds_since(started)
    now = timezone.now()
    scored = _score(candidates, resolver, today)
    to_alert = _to_alert(scored)

    # The hotspots are kept on a second connection, in their own transaction as before, while
    # this thread reads what is claimed and plans the alerts: PostgreSQL writes the hotspots
    # (1.5 s of a first scan) while Python works. Their ids are handed over once written, and
    # the alerts are written while the hotspots' transaction ends; the alerts' keys are checked
    # only once it has (`_raise_planned`). Inside a transaction, and on SQLite, they are kept
    # first, in this thread (`core.db.beside`).
    t = time.perf_counter()
    ids = _HotspotIds()
    threaded = starts_beside()
    kept = beside(lambda: _keep_hotspots_timed(root, scored, today, now, actor, ids))
    try:
        if not threaded:
            kept()  # in this thread, now: their ids are handed over before the alerts ask
        plan = _plan_alerts(root, to_alert, today, result) if to_alert else None
        if plan is not None:
            _raise_planned(root, plan, result, ids, kept)
    except BaseException:
        with suppress(Exception):
            kept()  # the hotspots' transaction ends before the error goes up
        raise
    result.hotspots, result.timings["hotspots_saved"] = kept()
    # The two steps overlap: the alerts' figure is the rest of the time.
    result.timings["alerts"] = round(time.perf_counter() - t - result.timings["hotspots_saved"], 3)
    result.timings["total"] = _seconds_since(started)
    return result


class _HotspotIds:
    """(unit, key) → hotspot id, handed from the thread that keeps the hotspots to the one that
    raises the alerts as soon as it is known, before the hotspots' transaction ends; None when
    it is not known before (few new ones written by the upsert): then read once committed."""

    def __init__(self) -> None:
        self._given = threading.Event()
        self._ids: dict[tuple[int, str], int] | None = None

    def give(self, ids: dict[tuple[int, str], int] | None) -> None:
        if not self._given.is_set():
            self._ids = ids
            self._given.set()

    def wait(self) -> dict[tuple[int, str], int] | None:
        self._given.wait()
        return self._ids


def _keep_hotspots_timed(
    root: Unit, scored: Scored, today: date, now: datetime, actor: User | None, ids: _HotspotIds
) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with without_jit():  # on the connection that keeps them
            kept = _keep_hotspots(root, scored, today, now, actor, ids)
    finally:
        ids.give(None)  # not given (an error): the alerts wait for the end and read them
    return kept, _seconds_since(started)


# -- step 2: score -----------------------------------------------------------------------------


def _score(candidates: list[Candidate], resolver: selectors.LimitsResolver, today: date) -> Scored:
    """Each candidate's score against its unit's thresholds, near a holiday counted."""
    cal = calendar_selectors.working_calendar()
    horizon = max(limit.sensitive_days for limit in resolver.all())
    sensitive = scoring.next_sensitive(
        today, cal.names, lambda d: not cal.is_working_day(d), horizon
    )
    return [
        (c, scoring.score(c.evidence, resolver.for_unit(c.unit_id), today, sensitive))
        for c in candidates
    ]


# -- step 3: keep the hotspots -----------------------------------------------------------------


def _signals_of(e: scoring.Evidence) -> dict:
    return {
        k: v
        for k, v in {
            "citizens": e.citizens,
            "people": e.people,
            "largest_group": e.largest_group,
            "visits": e.visits,
            "petitions": e.petitions,
            "repeat_visits": e.repeat_visits,
            "escalations": e.escalations,
            "agencies": e.agencies,
            "notes": e.notes,
            "notes_higher": e.notes_higher,
            "overdue_clocks": e.overdue_clocks,
        }.items()
        if v
    }


# The columns of a hotspot row the scan writes, in the order `_hotspot_row` gives them.
HOTSPOT_COLUMNS = ["unit_id", "key", *HOTSPOT_FIELDS, "created_at"]


def _hotspot_row(c: Candidate, s: scoring.Score, now: datetime) -> tuple:
    """The hotspot of a candidate as a row of HOTSPOT_COLUMNS."""
    values = {
        "kind": c.kind,
        "title": c.title[:300],
        "domain": c.domain,
        "place": c.place[:120],
        "score": s.score,
        "level": s.level,
        "people": max(c.evidence.people, c.evidence.largest_group),
        "citizens": c.evidence.citizens,
        "explanation": s.explanation,
        "signals": _signals_of(c.evidence),
        "trend": s.trend,
        "subjects": c.subjects,
        "last_activity_on": c.last,
        "scanned_at": now,
        "updated_at": now,
    }
    return (c.unit_id, c.key, *(values[f] for f in HOTSPOT_FIELDS), now)


def _kept_states(root: Unit) -> dict[tuple[int, str], list]:
    """(unit, key) → the id and what tells a changed hotspot (score, level, citizens,
    explanation, trend) of each one kept, its JSON lists as their text: decoding 73,000 rows'
    lists costs more than comparing their text."""
    as_text = {f"{name}_text": Cast(name, TextField()) for name in ("explanation", "trend")}
    return {
        (unit_id, key): state
        for unit_id, key, *state in Hotspot.objects.filter(
            unit_id__in=signals.subtree_ids(root), score__gt=0
        )
        .order_by()  # read into a dict: sorting 73,000 rows first is wasted
        .annotate(**as_text)
        .values_list("unit_id", "key", "pk", "score", "level", "citizens", *as_text)
    }


def _unchanged(kept: list | None, c: Candidate, s: scoring.Score) -> bool:
    if kept is None:
        return False
    _pk, score, level, citizens, explanation, trend = kept
    return (
        (score, level, citizens) == (s.score, s.level, c.evidence.citizens)
        and _holds(explanation, s.explanation)
        and _holds(trend, s.trend)
    )


def _holds(text: str, value: list) -> bool:
    """Whether stored JSON `text` holds `value`: the text PostgreSQL writes a jsonb list back
    as, else (another spelling, another database) decoded and compared."""
    return text == jsontext.dumps(value) or json.loads(text) == value


def _keep_hotspots(
    root: Unit, scored: Scored, today: date, now: datetime, actor: User | None, ids: _HotspotIds
) -> int:
    """Upsert the hotspots that changed, calm those no longer found; audit the scan. Their ids
    are handed to `ids` as soon as they are known. Returns the number of candidates."""
    # Only what changed is written: read the current state in one query, compare, and build
    # the rows of those that changed (the steady state builds none).
    current = _kept_states(root)
    seen = {(c.unit_id, c.key) for c, _s in scored}
    changed = [
        _hotspot_row(c, s, now)
        for c, s in scored
        if not _unchanged(current.get((c.unit_id, c.key)), c, s)
    ]
    gone = [k for k in current if k not in seen]
    with transaction.atomic():
        new_ids = _write_hotspots(changed, current)
        if new_ids is not None:
            ids.give({**{k: state[0] for k, state in current.items()}, **new_ids})
        # Candidates no longer found have calmed down: kept for the record, ranked last.
        calmed = 0
        for unit_id in {u for u, _ in gone}:
            calmed += Hotspot.objects.filter(
                unit_id=unit_id, key__in=[k for u, k in gone if u == unit_id]
            ).update(score=0, level=scoring.LEVEL_INFO, updated_at=now)
        audit_services.audit_record(
            action=constants.HOTSPOT_SCORED,
            target=root,
            actor=actor,
            unit=root,
            data={"candidates": len(scored), "calmed": calmed, "day": today.isoformat()},
        )
    return len(scored)


# From this many hotspots not kept before (a first scan: 73,000), they are copied into the table
# directly, not through the upsert's temporary table and INSERT (a province's first scan kept
# its hotspots in 2.1-2.4 s instead of 2.5-2.8 s).
COPY_NEW_FROM = 1_000


def _write_hotspots(
    changed: list[tuple], current: Mapping[tuple[int, str], Any]
) -> dict[tuple[int, str], int] | None:
    """Write the changed hotspots' rows: many new ones by COPY, the rest by one upsert on the
    (unit, key) constraint, so that concurrent scans cannot collide. A new one kept meanwhile
    (by a concurrent scan; or calmed before, which `current` leaves out) fails the COPY, and
    the upsert then takes them all. Returns the new ones' ids by (unit, key) when copied (or
    none is new), else None: the upsert does not tell them."""
    new = [row for row in changed if (row[0], row[1]) not in current]
    new_ids: dict[tuple[int, str], int] | None = None if new else {}
    if len(new) >= COPY_NEW_FROM:
        new_ids = _copied(new)
        if new_ids is not None:
            changed = [row for row in changed if (row[0], row[1]) in current]
    upsert_rows(Hotspot, HOTSPOT_COLUMNS, changed, unique=["unit", "key"], update=HOTSPOT_FIELDS)
    return new_ids


def _copied(rows: list[tuple]) -> dict[tuple[int, str], int] | None:
    """The ids of the new hotspots' rows by (unit, key), once copied; None when a unique
    violation rolled back only them."""
    try:
        with transaction.atomic():
            pks = insert_rows(Hotspot, HOTSPOT_COLUMNS, rows, encode_json=True)
    except IntegrityError:
        return None
    return {(row[0], row[1]): pk for row, pk in zip(rows, pks, strict=True)}


# -- step 4: raise each alert once -------------------------------------------------------------


@dataclass
class _Claimed:
    """What the alerts of a scan find already in place, read in a few queries."""

    units: dict[int, Unit]
    # (unit, key) → pk, level and score of the active alert
    active: Mapping[tuple[int, str], Mapping[str, Any]]
    closed: dict[tuple[int, str], date]  # (unit, key) → the day its last alert was closed


def _claimed(root: Unit, to_alert: Scored) -> _Claimed:
    """The units, active and closed alerts of the candidates to alert (their hotspots' ids are
    read once the hotspots are kept: `_hotspot_ids`)."""
    ids = signals.subtree_ids(root)
    keys = sorted({c.key for c, _ in to_alert})
    units = Unit.objects.in_bulk(
        {c.unit_id for c, _ in to_alert} | {u for c, _ in to_alert for u in c.route_unit_ids}
    )
    # What is already claimed, read in two queries: the steady state writes nothing.
    active = {
        (a["unit_id"], a["dedupe_key"]): a
        for a in Alert.objects.filter(
            any_of(Alert, "dedupe_key", keys), unit_id__in=ids, status__in=AlertStatus.active()
        )
        .order_by()  # read into dicts: no sort of 73,000 rows
        .values("pk", "unit_id", "dedupe_key", "level", "score")
    }
    closed: dict[tuple[int, str], date] = {}
    for a in (
        Alert.objects.filter(
            any_of(Alert, "dedupe_key", keys), unit_id__in=ids, status=AlertStatus.CLOSED
        )
        .order_by()
        .values("unit_id", "dedupe_key", "closed_at")
    ):
        day = timezone.localtime(a["closed_at"]).date()
        k = (a["unit_id"], a["dedupe_key"])
        closed[k] = max(closed.get(k, day), day)
    return _Claimed(units, active, closed)


def _hotspot_ids(root: Unit, keys: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """(unit, key) → the id of its hotspot."""
    return {
        (unit_id, key): pk
        for pk, unit_id, key in Hotspot.objects.filter(
            any_of(Hotspot, "key", sorted({key for _unit, key in keys})),
            unit_id__in=signals.subtree_ids(root),
        )
        .order_by()
        .values_list("pk", "unit_id", "key")
        if (unit_id, key) in keys
    }


def _alert_level(c: Candidate, s: scoring.Score) -> str:
    """The score's level; a contract signal below the alert score still warns (critical for a
    group of more than ten)."""
    if c.always_alert and s.level == scoring.LEVEL_INFO:
        return AlertLevel.CRITICAL if c.evidence.largest_group > 10 else AlertLevel.WARNING
    return s.level


def _summary(c: Candidate, s: scoring.Score) -> str:
    summary = f"{c.title} — {s.score}/100"
    if s.explanation:
        summary += f": {s.explanation[0]}"
    return summary


class _Told:
    """The police liaison and the leaders on duty of each unit, read for all the units given in
    a few queries (beside the scan's other work: `core.db.beside`)."""

    def __init__(self, today: date, units: list[Unit]) -> None:
        self.today = today
        self.partners: dict[int, list[Unit]] = {}
        self.leaders: dict[int, list[User]] = {}
        wanted = list({u.pk: u for u in units}.values())
        self._read: Callable[[], tuple] | None = beside(
            lambda: (
                alert_partner_units_of(wanted),
                selectors.leaders_on_duty_of(wanted, today),
            )
        )

    def of(self, unit: Unit) -> tuple[list[Unit], list[User]]:
        if self._read is not None:
            partners, leaders = self._read()
            self.partners.update(partners)
            self.leaders.update(leaders)
            self._read = None
        if unit.pk not in self.partners:
            self.partners[unit.pk] = alert_partner_units(unit)
            self.leaders[unit.pk] = selectors.leaders_on_duty(unit, self.today)
        return self.partners[unit.pk], self.leaders[unit.pk]


_KEPT, _NOT_AGAIN, _NEW, _HIGHER = "kept", "not again", "new", "higher"


def _decision(c: Candidate, s: scoring.Score, claimed: _Claimed) -> str:
    """What the scan does with the alert of a candidate to alert."""
    current = claimed.active.get((c.unit_id, c.key))
    if current is not None:
        higher = LEVEL_RANK[_alert_level(c, s)] > LEVEL_RANK[current["level"]]
        return _HIGHER if higher else _KEPT
    was_closed = claimed.closed.get((c.unit_id, c.key))
    if was_closed and (c.last is None or c.last <= was_closed):
        return _NOT_AGAIN  # closed by a person, nothing new since: not raised again
    return _NEW


def _to_alert(scored: Scored) -> Scored:
    """The candidates at the alert score, and the contract signals."""
    return [(c, s) for c, s in scored if c.always_alert or s.level != scoring.LEVEL_INFO]


def _prepare_alerts(root: Unit, to_alert: Scored, today: date) -> tuple[_Claimed, _Told]:
    """What is claimed, and who is told in the units that raise an alert (read beside)."""
    claimed = _claimed(root, to_alert)
    raising = [
        claimed.units[c.unit_id] for c, s in to_alert if _decision(c, s, claimed) in (_NEW, _HIGHER)
    ]
    return claimed, _Told(today, raising)


@dataclass
class _Plan:
    """What a scan does with its alerts, decided before the hotspots are kept."""

    claimed: _Claimed
    fresh: list[NewAlert] = field(default_factory=list)  # raised in bulk
    higher: list[NewAlert] = field(default_factory=list)  # a higher level on the active one
    rescored: list[Alert] = field(default_factory=list)  # kept, their score changed


def _plan_alerts(root: Unit, to_alert: Scored, today: date, result: ScanResult) -> _Plan:
    """Decide the alert of each candidate at the alert score (or a contract signal): new ones
    raised in bulk, a higher level on the active one, nothing again after a person closed it
    unless something happened since. The alerts are built but for their hotspots' ids."""
    claimed, told = _prepare_alerts(root, to_alert, today)
    plan = _Plan(claimed)
    for c, s in to_alert:
        decision = _decision(c, s, claimed)
        if decision == _KEPT:
            current = claimed.active[(c.unit_id, c.key)]
            if current["score"] != s.score:
                plan.rescored.append(Alert(pk=current["pk"], score=s.score))
            result.alerts_kept += 1
        elif decision != _NOT_AGAIN:
            alert = _new_alert(c, s, _alert_level(c, s), claimed, told)
            (plan.fresh if decision == _NEW else plan.higher).append(alert)
    return plan


def _raise_planned(
    root: Unit, plan: _Plan, result: ScanResult, ids: _HotspotIds, kept: Callable[[], object]
) -> None:
    """Raise the planned alerts, each naming its hotspot: by the ids handed over while the
    hotspots' transaction ends, else (not known before) read once it has. `kept` waits for that
    end: an alert's key to its hotspot is checked only after it (a key check does not wait for
    a row another transaction has not committed: it fails)."""
    raising = [*plan.higher, *plan.fresh]
    # The hotspots' ids only for the alerts raised: a steady scan raises none and waits for none.
    if raising:
        hotspots = ids.wait()
        if hotspots is None:
            kept()
            hotspots = _hotspot_ids(root, {(n.unit.pk, n.key) for n in raising})
        for n in raising:
            n.hotspot_id = hotspots.get((n.unit.pk, n.key))
    # The first scan raises thousands: written while the hotspots' transaction ends.
    raised, kept_alerts = _alerts_raise_many(plan.fresh, before_checks=kept)
    result.alerts_raised += raised
    result.alerts_kept += kept_alerts
    if plan.higher:
        kept()  # each is committed on its own
    for n in plan.higher:
        raised, kept_alerts = _claim_each([n])
        result.alerts_raised += raised
        result.alerts_kept += kept_alerts
    Alert.objects.bulk_update(plan.rescored, ["score"], batch_size=1000)


def _new_alert(
    c: Candidate, s: scoring.Score, level: str, claimed: _Claimed, told: _Told
) -> NewAlert:
    unit = claimed.units[c.unit_id]
    partners, leaders = told.of(unit)
    return NewAlert(
        unit=unit,
        key=c.key,
        kind=c.alert_kind,
        level=level,
        summary=_summary(c, s),
        subjects=c.subjects,
        route_to=[*partners, *(claimed.units[u] for u in c.route_unit_ids)],
        hotspot_id=None,  # once the hotspots are kept: `_raise_planned`
        score=s.score,
        activity_on=c.last,
        notify=leaders,
    )
