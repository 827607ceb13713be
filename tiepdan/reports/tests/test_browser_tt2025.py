"""The province's annual 2025 report on the TT 06/2025 tables in Chromium: 01/TCD and 02/XLD
with a row per unit, the submission deadline, a figure followed down to its records, the
narrative report (Mẫu số 02) downloaded from the table's page."""

import io

import pytest
from docx import Document

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.reports.outputs import number_text
from tiepdan.reports.tests.factories_tt2025 import data2025_build
from tiepdan.reports.tests.test_tt2025 import YEAR_2025, expected_tcd01, expected_xld02

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
QUERY = "unit=38&period=year&year=2025"


def _number(text: str) -> int:
    return int(text.replace(".", "").strip())


def test_province_annual_2025_tcd_and_xld_with_drill_down(
    page, unit_admin, province, ward, police, department
) -> None:
    data = data2025_build([province, ward, police, department], [YEAR_2025], unit_admin)
    subtree = lambda u: u.path.startswith(province.path)  # noqa: E731
    login(page, unit_admin.username, PASSWORD)

    page.goto(f"/reports/01-TCD/?{QUERY}")
    assert page.locator("h1").first.inner_text().startswith("01/TCD")
    assert page.get_by_text("Thông tư 06/2025/TT-TTCP").first.is_visible()
    assert page.locator("#deadline").get_by_text("Hạn gửi báo cáo: 20/12/2025").is_visible()
    table = page.locator("table.report")
    for name in ("Tỉnh Thanh Hóa", "Phường Bắc Sơn", "Sở Nông nghiệp và Môi trường"):
        assert table.get_by_text(name).first.is_visible()
    assert table.get_by_text("Số ngày tiếp").first.is_visible()
    assert table.get_by_text("1=5+11+17").is_visible()
    assert page.get_by_text("không khớp").count() == 0
    screenshot(page, "report_tt2025_01_tcd")
    total = table.locator("tbody tr").first.locator("td")
    expected = expected_tcd01(data, YEAR_2025, subtree)
    assert [_number(total.nth(n - 1).inner_text()) for n in (1, 4, 10, 11, 16)] == [
        expected[1],
        expected[4],
        expected[10],
        expected[11],
        expected[16],
    ]
    # (11) Thủ trưởng tiếp: số lượt → the visits.
    total.nth(10).locator("a").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{expected[11]} bản ghi").is_visible()
    screenshot(page, "report_tt2025_01_tcd_drilldown")

    # The annual report goes with Mẫu số 02: the Word file, made at once for a province.
    page.goto(f"/reports/01-TCD/?{QUERY}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất Báo cáo (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")
    with open(download.value.path(), "rb") as fh:
        document = Document(io.BytesIO(fh.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Thông tư số 06/2025/TT-TTCP" in text
    assert "1. Công tác tiếp công dân (Biểu số 01/TCD)" in text
    n = lambda c: number_text(expected[c])  # noqa: E731
    assert f"Tổng số {n(1)} lượt tiếp" in text
    assert f"Thủ trưởng tiếp: {n(10)} ngày, {n(11)} lượt" in text

    page.goto(f"/reports/02-XLD/?{QUERY}")
    assert page.locator("h1").first.inner_text().startswith("02/XLD")
    table = page.locator("table.report")
    assert table.get_by_text("Số đơn không thuộc thẩm quyền").is_visible()
    assert table.get_by_text("6=7+8=9+10+11").is_visible()
    assert page.get_by_text("không khớp").count() == 0
    screenshot(page, "report_tt2025_02_xld")
    total = table.locator("tbody tr").first.locator("td")
    expected = expected_xld02(data, YEAR_2025, subtree)
    assert _number(total.nth(5).inner_text()) == expected[6]
    # (6) Khiếu nại thuộc thẩm quyền → the petitions.
    total.nth(5).locator("a").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{expected[6]} bản ghi").is_visible()
    screenshot(page, "report_tt2025_02_xld_drilldown")
