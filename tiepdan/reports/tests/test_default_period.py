"""The report pages open on the quarter an officer is reporting on, not on Q1 of the year."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tiepdan.organizations.models import Unit, User
from tiepdan.reports.periods import default_quarter

D = dt.date


@pytest.mark.parametrize(
    ("today", "label"),
    [
        (D(2026, 12, 4), "Quý IV năm 2026"),  # Q4 in progress (data to 14/12), Q3 long closed
        (D(2026, 12, 20), "Quý IV năm 2026"),  # Q4 just closed: its report is being written
        (D(2027, 1, 10), "Quý IV năm 2026"),
        (D(2027, 1, 20), "Quý I năm 2027"),  # more than a month after: the running quarter
        (D(2026, 7, 1), "Quý II năm 2026"),
        (D(2026, 8, 1), "Quý III năm 2026"),
    ],
)
def test_default_quarter(today: dt.date, label: str) -> None:
    assert default_quarter(today).label == label


@pytest.mark.django_db
def test_the_report_index_opens_on_the_current_quarter(receptionist: User, ward: Unit) -> None:
    client = Client()
    client.force_login(receptionist)
    moment = dt.datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        page = client.get("/reports/").content.decode()
    assert "from=2026-09-15&amp;to=2026-12-14" in page or "from=2026-09-15&to=2026-12-14" in page
    assert '<option value="q4" selected>' in page


@pytest.mark.django_db
def test_a_report_page_has_one_excel_button(leader: User, ward: Unit) -> None:
    """The page's own export and a link to the API used to give the same file twice."""
    client = Client()
    client.force_login(leader)
    page = client.get(f"/reports/01-TCD/?unit={ward.code}&period=q4&year=2025").content.decode()
    assert page.count("(Excel)") == 1
    assert "format=xlsx" not in page
