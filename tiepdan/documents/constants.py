"""Audit action codes and the render state of the documents app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TEMPLATE_UPLOADED = "document_template.uploaded"
TEMPLATE_ACTIVATED = "document_template.activated"
TEMPLATE_DEACTIVATED = "document_template.deactivated"


class RenderStatus(models.TextChoices):
    """Where a generated document stands: the step that issues it commits first and the file is
    rendered after, by a task that retries; a failure stays visible until a retry succeeds."""

    PENDING = "pending", _("đang tạo")
    READY = "ready", _("đã tạo")
    FAILED = "failed", _("lỗi khi tạo")
