"""Periodic reports not sent in time: reminders before the deadline, mail to the superior, the
overdue list (TT 06/2025/TT-TTCP Điều 7.2.a)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from tiepdan.organizations.models import Unit, User
from tiepdan.reports import submission_watch
from tiepdan.reports.constants import SnapshotStatus
from tiepdan.reports.models import ReportReminder, ReportSnapshot
from tiepdan.reports.periods import statutory_period

TT06_FORMS = ("01-TCD", "02-XLD", "03-GQKN", "04-GQTC", "05-KQTH", "06-QLKNTC")
Q4 = statutory_period(2026, "q4")
YEAR = statutory_period(2026, "year")


@pytest.fixture
def mailboxes(leader: User, unit_admin: User) -> tuple[User, User]:
    """The ward's leader and the province's administrator, with their addresses."""
    leader.email, unit_admin.email = "chutich@phuong.gov.vn", "quantri@tinh.gov.vn"
    leader.save(update_fields=["email"])
    unit_admin.save(update_fields=["email"])
    return leader, unit_admin


def _send_all(unit: Unit, period, user: User, *, status=SnapshotStatus.SENT) -> None:
    for form in TT06_FORMS:
        ReportSnapshot.objects.create(
            form=form, version="TT 06/2025", unit=unit, period_start=period.start,
            period_end=period.end, data={}, data_version={}, computed_at=timezone.now(),
            submitted_by=user, status=status,
            sent_to=unit.parent if status == SnapshotStatus.SENT else None,
        )  # fmt: skip


def test_the_forms_in_force_for_a_tt06_period() -> None:
    assert submission_watch.forms_in_force(YEAR.end) == TT06_FORMS


@pytest.mark.django_db
def test_due_soon_once_then_overdue_with_the_superior_told(
    province: Unit, ward: Unit, mailboxes
) -> None:
    leader, admin = mailboxes
    # 15/12/2026: the ward's Q4 and annual reports are due on 17/12, within 3 working days.
    first = submission_watch.scan(on=dt.date(2026, 12, 15))
    assert first.due_soon == 2
    assert [m.to for m in mail.outbox] == [[leader.email], [leader.email]]
    assert "17/12/2026" in mail.outbox[0].body
    assert "01-TCD" in mail.outbox[0].body
    assert first.units == ["26734", "26734"]
    # A day later the ward is not told again; the province's own deadline (20/12) comes near.
    again = submission_watch.scan(on=dt.date(2026, 12, 16))
    assert again.units == ["38", "38"]
    assert [m.to for m in mail.outbox[2:]] == [[admin.email], [admin.email]]

    # The ward sends its Q4 tables; the annual report stays unsent past the 17th.
    _send_all(ward, Q4, leader)
    mail.outbox.clear()
    late = submission_watch.scan(on=dt.date(2026, 12, 18))
    assert late.overdue == 1
    to_ward, to_superior = mail.outbox[0], mail.outbox[1]
    assert to_ward.to == [leader.email]
    assert "Quá hạn" in to_ward.subject
    assert "Năm 2026" in to_ward.subject
    assert to_superior.to == [admin.email]
    assert "Phường Bắc Sơn" in to_superior.body
    assert "Quý IV" not in to_superior.body
    assert ReportReminder.objects.filter(unit=ward, kind="overdue").count() == 1
    assert submission_watch.scan(on=dt.date(2026, 12, 19)).overdue == 0


@pytest.mark.django_db
def test_the_overdue_list_of_the_superior(province: Unit, ward: Unit, mailboxes) -> None:
    leader, admin = mailboxes
    _send_all(ward, Q4, leader)
    _send_all(ward, YEAR, leader, status=SnapshotStatus.SUBMITTED)  # locked, never sent

    def overdue(unit: Unit) -> set[tuple[str, str]]:
        rows = submission_watch.overdue_in_subtree(unit, dt.date(2026, 12, 22))
        return {(m.unit.code, m.period.kind) for m in rows if m.period.end.year == 2026}

    assert ("26734", "year") in overdue(province)
    assert ("26734", "q4") not in overdue(province)
    assert ("26734", "q3") in overdue(province)  # never submitted at all
    # The province has no superior here: its own locked tables count as submitted.
    assert ("38", "q4") in overdue(province)
    _send_all(province, Q4, admin, status=SnapshotStatus.SUBMITTED)
    assert ("38", "q4") not in overdue(province)
    assert {code for code, _kind in overdue(ward)} == {"26734"}
    ward_rows = submission_watch.overdue_in_subtree(ward, dt.date(2026, 12, 22))
    year_row = next(m for m in ward_rows if m.period.kind == "year" and m.period.end == YEAR.end)
    assert year_row.forms == TT06_FORMS
    assert year_row.days_overdue(dt.date(2026, 12, 22)) == 5


@pytest.mark.django_db
def test_the_overdue_page(client, province: Unit, ward: Unit, mailboxes, time_machine) -> None:
    leader, admin = mailboxes
    time_machine.move_to(dt.datetime(2026, 12, 22, 9, 0, tzinfo=dt.UTC))
    _send_all(ward, Q4, leader)
    client.force_login(admin)
    page = client.get("/reports/overdue/?unit=38")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Phường Bắc Sơn" in body
    assert "Năm 2026" in body
    assert "17/12/2026" in body
    assert "06-QLKNTC" in body
    client.force_login(leader)
    assert client.get("/reports/overdue/?unit=26734").status_code == 200
    assert client.get("/reports/overdue/?unit=38").status_code == 404
