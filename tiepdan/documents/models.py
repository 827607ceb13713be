"""Templates uploaded by administrators to override the shipped defaults for a unit subtree."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.documents.registry import docx_code_choices


def _upload_to(instance: "DocumentTemplate", filename: str) -> str:
    # Stored under a random name: the original may carry diacritics or collide across units.
    return f"document_templates/{instance.code}/{uuid.uuid4().hex}.docx"


class DocumentTemplate(models.Model):
    """An edited DOCX for form `code`, used from `valid_from` in `unit` and its subtree.

    `unit` NULL means system-wide. When rendering, the nearest unit up the tree wins, then the
    system-wide upload, then the shipped default. Rows are never edited in place: upload a new
    one and deactivate the old one, so the audit trail shows which file produced which document.
    """

    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document_templates",
        help_text=_("Để trống: áp dụng cho toàn hệ thống."),
    )
    code = models.CharField(_("biểu mẫu"), max_length=64, choices=docx_code_choices)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    file = models.FileField(_("tệp DOCX"), upload_to=_upload_to)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["code", "-valid_from", "-created_at"]
        indexes = [
            models.Index(fields=["code", "is_active"], name="documents_tpl_code_active"),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit else "Toàn hệ thống"
        return f"{self.get_code_display()} — {scope} — từ {self.valid_from:%d/%m/%Y}"
