"""The living demo in the browser: a leader opens the dashboard on the day the demo was loaded
and finds today's visits, clocks due and overdue, open alerts, and the coming Tết plan."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.demo.management.commands.load_demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOW = dt.datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _tile(page, label: str) -> int:
    tile = page.locator(".tile", has_text=label).first
    return int(re.search(r"\d+", tile.inner_text()).group())


def test_the_dashboard_of_the_living_demo_has_today_in_it(page) -> None:
    with time_machine.travel(NOW):
        call_command("load_demo", today=NOW.date(), stdout=io.StringIO())
        login(page, "chutich.bacson", DEMO_PASSWORD)
        page.goto("/monitoring/")
        assert _tile(page, "lượt tiếp") >= 1
        assert _tile(page, "cảnh báo đang xử lý") >= 2
        assert _tile(page, "thời hạn đến hạn") >= 2
        assert _tile(page, "thời hạn đã quá") >= 2
        screenshot(page, "dashboard-living-demo")

        page.goto("/petitions/?view=overdue")
        assert page.locator("main tbody tr").count() >= 2
        page.goto("/monitoring/alerts/")
        assert "Đoàn đông người (14 người)" in page.locator("main").inner_text()
        page.goto("/plans/")
        plans = page.locator("main").inner_text()
        assert "Tết Nguyên đán Đinh Mùi năm 2027" in plans
        screenshot(page, "plans-living-demo")
