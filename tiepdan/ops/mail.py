"""Outgoing e-mail through the task queue: a refused or unreachable mail server costs a retry,
never the message. The SMTP server, sender and timeout come from the environment (settings)."""

from django.conf import settings
from django.core.mail import EmailMessage

from tiepdan.ops.tasks import retrying_task


def mail_send(subject: str, body: str, recipients: list[str], from_email: str = "") -> int:
    """Send one message now; raises when the server fails or refuses it. For callers that
    keep their own record and retries (and must not put the address in a queued task)."""
    message = EmailMessage(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, recipients)
    return message.send(fail_silently=False)


@retrying_task(attempts=6, base_delay_seconds=60)
def send_mail_task(subject: str, body: str, recipients: list[str], from_email: str = "") -> int:
    """Send one message; raises (and so is retried) when the server fails or refuses it."""
    return mail_send(subject, body, recipients, from_email)


def mail_queue(subject: str, body: str, recipients: list[str], from_email: str = "") -> None:
    """Send a message with retries. With the database backend the queued task is a row written
    in the caller's transaction, so a rolled-back change sends nothing."""
    if recipients:
        send_mail_task.enqueue(str(subject), str(body), list(recipients), from_email)
