"""Back-fill: sync records for matters received before the link existed (NĐ 55/2022 Art 8
gave units 12 months to enter their backlog). Idempotent: a petition that already has its
national matter is left alone (the hooks keep it current)."""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Min, Prefetch

from tiepdan.cases.models import Case
from tiepdan.core.db import copy_insert
from tiepdan.natsync import payloads
from tiepdan.natsync.constants import STAGE_ORDER, ObjectKind, Stage
from tiepdan.natsync.models import NationalMatter, SyncRecord
from tiepdan.petitions.models import Petition, Transfer


@dataclass
class Planned:
    petition: Petition
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


def _chunk(qs, after: int, size: int) -> list[Petition]:
    return list(
        qs.filter(pk__gt=after)
        .select_related(
            "unit", "visit", "origin__unit", "proposed_by", "decided_by", "case__previous__unit"
        )
        .prefetch_related(
            "senders",
            "attachments",
            Prefetch("transfers", queryset=Transfer.objects.select_related("to_unit")),
            "visit__attendees",
        )[:size]
    )


def _case_stages(case: Case) -> list[Stage]:
    stages = [Stage.ACCEPTANCE] if case.accepted_on else []
    if case.accepted_on and case.decided_on and case.outcome:
        stages.append(Stage.RESOLUTION)
        if case.executed_on or any(
            getattr(case, f)
            for f in ("money_to_state", "money_returned", "land_to_state", "land_returned")
        ):
            stages.append(Stage.EXECUTION)
    return stages


def plan(chunk: list[Petition]) -> list[Planned]:
    """The records each petition of the chunk needs, with their payloads."""
    payloads.read_senders(chunk)
    case_ids = {p.case_id for p in chunk if p.case_id}
    first_of_case = dict(
        Petition.objects.filter(case_id__in=case_ids)
        .values("case_id")
        .annotate(first=Min("pk"))
        .values_list("case_id", "first")
    )
    cases = {
        c.pk: c
        for c in Case.objects.filter(pk__in=case_ids)
        .select_related("unit", "resolver", "previous__unit")
        .prefetch_related("documents")
    }
    out = []
    for petition in chunk:
        item = Planned(petition)
        item.stages.append(
            (
                Stage.MATTER,
                ObjectKind.PETITION,
                petition.pk,
                petition.unit_id,
                payloads.matter_payload(petition),
            )
        )
        if petition.outcome and petition.decided_on:
            item.stages.append(
                (
                    Stage.PROCESSING,
                    ObjectKind.PETITION,
                    petition.pk,
                    petition.unit_id,
                    payloads.processing_payload(petition),
                )
            )
        case = cases.get(petition.case_id) if petition.case_id else None
        if case is not None and first_of_case.get(case.pk) == petition.pk:
            for stage in _case_stages(case):
                builder = payloads.BUILDERS[stage]
                item.stages.append((stage, ObjectKind.CASE, case.pk, case.unit_id, builder(case)))
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
        after = chunk[-1].pk
        yield plan(chunk)


@transaction.atomic
def write(planned: list[Planned]) -> int:
    """Create the chunk's matters and records in bulk; returns the records written."""
    matters = copy_insert(
        NationalMatter,
        [NationalMatter(unit_id=p.petition.unit_id, petition=p.petition) for p in planned],
    )
    records = [
        SyncRecord(
            matter=matter,
            unit_id=unit_id,
            stage=stage,
            stage_order=STAGE_ORDER[stage],
            object_kind=kind,
            object_id=object_id,
            payload=payload,
            payload_hash=payloads.payload_hash(payload),
        )
        for matter, item in zip(matters, planned, strict=True)
        for stage, kind, object_id, unit_id, payload in item.stages
    ]
    copy_insert(SyncRecord, records)
    return len(records)


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
