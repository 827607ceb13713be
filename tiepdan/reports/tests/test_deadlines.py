"""Submission deadlines of TT 06/2025 Điều 7.2.a and the subordinates' submissions."""

import datetime as dt

import pytest
from django.test import Client

from tiepdan.organizations.models import Unit, User
from tiepdan.reports import deadlines, services, submitted
from tiepdan.reports.periods import Period, statutory_period


@pytest.mark.parametrize(
    ("year", "kind", "unit_kind", "due"),
    [
        (2025, "year", "province", dt.date(2025, 12, 20)),
        (2025, "year", "ward", dt.date(2025, 12, 17)),
        (2026, "q1", "department", dt.date(2026, 3, 17)),
        (2026, "q2", "province", dt.date(2026, 6, 20)),
        (2026, "m9", "commune", dt.date(2026, 9, 17)),
    ],
)
def test_deadline_is_the_17th_or_20th_of_the_last_month(
    year: int, kind: str, unit_kind: str, due: dt.date
) -> None:
    deadline = deadlines.submission_deadline(statutory_period(year, kind), unit_kind)
    assert deadline is not None
    assert deadline.due_on == due
    assert "06/2025" in deadline.legal_basis


def test_no_deadline_before_tt_06_2025_or_for_a_custom_range() -> None:
    assert deadlines.submission_deadline(statutory_period(2025, "q3"), "ward") is None
    assert (
        deadlines.submission_deadline(Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)), "ward")
        is None
    )
    # The same dates as a statutory period, given as a range: still that report.
    q1 = statutory_period(2026, "q1")
    assert deadlines.submission_deadline(Period(q1.start, q1.end), "ward").due_on == dt.date(
        2026, 3, 17
    )


def test_narrative_goes_with_q1_six_nine_months_and_the_year() -> None:
    assert [
        deadlines.needs_narrative(statutory_period(2026, k))
        for k in ("q1", "q2", "q3", "q4", "m6", "m9", "year")
    ] == [True, False, False, False, True, True, True]


@pytest.mark.django_db
def test_the_province_sees_the_deadline_and_who_submitted(
    province: Unit, ward: Unit, unit_admin: User, ward_admin: User
) -> None:
    period = statutory_period(2025, "year")
    services.snapshot_submit(form="01-TCD", unit=ward, period=period, actor=ward_admin)
    rows = {s.unit.code: s.snapshot for s in submitted.submissions("01-TCD", province, period)}
    assert rows[ward.code] is not None
    assert rows[province.code] is None
    client = Client()
    client.force_login(unit_admin)
    body = client.get("/reports/01-TCD/?unit=38&period=year&year=2025").content.decode()
    assert "Hạn gửi báo cáo: 20/12/2025 (gửi Thanh tra Chính phủ)" in body
    assert "Đã chốt, chưa gửi" in body
    assert "Quá hạn, chưa nộp" in body  # the province itself, today being after 20/12/2025


@pytest.mark.django_db
def test_a_tt_06_2025_table_is_frozen_and_shown(province: Unit, unit_admin: User) -> None:
    period = statutory_period(2026, "q1")
    snapshot = services.snapshot_submit(
        form="03-GQKN", unit=province, period=period, actor=unit_admin
    )
    assert snapshot.version == "TT2025_GQKN03"
    assert snapshot.data["legal_basis"] == "Thông tư 06/2025/TT-TTCP"
    assert sorted(snapshot.data["columns"], key=int) == [str(n) for n in range(1, 24)]
    client = Client()
    client.force_login(unit_admin)
    page = client.get(f"/reports/submitted/{snapshot.pk}/")
    assert page.status_code == 200
    assert "03/GQKN" in page.content.decode()
