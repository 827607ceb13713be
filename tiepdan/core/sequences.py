"""Gapless numbering per unit and year (sổ tiếp công dân, sổ đơn)."""

from django.db import transaction
from django.db.models import F

from tiepdan.core.models import SequenceCounter


def next_number(*, sequence: str, unit_id: int, year: int) -> int:
    """Issue the next number; must run inside the transaction that saves the numbered record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number.")
    SequenceCounter.objects.bulk_create(
        [SequenceCounter(sequence=sequence, unit_id=unit_id, year=year, last=0)],
        ignore_conflicts=True,
    )
    counter = SequenceCounter.objects.filter(sequence=sequence, unit_id=unit_id, year=year)
    counter.update(last=F("last") + 1)
    return counter.values_list("last", flat=True).get()
