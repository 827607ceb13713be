"""The hash chains that make the audit trail tamper-evident.

Each row stores the hash of the row before it in its chain (`prev_hash`) and its own hash
(`row_hash`), computed over its content and `prev_hash`. Changing, deleting or inserting a row
in the middle breaks the link at that row, which `verify_audit` reports.

There is one chain per unit and a global one (`AuditEvent.chain`: the unit's id, or null for
the global chain, which holds the rows without a unit and every row written before the chains
were per unit). A writer takes its chain's transaction-scoped lock before reading the chain's
last hash, so the ids and links of a chain follow the same order under concurrency, while
writers in different units do not wait for each other. On PostgreSQL a transaction holds at
most one chain lock: once it has appended to a chain, every later row of the same transaction
joins that chain (its `chain` says so), so two transactions can never wait for each other's
chains. Truncating the newest rows of a chain is not detectable from the chain alone;
`verify_audit` prints a digest of every chain's last hash so that it can be recorded elsewhere.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from django.db import connection

from tiepdan.core.jsontext import made_once

GENESIS = "0" * 64

# Any fixed 32-bit number: the first key of the PostgreSQL advisory locks of the chains (the
# second is the unit's id, 0 for the global chain).
LOCK_CLASS = 0x61756474  # "audt"
GLOBAL = 0  # the lock key of the global chain

# The chain lock this transaction holds, else the one asked for, taken now (one round trip).
_LOCK_SQL = """
WITH held AS (
    SELECT objid::bigint AS chain FROM pg_locks
    WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
      AND classid = %(cls)s::oid AND objsubid = 2
    LIMIT 1
)
SELECT chain FROM held
UNION ALL
SELECT %(want)s::bigint FROM (SELECT pg_advisory_xact_lock(%(cls)s, %(want)s)) AS taken
WHERE NOT EXISTS (SELECT 1 FROM held)
"""


#: `json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`: what a row's
#: hash is computed over.
canonical_json = made_once(
    json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
)
#: `json.dumps(value, ensure_ascii=False)`: an event's data as COPY writes it (keys unsorted: a
#: key may be a number beside strings, which cannot be sorted before JSON makes it a string).
stored_json = made_once(json.JSONEncoder(ensure_ascii=False))


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
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def lock_chain(unit_id: int | None) -> int | None:
    """Serialise the appenders of a chain until the current transaction ends; returns the
    chain the rows go to (a unit's id, None for the global chain).

    PostgreSQL: an advisory transaction lock per chain; a transaction already holding one keeps
    appending to that chain. SQLite: transactions are IMMEDIATE (settings), so a writer already
    holds the database's write lock, and each row goes to its own unit's chain.
    """
    if connection.vendor != "postgresql":
        return unit_id
    want = unit_id % 2**31 if unit_id else GLOBAL
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL, {"cls": LOCK_CLASS, "want": want})
        held = cursor.fetchone()[0]
    if held == want:
        return unit_id  # the lock of a unit whose id is past 2**31 is shared, its chain not
    return int(held) or None


def chain_of(event: Any) -> int | None:
    return getattr(event, "chain", None)


@dataclass(frozen=True)
class Break:
    """The first row whose link does not hold."""

    event_id: int
    reason: str


@dataclass(frozen=True)
class Verification:
    checked: int
    last_hash: str  # of the last row checked, whatever its chain
    broken: Break | None
    heads: dict[int | None, str] = field(default_factory=dict)  # chain → its last hash

    @property
    def heads_digest(self) -> str:
        """One hash of every chain's last hash: record it to detect a truncation later."""
        text = json.dumps(sorted(self.heads.items(), key=lambda kv: kv[0] or 0))
        return hashlib.sha256(text.encode()).hexdigest()


def verify(events: Iterable[Any]) -> Verification:
    """Walk `events` (ordered by id), each chain from its genesis, and return the first broken
    link, if any."""
    heads: dict[int | None, str] = {}
    last = GENESIS
    checked = 0
    for event in events:
        key = chain_of(event)
        previous = heads.get(key, GENESIS)
        if event.prev_hash != previous:
            return Verification(checked, last, Break(event.pk, "prev_hash"), heads)
        if event.row_hash != row_hash(event, previous):
            return Verification(checked, last, Break(event.pk, "row_hash"), heads)
        heads[key] = last = event.row_hash
        checked += 1
    return Verification(checked, last, None, heads)
