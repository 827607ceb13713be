"""A report laid out as the form's table: header rows with their spans, the MS row, the total
row and one row per unit. Shared by the HTML page and the PDF so that both print the same grid."""

from typing import Any

from django.utils.translation import gettext as _

from tiepdan.reports.forms_registry import MEASURE_UNITS, TT2025, FormVersion
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
    columns: list[dict[str, Any]] = [
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
    rows = [
        {"row": row, "cells": [(c, row.columns[c["number"]]) for c in columns]}
        for row in report.rows
    ]
    if as_circular_2025(version) and len(rows) == 1:
        rows = []  # the unit's own row is its total row
    return {
        "header": header_rows(version),
        "ms_row": version.ms_labels,
        "columns": columns,
        "rows": rows,
        "total": [(c, report.columns[c["number"]]) for c in columns],
        "total_label": total_label(report),
    }


def as_circular_2025(version: FormVersion) -> bool:
    return version.regime == TT2025


def total_label(report: ReportData) -> str:
    """The TT 06/2025 tables have one row per reporting unit and no "Tổng cộng" row: the
    reporting unit's row (its whole subtree) comes first, its units below. The older forms
    keep their total row."""
    return report.unit.name if as_circular_2025(report.version) else _("Tổng cộng")
