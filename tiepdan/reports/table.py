"""A report laid out as the form's table: header rows with their spans, the MS row, the total
row and one row per unit. Shared by the HTML page and the PDF so that both print the same grid."""

from typing import Any

from tiepdan.reports.forms_registry import MEASURE_UNITS, FormVersion
from tiepdan.reports.selectors import ReportData


def header_rows(version: FormVersion) -> list[list[dict[str, Any]]]:
    """The form's header as HTML table rows of {text, rowspan, colspan}, gaps filled."""
    layout = version.layout
    covered: set[tuple[int, int]] = set()
    rows: list[list[dict[str, Any]]] = [[] for _ in range(layout.header_rows)]
    for r1, c1, r2, c2, text in sorted(layout.cells):
        rows[r1].append({"col": c1, "text": text, "rowspan": r2 - r1 + 1, "colspan": c2 - c1 + 1})
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r in range(layout.header_rows):
        for c in range(layout.columns + 1):
            if (r, c) not in covered:
                rows[r].append({"col": c, "text": "", "rowspan": 1, "colspan": 1})
        rows[r].sort(key=lambda cell: cell["col"])
    return rows


def report_table(report: ReportData) -> dict[str, Any]:
    """`header`, `ms_row`, `columns` (number, label, pending, partial, unit of measure),
    `total` and `rows` ({row, cells}); each cell is (column, value)."""
    version = report.version
    columns = [
        {
            "number": n,
            "label": version.label(n),
            "column": version.columns[n],
            "pending": n in version.pending_numbers,
            "partial": n in version.partial_numbers,
            "unit": MEASURE_UNITS[version.columns[n].measure],
        }
        for n in range(1, version.layout.columns + 1)
    ]
    return {
        "header": header_rows(version),
        "ms_row": version.ms_labels,
        "columns": columns,
        "rows": [
            {"row": row, "cells": [(c, row.columns[c["number"]]) for c in columns]}
            for row in report.rows
        ],
        "total": [(c, report.columns[c["number"]]) for c in columns],
    }
