"""Saving a workbook that a person will open in Excel.

Every value written by TiếpDân is data, never a formula: a name or summary a citizen typed as
"=HYPERLINK(…)" or "=cmd|…" would otherwise run when an officer opens the register (formula
injection). openpyxl turns any string beginning with "=" into a formula; it is turned back into
text here, for every cell of every sheet, just before saving.
"""

import io

from openpyxl import Workbook


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as XLSX bytes, with every formula-looking value stored as plain text."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
