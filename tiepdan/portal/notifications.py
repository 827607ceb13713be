"""Messages to citizens at the steps the law has the agency inform them: recorded first, then
sent through the gateway by a background task (retried with backoff by tiepdan.ops.tasks).

Only petitions sent through the public channel are messaged: to the phone number given on the
form by the channels of `TIEPDAN_PHONE_CHANNELS` (Zalo ZNS first, SMS when ZNS fails or is off,
by default), and by e-mail when an address was given. A message that fails on a channel with a
fallback is recorded as failed and handed to the next channel at once (a citizen without Zalo
is not kept waiting for retries); on the last channel it is retried with backoff. Each message
on each channel is one record: channel, masked recipient, text, attempts, outcome, the message
it replaces. The message names the unit, the tracking code, a date, at most the receiving
agency and an outcome word, and the link to the tracking page: never a person, never the
content of a petition.
"""

import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.core.text import nfc
from tiepdan.ops.mail import mail_send
from tiepdan.ops.tasks import enqueue_on_commit, retrying_task
from tiepdan.petitions.models import Petition
from tiepdan.portal import constants, messages
from tiepdan.portal.gateway import GatewayError, PhoneMessage, gateway_for, phone_channels
from tiepdan.portal.models import Channel, Notification, NotificationStatus, PublicSubmission
from tiepdan.portal.services import digest
from tiepdan.vault import vault

# Attempts of one message on its last channel (the first included).
MAX_ATTEMPTS = 5


def submission_of(petition: Petition) -> PublicSubmission | None:
    """The public submission a petition comes from, along its transfers (origin chain)."""
    current: Petition | None = petition
    for _step in range(10):
        if current is None:
            return None
        found = PublicSubmission.objects.filter(petition=current).first()
        if found is not None:
            return found
        current = current.origin
    return None


def _phone(submission: PublicSubmission) -> str:
    """The number the citizen gave on the form (never the registry's: the CCCD typed may be
    someone else's). It never leaves this module but to the gateway."""
    if submission.petition.anonymous:
        return ""
    if submission.phone_enc:
        return vault.decrypt(submission.phone_enc).decode()
    # Received before the number was kept with the submission: the sender's number, only if
    # it is the one given (same digest).
    if submission.phone_digest:
        for person in vault.petition_people(submission.petition):
            if person.phone and digest(person.phone) == submission.phone_digest:
                return person.phone
    return ""


def _mask(phone: str) -> str:
    return phone[:3] + "*" * max(len(phone) - 5, 0) + phone[-2:]


def _email(submission: PublicSubmission) -> str:
    if submission.petition.anonymous or not submission.email_enc:
        return ""
    return vault.decrypt(submission.email_enc).decode()


def _mask_email(address: str) -> str:
    local, _at, domain = address.partition("@")
    return (local[:1] + "***@" + domain)[:40]


def _text(channel: str, event: str, values: dict[str, str]) -> str:
    if channel == Channel.ZNS:
        return messages.zns_text(event, values)
    return messages.render(event, link=tracking_link(values.get("code", "")), **values)


def _record(
    submission: PublicSubmission,
    event: str,
    channel: str,
    recipient: str,
    values: dict[str, str],
    fallback_of: Notification | None = None,
) -> Notification | None:
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                petition=submission.petition,
                event=event,
                channel=channel,
                recipient=recipient,
                text=_text(channel, event, values)[:320],
                data=values,
                fallback_of=fallback_of,
            )
    except IntegrityError:  # already recorded for this step
        return None
    enqueue_on_commit(send_notification, notification.pk)
    return notification


def _values(submission: PublicSubmission, **values: str) -> dict[str, str]:
    return {"unit": submission.petition.unit.name, "code": submission.tracking_code, **values}


@transaction.atomic
def email_remember(submission: PublicSubmission, email: str, **values: str) -> Notification | None:
    """Keep the address the citizen gave for notices (encrypted) and e-mail the receipt
    (`values` as for the "received" message). Nothing for an anonymous petition."""
    email = nfc(email or "").strip()
    if not email or submission.petition.anonymous:
        return None
    submission.email_enc = vault.encrypt(email)
    submission.save(update_fields=["email_enc", "updated_at"])
    values = _values(submission, **values)
    return _record(submission, "received", Channel.EMAIL, _mask_email(email), values)


def tracking_link(code: str) -> str:
    """The short absolute link to the tracking page (TIEPDAN_PUBLIC_BASE_URL, e.g.
    "https://tiepdan.thanhhoa.gov.vn"); empty when the public address is not configured."""
    base = (getattr(settings, "TIEPDAN_PUBLIC_BASE_URL", "") or "").strip().rstrip("/")
    return f"{base}{reverse('portal:short', args=[code])}" if base else ""


def notify(submission: PublicSubmission, event: str, **values: str) -> Notification | None:
    """Record the message of `event` for this submission, once per step: to the phone given
    (by the first channel that is on; the others are its fallbacks) and to the e-mail address
    given; sent after commit. Returns the phone message's record, else the e-mail's."""
    data = _values(submission, **values)
    phone = _phone(submission)
    channels = phone_channels(event) if phone else []
    first = _record(submission, event, channels[0], _mask(phone), data) if channels else None
    email = _email(submission)
    mail = _record(submission, event, Channel.EMAIL, _mask_email(email), data) if email else None
    return first or mail


def _send(notification: Notification, submission: PublicSubmission | None) -> str:
    """One attempt on the message's channel; the gateway's id of the message."""
    if notification.channel == Channel.EMAIL:
        address = _email(submission) if submission else ""
        if not address:
            raise GatewayError("không còn địa chỉ thư điện tử người nhận")
        subject = messages.email_subject(submission.tracking_code if submission else "")
        mail_send(subject, notification.text, [address])
        return ""
    phone = _phone(submission) if submission else ""
    if not phone:
        raise GatewayError("không còn số điện thoại người nhận")
    gateway = gateway_for(notification.channel, notification.event)
    if gateway is None:
        raise GatewayError("kênh gửi tin này không còn được cấu hình")
    data = notification.data or {}
    return gateway.send(
        PhoneMessage(
            phone=phone,
            text=notification.text,
            event=notification.event,
            data=messages.zns_data(notification.event, data)
            if notification.channel == Channel.ZNS
            else {},
            reference=f"tiepdan-{notification.pk}",
        )
    )


def _next_channel(notification: Notification) -> str:
    """The channel a failed phone message falls back to ("" for none)."""
    if notification.channel == Channel.EMAIL:
        return ""
    chain = phone_channels(notification.event)
    later = chain[chain.index(notification.channel) + 1 :] if notification.channel in chain else []
    return next((c for c in later if c != notification.channel), "")


def deliver(notification: Notification) -> bool:
    """One attempt; the outcome is recorded on the notification. False when the message is to
    be tried again on its channel; True when sent, or handed to the next channel."""
    submission = submission_of(notification.petition)
    notification.attempts += 1
    try:
        reference = _send(notification, submission)
    except (GatewayError, smtplib.SMTPException, OSError) as exc:
        notification.last_error = str(exc)[:255]
        fallback = _next_channel(notification) if submission is not None else ""
        if fallback:
            notification.status = NotificationStatus.FAILED
        elif notification.attempts < MAX_ATTEMPTS:
            notification.status = NotificationStatus.RETRYING
        else:
            notification.status = NotificationStatus.FAILED
        notification.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        if fallback and submission is not None:
            _record(
                submission,
                notification.event,
                fallback,
                notification.recipient,
                notification.data,
                fallback_of=notification,
            )
            return True
        return False
    notification.status = NotificationStatus.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.provider_ref = reference[:64]
    notification.save(
        update_fields=[
            "status",
            "attempts",
            "last_error",
            "sent_at",
            "provider_ref",
            "updated_at",
        ]
    )
    audit_services.audit_record(
        action=constants.NOTIFICATION_SENT,
        target=notification,
        unit=notification.petition.unit,
        data={
            "event": notification.event,
            "channel": notification.channel,
            "attempts": notification.attempts,
        },
    )
    return True


@retrying_task(attempts=MAX_ATTEMPTS, base_delay_seconds=60)
def send_notification(notification_id: int) -> None:
    notification = Notification.objects.select_related("petition", "petition__unit").get(
        pk=notification_id
    )
    if notification.status == NotificationStatus.SENT:
        return
    if Notification.objects.filter(fallback_of=notification).exists():
        return  # handed to the next channel
    if not deliver(notification):
        raise GatewayError(notification.last_error)
