"""Periodic reports not yet submitted: reminders before the deadline, the overdue list.

The deadlines are those of `reports.deadlines` (TT 06/2025/TT-TTCP Điều 7.2.a): a unit has
submitted a period when every form in force for it is locked and sent to the superior (a unit
with no superior: locked). `DUE_SOON_WORKING_DAYS` working days before the deadline the unit's
leaders and administrators get one e-mail; the day after it, one more, and the superior's leaders
get the list of their units still missing. Overlapping runs never mail twice (unique reminder
row). Run daily by the scheduler (`manage.py remind_reports`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.ops.mail import mail_queue
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import rule_for
from tiepdan.reports.constants import SnapshotStatus
from tiepdan.reports.deadlines import Deadline, submission_deadline
from tiepdan.reports.forms_registry import FORM_CODES, form_versions
from tiepdan.reports.models import ReportReminder, ReportSnapshot
from tiepdan.reports.periods import PERIOD_LABELS, STATUTORY_KINDS, Period, statutory_period
from tiepdan.reports.permissions import ReportAction
from tiepdan.workcalendar.selectors import working_day_add

DUE_SOON_WORKING_DAYS = 3
# How far back an unsent report still counts as overdue on the list.
OVERDUE_LOOKBACK_DAYS = 400


@dataclass(frozen=True)
class Missing:
    """One unit's report of one period, not submitted in full."""

    unit: Unit
    period: Period
    deadline: Deadline
    forms: tuple[str, ...]

    def days_overdue(self, today: dt.date) -> int:
        return max(0, -self.deadline.days_left(today))


@dataclass
class ScanResult:
    due_soon: int = 0
    overdue: int = 0
    emails: int = 0
    units: list[str] = field(default_factory=list)


def forms_in_force(on: dt.date) -> tuple[str, ...]:
    """The forms of the contract in force for a period ending `on`."""
    return tuple(code for code in FORM_CODES if any(v.valid_on(on) for v in form_versions(code)))


def _labelled(year: int, kind: str) -> Period:
    period = statutory_period(year, kind)
    label = f"Năm {year}" if kind == "year" else f"{PERIOD_LABELS[kind]} năm {year}"
    return Period(period.start, period.end, kind, label)


def statutory_periods_due(since: dt.date, until: dt.date) -> list[Period]:
    """The statutory periods whose report falls due (for units below the province) between the
    two days."""
    periods = []
    for year in range(since.year - 1, until.year + 1):
        for kind in STATUTORY_KINDS:
            period = _labelled(year, kind)
            deadline = submission_deadline(period, "")
            if deadline is not None and since <= deadline.due_on <= until:
                periods.append(period)
    return periods


def missing_reports(units: list[Unit], periods: list[Period]) -> list[Missing]:
    """Which of `units` have not submitted each of `periods` (one query for the snapshots)."""
    if not units or not periods:
        return []
    locked: set[tuple[int, str, dt.date, dt.date]] = set()
    sent: set[tuple[int, str, dt.date, dt.date]] = set()
    rows = ReportSnapshot.objects.filter(
        unit__in=units,
        period_end__in={p.end for p in periods},
        period_start__in={p.start for p in periods},
    ).values_list("unit_id", "form", "period_start", "period_end", "status")
    for unit_id, form, start, end, status in rows:
        locked.add((unit_id, form, start, end))
        if status == SnapshotStatus.SENT:
            sent.add((unit_id, form, start, end))
    missing = []
    for period in periods:
        forms = forms_in_force(period.end)
        for unit in units:
            deadline = submission_deadline(period, unit.kind)
            if deadline is None:
                continue
            done = sent if unit.parent_id else locked
            lacking = tuple(f for f in forms if (unit.pk, f, period.start, period.end) not in done)
            if lacking:
                missing.append(Missing(unit, period, deadline, lacking))
    return missing


def overdue_in_subtree(unit: Unit, today: dt.date) -> list[Missing]:
    """Reports of `unit` and the units under it past their deadline and not submitted: the
    superior's list. Most overdue first."""
    units = list(
        Unit.objects.filter(path__startswith=unit.path, valid_to__isnull=True).order_by("path")
    )
    periods = statutory_periods_due(today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS), today)
    rows = [m for m in missing_reports(units, periods) if m.deadline.due_on < today]
    return sorted(rows, key=lambda m: (m.deadline.due_on, m.unit.path))


def _recipients(units: list[Unit]) -> list[str]:
    return list(
        User.objects.filter(
            memberships__unit__in=units,
            memberships__role__in=rule_for(ReportAction.SUBMIT).roles,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def _claim(missing: Missing, kind: str) -> bool:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                unit=missing.unit,
                period_start=missing.period.start,
                period_end=missing.period.end,
                kind=kind,
            )
    except IntegrityError:  # sent by this or an overlapping run
        return False
    return True


def _describe(missing: Missing) -> str:
    return _(
        "Báo cáo %(period)s (%(start)s–%(end)s) của %(unit)s gửi %(to)s hạn ngày %(due)s; "
        "còn thiếu biểu %(forms)s. Căn cứ: %(basis)s."
    ) % {
        "period": missing.period.label,
        "start": missing.period.start.strftime("%d/%m/%Y"),
        "end": missing.period.end.strftime("%d/%m/%Y"),
        "unit": missing.unit.name,
        "to": missing.deadline.recipient,
        "due": missing.deadline.due_on.strftime("%d/%m/%Y"),
        "forms": ", ".join(missing.forms),
        "basis": missing.deadline.legal_basis,
    }


def scan(*, on: dt.date | None = None) -> ScanResult:
    """Mail the reminders due today; returns what was sent."""
    today = on or timezone.localdate()
    result = ScanResult()
    soon_until = working_day_add(start=today, days=DUE_SOON_WORKING_DAYS)
    units = list(Unit.objects.filter(valid_to__isnull=True).select_related("parent"))
    # Province deadlines fall a few days after the others: look a little further ahead.
    periods = statutory_periods_due(today - dt.timedelta(days=10), soon_until)
    overdue_by_superior: dict[int, list[Missing]] = {}
    for missing in missing_reports(units, periods):
        due = missing.deadline.due_on
        if today <= due <= soon_until:
            kind = ReportReminder.Kind.DUE_SOON
            subject = _("[TiếpDân] Sắp đến hạn gửi báo cáo %(p)s") % {"p": missing.period.label}
        elif due < today:
            kind = ReportReminder.Kind.OVERDUE
            subject = _("[TiếpDân] Quá hạn gửi báo cáo %(p)s") % {"p": missing.period.label}
        else:
            continue
        if not _claim(missing, kind):
            continue
        recipients = _recipients([missing.unit])
        mail_queue(subject, _describe(missing), recipients)
        result.emails += len(recipients)
        result.units.append(missing.unit.code)
        if kind == ReportReminder.Kind.DUE_SOON:
            result.due_soon += 1
        else:
            result.overdue += 1
            if missing.unit.parent is not None:
                overdue_by_superior.setdefault(missing.unit.parent.pk, []).append(missing)
    for rows in overdue_by_superior.values():
        superior = rows[0].unit.parent
        assert superior is not None  # grouped by their superior above
        recipients = _recipients([superior])
        body = "\n".join(_describe(m) for m in rows)
        mail_queue(
            _("[TiếpDân] %(n)d đơn vị cấp dưới chưa gửi báo cáo đúng hạn") % {"n": len(rows)},
            body,
            recipients,
        )
        result.emails += len(recipients)
    return result
