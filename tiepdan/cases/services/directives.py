"""A superior's directive, or a leader's direction given at a reception session, linked to the
case and tracked to its result (S12)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.cases.models import (
    Case,
    Directive,
)
from tiepdan.cases.services.common import (
    Kind,
    invalid,
    record_event,
)
from tiepdan.core import events
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User


@transaction.atomic
def directive_add(
    *,
    case: Case,
    source: str,
    text: str,
    issued_on: dt.date,
    due_on: dt.date | None,
    actor: User,
    reference: str = "",
    issuer: str = "",
    direction: Any = None,
) -> Directive:
    """Link a superior's directive or a reception direction to the case (S12)."""
    text = nfc(text or "").strip()
    if source not in Directive.Source.values:
        raise invalid("source", _("Nguồn chỉ đạo không hợp lệ."))
    if source == Directive.Source.RECEPTION and direction is None:
        raise invalid("direction", _("Chọn nội dung chỉ đạo tại buổi tiếp."))
    if direction is not None:
        if case.directives.filter(direction=direction).exists():
            raise invalid("direction", _("Nội dung chỉ đạo này đã gắn với vụ việc."))
        text = text or direction.text
        due_on = due_on or direction.due_on
    if not text:
        raise invalid("text", _("Ghi nội dung chỉ đạo."))
    if due_on is None:
        raise invalid("due_on", _("Ghi hạn hoàn thành."))
    if due_on < issued_on:
        raise invalid("due_on", _("Hạn hoàn thành trước ngày chỉ đạo."))
    directive = Directive.objects.create(
        case=case,
        source=source,
        text=text,
        issued_on=issued_on,
        due_on=due_on,
        reference=nfc(reference),
        issuer=nfc(issuer),
        direction=direction,
        created_by=actor,
    )
    record_event(
        case,
        Kind.DIRECTIVE,
        issued_on,
        actor,
        _("Chỉ đạo: %(t)s (hạn %(d)s)") % {"t": text[:200], "d": due_on.strftime("%d/%m/%Y")},
        directive=directive.pk,
    )
    return directive


@transaction.atomic
def directive_done(*, directive: Directive, on: dt.date, result: str, actor: User) -> Directive:
    result = nfc(result or "").strip()
    if directive.done_on:
        raise DomainError(_("Chỉ đạo đã hoàn thành."), code="already_done")
    if not result:
        raise invalid("result", _("Ghi kết quả thực hiện chỉ đạo."))
    if on < directive.issued_on:
        raise invalid("on", _("Ngày hoàn thành trước ngày chỉ đạo."))
    directive.done_on, directive.result = on, result
    directive.save(update_fields=["done_on", "result", "updated_at"])
    if directive.direction is not None:
        # The leader's direction is tracked on the reception side too: the desk closes it.
        events.directive_done.send(
            sender=Directive,
            directive=directive,
            direction=directive.direction,
            result=result,
            actor=actor,
        )
    record_event(
        directive.case,
        Kind.DIRECTIVE_DONE,
        on,
        actor,
        result[:300],
        directive=directive.pk,
        late=on > directive.due_on,
    )
    return directive
