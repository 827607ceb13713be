import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tiepdan.core.errors import DomainError
from tiepdan.documents import services
from tiepdan.documents.samples import ISSUED_ON, sample_context
from tiepdan.documents.xlsx import FIRST_HEADER_ROW

pytestmark = pytest.mark.django_db

HEADER, SUB, NUMBERS = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1, FIRST_HEADER_ROW + 2


def _sheet(on: dt.date):
    rendered = services.register_xlsx(on=on, context=sample_context("reception.register_xlsx"))
    return rendered, load_workbook(io.BytesIO(rendered.content)).active


@pytest.mark.parametrize(
    ("on", "columns", "group"),
    [(dt.date(2026, 6, 30), 12, "H5:J5"), (dt.date(2026, 7, 1), 13, "I5:K5")],
    ids=["tt04", "nd154"],
)
def test_it_lays_out_the_header_of_the_version_in_force(on, columns, group):
    rendered, ws = _sheet(on)
    merged = {str(r) for r in ws.merged_cells.ranges}

    numbers = [ws.cell(row=NUMBERS, column=c).value for c in range(1, columns + 2)]
    assert numbers == [f"({i})" for i in range(1, columns + 1)] + [None]
    assert group in merged  # "Hướng xử lý" over its sub-columns
    assert f"A{HEADER}:A{SUB}" in merged  # STT spans both header rows
    assert ws.cell(row=HEADER, column=1).value == "STT"
    assert ws.cell(row=2, column=1).value == "SỔ TIẾP CÔNG DÂN"
    assert rendered.filename == f"so-tiep-cong-dan-{on:%Y%m%d}.xlsx"


def test_it_uses_times_new_roman_borders_and_print_setup():
    _, ws = _sheet(ISSUED_ON)

    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
    assert ws.cell(row=NUMBERS + 1, column=5).border.left.style == "thin"
    assert ws.cell(row=NUMBERS + 1, column=5).alignment.wrap_text
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == f"${HEADER}:${NUMBERS}"


def test_it_fills_rows_and_the_signature_block():
    _, ws = _sheet(ISSUED_ON)
    first = NUMBERS + 1

    assert ws.cell(row=first, column=3).value.startswith("Lê Thị Hương Giang")
    assert ws.cell(row=first, column=2).value == dt.datetime(2025, 1, 6)
    assert ws.cell(row=first, column=8).value == "x"  # thụ lý
    assert ws.cell(row=first + 1, column=9).value.startswith("Hướng dẫn gửi đơn")  # trả lại
    assert ws.cell(row=first + 2, column=10).value.startswith("Thanh tra tỉnh")  # chuyển đơn
    values = [c.value for row in ws.iter_rows(min_row=first + 3) for c in row if c.value]
    assert "Bắc Sơn, ngày 27 tháng 01 năm 2025" in values
    assert "Nguyễn Văn Trường" in values


def test_it_fills_the_new_columns():
    _, ws = _sheet(dt.date(2026, 7, 1))
    first = NUMBERS + 1

    assert ws.cell(row=first, column=9).value == "x"  # thuộc thẩm quyền
    assert ws.cell(row=first, column=11).value == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert ws.cell(row=first + 1, column=7).value == 6


def test_it_raises_render_failed_on_bad_data():
    context = sample_context("reception.register_xlsx")
    del context["period"]

    with pytest.raises(DomainError) as caught:
        services.register_xlsx(on=ISSUED_ON, context=context)

    assert caught.value.code == "render_failed"
