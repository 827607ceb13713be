"""Writing audit events. Only services call this, inside their own transaction."""

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from tiepdan.audit.models import AuditEvent

# Keys whose values are personal data: masked in the audit trail (the record itself keeps them).
MASKED_KEYS = frozenset(
    {"id_number", "phone", "address", "full_name", "date_of_birth", "password", "email", "name"}
)


def mask(value: Any) -> str:
    text = str(value or "")
    if len(text) <= 2:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 2) + text[-1]


# Values kept as they are when not under a masked key: checked by exact type first, before the
# general (slower) checks of `_clean`, since a bulk append cleans 73,000 events.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in MASKED_KEYS:
            kind = type(value)
            if kind in _PLAIN_TYPES:
                out[key] = value
                continue
            if kind is list and all(type(v) in _PLAIN_TYPES for v in value):
                out[key] = list(value)
                continue
        if isinstance(value, Mapping):
            out[key] = _clean(value)
        elif key in MASKED_KEYS and value not in (None, ""):
            out[key] = mask(value)
        elif isinstance(value, list | tuple):
            out[key] = [_clean(v) if isinstance(v, Mapping) else _plain(v) for v in value]
        else:
            out[key] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def _target_type(target: models.Model) -> str:
    # The concrete model, so that a row reads the same whichever proxy wrote it.
    model = target._meta.concrete_model or type(target)
    return model._meta.label_lower


def audit_record(
    *,
    action: str,
    target: models.Model,
    actor: Any = None,
    unit: Any = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event; personal-data keys in `data` are masked. Inside `deferred()`
    the event is kept and appended with the others when the block ends."""
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        unit=unit,
        action=action,
        target_type=_target_type(target),
        target_id=str(target.pk),
        data=_clean(data or {}),
    )
    pending = getattr(_deferred, "events", None)
    if pending is not None:
        pending.append(event)
        return event
    event.save()
    return event


_deferred = threading.local()


@contextmanager
def deferred() -> Iterator[None]:
    """Keep the audit events written in the block and append them together when it ends, still
    inside the caller's transaction (enter it inside `transaction.atomic()`). The audit chain is
    locked until the transaction ends: appending last keeps that lock for a moment instead of for
    the whole write, so concurrent writers (e.g. visits at many desks) are not serialised.
    Only around writes whose failures propagate: an event recorded in a savepoint that rolls
    back and whose error is caught inside the block would still be appended."""
    if getattr(_deferred, "events", None) is not None:
        yield  # already deferred by an outer block
        return
    _deferred.events = []
    try:
        yield
        events, _deferred.events = _deferred.events, None
        AuditEvent.append_many(events)
    finally:
        _deferred.events = None


def audit_record_many(entries: Sequence[Mapping[str, Any]]) -> list[AuditEvent]:
    """Append many audit events at once (each entry takes audit_record's keyword arguments):
    the same rows, chained in order, in a few queries."""
    events = []
    for e in entries:
        actor, unit = e.get("actor"), e.get("unit")
        # Every column given, relations by their ids (as `audit_record`'s event, made by
        # keyword with instances): a first hotspot scan appends 73,000 events, and a missing
        # column takes its default and a relation set by instance asks the database router.
        row = {
            "occurred_at": timezone.now(),
            "actor_id": getattr(actor, "pk", None)
            if getattr(actor, "is_authenticated", False)
            else None,
            "unit_id": unit.pk if unit is not None else None,
            "action": e["action"],
            "target_type": _target_type(e["target"]),
            "target_id": str(e["target"].pk),
            "data": _clean(e.get("data") or {}),
            "prev_hash": "",
            "row_hash": "",
            "chain": None,
        }
        events.append(_new_event(row))
    return AuditEvent.append_many(events)


# The attributes of an audit event, in the order of its columns.
_COLUMNS = [f.attname for f in AuditEvent._meta.concrete_fields]


def _new_event(row: dict[str, Any]) -> AuditEvent:
    """A new event of `row`'s values (every column but the id) as `AuditEvent(**row)` makes it,
    without `Model.__init__` setting each field through its descriptor (a first hotspot scan
    appends 73,000), unless an init receiver listens."""
    if pre_init.has_listeners(AuditEvent) or post_init.has_listeners(AuditEvent):
        return AuditEvent(**row)
    event = AuditEvent.__new__(AuditEvent)
    event.__dict__["_state"] = ModelState()
    event.__dict__.update((name, row.get(name)) for name in _COLUMNS)
    return event
