"""E-mail to the people an alert is told to, through the task queue.

Whom: the people the alert names (`notify_users`, the leaders on duty of its unit) and the
leaders on duty of every unit it is routed to (`selectors.leaders_on_duty`), each once.

How: when alerts are raised (`core.events.alerts_raised`, inside the raising transaction) one
`AlertMail` row per person per alert is written with them, so a rolled-back raise mails nothing
and a committed one cannot be forgotten. After commit one task per person sends all of that
person's waiting rows in one message: a single alert as itself, several as a digest, so a scan
that raises thousands of alerts sends one message to each leader, not thousands. A refused or
unreachable mail server marks the rows failed with the error and the task is tried again later
(`ops.tasks.retrying_task`); after the last attempt they stay failed, listed in the admin (which
can send them again) and counted by /metrics.

What: level, kind, unit, time and summary of each alert, and its link when TIEPDAN_SITE_URL is
set; never its subjects. Summaries carry no denouncer's identity: the scan and the desk write
the matter of a denunciation, never the person, and the texts they quote are stored redacted
(`tiepdan.vault`).
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from prometheus_client.core import GaugeMetricFamily

from tiepdan.core import events
from tiepdan.core.db import any_of, insert_rows
from tiepdan.monitoring import selectors
from tiepdan.monitoring.models import LEVEL_RANK, Alert, AlertLevel, AlertMail, AlertMailStatus
from tiepdan.ops.mail import mail_send
from tiepdan.ops.metrics import rows_by_status
from tiepdan.ops.tasks import enqueue_on_commit, retrying_task
from tiepdan.organizations.models import Unit, User

MAX_ATTEMPTS = 5
# A digest lists this many alerts, the most urgent first, and counts the rest.
DIGEST_LISTED = 50

_UNSENT = [AlertMailStatus.PENDING, AlertMailStatus.FAILED]


class AlertMailError(Exception):
    """The mail server refused or could not be reached; the rows are marked failed."""


def recipients(alerts: Iterable[Alert]) -> dict[int, set[int]]:
    """Alert id → ids of the people to tell: those it names and the leaders on duty of the
    units it is routed to."""
    ids = [a.pk for a in alerts]
    told: dict[int, set[int]] = defaultdict(set)
    Notify, Route = Alert.notify_users.through, Alert.routed_to.through
    for alert_id, user_id in Notify.objects.filter(any_of(Notify, "alert", ids)).values_list(
        "alert_id", "user_id"
    ):
        told[alert_id].add(user_id)
    routes = list(
        Route.objects.filter(any_of(Route, "alert", ids)).values_list("alert_id", "unit_id")
    )
    units = Unit.objects.in_bulk({unit_id for _alert, unit_id in routes})
    leaders = selectors.leaders_on_duty_of(units.values(), timezone.localdate())
    for alert_id, unit_id in routes:
        told[alert_id].update(u.pk for u in leaders[unit_id])
    return told


def mails_record(alerts: list[Alert]) -> set[int]:
    """Write who is to be told of `alerts`; returns the ids of the people to mail."""
    told = recipients(alerts)
    people = set().union(*told.values()) if told else set()
    addresses = dict(User.objects.filter(pk__in=people, is_active=True).values_list("pk", "email"))
    rows = [
        (
            alert_id,
            user_id,
            AlertMailStatus.PENDING if addresses[user_id].strip() else AlertMailStatus.NO_ADDRESS,
        )
        for alert_id, users in told.items()
        for user_id in sorted(users)
        if user_id in addresses
    ]
    insert_rows(AlertMail, ["alert_id", "user_id", "status"], rows)  # COPY: a scan's thousands
    return {user_id for _alert, user_id, status in rows if status == AlertMailStatus.PENDING}


def on_alerts_raised(sender: Any, *, alerts: list[Alert], **kwargs: Any) -> None:
    for user_id in sorted(mails_record(alerts)):
        enqueue_on_commit(send_alert_mail, user_id)


def _link(path: str) -> str:
    base = (getattr(settings, "TIEPDAN_SITE_URL", "") or "").strip().rstrip("/")
    return f"{base}{path}" if base else ""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def compose(alerts: list[Alert]) -> tuple[str, str]:
    """Subject and body of the message telling one person of `alerts`."""
    alerts = sorted(alerts, key=lambda a: (-LEVEL_RANK[AlertLevel(a.level)], -a.pk))
    urgent = sum(a.level == AlertLevel.CRITICAL for a in alerts)
    if len(alerts) == 1:
        subject = _("[TiếpDân] %(level)s: %(summary)s") % {
            "level": alerts[0].get_level_display(),
            "summary": _one_line(alerts[0].summary)[:120],
        }
        lines = [_("Hệ thống TiếpDân vừa ghi nhận một cảnh báo đồng chí cần theo dõi:")]
    else:
        subject = _("[TiếpDân] %(n)d cảnh báo mới (%(urgent)d khẩn)") % {
            "n": len(alerts),
            "urgent": urgent,
        }
        lines = [
            _("Hệ thống TiếpDân vừa ghi nhận %(n)d cảnh báo đồng chí cần theo dõi:")
            % {"n": len(alerts)}
        ]
    for alert in alerts[:DIGEST_LISTED]:
        raised = timezone.localtime(alert.created_at)
        lines += [
            "",
            f"- [{alert.get_level_display()}] {alert.get_kind_display()} — {alert.unit.name}, "
            f"{raised:%H:%M %d/%m/%Y}",
            f"  {_one_line(alert.summary)}",
        ]
        if link := _link(alert.get_absolute_url()):
            lines.append(f"  {link}")
    if len(alerts) > DIGEST_LISTED:
        lines += ["", _("… và %(n)d cảnh báo khác.") % {"n": len(alerts) - DIGEST_LISTED}]
    if link := _link(reverse("monitoring:alerts")):
        lines += ["", _("Danh sách cảnh báo: %(link)s") % {"link": link}]
    lines += ["", _("Thư gửi tự động từ hệ thống TiếpDân, xin đừng trả lời thư này.")]
    return subject, "\n".join(lines) + "\n"


def deliver(user_id: int) -> int:
    """One attempt at everything waiting for this person, its outcome recorded on the rows.
    Returns how many alerts the message told; raises AlertMailError when the server failed."""
    error = ""
    with transaction.atomic():
        # Another task for the same person (a second scan) skips the rows this one sends.
        waiting = list(
            AlertMail.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(user_id=user_id, status__in=_UNSENT, attempts__lt=MAX_ATTEMPTS)
            .select_related("alert", "alert__unit")
            .order_by("pk")
        )
        if not waiting:
            return 0
        rows = AlertMail.objects.filter(pk__in=[m.pk for m in waiting])
        user = User.objects.get(pk=user_id)
        address = (user.email or "").strip()
        if not address or not user.is_active:
            rows.update(status=AlertMailStatus.NO_ADDRESS)
            return 0
        subject, body = compose([m.alert for m in waiting])
        try:
            mail_send(subject, body, [address])
        except (smtplib.SMTPException, OSError) as exc:
            error = (str(exc) or type(exc).__name__)[:255]
            rows.update(status=AlertMailStatus.FAILED, attempts=F("attempts") + 1, last_error=error)
        else:
            rows.update(
                status=AlertMailStatus.SENT,
                attempts=F("attempts") + 1,
                last_error="",
                sent_at=timezone.now(),
            )
            return len(waiting)
    raise AlertMailError(error)


@retrying_task(attempts=MAX_ATTEMPTS, base_delay_seconds=60)
def send_alert_mail(user_id: int) -> int:
    return deliver(user_id)


@transaction.atomic
def mails_resend(mails: Iterable[AlertMail]) -> int:
    """Send failed (or address-less) rows again, with fresh attempts: for an administrator
    once the mail server or the person's address is fixed. Returns how many rows."""
    ids = [m.pk for m in mails if m.status != AlertMailStatus.SENT]
    rows = AlertMail.objects.filter(pk__in=ids)
    people = set(rows.values_list("user_id", flat=True))
    count = rows.update(status=AlertMailStatus.PENDING, attempts=0, last_error="")
    for user_id in sorted(people):
        enqueue_on_commit(send_alert_mail, user_id)
    return count


def mail_gauges() -> Iterable[GaugeMetricFamily]:
    yield rows_by_status(
        "tiepdan_alert_mails",
        "Alert e-mails to officers by status",
        AlertMail.objects.all(),
        AlertMailStatus.values,
    )


def connect() -> None:
    events.alerts_raised.connect(on_alerts_raised, dispatch_uid="monitoring_alert_mail")
