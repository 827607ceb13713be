"""Alerts told by e-mail: recorded with the alert, sent after commit through the task queue to a
real SMTP server, one digest per person for a scan's thousands, failures kept and retried."""

import pytest
from django.contrib.admin.sites import site
from django.db import transaction
from django.test import RequestFactory

from tiepdan.monitoring import fanout, services
from tiepdan.monitoring.admin import AlertMailAdmin
from tiepdan.monitoring.models import Alert, AlertMail, AlertMailStatus
from tiepdan.monitoring.services import alerts as alerts_services
from tiepdan.monitoring.tests.conftest import visit
from tiepdan.ops.tests.support import SmtpSink, free_port
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
            "127.0.0.1",
            sink.port,
            5,
        )
        settings.DEFAULT_FROM_EMAIL = "TiepDan <tiepdan@bacson.gov.vn>"
        settings.TIEPDAN_SITE_URL = "https://tiepdan.thanhhoa.gov.vn/"
        yield sink


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2


@pytest.fixture
def leader(leader):
    leader.email = "chutich@bacson.gov.vn"
    leader.save(update_fields=["email"])
    return leader


@pytest.fixture
def police_chief(police):
    chief = org_services.user_create(
        username="truongcongan",
        password="Mat-khau-thu-nghiem-2026",
        full_name="Đinh Công Thành",
        memberships=[(police, Role.LEADER)],
    )
    chief.email = "truongcongan@bacson.gov.vn"
    chief.save(update_fields=["email"])
    return chief


def _by_recipient(sink) -> dict[str, list]:
    out: dict[str, list] = {}
    for message in sink.messages:
        out.setdefault(message["To"], []).append(message)
    return out


def test_a_group_at_the_desk_mails_the_leader_and_the_police_leader_once_each(
    smtp,
    ward,
    police,
    residents,
    receptionist,
    leader,
    police_chief,
    partner,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        visit(ward, receptionist, residents, people_count=12)
    alert = Alert.objects.get()
    got = _by_recipient(smtp)
    assert sorted(got) == ["chutich@bacson.gov.vn", "truongcongan@bacson.gov.vn"]
    message = got["chutich@bacson.gov.vn"][0]
    assert message["Subject"].strip().startswith("[TiếpDân] Khẩn: Đoàn đông người (12 người)")
    assert "tiepdan@bacson.gov.vn" in message["From"]
    body = message.get_content()
    assert alert.summary in body
    assert f"https://tiepdan.thanhhoa.gov.vn/monitoring/alerts/{alert.pk}/" in body
    rows = AlertMail.objects.filter(alert=alert)
    assert {(m.user, m.status, m.attempts) for m in rows} == {
        (leader, AlertMailStatus.SENT, 1),
        (police_chief, AlertMailStatus.SENT, 1),
    }
    assert all(m.sent_at for m in rows)
    # Sending again finds nothing waiting: a second task for the same person sends nothing.
    assert fanout.deliver(leader.pk) == 0
    assert len(smtp.messages) == 2


def test_a_denunciation_group_never_names_a_denouncer(
    smtp, ward, police, residents, receptionist, leader, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        visit(
            ward,
            receptionist,
            residents,
            people_count=12,
            petition_type="denunciation",
            content="Bà Lê Thị Cúc và ông Trần Văn Bình tố cáo cán bộ địa chính phường",
        )
    (message,) = smtp.messages
    text = message["Subject"] + message.get_content() + Alert.objects.get().summary
    for person in residents:
        assert person.full_name not in text
    assert "tố cáo" in text.lower()


def test_a_scan_of_hundreds_sends_one_digest_per_person(
    smtp, ward, police, leader, police_chief, django_capture_on_commit_callbacks
) -> None:
    fresh = [
        alerts_services.NewAlert(
            unit=ward,
            key=f"test:{i}",
            kind="overdue",
            level="critical" if i % 100 == 0 else "warning",
            summary=f"Quá hạn giải quyết vụ việc số {i}",
            subjects=[],
            route_to=[police],
            hotspot_id=None,
            score=40,
            activity_on=None,
            notify=[leader],
        )
        for i in range(300)
    ]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert alerts_services._alerts_raise_many(fresh) == (300, 0)
    got = _by_recipient(smtp)
    assert {k: len(v) for k, v in got.items()} == {
        "chutich@bacson.gov.vn": 1,
        "truongcongan@bacson.gov.vn": 1,
    }
    digest = got["chutich@bacson.gov.vn"][0]
    assert digest["Subject"].strip() == "[TiếpDân] 300 cảnh báo mới (3 khẩn)"
    body = digest.get_content()
    # The urgent first; fifty listed, the rest counted.
    assert body.index("số 200") < body.index("số 299")
    assert body.count("\n- [") == fanout.DIGEST_LISTED
    assert "… và 250 cảnh báo khác." in body
    assert AlertMail.objects.filter(status=AlertMailStatus.SENT).count() == 600


def test_a_rolled_back_raise_mails_nothing(
    smtp, ward, leader, django_capture_on_commit_callbacks
) -> None:
    def raise_then_fail() -> None:
        with transaction.atomic():
            services.alert_raise(unit=ward, kind="overdue", level="warning", summary="Quá hạn")
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        raise_then_fail()
    assert AlertMail.objects.count() == 0
    assert smtp.messages == []


def test_someone_without_an_address_is_recorded_not_mailed(
    smtp, ward, leader, django_capture_on_commit_callbacks
) -> None:
    leader.email = ""
    leader.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_raise(unit=ward, kind="overdue", level="warning", summary="Quá hạn")
    mail = AlertMail.objects.get()
    assert (mail.user, mail.status) == (leader, AlertMailStatus.NO_ADDRESS)
    assert smtp.messages == []


def test_an_unreachable_server_is_retried_recorded_and_resent_by_an_admin(
    smtp_down, settings, ward, leader, superuser, client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        alert = services.alert_raise(
            unit=ward, kind="overdue", level="warning", summary="Quá hạn xác minh"
        )
    mail = AlertMail.objects.get(alert=alert)
    # The immediate backend retries at once: every attempt made and recorded, nothing sent.
    assert mail.status == AlertMailStatus.FAILED
    assert mail.attempts == fanout.MAX_ATTEMPTS
    assert mail.last_error
    assert mail.sent_at is None

    client.force_login(superuser)
    metrics = client.get("/metrics").content.decode()
    assert 'tiepdan_alert_mails{status="failed"} 1.0' in metrics
    page = client.get("/admin/monitoring/alertmail/")
    assert page.status_code == 200
    assert "Quá hạn xác minh" in page.content.decode()

    with SmtpSink() as sink:
        settings.EMAIL_PORT = sink.port
        request = RequestFactory().post("/admin/monitoring/alertmail/")
        request.user = superuser
        request._messages = _Messages()
        with django_capture_on_commit_callbacks(execute=True):
            AlertMailAdmin(AlertMail, site).resend(request, AlertMail.objects.all())
        assert sink.sink.arrived.wait(10)
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == (AlertMailStatus.SENT, 1, "")
    assert sink.messages[0]["To"] == "chutich@bacson.gov.vn"


class _Messages(list):
    def add(self, level, message, extra_tags="") -> None:
        self.append(message)
