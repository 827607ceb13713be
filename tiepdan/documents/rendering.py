"""Documents rendered after the step that issues them commits.

A step (a case decision, a petition's outcome) checks at once that its document can be made —
the form is in force on the day and the context names everything the form must name — and
writes the document's row as pending; the DOCX is rendered by a retrying task enqueued on
commit. A render that fails leaves the step recorded and the row failed, with its reason,
until an attempt succeeds: the page shows it and the officer may try again.
"""

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Protocol

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError
from tiepdan.documents import required
from tiepdan.documents.constants import RenderStatus
from tiepdan.documents.registry import FormVersion, form_version_for
from tiepdan.documents.services import RenderedDocument

logger = logging.getLogger(__name__)


class RenderedRow(Protocol):
    """A row that holds a rendered document (CaseDocument, PetitionAttachment)."""

    pk: Any
    file: FieldFile
    status: str
    error: str


def form_checked(code: str, on: dt.date, context: Mapping[str, Any]) -> FormVersion:
    """The form version the document will be rendered with; refuses the step now, with the
    officer's words, when the form is not in force or the context lacks what it must name."""
    version = form_version_for(code, on)
    missing = required.missing_fields(code, context)
    if missing:
        raise DomainError(
            _("Chưa lập được «%(t)s»: còn thiếu %(m)s.")
            % {"t": version.title, "m": "; ".join(missing)},
            code="render_failed",
            fields={"document": missing},
        )
    return version


def failure_reason(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return str(exc.message)[:500]
    return _("Lỗi hệ thống khi tạo văn bản.")


def render_into(
    model: type[models.Model], pk: int, render: Callable[[Any], RenderedDocument]
) -> bool:
    """Render the document of row `pk` of `model` (pending or failed) and store its file;
    returns False when another run did it already. A failure marks the row failed and raises,
    so the task retries."""
    row: Any = model._default_manager.filter(pk=pk).exclude(status=RenderStatus.READY).first()
    if row is None:
        return False
    try:
        rendered = render(row)
    except Exception as exc:
        logger.warning("Rendering %s %s failed", model._meta.label, pk, exc_info=True)
        model._default_manager.filter(pk=pk).exclude(status=RenderStatus.READY).update(
            status=RenderStatus.FAILED, error=failure_reason(exc), updated_at=timezone.now()
        )
        raise
    with transaction.atomic():
        row = model._default_manager.select_for_update().get(pk=pk)
        if row.status == RenderStatus.READY:
            return False
        row.file.save(rendered.filename, ContentFile(rendered.content), save=False)
        row.status, row.error = RenderStatus.READY, ""
        row.save(update_fields=["file", "status", "error", "updated_at"])
    return True


def mark_retry(row: RenderedRow) -> None:
    """Put a failed document back in the queue (the caller enqueues the task on commit)."""
    if row.status != RenderStatus.FAILED:
        raise DomainError(_("Văn bản này không ở tình trạng lỗi."), code="not_failed")
    row.status, row.error = RenderStatus.PENDING, ""


# The context of a case document is kept as JSON until it is rendered: dates and amounts are
# tagged so that the template gets back what the step passed.
_DATE, _DECIMAL = "$date", "$decimal"


def to_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dt.datetime):
        raise TypeError("a document context holds dates, not times")
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # lazy translations


def from_json(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_DATE}:
            return dt.date.fromisoformat(value[_DATE])
        if set(value) == {_DECIMAL}:
            return Decimal(value[_DECIMAL])
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value
