"""Append-only, hash-chained audit trail (see tiepdan.audit.chain)."""

import json
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.audit import chain


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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # "history of this record" on a record's page.
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
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
        with transaction.atomic():
            chain.lock_chain()
            last = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first()
            self.prev_hash = last or chain.GENESIS
            self.row_hash = chain.row_hash(self, self.prev_hash)
            super().save(*args, **kwargs)

    @classmethod
    def append_many(cls, events: list["AuditEvent"]) -> list["AuditEvent"]:
        """Append `events` in their order, each linked to the one before, in a few INSERTs:
        the chain lock is held throughout, so their ids follow the list and the links hold."""
        if not events:
            return events
        with transaction.atomic():
            chain.lock_chain()
            previous = cls.objects.order_by("-id").values_list("row_hash", flat=True).first()
            previous = previous or chain.GENESIS
            for event in events:
                if event.pk is not None:
                    raise TypeError("Audit events are append-only.")
                event.data = json.loads(json.dumps(event.data))
                event.prev_hash = previous
                event.row_hash = previous = chain.row_hash(event, previous)
            # The model's own queryset refuses bulk_create; this is the one path allowed.
            plain: models.QuerySet[Any] = models.QuerySet(model=cls)
            plain.bulk_create(events, batch_size=1000)
        return events

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")
