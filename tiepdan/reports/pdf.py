"""The statutory report as a PDF in the official layout, rendered from HTML by WeasyPrint.

A4 landscape, Times New Roman (Liberation Serif where Windows fonts are absent): the agency and
the national motto, the form symbol, title and period, the form's header rows with the same
merged cells as the XLSX, the MS row, the total and one row per unit, the notes and the
signature block. The header rows repeat on every page.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tiepdan.documents.agency import agency_context
from tiepdan.documents.formatting import header_name, parent_name
from tiepdan.reports import outputs, table
from tiepdan.reports.selectors import ReportData

TEMPLATE = "reports/report_pdf.html"
TABLE_WIDTH_MM = 297 - 2 * 8  # A4 landscape less the side margins of the template's @page
CELL_PADDING_MM = 1.2  # both sides' padding and a border


@dataclass(frozen=True)
class Sizes:
    """Type sizes (pt) and the unit column's width (mm) for a form of so many columns."""

    header: float
    ms: float
    figure: float
    pending: float
    name_mm: float


# The more columns, the smaller the type, so that the widest forms (33 columns in 03/XLD of
# TT 02/2021) fit a landscape A4 page and words such as "chuyển" stay inside their cells.
SIZES = (  # (more than this many columns, sizes)
    (30, Sizes(header=5.8, ms=5.5, figure=7.4, pending=5.2, name_mm=30)),
    (20, Sizes(header=6.3, ms=5.8, figure=7.8, pending=5.5, name_mm=34)),
    (0, Sizes(header=7.5, ms=7.0, figure=9.0, pending=6.0, name_mm=40)),
)
MIN_FIGURE_PT = 5.0

_BREAK = "\u200b"  # a zero-width space: lets "3=6+7+15+16+24+25" wrap inside a narrow cell


def _ms_label(label: str) -> str:
    return label.replace("=", "=" + _BREAK).replace("+", "+" + _BREAK)


def _two_lines(text: str) -> str:
    """Keep only the middle space breakable ("chưa có / dữ liệu"), so that a note in a narrow
    cell wraps into two even lines instead of leaving one word alone."""
    words = text.split()
    half = len(words) // 2
    return "\u00a0".join(words[:half]) + " " + "\u00a0".join(words[half:]) if half else text


def sizes_for(columns: int) -> Sizes:
    return next(sizes for more_than, sizes in SIZES if columns > more_than)


def _cells(cells: list[tuple[dict, Any]], sizes: Sizes, room_pt: float) -> list[dict[str, Any]]:
    """Each figure as text, with a smaller type size where it would not fit its column: an
    amount such as 12.345,75 (million đồng) must not run into the next cell."""
    out = []
    for column, value in cells:
        text = outputs.number_text(value) + ("*" if column["partial"] else "")
        # Times New Roman's digits and "*" are half an em wide, its "." and "," a quarter.
        ems = sum(0.25 if ch in ".," else 0.5 for ch in text)
        size = None
        if ems * sizes.figure > room_pt:
            size = round(max(MIN_FIGURE_PT, room_pt / ems), 1)
        out.append({"column": column, "text": text, "size": size})
    return out


def pdf_context(report: ReportData, *, issued_on: dt.date) -> dict[str, Any]:
    """What the PDF template prints; the grid comes from the same table as the HTML page."""
    grid = table.report_table(report)
    count = report.version.layout.columns
    sizes = sizes_for(count)
    room_pt = ((TABLE_WIDTH_MM - sizes.name_mm) / count - CELL_PADDING_MM) * 72 / 25.4
    for row in grid["rows"]:
        row["cells"] = _cells(row["cells"], sizes, room_pt)
    agency = agency_context(report.unit)
    return {
        **grid,
        "total": _cells(grid["total"], sizes, room_pt),
        "ms_row": [_ms_label(label) for label in grid["ms_row"]],
        "sizes": sizes,
        "report": report,
        "version": report.version,
        "agency": agency,
        "agency_lines": header_name(agency["name"]).splitlines(),
        "parent_lines": parent_name(agency["parent_name"]).splitlines(),
        "period_text": outputs.period_text(report),
        "notes": outputs.notes(report, pending_shown_as="ghi «chưa có dữ liệu»"),
        "has_partial": bool(report.version.partial_numbers),
        "pending_label": _two_lines(_("chưa có dữ liệu")),
        "place_date": outputs.place_date(agency, issued_on),
    }


def report_pdf(report: ReportData, *, issued_on: dt.date | None = None) -> bytes:
    """The report as a PDF data table in the layout of its form version."""
    # Imported here: WeasyPrint opens Pango's shared libraries at import, and the rest of the
    # app (XLSX, DOCX, pages) must keep working on a machine that lacks them.
    from weasyprint import HTML

    on = issued_on or dt.date.today()  # noqa: DTZ011 — the local calendar day of the export
    # The statutory form is Vietnamese whatever language the requesting user reads.
    with translation.override("vi"):
        html = render_to_string(TEMPLATE, pdf_context(report, issued_on=on))
    return HTML(string=html).write_pdf()
