"""Retention of personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, in force 01/01/2026).

The periods are data, one rule per kind of record with its legal basis and the dates it is in
force, edited by an administrator: the values seeded by the migration are NOT verified against
the archiving regulations (they are a conservative default, to be checked and configured by the
unit's legal officer before `anonymise_expired` runs in production).
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordKind(models.TextChoices):
    CITIZEN = "citizen", _("Hồ sơ công dân (họ tên, giấy tờ, điện thoại, địa chỉ)")
    VISIT = "visit", _("Nội dung lượt tiếp công dân")
    PETITION = "petition", _("Nội dung tóm tắt của đơn")
    MATTER = "matter", _("Nội dung tóm tắt của vụ việc")
    # The documents the agency issued (case documents, a petition's outcome notice): its own
    # record of its decisions, kept under the archiving rules for a period of their own,
    # which may be longer than the petition's or the matter's (`privacy.erasure`).
    DOCUMENT = "document", _("Văn bản đã ban hành (quyết định, kết luận, thông báo)")


class RetentionRule(models.Model):
    """How long a kind of record keeps its personal data after its last use, in years."""

    kind = models.CharField(_("loại hồ sơ"), max_length=20, choices=RecordKind.choices)
    years = models.PositiveSmallIntegerField(_("thời hạn lưu (năm)"))
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("thời hạn lưu trữ dữ liệu cá nhân")
        verbose_name_plural = _("thời hạn lưu trữ dữ liệu cá nhân")
        ordering = ["kind", "-valid_from"]
        indexes = [models.Index(fields=["kind", "valid_from"], name="privacy_rule_kind_from")]
        constraints = [
            models.CheckConstraint(condition=models.Q(years__gte=1), name="privacy_rule_years"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.years} năm"

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Anonymisation(models.Model):
    """One record whose personal data was removed at the end of its period (so that it is done
    once, and the register shows when and under which rule)."""

    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    object_id = models.PositiveBigIntegerField()
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="+")
    done_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="privacy_anonymised_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"
