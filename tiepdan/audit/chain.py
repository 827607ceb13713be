"""The hash chain that makes the audit trail tamper-evident.

Each row stores the hash of the row before it (`prev_hash`) and its own hash (`row_hash`),
computed over its content and `prev_hash`. Changing, deleting or inserting a row in the middle
breaks the link at that row, which `verify_audit` reports. The chain is global (ordered by id):
writers take a transaction-scoped lock before reading the last hash, so ids and links follow
the same order under concurrency. Truncating the newest rows is not detectable from the chain
alone; `verify_audit` prints the last hash so that it can be recorded elsewhere.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection

GENESIS = "0" * 64

# Any fixed 64-bit number: the key of the PostgreSQL advisory lock held while appending.
ADVISORY_LOCK_KEY = 0x7469657064616E  # "tiepdan"


def row_hash(event: Any, prev_hash: str) -> str:
    """SHA-256 of the event's content and the previous row's hash (canonical JSON)."""
    content = [
        prev_hash,
        event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        event.actor_id,
        event.unit_id,
        event.action,
        event.target_type,
        event.target_id,
        event.data,
    ]
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def lock_chain() -> None:
    """Serialise appenders until the current transaction ends.

    PostgreSQL: an advisory transaction lock. SQLite: transactions are IMMEDIATE (settings),
    so a writer already holds the database's write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


@dataclass(frozen=True)
class Break:
    """The first row whose link does not hold."""

    event_id: int
    reason: str


@dataclass(frozen=True)
class Verification:
    checked: int
    last_hash: str
    broken: Break | None


def verify(events: Any) -> Verification:
    """Walk `events` (ordered by id) and return the first broken link, if any."""
    previous = GENESIS
    checked = 0
    for event in events:
        if event.prev_hash != previous:
            return Verification(checked, previous, Break(event.pk, "prev_hash"))
        if event.row_hash != row_hash(event, previous):
            return Verification(checked, previous, Break(event.pk, "row_hash"))
        previous = event.row_hash
        checked += 1
    return Verification(checked, previous, None)
