"""Messages to citizens at the steps the law has the agency inform them: recorded first, then
sent through the gateway by a background task (retried with backoff by tiepdan.ops.tasks).

Only petitions sent through the public channel with a phone number are texted, and e-mailed
when an address was given; the message names the unit, the tracking code, a date, at most the
receiving agency, and the link to the tracking page.
"""

import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.cases import vault
from tiepdan.core.text import nfc
from tiepdan.ops.mail import mail_send
from tiepdan.ops.tasks import enqueue_on_commit, retrying_task
from tiepdan.petitions.models import Petition
from tiepdan.portal import constants, messages
from tiepdan.portal.gateway import GatewayError, get_gateway
from tiepdan.portal.models import Notification, NotificationStatus, PublicSubmission


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
    if submission.petition.anonymous:
        return ""
    # A denunciation's sender is in the vault once sealed: the notice still reaches them
    # (Luật TC Art 29 has the denouncer informed), the number never leaves this function.
    for person in vault.petition_people(submission.petition):
        if person.phone:
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


def _record(
    submission: PublicSubmission, event: str, channel: str, recipient: str, text: str
) -> Notification | None:
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                petition=submission.petition,
                event=event,
                channel=channel,
                recipient=recipient,
                text=text,
            )
    except IntegrityError:  # already recorded for this step
        return None
    enqueue_on_commit(send_notification, notification.pk)
    return notification


def _text(submission: PublicSubmission, event: str, **values: str) -> str:
    return messages.render(
        event,
        unit=submission.petition.unit.name,
        code=submission.tracking_code,
        link=tracking_link(submission.tracking_code),
        **values,
    )


@transaction.atomic
def email_remember(
    submission: PublicSubmission, email: str, **values: str
) -> Notification | None:
    """Keep the address the citizen gave for notices (encrypted) and e-mail the receipt
    (`values` as for the "received" message). Nothing for an anonymous petition."""
    email = nfc(email or "").strip()
    if not email or submission.petition.anonymous:
        return None
    submission.email_enc = vault.encrypt(email)
    submission.save(update_fields=["email_enc", "updated_at"])
    text = _text(submission, "received", **values)
    return _record(submission, "received", "email", _mask_email(email), text)


def tracking_link(code: str) -> str:
    """The short absolute link to the tracking page (TIEPDAN_PUBLIC_BASE_URL, e.g.
    "https://tiepdan.thanhhoa.gov.vn"); empty when the public address is not configured."""
    base = (getattr(settings, "TIEPDAN_PUBLIC_BASE_URL", "") or "").strip().rstrip("/")
    return f"{base}{reverse('portal:short', args=[code])}" if base else ""


def notify(submission: PublicSubmission, event: str, **values: str) -> Notification | None:
    """Record the message of `event` for this submission (once per channel: SMS when a phone
    was given, e-mail when an address was) and send it after commit. Returns the SMS's record,
    else the e-mail's."""
    text = _text(submission, event, **values)
    phone = _phone(submission)
    sms = _record(submission, event, "sms", _mask(phone), text) if phone else None
    email = _email(submission)
    mail = _record(submission, event, "email", _mask_email(email), text) if email else None
    return sms or mail


def deliver(notification: Notification) -> bool:
    """One attempt; the outcome is recorded on the notification."""
    submission = submission_of(notification.petition)
    notification.attempts += 1
    try:
        if notification.channel == "email":
            address = _email(submission) if submission else ""
            if not address:
                raise GatewayError("không còn địa chỉ thư điện tử người nhận")
            subject = messages.email_subject(submission.tracking_code if submission else "")
            mail_send(subject, notification.text, [address])
        else:
            phone = _phone(submission) if submission else ""
            if not phone:
                raise GatewayError("không còn số điện thoại người nhận")
            get_gateway().send(phone, notification.text)
    except (GatewayError, smtplib.SMTPException, OSError) as exc:
        notification.status = NotificationStatus.FAILED
        notification.last_error = str(exc)[:255]
        notification.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        return False
    notification.status = NotificationStatus.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at", "updated_at"])
    audit_services.audit_record(
        action=constants.NOTIFICATION_SENT,
        target=notification,
        unit=notification.petition.unit,
        data={"event": notification.event, "attempts": notification.attempts},
    )
    return True


@retrying_task(attempts=5, base_delay_seconds=60)
def send_notification(notification_id: int) -> None:
    notification = Notification.objects.select_related("petition", "petition__unit").get(
        pk=notification_id
    )
    if notification.status == NotificationStatus.SENT:
        return
    if not deliver(notification):
        raise GatewayError(notification.last_error)
