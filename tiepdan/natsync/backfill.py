"""Back-fill: sync records for matters received before the link existed (NĐ 55/2022 Art 8
gave units 12 months to enter their backlog). Idempotent: a petition that already has its
national matter is left alone (the hooks keep it current)."""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models import Min

from tiepdan.core.db import insert_rows
from tiepdan.natsync import payload_rows, payloads
from tiepdan.natsync.constants import STAGE_ORDER, ObjectKind, Stage
from tiepdan.natsync.models import NationalMatter, SyncRecord
from tiepdan.petitions.models import Petition

RECORD_COLUMNS = (
    "matter_id",
    "unit_id",
    "stage",
    "stage_order",
    "object_kind",
    "object_id",
    "payload",
    "payload_hash",
)


@dataclass
class Planned:
    petition_id: int
    unit_id: int
    unit_code: str
    stages: list[tuple[Stage, ObjectKind, int, int, dict]] = field(default_factory=list)


@dataclass
class BackfillResult:
    matters: int = 0
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Stage.values, 0))


def _petitions(since: dt.date, unit_ids: list[int] | None):
    qs = Petition.objects.filter(received_on__gte=since, national_matter__isnull=True)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs.order_by("pk")


def _chunk(qs, after: int, size: int) -> list[dict]:
    return payload_rows.petition_rows(qs.filter(pk__gt=after)[:size])


def plan(chunk: list[dict]) -> list[Planned]:
    """The records each petition of the chunk (`payload_rows.PETITION_FIELDS` rows) needs,
    with their payloads; a case's stages go with its first petition."""
    case_ids = {p["case_id"] for p in chunk if p["case_id"]}
    first_of_case = dict(
        Petition.objects.filter(case_id__in=case_ids)
        .values("case_id")
        .annotate(first=Min("pk"))
        .values_list("case_id", "first")
    )
    here = {p["pk"] for p in chunk}
    rel = payload_rows.related(chunk, [c for c, first in first_of_case.items() if first in here])
    out = []
    for p in chunk:
        pk, unit_id = p["pk"], p["unit_id"]
        item = Planned(pk, unit_id, p["unit__code"])
        matter = payload_rows.matter_payload(p, rel)
        item.stages.append((Stage.MATTER, ObjectKind.PETITION, pk, unit_id, matter))
        if p["outcome"] and p["decided_on"]:
            processing = payload_rows.processing_payload(p, rel)
            item.stages.append((Stage.PROCESSING, ObjectKind.PETITION, pk, unit_id, processing))
        case = rel.cases.get(p["case_id"]) if p["case_id"] else None
        if case is not None and first_of_case.get(case["pk"]) == pk:
            for stage in payload_rows.case_stages(case):
                payload = payload_rows.CASE_BUILDERS[stage](case, rel)
                item.stages.append((stage, ObjectKind.CASE, case["pk"], case["unit_id"], payload))
        out.append(item)
    return out


def chunks(
    *, since: dt.date, unit_ids: list[int] | None = None, size: int = 2000
) -> Iterator[list[Planned]]:
    qs = _petitions(since, unit_ids)
    after = 0
    while True:
        chunk = _chunk(qs, after, size)
        if not chunk:
            return
        after = chunk[-1]["pk"]
        yield plan(chunk)


@transaction.atomic
def write(planned: list[Planned]) -> int:
    """Create the chunk's matters and records in bulk (COPY on PostgreSQL, no model instance
    per row); returns the records written. The stored JSON is the text the hash is taken of."""
    matter_ids = insert_rows(
        NationalMatter, ("unit_id", "petition_id"), [(p.unit_id, p.petition_id) for p in planned]
    )
    as_text = connections[router.db_for_write(SyncRecord)].vendor == "postgresql"
    rows = []
    for matter_id, item in zip(matter_ids, planned, strict=True):
        for stage, kind, object_id, unit_id, payload in item.stages:
            text = payloads.canonical(payload)
            rows.append(
                (
                    matter_id,
                    unit_id,
                    str(stage),
                    STAGE_ORDER[stage],
                    str(kind),
                    object_id,
                    text if as_text else payload,
                    payloads.text_hash(text),
                )
            )
    insert_rows(SyncRecord, RECORD_COLUMNS, rows)
    return len(rows)


def backfill(
    *,
    since: dt.date,
    unit_ids: list[int] | None = None,
    dry_run: bool = False,
    size: int = 2000,
    on_record: Callable[[Planned, tuple], None] | None = None,
) -> BackfillResult:
    result = BackfillResult()
    for planned in chunks(since=since, unit_ids=unit_ids, size=size):
        result.matters += len(planned)
        for item in planned:
            for entry in item.stages:
                result.records[entry[0]] += 1
                if on_record is not None:
                    on_record(item, entry)
        if not dry_run:
            write(planned)
    return result
