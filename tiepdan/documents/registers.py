"""Column layouts of the Sổ tiếp công dân (domain.md §2.6), shared by the DOCX and XLSX output.

Each column carries its heading, an optional group heading (merged over adjacent columns), a
relative width, a Jinja expression for the DOCX template and a function for the XLSX cell.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tiepdan.documents.registry import REGISTER_ND154, REGISTER_TT04

Row = Mapping[str, Any]


@dataclass(frozen=True)
class RegisterColumn:
    heading: str
    width: float  # mm; each layout sums to the 252 mm between landscape A4 margins
    docx: str  # Jinja expression over the loop variable `r`
    value: Callable[[Row], Any]
    group: str = ""
    wrap_left: bool = False  # long text: left-aligned


def _get(key: str) -> Callable[[Row], Any]:
    return lambda row: row.get(key, "")


def _mark(outcome: str, detail_key: str = "") -> Callable[[Row], str]:
    """An "x" (or the detail text) in the column of the chosen outcome (TT 04/2021 cols 8–10)."""

    def value(row: Row) -> str:
        if row.get("outcome") != outcome:
            return ""
        return (row.get(detail_key) if detail_key else "") or "x"

    return value


def _type_and_count(row: Row) -> str:
    kind, count = row.get("petition_type", ""), row.get("people_count", "")
    return f"{kind}/ {count} người" if count not in ("", None) else str(kind)


_GROUP = "Hướng xử lý"

COLUMNS: dict[str, tuple[RegisterColumn, ...]] = {
    # TT 04/2021/TT-TTCP, Mẫu số 03.
    REGISTER_TT04: (
        RegisterColumn("STT", 9, "{{ r.number }}", _get("number")),
        RegisterColumn("Ngày tiếp", 20, "{{ r.date|dmy }}", _get("date")),
        RegisterColumn(
            "Họ tên – Địa chỉ", 32, "{{ r.name_address }}", _get("name_address"), wrap_left=True
        ),
        RegisterColumn("CMND/ Hộ chiếu của công dân", 26, "{{ r.id_number }}", _get("id_number")),
        RegisterColumn("Nội dung vụ việc", 38, "{{ r.content }}", _get("content"), wrap_left=True),
        RegisterColumn(
            "Phân loại đơn/ Số người",
            19,
            "{{ r.petition_type }}/ {{ r.people_count }} người",
            _type_and_count,
        ),
        RegisterColumn(
            "Cơ quan đã giải quyết", 24, "{{ r.resolved_by }}", _get("resolved_by"), wrap_left=True
        ),
        RegisterColumn(
            "Thụ lý để giải quyết",
            12,
            "{{ 'x' if r.outcome == 'accept' else '' }}",
            _mark("accept"),
            group=_GROUP,
        ),
        RegisterColumn(
            "Trả lại đơn và hướng dẫn",
            22,
            "{{ (r.guidance or 'x') if r.outcome == 'guide' else '' }}",
            _mark("guide", "guidance"),
            group=_GROUP,
        ),
        RegisterColumn(
            "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền",
            22,
            "{{ (r.accepted_by or 'x') if r.outcome == 'transfer' else '' }}",
            _mark("transfer", "accepted_by"),
            group=_GROUP,
        ),
        RegisterColumn("Theo dõi kết quả giải quyết", 13, "{{ r.follow_up }}", _get("follow_up")),
        RegisterColumn("Ghi chú", 15, "{{ r.notes }}", _get("notes")),
    ),
    # NĐ 154/2026/NĐ-CP, Mẫu số 03/TCD (grouping of 9–11 unverified, see the registry notes).
    REGISTER_ND154: (
        RegisterColumn("STT", 9, "{{ r.number }}", _get("number")),
        RegisterColumn("Ngày tiếp", 20, "{{ r.date|dmy }}", _get("date")),
        RegisterColumn(
            "Họ tên, địa chỉ", 30, "{{ r.name_address }}", _get("name_address"), wrap_left=True
        ),
        RegisterColumn("CCCD/ CMND/ Hộ chiếu", 26, "{{ r.id_number }}", _get("id_number")),
        RegisterColumn(
            "Nội dung đơn (tóm tắt vụ việc)",
            36,
            "{{ r.content }}",
            _get("content"),
            wrap_left=True,
        ),
        RegisterColumn("Loại đơn", 17, "{{ r.petition_type }}", _get("petition_type")),
        RegisterColumn("Số người cùng nội dung", 13, "{{ r.people_count }}", _get("people_count")),
        RegisterColumn(
            "Cơ quan đã giải quyết", 22, "{{ r.resolved_by }}", _get("resolved_by"), wrap_left=True
        ),
        RegisterColumn(
            "Thuộc thẩm quyền (x)",
            13,
            "{{ 'x' if r.within_competence else '' }}",
            lambda row: "x" if row.get("within_competence") else "",
            group=_GROUP,
        ),
        RegisterColumn(
            "Hướng dẫn công dân đến cơ quan có thẩm quyền",
            22,
            "{{ r.guidance }}",
            _get("guidance"),
            group=_GROUP,
            wrap_left=True,
        ),
        RegisterColumn(
            "Cơ quan, đơn vị thụ lý",
            20,
            "{{ r.accepted_by }}",
            _get("accepted_by"),
            group=_GROUP,
            wrap_left=True,
        ),
        RegisterColumn("Theo dõi kết quả giải quyết", 13, "{{ r.follow_up }}", _get("follow_up")),
        RegisterColumn("Ghi chú", 11, "{{ r.notes }}", _get("notes")),
    ),
}


def header_spans(columns: tuple[RegisterColumn, ...]) -> list[tuple[int, int, str]]:
    """Top header cells as (first, last, text), 0-based inclusive; a lone column spans 2 rows."""
    spans: list[tuple[int, int, str]] = []
    index = 0
    while index < len(columns):
        group = columns[index].group
        end = index
        if group:
            while end + 1 < len(columns) and columns[end + 1].group == group:
                end += 1
        spans.append((index, end, group or columns[index].heading))
        index = end + 1
    return spans
