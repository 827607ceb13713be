import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django_tasks import TaskResultStatus

from tiepdan.ops import health
from tiepdan.ops import mail as ops_mail
from tiepdan.ops.tasks import retry_delay, retrying_task
from tiepdan.ops.tests.support import SmtpSink, free_port

CALLS: list[int] = []


@retrying_task(attempts=3, base_delay_seconds=1)
def flaky(fail_times: int) -> str:
    CALLS.append(1)
    if len(CALLS) <= fail_times:
        raise ConnectionError("mail server unreachable")
    return "sent"


@pytest.fixture(autouse=True)
def _reset() -> None:
    CALLS.clear()


def test_retry_delay_grows_and_is_capped() -> None:
    assert retry_delay(1, base_seconds=30) == dt.timedelta(seconds=30)
    assert retry_delay(2, base_seconds=30) == dt.timedelta(seconds=120)
    assert retry_delay(20, base_seconds=30) == dt.timedelta(hours=6)


def test_failed_attempts_are_recorded_and_retried_until_success() -> None:
    result = flaky.enqueue(2)
    assert result.status == TaskResultStatus.FAILED  # the first attempt, recorded
    assert len(CALLS) == 3  # the immediate backend retried at once, third attempt succeeded


def test_last_attempt_stays_failed() -> None:
    result = flaky.enqueue(10)
    assert result.status == TaskResultStatus.FAILED
    assert len(CALLS) == 3


def test_mail_reaches_a_real_smtp_server(settings) -> None:
    with SmtpSink() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        settings.DEFAULT_FROM_EMAIL = "TiepDan <tiepdan@bacson.gov.vn>"
        ops_mail.mail_queue("[TiếpDân] Quá hạn", "Nội dung nhắc việc", ["xuly@bacson.gov.vn"])
        assert smtp.sink.arrived.wait(10)
    message = smtp.messages[0]
    assert message["Subject"] == "[TiếpDân] Quá hạn"
    assert message["To"] == "xuly@bacson.gov.vn"
    assert "Nội dung nhắc việc" in message.get_content()


def test_unreachable_mail_server_is_retried_then_recorded(settings, caplog) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    result = ops_mail.send_mail_task.enqueue("Chủ đề", "Nội dung", ["a@example.org"], "")
    assert result.status == TaskResultStatus.FAILED
    assert "failed for good after 6 attempts" in caplog.text


def test_no_recipients_sends_nothing() -> None:
    ops_mail.mail_queue("Chủ đề", "Nội dung", [])
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_unreachable_mail_server_shows_in_readiness_and_metrics(settings, client) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    body = client.get("/api/v1/health/ready/").json()
    assert (body["mail"], body["status"], body["database"]) == ("error", "degraded", "ok")
    assert "tiepdan_mail_up 0.0" in client.get("/metrics").content.decode()
    # Still serving; the message waits in the queue as a failed, retried task.
    assert client.get("/api/v1/health/").status_code == 200
    with SmtpSink() as smtp:
        settings.EMAIL_PORT = smtp.port
        body = client.get("/api/v1/health/ready/").json()
        assert (body["mail"], body["status"]) == ("ok", "ok")
        assert "tiepdan_mail_up 1.0" in client.get("/metrics").content.decode()


@pytest.mark.django_db
def test_the_mail_server_is_asked_at_most_every_thirty_seconds(settings, client) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with SmtpSink() as smtp:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        assert health.mail_state() == "ok"
    assert health.mail_state() == "ok"  # the server is gone, the answer is kept a while
    cache.clear()
    assert health.mail_state() == "error"
