"""Sending due sync records: one plain function (`sync_due`) that the scheduled command runs
today and the task worker can enqueue tomorrow.

Guarantees:
- per matter, records go in stage order (then revision order): only the earliest unsent record
  of a matter is due, and a later stage waits for the national id of the first;
- two senders never hold the same record: a record is claimed (token + expiry) by a conditional
  UPDATE, after `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; the HTTP call runs outside any
  transaction, so intake and case work never wait on the national database;
- an acknowledged record is `sent` and never due again; every attempt is kept (`SyncAttempt`)
  and a failure leaves the record `failed` with its error, retried after a growing backoff;
- if the data changed while a record was in flight, the record keeps what was sent and the new
  data becomes the next revision;
- the outcomes of a thread's records are written in batches (`outcomes.finish`), always before
  their claims could lapse: a record acknowledged is never claimed again by another sender.
"""

import base64
import datetime as dt
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.cases.models import CaseDocument
from tiepdan.documents.constants import RenderStatus
from tiepdan.natsync import mapping, payloads
from tiepdan.natsync.constants import UNSENT, Stage, Status
from tiepdan.natsync.models import SyncRecord, UnitSyncSetting
from tiepdan.natsync.outcomes import Outcome, finish
from tiepdan.natsync.outcomes import backoff as backoff  # where it was: send.backoff
from tiepdan.natsync.transport import (
    ConfigurationError,
    Transport,
    TransportError,
    transport_from_settings,
)
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.vault import vault

logger = logging.getLogger(__name__)


@dataclass
class PassResult:
    sent: int = 0
    failed: int = 0
    error: str = ""  # why nothing could be sent (unset or refused URL)
    errors: list[str] = field(default_factory=list)


def due_records(*, now: dt.datetime, retry_all: bool = False, started: dt.datetime | None = None):
    """Unsent records whose turn has come: the head of their matter, with the national id when
    they need it, of a unit switched on, not claimed, and past their backoff (or, with
    `retry_all`, any failed one not yet tried since `started`)."""
    earlier = SyncRecord.objects.filter(matter_id=OuterRef("matter_id"), status__in=UNSENT).filter(
        Q(stage_order__lt=OuterRef("stage_order"))
        | Q(stage_order=OuterRef("stage_order"), pk__lt=OuterRef("pk"))
    )
    if retry_all:
        timing = Q(status=Status.PENDING) | Q(status=Status.FAILED, updated_at__lt=started or now)
    else:
        timing = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    disabled = UnitSyncSetting.objects.filter(enabled=False).values("unit_id")
    return (
        SyncRecord.objects.filter(status__in=UNSENT)
        .filter(timing)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .filter(Q(stage=Stage.MATTER, revision=1) | ~Q(matter__national_id=""))
        .exclude(unit_id__in=disabled)
        .exclude(Exists(earlier))
    )


def _claim(qs: QuerySet, *, batch: int, ttl: dt.timedelta) -> list[SyncRecord]:
    token = uuid.uuid4().hex
    now = timezone.now()
    with transaction.atomic():
        # Oldest first by id alone: the order per matter is the due query's own condition, and
        # an order the indexes give lets a backlog of millions stop at the batch (sorting the
        # whole backlog by stage first took seconds a batch).
        candidates = qs.order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True, of=("self",))
        pks = list(candidates.values_list("pk", flat=True)[:batch])
        if not pks:
            return []
        SyncRecord.objects.filter(pk__in=pks, status__in=UNSENT).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        ).update(claim_token=token, claimed_until=now + ttl)
    # By id: the token has no index (a scan of every record per batch).
    return list(
        SyncRecord.objects.filter(pk__in=pks, claim_token=token)
        .select_related("unit", "matter")
        .order_by("stage_order", "pk")
    )


def _renew(record: SyncRecord, ttl: dt.timedelta) -> bool:
    """Extend the claim right before sending: a batch claimed at once is sent one by one, and a
    claim must never lapse while its record is on its way."""
    now = timezone.now()
    if record.claimed_until and record.claimed_until - now > ttl / 2:
        return True  # still far from lapsing: spare a write
    renewed = SyncRecord.objects.filter(
        pk=record.pk, claim_token=record.claim_token, claimed_until__gt=now
    ).update(claimed_until=now + ttl)
    if renewed:
        record.claimed_until = now + ttl
    return bool(renewed)


def _walk_files(value: Any) -> Any:
    """Replace each `{"$file": kind, "id": pk}` by the file's content in base64."""
    if isinstance(value, dict):
        if "$file" in value:
            model = PetitionAttachment if value["$file"] == "petition" else CaseDocument
            item = model.objects.filter(pk=value["id"]).first()
            if item is None:
                raise TransportError(_("Tệp đính kèm #%(n)s không còn.") % {"n": value["id"]})
            if item.status != RenderStatus.READY:
                # Documents are rendered after their step commits: the record waits for the
                # file like any failed attempt (retried with backoff), never sent without it.
                raise TransportError(_("Văn bản «%(t)s» chưa được tạo xong.") % {"t": item.title})
            sealed = vault.sealed_scan(item) if model is PetitionAttachment else None
            if sealed is not None:
                return base64.b64encode(vault.decrypt(sealed.content_enc)).decode()
            try:
                with item.file.open("rb") as fh:
                    return base64.b64encode(fh.read()).decode()
            except OSError as exc:
                raise TransportError(
                    _("Không đọc được tệp đính kèm «%(t)s».") % {"t": item.title}
                ) from exc
        return {k: _walk_files(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk_files(v) for v in value]
    return value


def expand(record: SyncRecord, body: dict[str, Any], *, identity_allowed: bool) -> dict:
    """The translated payload as sent: files inlined; a denunciation's people and scans added
    only where the unit's setting allows it, left out otherwise."""
    if record.stage == Stage.MATTER:
        body = dict(body)
        body["Attachment"] = [
            a for a in body.get("Attachment", []) if identity_allowed or not a.get("GiuBiMat")
        ]
        people = body.get("NguoiKNTC") or {}
        if people.get("GiuBiMat") and identity_allowed:
            petition = Petition.objects.get(pk=record.object_id)
            body["NguoiKNTC"] = {
                **people,
                "DanhSach": [payloads.person(c) for c in vault.petition_people(petition)],
            }
    return _walk_files(body)


def attempt(
    record: SyncRecord, *, transport: Transport, table: mapping.Table, identity_units: set[int]
) -> Outcome:
    """Send one claimed record; what happened, not yet written."""
    token, sent_payload, sent_hash = record.claim_token, record.payload, record.payload_hash
    missing: set[tuple[str, str]] = set()
    body = mapping.translate(record.payload, table, missing)
    if missing:
        error = _("Chưa ánh xạ sang danh mục quốc gia, chưa gửi: %(m)s.") % {
            "m": mapping.describe(missing)
        }
        return Outcome(record, token, ok=False, error=error)
    started = time.monotonic()
    try:
        body = expand(record, body, identity_allowed=record.unit_id in identity_units)
        national_id = transport.send(
            stage=record.stage,
            envelope={
                "stage": record.stage,
                "unit": record.unit.code,
                "local_id": f"{record.object_kind}:{record.object_id}",
                "national_id": record.matter.national_id or None,
                "payload": body,
            },
        )
        if not national_id and not record.matter.national_id:
            raise TransportError(_("Câu trả lời không có mã vụ việc quốc gia (national_id)."))
    except TransportError as exc:
        took = int((time.monotonic() - started) * 1000)
        return Outcome(record, token, ok=False, error=exc.message, took_ms=took)
    except Exception as exc:  # a bug or a vanished row must not lose the record either
        logger.exception("national sync: record %s could not be sent", record.pk)
        error = _("Lỗi hệ thống khi chuẩn bị gửi: %(e)s") % {"e": type(exc).__name__}
        return Outcome(record, token, ok=False, error=error)
    took = int((time.monotonic() - started) * 1000)
    return Outcome(
        record,
        token,
        ok=True,
        national_id=national_id,
        sent_payload=sent_payload,
        sent_hash=sent_hash,
        took_ms=took,
    )


def send_record(
    record: SyncRecord, *, transport: Transport, table: mapping.Table, identity_units: set[int]
) -> bool:
    """One attempt for a claimed record, written at once; True when acknowledged."""
    outcome = attempt(record, transport=transport, table=table, identity_units=identity_units)
    outcome.write()
    return outcome.ok


def _workers() -> int:
    """Senders working side by side in one pass. A claimed batch holds one record per matter,
    so its records are independent; threads have their own connections, which cannot see an
    open transaction's rows, so inside one (tests, a caller's atomic block) and on SQLite, one."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    return max(1, int(getattr(settings, "TIEPDAN_NATIONAL_DB_WORKERS", 4)))


def _in_parallel(work, records: list[SyncRecord], workers: int) -> None:
    if workers == 1:
        work(records)
        return

    def run(share: list[SyncRecord]) -> None:
        try:
            work(share)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=run, args=(records[i::workers],))
        for i in range(min(workers, len(records)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


FLUSH_EVERY = 50  # outcomes written in one transaction


def _lapsing(pending: list[Outcome], margin: dt.timedelta) -> bool:
    """Whether the earliest claim of the outcomes waiting lapses within `margin`."""
    ends = [o.record.claimed_until for o in pending]
    return any(end is None for end in ends) or min(e for e in ends if e) - timezone.now() < margin


@dataclass
class _Sender:
    """Sends a share of a claimed batch and writes the outcomes in batches (`finish`), always
    while their claims still hold: before a send that could outlast the earliest of them, the
    outcomes waiting are written."""

    transport: Transport
    table: mapping.Table
    identity_units: set[int]
    ttl: dt.timedelta
    result: PassResult
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send_share(self, records: list[SyncRecord]) -> None:
        margin = dt.timedelta(seconds=2 * float(getattr(self.transport, "timeout", 10.0)) + 5)
        pending: list[Outcome] = []
        for record in records:
            if pending and (len(pending) >= FLUSH_EVERY or _lapsing(pending, margin)):
                finish(pending)
                pending = []
            if not _renew(record, self.ttl):
                continue  # held so long that the claim lapsed and another sender has it
            outcome = attempt(
                record,
                transport=self.transport,
                table=self.table,
                identity_units=self.identity_units,
            )
            pending.append(outcome)
            with self.lock:
                self.result.sent += outcome.ok
                self.result.failed += not outcome.ok
        finish(pending)


def sync_due(
    *,
    retry_all: bool = False,
    transport: Transport | None = None,
    batch: int = 100,
    record_ids: list[int] | None = None,
) -> PassResult:
    """Push every record that is due once (api-contract.md, `national_sync`)."""
    result = PassResult()
    try:
        transport = transport or transport_from_settings()
    except ConfigurationError as exc:
        result.error = exc.message
        return result
    if transport is None:
        result.error = _("Chưa cấu hình địa chỉ CSDL quốc gia (TIEPDAN_NATIONAL_DB_URL): chờ gửi.")
        return result
    # Long enough for one send (the claim is renewed before each), short enough that a crashed
    # sender's records come back soon.
    timeout = float(getattr(transport, "timeout", 10.0))
    ttl = dt.timedelta(seconds=timeout * 3 + 60)
    table = mapping.mapping_table()
    identity_units = set(
        UnitSyncSetting.objects.filter(send_denouncer_identity=True).values_list(
            "unit_id", flat=True
        )
    )
    started = timezone.now()
    sender = _Sender(transport, table, identity_units, ttl, result)
    workers = _workers()
    try:
        while True:
            qs = due_records(now=timezone.now(), retry_all=retry_all, started=started)
            if record_ids is not None:
                qs = qs.filter(pk__in=record_ids)
            claimed = _claim(qs, batch=batch, ttl=ttl)
            if not claimed:
                break
            _in_parallel(sender.send_share, claimed, workers)
    finally:
        transport.close()
    if result.failed:
        logger.warning("national sync: %d sent, %d failed", result.sent, result.failed)
    return result


def settings_summary() -> dict[str, Any]:
    """What the status page says about the configuration (never the password)."""
    url = getattr(settings, "TIEPDAN_NATIONAL_DB_URL", "")
    error = ""
    try:
        transport_from_settings()
    except ConfigurationError as exc:
        error = exc.message
    return {"url": url, "error": error}
