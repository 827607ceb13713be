"""Gapless numbering per unit and year (sổ tiếp công dân, sổ đơn)."""

from django.db import transaction
from django.db.models import F

from tiepdan.core.models import SequenceCounter


def next_number(*, sequence: str, unit_id: int, year: int) -> int:
    """Issue the next number; must run inside the transaction that saves the numbered record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number.")
    connection = transaction.get_connection()
    if connection.features.can_return_columns_from_insert:
        # One round trip once the counter exists (every number but a unit-year's first): the
        # register is written at the desk's pace, and each query waits its turn on a busy host.
        table = connection.ops.quote_name(SequenceCounter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last = last + 1 "
                "WHERE sequence = %s AND unit_id = %s AND year = %s RETURNING last",
                [sequence, unit_id, year],
            )
            row = cursor.fetchone()
        if row is not None:
            return row[0]
    SequenceCounter.objects.bulk_create(
        [SequenceCounter(sequence=sequence, unit_id=unit_id, year=year, last=0)],
        ignore_conflicts=True,
    )
    counter = SequenceCounter.objects.filter(sequence=sequence, unit_id=unit_id, year=year)
    counter.update(last=F("last") + 1)
    return counter.values_list("last", flat=True).get()
