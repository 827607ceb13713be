"""Create a plan, generate its roster, read the roster and the compliance panel in Chromium."""

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.organizations.constants import Role
from tiepdan.plans.tests.conftest import PASSWORD, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_plan_roster_and_compliance(page, ward, leader):
    deputy = make_user("phochutich", ward, Role.LEADER, "Đỗ Thị Lan")
    staff = [
        make_user(f"canbo{i}", ward, Role.RECEPTIONIST, name)
        for i, name in enumerate(["Trần Thị Hoa", "Lê Văn Đức", "Phạm Minh Tuấn"], 1)
    ]
    login(page, "chutich", PASSWORD)

    page.goto("/plans/")
    page.get_by_role("link", name="Lập kế hoạch mới").click()
    page.get_by_label("Trích yếu").fill(
        "Tổ chức tiếp công dân phục vụ Tết Nguyên đán Đinh Mùi năm 2027"
    )
    page.get_by_label("Từ ngày", exact=True).fill("2027-01-25")
    page.get_by_label("Đến ngày", exact=True).fill("2027-02-21")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Trường")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.get_by_text("Đã tạo kế hoạch.").wait_for()
    screenshot(page, "plans-detail")

    page.get_by_role("link", name="Lịch trực", exact=True).click()
    page.get_by_label("Người đứng đầu tiếp công dân định kỳ").select_option(str(leader.pk))
    page.locator(f'input[name="leaders"][value="{deputy.pk}"]').check()
    for user in staff:
        page.locator(f'input[name="officers"][value="{user.pk}"]').check()
    page.get_by_role("button", name="Lập lịch trực").click()
    page.get_by_text("Đã lập lịch trực cho cả kỳ kế hoạch.").wait_for()
    panel = page.locator("#compliance")
    assert "ít nhất 2 ngày trong tháng" in panel.inner_text()
    assert "Chưa đạt" not in panel.inner_text()
    assert page.locator("table.roster tbody tr").count() >= 28
    screenshot(page, "plans-roster")
