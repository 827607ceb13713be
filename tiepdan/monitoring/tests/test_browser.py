"""The dashboard and an alert's life cycle in Chromium (screenshots under artifacts/)."""

import datetime as dt

import pytest
from django.utils import timezone

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.monitoring import services
from tiepdan.monitoring.models import Alert, AlertAction
from tiepdan.monitoring.tests.conftest import VN, at, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_dashboard_and_alert_life_cycle(
    page,
    province,
    ward,
    police,
    leader,
    processor,
    receptionist,
    residents,
    clearance,
    time_machine,
) -> None:
    today = timezone.localdate()
    # Mid-afternoon in Vietnam, so that the visits of the day (10:00) are not in the future
    # whatever hour the suite runs at.
    time_machine.move_to(dt.datetime.combine(today, dt.time(14, 0), tzinfo=VN), tick=True)
    for i, person in enumerate(residents[:7]):
        visit(
            ward,
            receptionist,
            [person],
            subject=clearance,
            received_at=at(today - dt.timedelta(days=i % 6)),
        )
    visit(ward, receptionist, residents, people_count=12, received_at=at(today, 10))
    services.hotspot_scan(root=province, today=today)
    hotspot_alert = Alert.objects.get(kind="hotspot")

    login(page, "chutich", PASSWORD)
    page.goto("/monitoring/")
    page.locator("h1", has_text="Giám sát tình hình").wait_for()
    table = page.locator("#hotspot-table")
    assert "Khu phố 3" in table.inner_text()
    assert "Bồi thường, giải phóng mặt bằng" in table.inner_text()
    assert page.locator("svg.chart").count() == 2
    assert page.locator("#place-grid td.heat4").count() >= 1
    screenshot(page, "monitoring-dashboard")

    page.get_by_role("link", name="Cảnh báo", exact=True).click()
    page.locator("#alert-table").wait_for()
    screenshot(page, "monitoring-alerts")
    page.locator("#alert-table a", has_text="Bồi thường, giải phóng mặt bằng").click()
    page.locator("#alert-status", has_text="Mới").wait_for()
    assert "công dân khác nhau" in page.locator(".explain").inner_text()

    page.get_by_role("button", name="Tiếp nhận cảnh báo").click()
    page.locator("#alert-status", has_text="Đã tiếp nhận").wait_for()
    page.get_by_label("Giao cho").select_option(label=processor.full_name)
    page.get_by_label("Yêu cầu").fill("Chủ trì đối thoại với các hộ dân khu phố 3")
    page.get_by_role("button", name="Giao", exact=True).click()
    page.locator("#alert-status", has_text="Đang xử lý").wait_for()
    page.get_by_label("Việc đã làm").select_option("field_visit")
    page.get_by_label("Nội dung", exact=True).fill("Kiểm tra thực địa dự án, gặp 7 hộ dân")
    page.get_by_role("button", name="Ghi nhận").click()
    page.locator("#timeline", has_text="Kiểm tra thực địa").wait_for()

    # An empty outcome is refused in Vietnamese; nothing is saved.
    page.get_by_role("button", name="Kết thúc với kết quả này").click()
    page.locator(".field-error", has_text="Nhập kết quả xử lý").wait_for()
    screenshot(page, "monitoring-alert-error")
    assert hotspot_alert.actions.filter(kind="close").count() == 0

    page.get_by_label("Kết quả xử lý").fill(
        "Đã đối thoại, các hộ dân đồng ý chờ phương án bồi thường bổ sung"
    )
    page.get_by_role("button", name="Kết thúc với kết quả này").click()
    page.locator("#alert-status", has_text="Đã xử lý xong").wait_for()
    screenshot(page, "monitoring-alert-closed")
    kinds = list(AlertAction.objects.filter(alert=hotspot_alert).values_list("kind", flat=True))
    assert kinds == ["acknowledge", "assign", "field_visit", "close"]

    page.goto("/monitoring/bulletin/")
    page.locator("#bulletin").wait_for()
    screenshot(page, "monitoring-bulletin")
