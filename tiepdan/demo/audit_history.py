"""The audit trail a year of the benchmark's register leaves behind (`benchmark_data`): an event
for each visit recorded and each petition received, in time order, each unit's events linked in
its own chain as `AuditEvent.append_many` links them. A province-year is 3,000,000 events; the
benchmarks then append to a table of that size, as in production, not to an empty one.

Written by COPY on PostgreSQL (`core.db.insert_rows`: ids reserved in the order given, so each
chain's links follow its ids); on SQLite by the model's one bulk path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from heapq import merge
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models

from tiepdan.audit.chain import GENESIS, row_hash, stored_json
from tiepdan.audit.models import AuditEvent
from tiepdan.core.classification import MASS_GROUP_THRESHOLD
from tiepdan.core.db import insert_rows
from tiepdan.petitions.constants import PETITION_RECEIVED
from tiepdan.petitions.models import Petition
from tiepdan.reception.constants import VISIT_RECORDED
from tiepdan.reception.models import ReceptionVisit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH = 50_000
# Every column but the id, which the write reserves.
COLUMNS = [f.attname for f in AuditEvent._meta.concrete_fields if not f.primary_key]


@dataclass
class _Event:
    """What `audit.chain.row_hash` reads of an event."""

    occurred_at: datetime
    unit_id: int
    action: str
    target_type: str
    target_id: str
    data: dict[str, Any]
    actor_id: int | None = None


def _visits(unit_ids: list[int]) -> Iterator[_Event]:
    # The event `reception.services.visit_record` appends, at the moment the visit was recorded.
    rows = (
        ReceptionVisit.objects.filter(unit_id__in=unit_ids)
        .order_by("received_at", "pk")
        .values_list(
            "pk",
            "unit_id",
            "received_at",
            "register_number",
            "case_id",
            "people_count",
            "is_repeat",
        )
        .iterator(chunk_size=BATCH)
    )
    label = ReceptionVisit._meta.label_lower
    for pk, unit_id, at, number, case_id, people, repeat in rows:
        data = {
            "register_number": number,
            "case": case_id,
            "handling": "guide",
            "people_count": people,
            "repeat": repeat,
        }
        yield _Event(at, unit_id, VISIT_RECORDED, label, str(pk), data)


def _petitions(unit_ids: list[int]) -> Iterator[_Event]:
    # The event of `petitions.services.intake`, during the office day the petition was received.
    rows = (
        Petition.objects.filter(unit_id__in=unit_ids)
        .order_by("received_on", "pk")
        .values_list("pk", "unit_id", "received_on", "number", "petition_type", "signatory_count")
        .iterator(chunk_size=BATCH)
    )
    label = Petition._meta.label_lower
    for pk, unit_id, day, number, kind, signatories in rows:
        at = datetime.combine(day, time(7, 30), VN) + timedelta(seconds=pk % 32_400)
        data = {
            "number": number,
            "source": "post",
            "type": kind,
            "mass": signatories >= MASS_GROUP_THRESHOLD,
        }
        yield _Event(at, unit_id, PETITION_RECEIVED, label, str(pk), data)


def _tails() -> dict[int | None, str]:
    """Each chain's last hash: the load's events follow what is there already."""
    rows = AuditEvent.objects.order_by("chain", "id").values_list("chain", "row_hash")
    return dict(rows)  # in id order: the last row of each chain stays


def _batches(events: Iterable[_Event]) -> Iterator[list[_Event]]:
    it = iter(events)
    while batch := list(islice(it, BATCH)):
        yield batch


def write_history(unit_ids: list[int]) -> int:
    """Append the history of the visits and petitions of `unit_ids`; returns how many events.
    Call it inside the load's transaction, nothing else appending meanwhile."""
    tails = _tails()
    by_time = merge(_visits(unit_ids), _petitions(unit_ids), key=lambda e: e.occurred_at)
    written = 0
    for batch in _batches(by_time):
        rows = []
        for e in batch:
            prev = tails.get(e.unit_id, GENESIS)
            tails[e.unit_id] = digest = row_hash(e, prev)
            rows.append((e, prev, digest))
        _write(rows)
        written += len(rows)
    return written


def _values(e: _Event, prev: str, digest: str) -> dict[str, Any]:
    return {
        "occurred_at": e.occurred_at,
        "actor_id": e.actor_id,
        "unit_id": e.unit_id,
        "action": e.action,
        "target_type": e.target_type,
        "target_id": e.target_id,
        "data": e.data,
        "prev_hash": prev,
        "row_hash": digest,
        "chain": e.unit_id,  # each unit's own chain (`audit.chain.lock_chain`)
    }


def _write(rows: list[tuple[_Event, str, str]]) -> None:
    values = [_values(*row) for row in rows]
    if connection.vendor == "postgresql":
        for v in values:
            v["data"] = stored_json(v["data"])  # the text COPY writes
        insert_rows(AuditEvent, COLUMNS, [tuple(v[c] for c in COLUMNS) for v in values])
        return
    plain: models.QuerySet[Any] = models.QuerySet(model=AuditEvent)  # the model's own refuses
    plain.bulk_create(AuditEvent(**v) for v in values)
