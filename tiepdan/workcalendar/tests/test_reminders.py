import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tiepdan.citizens import services as citizen_services
from tiepdan.monitoring.models import Alert
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.workcalendar.models import DeadlineNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(ward: Unit, processor: User):
    processor.email = "xuly@bacson.gov.vn"
    processor.save()
    sender = citizen_services.citizen_create(unit=ward, actor=None, full_name="Lê Thị Bích")
    return petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 1, 20),
        source="post",
        petition_type="complaint",
        domain="other",
        summary="Phản ánh",
        senders=[sender],
        actor=processor,
    )


def test_due_soon_then_missed_each_sent_once(petition) -> None:
    # petition.notify is due on 10/02/2025; two working days before is 06/02.
    call_command("scan_deadlines", "--on", "2025-02-06", stdout=None)
    assert [m.subject for m in mail.outbox] == ["[TiếpDân] Sắp đến hạn: petition.notify"]
    assert mail.outbox[0].to == ["xuly@bacson.gov.vn"]
    call_command("scan_deadlines", "--on", "2025-02-07", stdout=None)
    assert len(mail.outbox) == 1
    call_command("scan_deadlines", "--on", "2025-02-11", stdout=None)
    assert mail.outbox[-1].subject == "[TiếpDân] Quá hạn: petition.notify"
    assert Alert.objects.get().kind == "overdue"
    call_command("scan_deadlines", "--on", "2025-02-12", stdout=None)
    assert len(mail.outbox) == 2
    assert DeadlineNotice.objects.count() == 2


def test_dry_run_sends_nothing(petition) -> None:
    call_command("scan_deadlines", "--on", "2025-02-11", "--dry-run", stdout=None)
    assert mail.outbox == []
    assert not DeadlineNotice.objects.exists()
