"""Report files: the XLSX data table in the official layout and the DOCX narrative report
(the PDF data table is in `pdf.py`; it shares the texts below with the XLSX).

XLSX: agency and form symbol, title and period, the form's merged header rows, the row of column
numbers (MS), the total row and one row per unit, the footnote and the signature block; Times New
Roman, thin borders, landscape A4 fitted to the width, header rows repeated on every page.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tiepdan.core.numbers import vn_number
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context
from tiepdan.documents.formatting import doc_number, long_date
from tiepdan.documents.workbook import workbook_bytes
from tiepdan.reports import table
from tiepdan.reports.constants import ExportFormat
from tiepdan.reports.selectors import ReportData

FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
CONTENT_TYPES: dict[str, str] = {
    ExportFormat.XLSX: XLSX_TYPE,
    ExportFormat.DOCX: DOCX_TYPE,
    ExportFormat.PDF: PDF_TYPE,
}
FIRST_HEADER_ROW = 6  # rows 1–5: agency and symbol, title, period, unit, spacer


def _font(size: float = 11, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _put(ws: Any, row: int, col: int, value: Any, font: Font, align: Alignment = CENTERED) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = font
    cell.alignment = align


def _merge(ws: Any, r1: int, c1: int, r2: int, c2: int, text: str, font: Font) -> None:
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    _put(ws, r1, c1, text, font)


def filename(report: ReportData, ext: str) -> str:
    return (
        f"BieuSo_{report.version.code}_{report.unit.code}_"
        f"{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.{ext}"
    )


def period_text(report: ReportData) -> str:
    """The line under the title: the period's label, if any, and its first and last day."""
    text = (
        f"Số liệu tính từ ngày {report.period.start:%d/%m/%Y} đến ngày {report.period.end:%d/%m/%Y}"
    )
    return f"{report.period.label} — {text}" if report.period.label else text


def notes(report: ReportData, *, pending_shown_as: str = "ghi 0") -> list[str]:
    """The form's footnote, and which columns the system does not record yet (and how the file
    shows them, so a reader does not take the cell for a counted zero)."""
    lines = [report.version.layout.footnote]
    if report.pending:
        pending = ", ".join(str(n) for n in sorted(report.pending))
        lines.append(f"Các cột {pending}: chưa có dữ liệu trong hệ thống ({pending_shown_as}).")
    return lines


def place_date(agency: dict[str, Any], on: dt.date) -> str:
    """The place and date above the head's signature, "Thanh Hóa, ngày 05 tháng 3 năm 2025"
    (NĐ 30/2020: a leading zero for days below 10 and months below 3)."""
    return f"{agency['place']}, {long_date(on)}"


def number_text(value: float | Decimal) -> str:
    """A figure as printed in Vietnamese: 1.234 people, 1.234,5 million đồng (48,6, never
    48,600: trailing zeros of a decimal dropped)."""
    return vn_number(value)


def _xlsx_header(ws: Any, report: ReportData) -> int:
    """The form's heading rows, its column headers and its MS row; the MS row's index."""
    version, layout = report.version, report.version.layout
    top = FIRST_HEADER_ROW
    for r1, c1, r2, c2, text in layout.cells:
        _merge(ws, top + r1, c1 + 1, top + r2, c2 + 1, text, _font(10, bold=True))
    ms = top + layout.header_rows
    _put(ws, ms, 1, "MS", _font(10, italic=True))
    for index, label in enumerate(version.ms_labels, start=1):
        value: Any = int(label) if label.isdigit() else label
        _put(ws, ms, index + 1, value, _font(9, italic=True))
    for r in range(top, top + layout.header_rows):
        ws.row_dimensions[r].height = 42
    ws.row_dimensions[ms].height = 28  # sums such as "3=6+7+15+16+24+25" wrap
    return ms


def _xlsx_figures(ws: Any, report: ReportData, first_row: int) -> int:
    """The total row, then one row per unit; the last row's index."""
    version, columns = report.version, report.version.layout.columns
    row_index = first_row
    _put(ws, row_index, 1, table.total_label(report), _font(11, bold=True), LEFT)
    for n in range(1, columns + 1):
        _put(ws, row_index, n + 1, report.columns.get(n, 0), _font(11, bold=True))
    unit_rows = report.rows
    if table.as_circular_2025(version) and len(unit_rows) == 1:
        unit_rows = []  # the unit's own row is its total row
    for row in unit_rows:
        row_index += 1
        name = f"{row.name} (trực tiếp)" if row.own and len(report.rows) > 1 else row.name
        _put(ws, row_index, 1, name, _font(11), LEFT)
        for n in range(1, columns + 1):
            _put(ws, row_index, n + 1, row.columns.get(n, 0), _font(11))
    return row_index


def _xlsx_signatures(
    ws: Any, agency: dict[str, Any], sign: int, half: int, last_col: int, on: dt.date
) -> None:
    """Who drew up the table on the left; the place, date and head of the unit on the right."""
    _merge(ws, sign, 1, sign, half, "NGƯỜI LẬP BIỂU", _font(12, bold=True))
    _merge(ws, sign + 1, 1, sign + 1, half, "(Ký, ghi rõ họ tên)", _font(11, italic=True))
    right = last_col - half
    place = place_date(agency, on)
    _merge(ws, sign - 1, right, sign - 1, last_col, place, _font(12, italic=True))
    _merge(ws, sign, right, sign, last_col, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", _font(12, bold=True))
    _merge(
        ws, sign + 1, right, sign + 1, last_col, "(Ký, họ tên, đóng dấu)", _font(11, italic=True)
    )


def report_xlsx(report: ReportData, *, issued_on: dt.date | None = None) -> bytes:
    """The report as an XLSX data table in the layout of its form version."""
    version, layout = report.version, report.version.layout
    last_col = layout.columns + 1
    wb = Workbook()
    ws = wb.active
    ws.title = version.code
    agency = agency_context(report.unit)

    ws.column_dimensions["A"].width = 28
    for col in range(2, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = 8.5
    half = max(2, last_col // 3)
    _merge(ws, 1, 1, 1, half, agency["name"], _font(11, bold=True))
    _merge(ws, 1, last_col - half + 1, 1, last_col, version.symbol, _font(11, bold=True))
    _merge(ws, 2, last_col - half + 1, 2, last_col, version.regime, _font(10, italic=True))
    _merge(ws, 3, 1, 3, last_col, layout.title, _font(14, bold=True))
    _merge(ws, 4, 1, 4, last_col, period_text(report), _font(11, italic=True))

    top = FIRST_HEADER_ROW
    ms = _xlsx_header(ws, report)
    row_index = _xlsx_figures(ws, report, ms + 1)
    for line in ws.iter_rows(min_row=top, max_row=row_index, min_col=1, max_col=last_col):
        for cell in line:
            cell.border = BORDER

    lines = notes(report)
    for offset, text in enumerate(lines, start=2):
        _merge(
            ws, row_index + offset, 1, row_index + offset, last_col, text, _font(10, italic=True)
        )
        ws.cell(row=row_index + offset, column=1).alignment = LEFT

    on = issued_on or dt.date.today()  # noqa: DTZ011 — the local calendar day of the export
    _xlsx_signatures(ws, agency, row_index + len(lines) + 3, half, last_col, on)

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = f"{top}:{ms}"
    ws.freeze_panes = ws.cell(row=ms + 1, column=2)
    return workbook_bytes(wb)


def figure_text(report: ReportData, number: int) -> str:
    if number in report.pending:
        return "[chưa có dữ liệu]"
    return number_text(report.columns.get(number, 0))


def narrative_context(
    tcd: ReportData, xld: ReportData, kqgq: ReportData, *, issued_on: dt.date
) -> dict[str, Any]:
    """The DOCX narrative report skeleton (báo cáo kết quả công tác tiếp công dân, xử lý đơn,
    giải quyết khiếu nại, tố cáo) with the figures of 01/TCD, 01/XLD and 01/KQGQ filled in."""
    unit, period = tcd.unit, tcd.period
    t = lambda n: figure_text(tcd, n)  # noqa: E731
    x = lambda n: figure_text(xld, n)  # noqa: E731
    k = lambda n: figure_text(kqgq, n)  # noqa: E731
    to_fill = "[Nội dung do đơn vị bổ sung.]"
    return {
        "agency": agency_context(unit),
        # A báo cáo's symbol (BC), left blank for the clerk: the shared administrative template
        # would otherwise print the plan's (KH).
        "number": doc_number("", "BC"),
        "issued_on": issued_on,
        "signer": {"title": "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "name": ""},
        "recipients": [unit.parent.name if unit.parent else "Thanh tra Chính phủ", "Lưu: VT"],
        "title": "BÁO CÁO",
        "subtitle": (
            "Kết quả công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo "
            + (period.label or f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}")
        ),
        "preamble": (
            f"Thực hiện chế độ báo cáo theo {tcd.version.regime}, {unit.name} báo cáo kết quả "
            f"công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo (số liệu tính từ "
            f"ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}) như sau:"
        ),
        "sections": [
            {
                "heading": "I. CÔNG TÁC TIẾP CÔNG DÂN",
                "paragraphs": [
                    f"Tổng số lượt tiếp {t(1)} lượt, {t(2)} người, {t(3)} vụ việc "
                    f"(Biểu số 01/TCD), trong đó:",
                ],
                "items": [
                    f"Tiếp thường xuyên: {t(4)} lượt, {t(5)} người; {t(6)} vụ việc tiếp lần "
                    f"đầu, {t(7)} vụ việc tiếp nhiều lần; {t(8)} đoàn đông người ({t(9)} người).",
                    f"Thủ trưởng tiếp định kỳ và đột xuất: {t(12)} kỳ, {t(13)} lượt, "
                    f"{t(14)} người; {t(17)} đoàn đông người.",
                    f"Ủy quyền tiếp: {t(21)} kỳ, {t(22)} lượt, {t(23)} người; "
                    f"{t(26)} đoàn đông người.",
                ],
            },
            {
                "heading": "II. CÔNG TÁC XỬ LÝ ĐƠN",
                "paragraphs": [
                    f"Tổng số đơn {x(1)} (kỳ trước chuyển sang {x(2)}, tiếp nhận trong kỳ "
                    f"{x(3)}); đã xử lý {x(4)}, chuyển kỳ sau {x(5)}. Đơn đủ điều kiện xử lý "
                    f"{x(6)} đơn, {x(7)} vụ việc (Biểu số 01/XLD).",
                ],
                "items": [
                    f"Theo nội dung: khiếu nại {x(8)}, tố cáo {x(9)}, kiến nghị, phản ánh {x(10)}.",
                    f"Thuộc thẩm quyền {x(14)}; không thuộc thẩm quyền {x(18)} (hướng dẫn "
                    f"{x(19)}, chuyển đơn {x(20)}, đôn đốc giải quyết {x(21)}).",
                    f"Văn bản phúc đáp nhận được do chuyển đơn: {x(22)}.",
                ],
            },
            {
                "heading": "III. GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO THUỘC THẨM QUYỀN",
                "paragraphs": [
                    f"Đơn khiếu nại thuộc thẩm quyền tiếp nhận trong kỳ: {k(3)} (Biểu số "
                    f"01/KQGQ). Kết quả giải quyết: {k(5)}.",
                ],
                "items": [],
            },
            {"heading": "IV. ĐÁNH GIÁ, NHẬN XÉT", "paragraphs": [to_fill], "items": []},
            {"heading": "V. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "paragraphs": [to_fill], "items": []},
            {"heading": "VI. KIẾN NGHỊ, ĐỀ XUẤT", "paragraphs": [to_fill], "items": []},
        ],
    }


def narrative_docx(
    tcd: ReportData, xld: ReportData, kqgq: ReportData, *, issued_on: dt.date
) -> bytes:
    context = narrative_context(tcd, xld, kqgq, issued_on=issued_on)
    rendered = document_services.administrative_docx(on=issued_on, context=context, unit=tcd.unit)
    return rendered.content
