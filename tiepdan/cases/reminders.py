"""Reminders of directives on cases (văn bản chỉ đạo of a superior, directions of a leader's
reception — S12): one e-mail when a directive falls due within `DUE_SOON_WORKING_DAYS` working
days, one when it is overdue, and an `overdue` alert for the unit and its superiors. Each is
claimed on the directive first, so overlapping runs never send twice. Run by the scheduler
(`manage.py scan_directives`).

The message names the case by its number and the directive's text only: a case summary may
concern a denunciation and is left out.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.cases.models import Directive
from tiepdan.core import events
from tiepdan.ops.mail import mail_queue
from tiepdan.organizations.models import User
from tiepdan.workcalendar.reminders import DUE_SOON_WORKING_DAYS, NOTIFIED_ROLES
from tiepdan.workcalendar.selectors import working_day_add

BATCH = 1000


@dataclass
class DirectiveScanResult:
    due_soon: int = 0
    overdue: int = 0
    emails: int = 0


def _recipients(directive: Directive) -> list[str]:
    resolver = directive.case.resolver
    if resolver is not None and resolver.is_active and resolver.email:
        return [resolver.email]
    return list(
        User.objects.filter(
            memberships__unit=directive.case.unit_id,
            memberships__role__in=NOTIFIED_ROLES,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _describe(directive: Directive) -> str:
    return _(
        "%(source)s %(reference)s: %(text)s — vụ việc #%(case)s (đơn vị %(unit)s), hạn %(due)s."
    ) % {
        "source": directive.get_source_display(),
        "reference": directive.reference,
        "text": directive.text[:300],
        "case": directive.case_id,
        "unit": directive.case.unit.name,
        "due": directive.due_on.strftime("%d/%m/%Y"),
    }


def _claim(directive: Directive, field: str, on: dt.date) -> bool:
    return bool(
        Directive.objects.filter(pk=directive.pk, **{f"{field}__isnull": True}).update(
            **{field: on}
        )
    )


def directive_scan(*, on: dt.date | None = None) -> DirectiveScanResult:
    """Send the directive reminders due as of `on` (today)."""
    on = on or timezone.localdate()
    result = DirectiveScanResult()
    open_ = Directive.objects.filter(done_on__isnull=True).select_related(
        "case__unit", "case__resolver"
    )
    soon_limit = working_day_add(start=on, days=DUE_SOON_WORKING_DAYS)
    batches: list[tuple[str, str, QuerySet[Directive]]] = [
        (
            "due_soon",
            "reminded_soon_on",
            open_.filter(due_on__gte=on, due_on__lte=soon_limit, reminded_soon_on__isnull=True),
        ),
        (
            "overdue",
            "reminded_overdue_on",
            open_.filter(due_on__lt=on, reminded_overdue_on__isnull=True),
        ),
    ]
    for kind, field, queryset in batches:
        for directive in queryset.order_by("due_on", "pk")[:BATCH]:
            if not _claim(directive, field, on):
                continue  # sent by an overlapping run
            setattr(result, kind, getattr(result, kind) + 1)
            subject = (
                _("[TiếpDân] Sắp đến hạn thực hiện chỉ đạo, vụ việc #%(n)s")
                if kind == "due_soon"
                else _("[TiếpDân] Quá hạn thực hiện chỉ đạo, vụ việc #%(n)s")
            ) % {"n": directive.case_id}
            recipients = _recipients(directive)
            if recipients:
                mail_queue(subject, _describe(directive), recipients)
                result.emails += len(recipients)
            if kind == "overdue":
                events.directive_overdue.send(
                    sender=Directive,
                    directive=directive,
                    unit=directive.case.unit,
                    description=_describe(directive),
                )
    return result
