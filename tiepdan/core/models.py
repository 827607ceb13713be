"""Abstract base models shared by the domain apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Creation and modification times, set by the database layer."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class SequenceCounter(models.Model):
    """Last number issued per (sequence, unit, year): register lines, petition numbers.

    Numbers are gapless and unique under concurrency because `core.sequences.next_number`
    increments with an UPDATE inside the caller's transaction: the row lock (PostgreSQL) or the
    write lock (SQLite, IMMEDIATE transactions) serialises writers until the caller commits, and a
    rolled-back caller rolls back its number too.
    """

    sequence = models.CharField(max_length=40)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sequence", "unit", "year"], name="core_sequence_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sequence} {self.unit_id} {self.year}: {self.last}"
