"""Reminders of legal time limits (S2: deadlines tracked and urged).

A clock due within `DUE_SOON_WORKING_DAYS` working days gets one "due soon" e-mail; a clock past
its due date is marked missed (it stays open for the officer to close) with one e-mail and an
`overdue` alert for the unit and its superiors. Recipients: the record's assignee when it has
one, otherwise the processing officers and leaders of the unit. Run every few minutes by the
scheduler (`manage.py scan_deadlines`); overlapping runs never send twice (unique notice row).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.core import events
from tiepdan.ops.mail import mail_queue
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import User
from tiepdan.workcalendar.models import Clock, DeadlineNotice
from tiepdan.workcalendar.selectors import working_day_add

DUE_SOON_WORKING_DAYS = 2
NOTIFIED_ROLES = (Role.PROCESSOR, Role.RESOLVER, Role.LEADER)


@dataclass
class ScanResult:
    due_soon: int = 0
    missed: int = 0
    emails: int = 0


def _recipients(clock: Clock) -> list[User]:
    target = clock.target
    assignee = getattr(target, "assignee", None)
    if assignee is not None and assignee.email:
        return [assignee]
    return list(
        User.objects.filter(
            memberships__unit=clock.unit, memberships__role__in=NOTIFIED_ROLES, is_active=True
        )
        .exclude(email="")
        .distinct()
    )


def _claim(clock: Clock, kind: str) -> DeadlineNotice | None:
    try:
        with transaction.atomic():
            return DeadlineNotice.objects.create(clock=clock, kind=kind)
    except IntegrityError:  # already sent by this or an overlapping run
        return None


def _describe(clock: Clock) -> str:
    return _("%(rule)s của %(target)s (đơn vị %(unit)s), hạn %(due)s; căn cứ: %(basis)s") % {
        "rule": clock.rule_code,
        "target": clock.target,
        "unit": clock.unit.name,
        "due": clock.due.strftime("%d/%m/%Y"),
        "basis": clock.legal_basis,
    }


def scan(*, on: dt.date | None = None, dry_run: bool = False) -> ScanResult:
    """Send the reminders that are due today; returns what was (or would be) sent."""
    on = on or timezone.localdate()
    result = ScanResult()
    soon_limit = working_day_add(start=on, days=DUE_SOON_WORKING_DAYS)
    due_soon = Clock.objects.filter(
        status=Clock.Status.RUNNING, due__gte=on, due__lte=soon_limit
    ).exclude(notices__kind=DeadlineNotice.Kind.DUE_SOON)
    missed = Clock.objects.filter(status=Clock.Status.RUNNING, due__lt=on).exclude(
        notices__kind=DeadlineNotice.Kind.MISSED
    )
    for kind, queryset in (
        (DeadlineNotice.Kind.DUE_SOON, due_soon),
        (DeadlineNotice.Kind.MISSED, missed),
    ):
        for clock in queryset.select_related("unit", "content_type")[:1000]:
            if dry_run:
                setattr(result, kind, getattr(result, kind) + 1)
                continue
            notice = _claim(clock, kind)
            if notice is None:
                continue
            setattr(result, kind, getattr(result, kind) + 1)
            recipients = [u.email for u in _recipients(clock)]
            subject = (
                _("[TiếpDân] Sắp đến hạn: %(rule)s")
                if kind == "due_soon"
                else _("[TiếpDân] Quá hạn: %(rule)s")
            ) % {"rule": clock.rule_code}
            if recipients:
                mail_queue(subject, _describe(clock), recipients)
                notice.recipients = len(recipients)
                notice.save(update_fields=["recipients"])
                result.emails += len(recipients)
            if kind == DeadlineNotice.Kind.MISSED:
                events.clock_missed.send(sender=Clock, clock=clock, description=_describe(clock))
    return result
