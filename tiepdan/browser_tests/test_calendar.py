import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_officer_reads_tet_on_the_calendar_and_computes_a_deadline_across_it(
    page,
    ward: Unit,
    receptionist: User,
) -> None:
    login(page, "tiepdan", PASSWORD)
    page.goto("/calendar/2025/")
    body = page.locator("main").inner_text()
    assert "Tết" in body
    assert "Mùng 1" in body or "mùng 1" in body.lower()
    screenshot(page, "calendar-2025")

    page.goto("/calendar/deadlines/")
    page.get_by_label("Quy tắc thời hạn").select_option("petition.notify")
    page.get_by_label("Ngày bắt đầu (không tính)").fill("2025-01-20")
    page.locator("main form button[type=submit]").first.click()
    result = page.locator("#result")
    result.get_by_text("10/02/2025").first.wait_for()
    assert "Điều 28" in result.inner_text()
    screenshot(page, "deadline-calculator")
