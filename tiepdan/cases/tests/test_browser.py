"""The case page through a full first-instance complaint, in Chromium."""

import datetime as dt

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _step(page, name: str, fields: dict[str, str]) -> None:
    box = page.locator(f"#step-{name}")
    box.locator("summary").click()
    for field, value in fields.items():
        box.locator(f"[name='{name}-{field}']").fill(value)
    box.get_by_role("button", name="Ghi").click()
    page.wait_for_load_state()


def test_case_page_full_complaint(page, open_case, leader) -> None:
    case = open_case(received_on=dt.date(2025, 1, 10), accepted_on=dt.date(2025, 1, 16))
    login(page, leader.username, PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    _step(
        page,
        "verify",
        {
            "on": "2025-01-17",
            "team": "Đỗ Thị Thủy, tổ trưởng\nLương Văn Hải",
            "content": "Giá đất bồi thường",
        },
    )
    _step(page, "report", {"on": "2025-01-21", "findings": "Giá đất áp dụng sai vị trí."})
    _step(
        page,
        "decide",
        {"on": "2025-01-24", "number": "25/QĐ-UBND", "text": "Tính lại giá bồi thường đất ở."},
    )
    assert page.get_by_text("Đã giải quyết").first.is_visible()
    assert page.get_by_text("Quyết định giải quyết khiếu nại").first.is_visible()
    _step(page, "send", {"on": "2025-02-04"})
    screenshot(page, "case_detail_complaint")
    assert page.get_by_text("Đã gửi").first.is_visible()
