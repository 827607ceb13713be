"""Messages to citizens: recorded, sent through the gateway (a real local HTTP server here),
retried, and never carrying a denouncer's identity or a denunciation's content."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
from tiepdan.portal import messages
from tiepdan.portal.models import Notification, PublicSubmission
from tiepdan.portal.tests.conftest import CCCD, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Gateway:
    """A local SMS or Zalo gateway: records what it receives, answers with the status and the
    JSON it is told (`script`: the answers to the next requests, in order)."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.headers: list[dict] = []
        self.status = 200
        self.answer: dict = {}
        self.script: list[tuple[int, dict]] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                gateway.received.append(json.loads(self.rfile.read(length)))
                gateway.headers.append(dict(self.headers))
                status, answer = (
                    gateway.script.pop(0) if gateway.script else (gateway.status, gateway.answer)
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(answer).encode())

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    server = Gateway()
    settings.TIEPDAN_SMS_URL = server.url
    settings.TIEPDAN_SMS_TOKEN = "bi-mat-cua-cong-sms"
    yield server
    server.close()


def test_received_message_reaches_the_gateway(submit, gateway):
    code = submit().json()["tracking_code"]
    assert len(gateway.received) == 1
    sms = gateway.received[0]
    assert sms["to"] == PHONE
    assert code in sms["text"]
    assert "Phuong Bac Son da nhan don" in sms["text"]
    assert len(sms["text"]) <= 160
    assert gateway.headers[0]["Authorization"] == "Bearer bi-mat-cua-cong-sms"
    note = Notification.objects.get(channel="sms")
    assert (note.event, note.status, note.attempts) == ("received", "sent", 1)
    assert PHONE not in note.recipient  # the record keeps the number masked


def test_steps_of_the_law_are_texted_once(submit, gateway, leader, police):
    submit()
    petition = Petition.objects.get()
    petition_services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="transfer",
        decided_on=timezone.localdate(),
        to_unit=police,
    )
    petition.refresh_from_db()
    petition.save()  # a later save of the same state texts nobody again
    texts = [m["text"] for m in gateway.received]
    assert len(texts) == 2
    assert "chuyen den Cong an phuong Bac Son" in texts[1]
    sms = Notification.objects.filter(channel="sms").order_by("pk")
    assert list(sms.values_list("event", flat=True)) == [
        "received",
        "transferred",
    ]


def test_acceptance_is_texted(submit, gateway, leader):
    submit()
    petition_services.petition_decide(
        petition=Petition.objects.get(),
        actor=leader,
        outcome="accept",
        decided_on=timezone.localdate(),
    )
    assert "thu ly giai quyet" in gateway.received[-1]["text"]


def test_a_failed_send_is_recorded_and_retried(submit, gateway):
    gateway.status = 503
    submit()
    note = Notification.objects.get(channel="sms")
    assert note.status == "failed"
    assert note.attempts == 5  # the immediate task backend retries at once, up to the limit
    assert note.last_error == "HTTP 503"
    assert len(gateway.received) == 5
    assert PublicSubmission.objects.count() == 1  # the petition itself is received


def test_unreachable_gateway_is_a_failure_not_an_error(submit, settings):
    settings.TIEPDAN_SMS_URL = "http://127.0.0.1:9/sms"
    assert submit().status_code == 201
    assert Notification.objects.get(channel="sms").status == "failed"


def test_denunciation_messages_carry_no_identity_or_content(submit, gateway, leader):
    content = "Tố cáo ông Lê Văn Tham nhận hối lộ khi cấp phép xây dựng."
    submit(petition_type="denunciation", content=content)
    petition_services.petition_decide(
        petition=Petition.objects.get(),
        actor=leader,
        outcome="accept",
        decided_on=timezone.localdate(),
    )
    assert len(gateway.received) == 2
    for sms in gateway.received:
        for secret in ("Nguyen Van An", "Nguyễn Văn An", CCCD, "Tham", "hoi lo", "hối lộ"):
            assert secret not in sms["text"]
    for note in Notification.objects.all():
        assert "An" not in note.text.split()
        assert PHONE not in note.recipient


def test_anonymous_petitions_are_not_texted(submit, gateway):
    submit(anonymous=True, sender=None)
    assert gateway.received == []
    assert not Notification.objects.exists()


def test_console_backend_by_default(submit, settings, caplog):
    settings.TIEPDAN_SMS_URL = ""
    with caplog.at_level("INFO", logger="tiepdan.portal.gateway"):
        submit()
    assert Notification.objects.get(channel="sms").status == "sent"
    assert "SMS to" in caplog.text
    assert PHONE not in caplog.text


def test_every_template_fits_one_sms():
    long_name = "Ủy ban nhân dân phường Nghĩa Đô, thành phố Hà Nội, Việt Nam (trụ sở chính)"
    for event in messages.TEMPLATES:
        text = messages.render(
            event,
            unit=long_name,
            code="ABCDEFGHJKMN",
            date="31/12/2026",
            to=long_name,
            outcome="không thụ lý",
        )
        assert len(text) <= messages.SMS_LENGTH, (event, len(text))
        assert text.isascii(), text


def test_the_decision_is_texted(submit, gateway, leader):
    from tiepdan.cases import rules
    from tiepdan.cases import services as case_services

    submit()
    petition = Petition.objects.get()
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=timezone.localdate()
    )
    petition.refresh_from_db()
    case_services.case_decide(
        case=petition.case,
        on=timezone.localdate(),
        outcome=rules.outcomes_for(petition.case.kind)[0],
        text="Giữ nguyên quyết định.",
        actor=leader,
    )
    assert "ket qua giai quyet" in gateway.received[-1]["text"]
    assert Notification.objects.filter(channel="sms", event="decision", status="sent").count() == 1


def test_every_template_with_its_link_fits_one_sms():
    long_name = "Ủy ban nhân dân phường Nghĩa Đô, thành phố Hà Nội, Việt Nam (trụ sở chính)"
    link = "https://tiepdan.thanhhoa.gov.vn/cong-dan/t/ABCDEFGHJKMN/"
    for event in messages.TEMPLATES:
        text = messages.render(
            event,
            link=link,
            unit=long_name,
            code="ABCDEFGHJKMN",
            date="31/12/2026",
            to=long_name,
            outcome="không thụ lý",
        )
        assert len(text) <= messages.SMS_LENGTH, (event, len(text))
        assert text.endswith(" " + link), (event, text)
        assert text.isascii(), text
    # A link too long to fit is left out whole, never cut.
    too_long = "https://x.vn/" + "a" * 150
    text = messages.render(
        "processed", link=too_long, unit="UBND", code="X", date="1/1", outcome="-"
    )
    assert "https" not in text


def test_the_sms_links_to_the_tracking_page(submit, gateway, settings, client):
    settings.TIEPDAN_PUBLIC_BASE_URL = "https://tiepdan.thanhhoa.gov.vn/"
    response = submit()
    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"]
    text = gateway.received[0]["text"]
    link = f"https://tiepdan.thanhhoa.gov.vn/cong-dan/t/{code}/"
    assert text.endswith(link), text
    assert len(text) <= messages.SMS_LENGTH
    followed = client.get(f"/cong-dan/t/{code.lower()}/")
    assert followed.status_code == 302
    assert followed["Location"] == f"/cong-dan/tra-cuu/?code={code}"
    page = client.get(followed["Location"]).content.decode()
    assert f'value="{code}"' in page
    assert client.get("/cong-dan/t/%3Cb%3E/")["Location"] == "/cong-dan/tra-cuu/?code=B"


@pytest.fixture
def smtp(settings):
    from tiepdan.ops.tests.support import SmtpSink

    with SmtpSink() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server


def test_an_address_given_is_kept_encrypted_and_e_mailed(submit, gateway, smtp, settings, leader):
    from django.db import connection

    settings.TIEPDAN_PUBLIC_BASE_URL = "https://tiepdan.thanhhoa.gov.vn"
    code = submit(petition_type="denunciation").json()["tracking_code"]
    submission = PublicSubmission.objects.get()
    assert bytes(submission.email_enc)
    assert b"an@example.org" not in bytes(submission.email_enc)
    with connection.cursor() as cursor:  # the address is nowhere in plain: not in any task
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            assert "an@example.org" not in repr(cursor.fetchall()), table
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "an@example.org"
    assert code in mail["Subject"]
    body = mail.get_content()
    assert f"https://tiepdan.thanhhoa.gov.vn/cong-dan/t/{code}/" in body
    assert "Nguyen" not in body
    assert CCCD not in body
    note = Notification.objects.get(channel="email")
    assert (note.event, note.status, note.attempts) == ("received", "sent", 1)
    assert note.recipient == "a***@example.org"
    petition_services.petition_decide(
        petition=Petition.objects.get(),
        actor=leader,
        outcome="accept",
        decided_on=timezone.localdate(),
    )
    events = set(Notification.objects.filter(channel="email").values_list("event", flat=True))
    assert events == {"received", "accepted"}
    assert len(smtp.messages) == 2


def test_a_refused_e_mail_is_recorded_failed(submit, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    assert submit().status_code == 201
    note = Notification.objects.get(channel="email")
    assert note.status == "failed"
    assert note.attempts == 5
    assert PublicSubmission.objects.count() == 1


def test_no_address_is_kept_for_an_anonymous_petition(submit, smtp):
    submit(sender=None, anonymous=True)
    assert PublicSubmission.objects.get().email_enc is None
    assert not smtp.messages
