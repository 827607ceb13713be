"""The status page in Chromium: a record failed by the national side is retried and sent."""

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.natsync import send
from tiepdan.natsync.models import SyncRecord

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_failed_record_is_retried_from_the_status_page(
    page, receiver, mapped, receive, leader
) -> None:
    receive()
    receive(petition_type="proposal", summary="Phản ánh đèn đường khu phố 3 hỏng")
    receiver.script.extend(["ok", "503"])
    send.sync_due()
    failed = SyncRecord.objects.get(status="failed")

    login(page, "chutich", PASSWORD)
    page.goto("/national-sync/")
    counts = page.locator("#sync-counts")
    assert "Phường Bắc Sơn" in counts.inner_text()
    row = page.locator(f"#record-{failed.pk}")
    assert "HTTP 503" in row.inner_text()
    screenshot(page, "natsync_status_failed")

    row.get_by_role("button", name="Gửi lại").click()
    page.get_by_text("Đã gửi lại thành công.").wait_for()

    row = page.locator(f"#record-{failed.pk}")
    assert "Đã gửi" in row.inner_text()
    assert "QG-00002" in row.inner_text()
    assert row.get_by_role("button", name="Gửi lại").count() == 0
    screenshot(page, "natsync_status_retried")
    assert [r.answered for r in receiver.requests] == ["ok", "503", "ok"]
