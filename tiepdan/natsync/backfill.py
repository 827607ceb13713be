"""Back-fill: sync records for matters received before the link existed (NĐ 55/2022 Art 8
gave units 12 months to enter their backlog). Idempotent: a petition that already has its
national matter is left alone (the hooks keep it current)."""

import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, connections, router, transaction
from django.db.models import Max, Min

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
    # CPU seconds of the parallel workers and of their PostgreSQL backends (`jobs` > 1; the
    # benchmark reports them).
    workers_cpu: float = 0.0
    backends_cpu: float = 0.0

    def add(self, other: "BackfillResult") -> None:
        self.matters += other.matters
        for stage, n in other.records.items():
            self.records[stage] += n
        self.workers_cpu += other.workers_cpu
        self.backends_cpu += other.backends_cpu


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
    *,
    since: dt.date,
    unit_ids: list[int] | None = None,
    size: int = 2000,
    after: int = 0,
    upto: int | None = None,
) -> Iterator[list[Planned]]:
    """The planned chunks of the petitions to back-fill (with ids in (`after`, `upto`])."""
    qs = _petitions(since, unit_ids)
    if upto is not None:
        qs = qs.filter(pk__lte=upto)
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


def _ranges(since: dt.date, unit_ids: list[int] | None, jobs: int) -> list[tuple[int, int]]:
    """The petitions' ids cut in `jobs` ranges (after, upto] of about the same width."""
    bounds = _petitions(since, unit_ids).aggregate(lo=Min("pk"), hi=Max("pk"))
    if bounds["lo"] is None:
        return []
    lo, hi = bounds["lo"] - 1, bounds["hi"]
    step = -(-(hi - lo) // jobs)
    return [(start, min(start + step, hi)) for start in range(lo, hi, step)]


# Database connections a forked worker found open (the parent's, e.g. another thread's): kept
# referenced and never used, since closing one would end the parent's session on the server.
_INHERITED: list = []


def _fresh_connections() -> None:
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _INHERITED.append(conn.connection)
            conn.connection = None


def _backfill_range(args: tuple) -> BackfillResult:
    """One worker's range (a forked process with its own connection)."""
    from tiepdan.ops.bench import CpuClock

    since, unit_ids, size, after, upto = args
    _fresh_connections()
    try:
        clock = CpuClock()
        own, db = clock.read()
        result = backfill(since=since, unit_ids=unit_ids, size=size, after=after, upto=upto)
        own_end, db_end = clock.read()
        result.workers_cpu, result.backends_cpu = own_end - own, db_end - db
        return result
    finally:
        connections.close_all()


def _parallel(since: dt.date, unit_ids: list[int] | None, size: int, jobs: int):
    """Back-fill in `jobs` processes, each its own range of petitions (disjoint: no two
    write the same matter) and its own chunks and transactions."""
    ranges = _ranges(since, unit_ids, jobs)
    connections.close_all()  # a forked worker must not share the parent's connection
    result = BackfillResult()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(ranges) or 1, mp_context=context) as pool:
        work = [(since, unit_ids, size, after, upto) for after, upto in ranges]
        for part in pool.map(_backfill_range, work):
            result.add(part)
    return result


def backfill(
    *,
    since: dt.date,
    unit_ids: list[int] | None = None,
    dry_run: bool = False,
    size: int = 2000,
    on_record: Callable[[Planned, tuple], None] | None = None,
    jobs: int = 1,
    after: int = 0,
    upto: int | None = None,
) -> BackfillResult:
    """Write the records of the petitions received since `since` that have none; `jobs`
    processes side by side on PostgreSQL outside a transaction (one otherwise)."""
    parallel = jobs > 1 and not dry_run and on_record is None
    if parallel and connection.vendor == "postgresql" and not connection.in_atomic_block:
        return _parallel(since, unit_ids, size, jobs)
    result = BackfillResult()
    for planned in chunks(since=since, unit_ids=unit_ids, size=size, after=after, upto=upto):
        result.matters += len(planned)
        for item in planned:
            for entry in item.stages:
                result.records[entry[0]] += 1
                if on_record is not None:
                    on_record(item, entry)
        if not dry_run:
            write(planned)
    return result
