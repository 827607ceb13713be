"""Writing what the attempts of a pass came to: each attempt kept (`SyncAttempt`), the record
sent or failed with its backoff, the matter named by its first acknowledgement.

A pass writes its outcomes in batches (`finish`): one transaction, a few statements for all the
records whose claim still holds, that were not edited while in flight and were acknowledged (or
failed): the common case. Any other (the claim lapsed and another sender has the record, it was
sent meanwhile, or edited while on its way) is written alone as before (`finish_one`), and so is
the whole batch if its transaction fails.
"""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from tiepdan.natsync import services
from tiepdan.natsync.constants import ObjectKind, Stage, Status
from tiepdan.natsync.models import NationalMatter, SyncAttempt, SyncRecord

logger = logging.getLogger(__name__)

BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(hours=6)


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes after the n-th failure, at most 6 hours."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


def finish_one(
    record: SyncRecord,
    *,
    token: str,
    ok: bool,
    error: str = "",
    national_id: str | None = None,
    sent_payload: dict | None = None,
    sent_hash: str = "",
    took_ms: int = 0,
) -> None:
    with transaction.atomic():
        current = SyncRecord.objects.select_for_update().get(pk=record.pk)
        SyncAttempt.objects.create(record=current, ok=ok, error=error, duration_ms=took_ms)
        current.attempts += 1
        # The claim expired and another sender took the record: an acknowledgement still
        # counts (the national side has it), a failure changes nothing of the other's work.
        lost = current.claim_token != token
        if current.status == Status.SENT or (lost and not ok):
            current.save(update_fields=["attempts"])
            return
        current.claim_token, current.claimed_until = "", None
        if not ok:
            current.status, current.last_error = Status.FAILED, error[:2000]
            current.next_attempt_at = timezone.now() + backoff(current.attempts)
            current.save()
            return
        if national_id and not record.matter.national_id:
            # The first acknowledgement names the matter; a later one never renames it.
            NationalMatter.objects.filter(pk=current.matter_id, national_id="").update(
                national_id=national_id
            )
        matter = NationalMatter.objects.get(pk=current.matter_id)
        newer = None if current.payload_hash == sent_hash else current.payload
        current.payload, current.payload_hash = sent_payload, sent_hash
        current.status, current.last_error, current.next_attempt_at = Status.SENT, "", None
        current.sent_at, current.national_id = timezone.now(), matter.national_id
        current.save()
        if newer is not None:
            # Edited while in flight: what was sent stays sent, the edit is the next revision.
            services.stage_record_for(
                matter=matter,
                stage=Stage(current.stage),
                kind=ObjectKind(current.object_kind),
                object_id=current.object_id,
                unit_id=current.unit_id,
                payload=newer,
            )


@dataclass
class Outcome:
    """One attempt at a claimed record, to be written (`finish`)."""

    record: SyncRecord
    token: str
    ok: bool
    error: str = ""
    national_id: str | None = None
    sent_payload: dict | None = None
    sent_hash: str = ""
    took_ms: int = 0

    def write(self) -> None:
        finish_one(
            self.record,
            token=self.token,
            ok=self.ok,
            error=self.error,
            national_id=self.national_id,
            sent_payload=self.sent_payload,
            sent_hash=self.sent_hash,
            took_ms=self.took_ms,
        )


def _held(outcomes: list[Outcome]) -> tuple[list[Outcome], list[Outcome], list[Outcome]]:
    """Lock the records (in id order) and sort the outcomes: acknowledged and failed ones whose
    claim holds and whose data did not change in flight, and the others. The outcomes keep the
    attempts counted so far (locked: nobody else counts one meanwhile)."""
    rows = {
        row["pk"]: row
        for row in SyncRecord.objects.select_for_update()
        .filter(pk__in=[o.record.pk for o in outcomes])
        .order_by("pk")
        .values("pk", "claim_token", "status", "payload_hash", "attempts")
    }
    sent: list[Outcome] = []
    failed: list[Outcome] = []
    others: list[Outcome] = []
    for o in outcomes:
        row = rows.get(o.record.pk)
        if row is None:
            others.append(o)
            continue
        o.record.attempts = row["attempts"]
        held = row["claim_token"] == o.token and row["status"] != Status.SENT
        if held and o.ok and row["payload_hash"] == o.sent_hash:
            sent.append(o)
        elif held and not o.ok:
            failed.append(o)
        else:
            others.append(o)
    return sent, failed, others


def _mark_sent(outcomes: list[Outcome], now: dt.datetime) -> None:
    """Sent, with the matter's national id; the first acknowledgement names the matter, a
    later one never renames it. Plain SQL (PostgreSQL and SQLite alike): expressions built
    per record cost more than the statements."""
    matter = NationalMatter._meta.db_table
    record = SyncRecord._meta.db_table
    naming = {
        o.record.matter_id: o.national_id
        for o in outcomes
        if o.national_id and not o.record.matter.national_id
    }
    with connection.cursor() as cursor:
        if naming:
            rows = " UNION ALL ".join(["SELECT %s AS id, %s AS nid"] * len(naming))
            cursor.execute(
                f"UPDATE {matter} SET national_id = v.nid FROM ({rows}) AS v "
                f"WHERE {matter}.id = v.id AND {matter}.national_id = ''",
                [x for pair in naming.items() for x in pair],
            )
        pks = [o.record.pk for o in outcomes]
        at = connection.ops.adapt_datetimefield_value(now)
        cursor.execute(
            f"UPDATE {record} SET status = %s, last_error = '', next_attempt_at = NULL, "
            f"claim_token = '', claimed_until = NULL, attempts = attempts + 1, sent_at = %s, "
            f"updated_at = %s, national_id = (SELECT m.national_id FROM {matter} m "
            f"WHERE m.id = {record}.matter_id) WHERE id IN ({', '.join(['%s'] * len(pks))})",
            [str(Status.SENT), at, at, *pks],
        )


def _mark_failed(outcomes: list[Outcome], now: dt.datetime) -> None:
    """Failed, retried after the backoff of its attempts; one statement per error and count."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for o in outcomes:
        groups[o.error[:2000], o.record.attempts].append(o.record.pk)
    for (error, attempts), pks in groups.items():
        SyncRecord.objects.filter(pk__in=pks).update(
            status=Status.FAILED,
            last_error=error,
            next_attempt_at=now + backoff(attempts + 1),
            claim_token="",
            claimed_until=None,
            attempts=F("attempts") + 1,
            updated_at=now,
        )


def _finish_batch(outcomes: list[Outcome]) -> list[Outcome]:
    """Write the common outcomes in bulk; return the others, to be written one by one."""
    sent, failed, others = _held(outcomes)
    now = timezone.now()
    SyncAttempt.objects.bulk_create(
        SyncAttempt(record_id=o.record.pk, ok=o.ok, error=o.error, duration_ms=o.took_ms)
        for o in [*sent, *failed]
    )
    if sent:
        _mark_sent(sent, now)
    if failed:
        _mark_failed(failed, now)
    return others


def finish(outcomes: list[Outcome]) -> None:
    """Write a batch of outcomes (see the module's docstring)."""
    if not outcomes:
        return
    try:
        with transaction.atomic():
            others = _finish_batch(outcomes)
    except DatabaseError:
        logger.exception("national sync: a batch of %d outcomes written one by one", len(outcomes))
        others = outcomes
    for outcome in others:
        outcome.write()
