"""Messages to citizens at the steps the law has the agency inform them: recorded first, then
sent through the gateway by a background task (retried with backoff by tiepdan.ops.tasks).

Only petitions sent through the public channel with a phone number are texted; the message
names the unit, the tracking code, a date and at most the receiving agency.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.cases import vault
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
    # A denunciation's sender is in the vault from intake (portal.services): read it there.
    people = vault.petition_people(submission.petition)
    return next((p.phone for p in people if p.phone), "")


def _mask(phone: str) -> str:
    return phone[:3] + "*" * max(len(phone) - 5, 0) + phone[-2:]


def notify(submission: PublicSubmission, event: str, **values: str) -> Notification | None:
    """Record the message of `event` for this submission (once) and send it after commit."""
    phone = _phone(submission)
    if not phone:
        return None
    text = messages.render(
        event,
        unit=submission.petition.unit.name,
        code=submission.tracking_code,
        **values,
    )
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                petition=submission.petition,
                event=event,
                recipient=_mask(phone),
                text=text,
            )
    except IntegrityError:  # already recorded for this step
        return None
    enqueue_on_commit(send_notification, notification.pk)
    return notification


def deliver(notification: Notification) -> bool:
    """One attempt; the outcome is recorded on the notification."""
    submission = submission_of(notification.petition)
    phone = _phone(submission) if submission else ""
    notification.attempts += 1
    try:
        if not phone:
            raise GatewayError("không còn số điện thoại người nhận")
        get_gateway().send(phone, notification.text)
    except GatewayError as exc:
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
