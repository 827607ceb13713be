"""Append-only, hash-chained audit trail (see tiepdan.audit.chain)."""

import json
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.audit import chain
from tiepdan.core.events import audit_appended


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")

    def bulk_create(self, *args, **kwargs):
        raise TypeError("Audit events are appended one by one, each linked to the previous.")


class AuditEvent(models.Model):
    """One state change or one reveal of protected data: who, when, where, what, to what."""

    # Set before saving (not auto_now_add) because the row's hash covers it.
    occurred_at = models.DateTimeField(
        _("thời điểm"), default=timezone.now, editable=False, db_index=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=80, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=80)
    target_id = models.CharField(_("mã đối tượng"), max_length=64)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    prev_hash = models.CharField(_("mã băm bản ghi trước"), max_length=64, editable=False)
    row_hash = models.CharField(_("mã băm"), max_length=64, editable=False)
    # The chain the row links into (tiepdan.audit.chain): a unit's id, null for the global one.
    chain = models.BigIntegerField(_("chuỗi"), null=True, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # "history of this record" on a record's page.
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            # The last row of a chain, read by every writer.
            models.Index(fields=["chain", "id"], name="audit_chain_tail"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"
        )

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        # The stored JSON is what verification reads back: hash exactly that.
        self.data = json.loads(json.dumps(self.data))
        # No savepoint of its own: a failed audit row fails the write it records.
        with transaction.atomic(savepoint=False):
            self.chain = chain.lock_chain(self.unit_id)
            self.prev_hash = _tail(self.chain)
            self.row_hash = chain.row_hash(self, self.prev_hash)
            super().save(*args, **kwargs)

    @classmethod
    def append_many(cls, events: list["AuditEvent"]) -> list["AuditEvent"]:
        """Append `events` in their order, each linked to the one before in its chain, in a few
        INSERTs: the chains' locks are held throughout, so their ids follow the list and the
        links hold. On PostgreSQL they all join one chain (the transaction's, or the first
        event's unit's): one lock, whichever units they are of."""
        if not events:
            return events
        with transaction.atomic(savepoint=False):  # a failed audit row fails the write
            # Each event's JSON, written as it is by COPY instead of encoded again.
            texts: list[str] = []
            for event in events:
                if event.pk is not None:
                    raise TypeError("Audit events are append-only.")
                texts.append(chain.stored_json(event.data))
                event.data = json.loads(texts[-1])
            if connection.vendor == "postgresql":
                _link_one_chain(events)
                _write(events, texts)
            else:
                _link(events)
                # The one bulk path allowed (the model's own queryset refuses bulk_create).
                plain: models.QuerySet[Any] = models.QuerySet(model=AuditEvent)
                plain.bulk_create(events, batch_size=1000)
            # What post_save tells of an event saved alone (the national sync's hook).
            audit_appended.send(sender=AuditEvent, events=events)
        return events

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")


def _link(events: list[AuditEvent]) -> None:
    """Each event's chain (its unit's) and links, each chain's lock taken first."""
    tails: dict[int | None, str] = {}
    chains: dict[int | None, int | None] = {}  # unit → the chain its rows join
    for event in events:
        if event.unit_id not in chains:
            chains[event.unit_id] = chain.lock_chain(event.unit_id)
        event.chain = chains[event.unit_id]
        if event.chain not in tails:
            tails[event.chain] = _tail(event.chain)
        event.prev_hash = tails[event.chain]
        event.row_hash = tails[event.chain] = chain.row_hash(event, event.prev_hash)


# The chain's last hash and the new rows' ids, in one round trip. Read after the lock is taken
# (a statement of its own: its snapshot then sees the last row of the previous holder). The
# sequence is named once, not once per id (a scan appends 73,000 events).
_TAIL_AND_IDS_SQL = """
SELECT nextval(seq),
       (SELECT row_hash FROM {table} WHERE {chain} ORDER BY id DESC LIMIT 1)
FROM pg_get_serial_sequence(%(table)s, %(pk)s) AS seq, generate_series(1, %(n)s)
"""


def _link_one_chain(events: list[AuditEvent]) -> None:
    """PostgreSQL: every event joins the chain the transaction holds (else the first event's
    unit's); their ids are reserved in the list's order, under the lock, so they follow the
    links."""
    key = chain.lock_chain(events[0].unit_id)
    table = AuditEvent._meta.db_table
    sql = _TAIL_AND_IDS_SQL.format(
        table=connection.ops.quote_name(table),
        chain="chain IS NULL" if key is None else "chain = %(chain)s",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, {"table": table, "pk": AuditEvent._meta.pk.column, "n": len(events), "chain": key}
        )
        rows = cursor.fetchall()
    tail = rows[0][1] or chain.GENESIS
    for event, (new_id, _tail_hash) in zip(events, rows, strict=True):
        event.pk, event.chain, event.prev_hash = new_id, key, tail
        event.row_hash = tail = chain.row_hash(event, tail)


# The columns written, each read straight from the event (no per-field preparation: a first
# hotspot scan appends 73,000 events).
_COLUMNS = (
    "id",
    "occurred_at",
    "actor_id",
    "unit_id",
    "action",
    "target_type",
    "target_id",
    "data",
    "prev_hash",
    "row_hash",
    "chain",
)


# Up to this many rows are written by one INSERT, beyond by COPY: COPY takes more round trips
# than an INSERT, whose text, the same for the same number of rows, stays prepared on the
# connection (the one or two rows of a desk's write); COPY is far faster for a scan's thousands.
FEW = 16


def _row(e: AuditEvent, text: str) -> tuple:
    return (
        e.pk,
        e.occurred_at,
        e.actor_id,
        e.unit_id,
        e.action,
        e.target_type,
        e.target_id,
        text,
        e.prev_hash,
        e.row_hash,
        e.chain,
    )


def _write(events: list[AuditEvent], texts: list[str]) -> None:
    """Write the events; `texts` holds each one's data as JSON text (the jsonb column parses it
    as it would the driver's encoding of the same value)."""
    meta = AuditEvent._meta
    assert {f.column for f in meta.concrete_fields} == set(_COLUMNS), "a column left out"
    ops = connection.ops
    table = ops.quote_name(meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in _COLUMNS)
    with connection.cursor() as cursor:
        if len(events) <= FEW:
            one = "(" + ", ".join("%s::jsonb" if c == "data" else "%s" for c in _COLUMNS) + ")"
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(events))}",
                [v for e, text in zip(events, texts, strict=True) for v in _row(e, text)],
            )
        else:
            with (
                connection.wrap_database_errors,
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for e, text in zip(events, texts, strict=True):
                    copy.write_row(_row(e, text))
    for event in events:
        event._state.adding = False
        event._state.db = connection.alias


def _tail(key: int | None) -> str:
    """The last hash of a chain (its genesis when empty); call it holding the chain's lock."""
    rows = (
        AuditEvent.objects.filter(chain=key)
        if key is not None
        else AuditEvent.objects.filter(chain__isnull=True)
    )
    return rows.order_by("-id").values_list("row_hash", flat=True).first() or chain.GENESIS
