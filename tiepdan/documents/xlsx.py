"""The Sổ tiếp công dân as an XLSX workbook (pure: context in, bytes out).

Layout: agency name and title rows, a two-level header (group headings merged across their
columns, single headings merged down both rows), a row of column numbers (1), (2) …, one row per
visit, then the place/date and signature block. Times New Roman throughout, thin borders, wrapped
text, landscape A4 fitted to the page width, header rows repeated on every printed page.
"""

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tiepdan.documents import formatting, registers
from tiepdan.documents.workbook import workbook_bytes

FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
MM_PER_CHAR = 1.9  # Excel column width unit: one "0" of the default font (Calibri 11) ≈ 1.9 mm
TEXT_MM_PER_CHAR = 1.75  # average Times New Roman 12 pt character, with word-wrap slack
LINE_POINTS = 15  # one wrapped line of 12 pt text

FIRST_HEADER_ROW = 5  # rows 1–4: agency, title, period, spacer


def _font(size: float = 12, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _merge_text(ws: Worksheet, row: int, first: int, last: int, text: str, font: Font) -> None:
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row=row, column=first, value=text)
    cell.font = font
    cell.alignment = CENTERED


def _header(ws: Worksheet, columns: tuple[registers.RegisterColumn, ...]) -> None:
    """The two-level header (groups merged across, single headings merged down) and the row of
    column numbers under it."""
    top, sub, numbers = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1, FIRST_HEADER_ROW + 2
    for first, last, text in registers.header_spans(columns):
        c1, c2 = first + 1, last + 1
        if first == last and not columns[first].group:
            ws.merge_cells(start_row=top, start_column=c1, end_row=sub, end_column=c1)
        else:
            ws.merge_cells(start_row=top, start_column=c1, end_row=top, end_column=c2)
            for index in range(c1, c2 + 1):
                cell = ws.cell(row=sub, column=index, value=columns[index - 1].heading)
                cell.font = _font(11, bold=True)
                cell.alignment = CENTERED
        cell = ws.cell(row=top, column=c1, value=text)
        cell.font = _font(11, bold=True)
        cell.alignment = CENTERED
    for index in range(1, len(columns) + 1):
        cell = ws.cell(row=numbers, column=index, value=f"({index})")
        cell.font = _font(10, italic=True)
        cell.alignment = CENTERED
    ws.row_dimensions[top].height = 30
    ws.row_dimensions[sub].height = 78


def _visit_rows(
    ws: Worksheet,
    columns: tuple[registers.RegisterColumn, ...],
    rows: Iterable[Mapping[str, Any]],
    *,
    first_row: int,
) -> int:
    """One row per visit, high enough for its wrapped text; the last row's index."""
    row_index = first_row - 1
    for row in rows:
        row_index += 1
        lines = 1
        for index, column in enumerate(columns, start=1):
            value = column.value(row)
            cell = ws.cell(row=row_index, column=index, value=value if value != "" else None)
            cell.font = _font(12)
            cell.alignment = TOP_LEFT if column.wrap_left else TOP_CENTER
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
                value = formatting.dmy(value)
            lines = max(lines, _line_count(str(value), column.width))
        # LibreOffice and Excel do not grow rows written without a height when printing.
        ws.row_dimensions[row_index].height = lines * LINE_POINTS + 4
    return row_index


def register_workbook(layout: str, context: Mapping[str, Any]) -> bytes:
    """Render the register of `layout` (registry.REGISTER_*) with the register context."""
    columns = registers.COLUMNS[layout]
    count = len(columns)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ tiếp công dân"

    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = round(column.width / MM_PER_CHAR, 1)

    agency_span = max(3, count // 3)
    _merge_text(ws, 1, 1, agency_span, context["unit_name"], _font(12, bold=True))
    _merge_text(ws, 2, 1, count, "SỔ TIẾP CÔNG DÂN", _font(16, bold=True))
    period = context["period"]
    _merge_text(
        ws,
        3,
        1,
        count,
        f"(Từ ngày {formatting.dmy(period['from'])} đến ngày {formatting.dmy(period['to'])})",
        _font(12, italic=True),
    )
    ws.row_dimensions[2].height = 24

    top, numbers = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 2
    _header(ws, columns)
    row_index = _visit_rows(ws, columns, context["rows"], first_row=numbers + 1)
    for line in ws.iter_rows(min_row=top, max_row=row_index, min_col=1, max_col=count):
        for cell in line:
            cell.border = BORDER

    _signature(ws, context, first_row=row_index + 2, count=count)

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    # NĐ 30 margins (inches): left 30 mm, right 15 mm, top/bottom 20 mm.
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top, ws.page_margins.bottom = 20 / 25.4, 20 / 25.4
    ws.print_title_rows = f"{top}:{numbers}"
    ws.freeze_panes = ws.cell(row=numbers + 1, column=1)
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT

    return workbook_bytes(wb)


def _line_count(text: str, width_mm: float) -> int:
    per_line = max(int((width_mm - 2) / TEXT_MM_PER_CHAR), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def _signature(ws: Worksheet, context: Mapping[str, Any], *, first_row: int, count: int) -> None:
    """Place/date italics, then authority, title and name in bold, under the right half."""
    first = count // 2 + 1
    signer = context.get("signer") or {}
    place = (context.get("agency") or {}).get("place", "")
    lines: list[tuple[str, Font]] = [
        (f"{place}, {formatting.long_date(context.get('issued_on'))}", _font(13, italic=True)),
    ]
    if signer.get("authority"):
        lines.append((signer["authority"], _font(13, bold=True)))
    lines.append((signer.get("title", ""), _font(13, bold=True)))
    lines += [("", _font(13))] * 3
    lines.append((signer.get("name", ""), _font(13, bold=True)))
    for offset, (text, font) in enumerate(lines):
        _merge_text(ws, first_row + offset, first, count, text, font)
