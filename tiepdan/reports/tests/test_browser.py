"""The statutory report in Chromium: the province's 01/TCD with a row per unit, a number
followed down to its visits, the PDF export queued and downloaded, the report frozen."""

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.reports.models import ReportSnapshot
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.views import DRILL_PAGE_SIZE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
QUERY = f"unit=38&from={PERIOD.start}&to={PERIOD.end}"


def test_province_report_drill_down_export_and_submit(page, unit_admin, dataset) -> None:
    login(page, unit_admin.username, PASSWORD)
    page.goto(f"/reports/01-TCD/?{QUERY}")
    assert page.locator("h1").first.inner_text().startswith("Biểu số 01/TCD")
    table = page.locator("table.report")
    for name in ("Tổng cộng", "Phường Bắc Sơn", "Sở Nông nghiệp và Môi trường"):
        assert table.get_by_text(name).first.is_visible()
    assert (
        page.get_by_text("Các quan hệ số liệu của biểu (và giữa các biểu) không khớp").count() == 0
    )
    screenshot(page, "report_01_tcd")

    # The total of column 4 (lượt tiếp thường xuyên) leads to the visits that make it up.
    cell = table.locator("tbody tr").first.locator("td").nth(3)
    expected = int(cell.inner_text().replace(".", ""))
    assert expected > 0
    cell.locator("a").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{expected} bản ghi").is_visible()
    assert page.locator("table.table tbody tr").count() == min(expected, DRILL_PAGE_SIZE)
    screenshot(page, "report_01_tcd_drilldown")

    # A province's export is small enough to be made at once: the PDF downloads, and the
    # export stays listed for later.
    page.goto(f"/reports/01-TCD/?{QUERY}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất Biểu số liệu (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    page.goto("/reports/exports/")
    assert page.get_by_role("link", name="Tải về").count() == 1

    page.goto(f"/reports/01-TCD/?{QUERY}")
    page.get_by_role("button", name="Chốt báo cáo").click()
    page.wait_for_load_state()
    assert ReportSnapshot.objects.filter(form="01-TCD").count() == 1
    screenshot(page, "report_01_tcd_submitted")
