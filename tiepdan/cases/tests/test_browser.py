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


def test_case_page_directions_and_reclassification(page, leader_direction, leader) -> None:
    """A leader's reception direction is linked to the case and completed from its page; the
    case is found complex and its period recomputed; the follow-up list shows what is open."""
    case, _direction = leader_direction
    login(page, leader.username, PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    box = page.locator("#step-direction")
    box.locator("summary").click()
    box.locator("[name='direction-direction']").select_option(
        label="Kiểm tra lại hồ sơ thu hồi đất (hạn 20/03/2025)"
    )
    box.locator("[name='direction-issued_on']").fill("2025-03-07")
    box.get_by_role("button", name="Ghi").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đang thực hiện").first.is_visible()

    page.goto("/cases/directives/")
    assert page.get_by_text("Kiểm tra lại hồ sơ thu hồi đất").first.is_visible()
    screenshot(page, "case_directives")

    page.goto(f"/cases/{case.pk}/")
    box = page.locator("#step-reclassify")
    box.locator("summary").click()
    box.locator("[name='reclassify-complexity']").select_option("complex")
    box.locator("[name='reclassify-on']").fill("2025-03-10")
    box.locator("[name='reclassify-reason']").fill("Nhiều hộ liên quan, phải đo đạc lại")
    box.get_by_role("button", name="Ghi").click()
    page.wait_for_load_state()
    assert page.get_by_text("Xác định lại mức độ phức tạp").first.is_visible()
    box = page.locator("#step-directive-done")
    box.locator("summary").click()
    box.locator("[name='directive-done-directive']").select_option(index=1)
    box.locator("[name='directive-done-on']").fill("2025-03-18")
    box.locator("[name='directive-done-result']").fill("Đã kiểm tra, hồ sơ đầy đủ")
    box.get_by_role("button", name="Ghi").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã kiểm tra, hồ sơ đầy đủ").first.is_visible()
    screenshot(page, "case_detail_directions")
