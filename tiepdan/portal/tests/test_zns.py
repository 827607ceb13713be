"""Zalo ZNS beside SMS: Zalo first, SMS when Zalo refuses or is off, each message recorded on
its channel; tested against local HTTP servers standing for Zalo and the SMS gateway."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone

from tiepdan.citizens import services as citizen_services
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
from tiepdan.portal import messages
from tiepdan.portal.models import Notification, PublicSubmission
from tiepdan.portal.tests.conftest import CCCD, PHONE
from tiepdan.portal.tests.test_notifications import Gateway

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "received": "231677",
    "processed": "231678",
    "accepted": "231679",
    "transferred": "231680",
    "decision": "231681",
}
SUCCESS = {"error": 0, "message": "Success", "data": {"msg_id": "zalo-msg-1", "sent_time": "1"}}
NO_ZALO = {"error": -118, "message": "Zalo account not existed"}


def token_of(headers: dict) -> str:
    """The `access_token` header (HTTP header names are case-insensitive)."""
    return {k.lower(): v for k, v in headers.items()}["access_token"]


@pytest.fixture
def sms(settings):
    server = Gateway()
    settings.TIEPDAN_SMS_URL = server.url
    yield server
    server.close()


@pytest.fixture
def zalo(settings):
    server = Gateway()
    server.answer = SUCCESS
    settings.TIEPDAN_ZNS_URL = server.url
    settings.TIEPDAN_ZNS_TOKEN = "khoa-oa-zalo"
    settings.TIEPDAN_ZNS_TEMPLATES = TEMPLATES
    settings.TIEPDAN_PHONE_CHANNELS = ["zns", "sms"]
    yield server
    server.close()


@pytest.fixture
def sent(submit, django_capture_on_commit_callbacks):
    """Submit and run what waits for the commit (the messages)."""

    def send(**kw):
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(**kw)
        assert response.status_code == 201, response.content
        return response.json()["tracking_code"]

    return send


def test_zalo_carries_the_message_when_it_accepts_it(sent, zalo, sms):
    code = sent()
    assert len(zalo.received) == 1
    call = zalo.received[0]
    assert set(call) == {"phone", "template_id", "template_data", "tracking_id"}
    assert call["phone"] == "84912345678"
    assert call["template_id"] == "231677"
    assert call["template_data"] == {
        "unit": "Phường Bắc Sơn",
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "code": code,
    }
    assert token_of(zalo.headers[0]) == "khoa-oa-zalo"
    note = Notification.objects.get(channel="zns")
    assert call["tracking_id"] == f"tiepdan-{note.pk}"
    assert (note.event, note.status, note.attempts) == ("received", "sent", 1)
    assert note.provider_ref == "zalo-msg-1"
    assert note.text.startswith("Phường Bắc Sơn đã nhận đơn của Ông/Bà ngày")
    assert PHONE not in note.recipient
    assert sms.received == []  # no fallback needed
    assert not Notification.objects.filter(channel="sms").exists()


def test_a_number_without_zalo_gets_the_sms_at_once(sent, zalo, sms):
    zalo.answer = NO_ZALO  # Zalo refuses with HTTP 200 and an error in the body
    code = sent()
    assert len(zalo.received) == 1  # not retried: the SMS carries it
    failed = Notification.objects.get(channel="zns")
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failed.last_error == "Zalo lỗi -118: Zalo account not existed"
    fallback = Notification.objects.get(channel="sms")
    assert fallback.fallback_of == failed
    assert (fallback.event, fallback.status, fallback.attempts) == ("received", "sent", 1)
    assert len(sms.received) == 1
    assert sms.received[0]["to"] == PHONE
    assert code in sms.received[0]["text"]
    assert sms.received[0]["text"].isascii()
    assert len(sms.received[0]["text"]) <= messages.SMS_LENGTH


def test_zalo_down_or_unreachable_falls_back_to_sms(sent, zalo, sms, settings):
    zalo.status = 503
    sent()
    assert Notification.objects.get(channel="zns").last_error == "HTTP 503"
    settings.TIEPDAN_ZNS_URL = "http://127.0.0.1:9/message/template"
    sent(sender={"full_name": "Lê Thị Hồng", "id_number": "", "phone": "0987654321"})
    assert [m["to"] for m in sms.received] == [PHONE, "0987654321"]
    assert Notification.objects.filter(channel="zns", status="failed").count() == 2
    assert Notification.objects.filter(channel="sms", status="sent").count() == 2


def test_zalo_alone_is_retried_until_it_accepts(sent, zalo, sms, settings):
    settings.TIEPDAN_PHONE_CHANNELS = ["zns"]
    zalo.script = [(200, {"error": -115, "message": "Out of quota"}), (502, {})]
    sent()
    assert len(zalo.received) == 3
    note = Notification.objects.exclude(channel="email").get()
    assert (note.channel, note.status, note.attempts) == ("zns", "sent", 3)
    assert note.last_error == ""
    assert sms.received == []


def test_zalo_alone_failing_for_good_is_recorded(sent, zalo, settings):
    settings.TIEPDAN_PHONE_CHANNELS = ["zns"]
    zalo.answer = NO_ZALO
    sent()
    note = Notification.objects.exclude(channel="email").get()
    assert (note.status, note.attempts) == ("failed", 5)
    assert len(zalo.received) == 5
    assert PublicSubmission.objects.count() == 1


def test_a_step_without_a_zalo_template_goes_by_sms(
    sent, zalo, sms, settings, leader, django_capture_on_commit_callbacks
):
    settings.TIEPDAN_ZNS_TEMPLATES = {"received": "231677"}
    sent()
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.petition_decide(
            petition=Petition.objects.get(),
            actor=leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
    by_event = dict(Notification.objects.exclude(channel="email").values_list("event", "channel"))
    assert by_event == {"received": "zns", "accepted": "sms"}
    assert "thu ly giai quyet" in sms.received[-1]["text"]


def test_sms_only_when_zalo_is_not_configured(sent, sms, settings):
    settings.TIEPDAN_ZNS_URL = ""
    sent()
    assert set(Notification.objects.values_list("channel", flat=True)) == {"sms", "email"}
    assert len(sms.received) == 1


def test_the_token_is_read_from_its_file_at_each_send(sent, zalo, settings, tmp_path):
    token = tmp_path / "zalo-token"
    token.write_text("khoa-thu-nhat\n")
    settings.TIEPDAN_ZNS_TOKEN = ""
    settings.TIEPDAN_ZNS_TOKEN_FILE = str(token)
    sent()
    token.write_text("khoa-da-gia-han\n")
    sent(sender={"full_name": "Lê Thị Hồng", "id_number": "", "phone": "0987654321"})
    assert [token_of(h) for h in zalo.headers] == ["khoa-thu-nhat", "khoa-da-gia-han"]


def test_console_backend_of_the_embedded_default(sent, settings, caplog):
    settings.TIEPDAN_ZNS_URL = "console://"
    with caplog.at_level("INFO", logger="tiepdan.portal.gateway"):
        sent()
    note = Notification.objects.exclude(channel="email").get()
    assert (note.channel, note.status) == ("zns", "sent")
    assert "ZNS to 091…78 (received)" in caplog.text
    assert PHONE not in caplog.text


def test_a_denunciation_gives_zalo_no_identity_and_no_content(
    sent, zalo, leader, django_capture_on_commit_callbacks
):
    sent(petition_type="denunciation", content="Tố cáo ông Lê Văn Tham nhận hối lộ.")
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.petition_decide(
            petition=Petition.objects.get(),
            actor=leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
    assert [c["template_id"] for c in zalo.received] == ["231677", "231679"]
    for call in zalo.received:
        assert call["phone"] == "84912345678"  # the denouncer is still told (Luật TC Art 29)
        words = repr(call["template_data"])
        for secret in ("Nguyễn Văn An", CCCD, PHONE, "Tham", "hối lộ"):
            assert secret not in words
    for note in Notification.objects.all():
        assert "Tham" not in note.text
        assert "Nguyễn" not in note.text


def test_the_phone_given_is_messaged_not_the_registry_one(sent, sms, ward, settings):
    settings.TIEPDAN_ZNS_URL = ""
    # The CCCD's holder is on the registry with their own number; someone else types that
    # CCCD with their number on the form.
    holder = citizen_services.citizen_create(
        unit=ward, actor=None, full_name="Nguyễn Văn An", id_number=CCCD, phone="0911111111"
    )
    sent(sender={"full_name": "Nguyễn Văn An", "id_number": CCCD, "phone": "0987654321"})
    assert Petition.objects.get().senders.get() == holder
    assert [m["to"] for m in sms.received] == ["0987654321"]
    submission = PublicSubmission.objects.get()
    assert b"0987654321" not in bytes(submission.phone_enc)  # encrypted at rest


def test_a_submission_kept_before_the_number_uses_the_sender_only_if_it_matches(
    submit, sms, settings, django_capture_on_commit_callbacks
):
    from tiepdan.portal import notifications

    settings.TIEPDAN_ZNS_URL = ""
    submit()
    submission = PublicSubmission.objects.get()
    PublicSubmission.objects.update(phone_enc=None)
    submission.refresh_from_db()
    assert notifications._phone(submission) == PHONE  # the registry's number is the one given
    Petition.objects.get().senders.update(phone="0911111111")
    assert notifications._phone(submission) == ""  # not the one given: nobody is texted


def test_unknown_phone_channels_stop_the_checks(settings):
    settings.TIEPDAN_PHONE_CHANNELS = ["zalo", "sms"]
    with pytest.raises(SystemCheckError, match=r"tiepdan\.E101"):
        call_command("check")


def test_every_zalo_template_fills_from_the_values_it_is_given():
    long_name = "Ủy ban nhân dân phường Nghĩa Đô, thành phố Hà Nội, Việt Nam " * 3
    values = {
        "unit": long_name,
        "to": long_name,
        "code": "ABCDEFGHJKMN",
        "date": "31/12/2026",
        "outcome": "không thụ lý",
    }
    for event in messages.TEMPLATES:
        assert event in messages.ZNS_TEMPLATES
        data = messages.zns_data(event, values)
        assert {"unit", "code", "date"} <= set(data)
        for name, value in data.items():
            assert len(value) <= messages.ZNS_LIMITS[name], (event, name)
        assert "ABCDEFGHJKMN" in messages.zns_text(event, values)
