"""The plan's printed outputs: the plan and its end-of-plan report (DOCX through the documents
engine, NĐ 30/2020 format), the roster as DOCX and as the XLSX table agencies post."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from tiepdan.core.text import search_key
from tiepdan.documents import services as document_services
from tiepdan.documents.workbook import workbook_bytes
from tiepdan.plans import selectors
from tiepdan.plans.constants import ShiftKind

if TYPE_CHECKING:
    from tiepdan.documents.services import RenderedDocument
    from tiepdan.plans.models import Plan, PlanTask

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
ROMAN = ("I", "II", "III", "IV", "V", "VI")
QUIET_PERIOD = gettext_noop(
    "Không để xảy ra khiếu kiện đông người, phức tạp; an ninh trật tự được bảo đảm."
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "……/……/……"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def _common(plan: Plan, number: str) -> dict[str, Any]:
    return {
        "agency": {
            "name": plan.agency_name,
            "parent_name": plan.agency_parent_name,
            "place": plan.place,
        },
        "number": number,
        "issued_on": plan.issued_on,
        "signer": {
            "title": plan.signer_title,
            "name": plan.signer_name,
            "authority": plan.signer_authority,
        },
        "recipients": list(plan.recipients),
    }


def default_preamble(plan: Plan) -> str:
    basis = "; ".join(b.rstrip(";. ") for b in plan.legal_basis)
    agency = document_services.formatting.agency_name({"name": plan.agency_name})
    lead = _("Thực hiện %(b)s; ") % {"b": basis} if basis else ""
    return _("%(lead)s%(agency)s ban hành Kế hoạch %(title)s như sau:") % {
        "lead": lead,
        "agency": agency,
        "title": _lower_first(plan.title),
    }


def _numbered(items: list[str], prefix: str = "") -> list[str]:
    return [f"{prefix}{i}. {text}" for i, text in enumerate(items, start=1)]


def _task_paragraphs(index: int, task: PlanTask) -> list[str]:
    """One paragraph "n. text" for a one-paragraph task (as the seeds write them), else a
    heading naming the assignee followed by the paragraphs."""
    paragraphs = _paragraphs(task.content)
    due = f" (thời hạn: {_dmy(task.due_on)})" if task.due_on else ""
    if len(paragraphs) == 1:
        return [f"{index}. {paragraphs[0]}{due}"]
    label = task.assignee_label.rstrip(":")
    return [f"{index}. {label}:{due}", *paragraphs]


def plan_document_context(plan: Plan) -> dict[str, Any]:
    """The `plan.document` context of the plan: I. purposes and requirements, II. contents
    (with the period's phases and venues), III. tasks per assignee, closing paragraph."""
    tasks = list(plan.tasks.all())
    phases = list(plan.phases.all())
    venues = list(plan.venues.all())

    first: list[str] = []
    if plan.requirements:
        first.append(_("1. Mục đích"))
        first += _numbered(plan.purposes, "1.") if len(plan.purposes) > 1 else list(plan.purposes)
        first.append(_("2. Yêu cầu"))
        first += list(plan.requirements)
    else:
        first += list(plan.purposes)

    second: list[str] = [plan.contents_intro] if plan.contents_intro else []
    second += _numbered(list(plan.contents))
    extra = len(plan.contents)
    if phases:
        extra += 1
        timing = "; ".join(
            f"{p.name.lower()}: từ ngày {_dmy(p.starts_on)} đến ngày {_dmy(p.ends_on)}"
            for p in phases
        )
        second.append(
            _("%(n)d. Thời gian thực hiện: %(t)s.")
            % {"n": extra, "t": timing[:1].upper() + timing[1:]}
        )
    if venues:
        extra += 1
        places = "; ".join(
            f"{v.name}, {v.address}" + (f" ({v.facilities})" if v.facilities else "")
            for v in venues
        )
        second.append(_("%(n)d. Địa điểm tiếp công dân: %(p)s.") % {"n": extra, "p": places})

    third: list[str] = []
    for index, task in enumerate(tasks, start=1):
        third += _task_paragraphs(index, task)
    if plan.closing:
        third += _paragraphs(plan.closing)

    context = _common(plan, plan.number_symbol)
    context.update(
        {
            "title": _("KẾ HOẠCH"),
            "subtitle": plan.title,
            "preamble": plan.preamble or default_preamble(plan),
            "sections": [
                {"heading": _("I. MỤC ĐÍCH, YÊU CẦU"), "paragraphs": first, "items": []},
                {
                    "heading": _("II. NỘI DUNG KẾ HOẠCH")
                    if plan.contents_intro
                    else _("II. NỘI DUNG"),
                    "paragraphs": second,
                    "items": [],
                },
                {"heading": _("III. TỔ CHỨC THỰC HIỆN"), "paragraphs": third, "items": []},
            ],
        }
    )
    return context


def plan_docx(plan: Plan) -> RenderedDocument:
    return document_services.document_render(
        code="plan.document",
        on=plan.issued_on or plan.starts_on,
        context=plan_document_context(plan),
        unit=plan.unit,
    )


def _symbol(plan: Plan, kind: str) -> str:
    suffix = plan.symbol.split("-", 1)[1] if "-" in plan.symbol else ""
    return f"       /{kind}-{suffix}" if suffix else f"       /{kind}"


def _plan_reference(plan: Plan) -> str:
    """ "số 02/KH-STTTT ngày 06/01/2021", or the date alone while the number is blank."""
    parts = [f"số {plan.number_symbol}"] if plan.number else []
    if plan.issued_on:
        parts.append(f"ngày {_dmy(plan.issued_on)}")
    return " ".join(parts) or _lower_first(plan.title)


def report_context(plan: Plan, results: dict[str, Any], *, on: date) -> dict[str, Any]:
    """The end-of-plan report (báo cáo kết quả) from the live results."""
    tasks = list(plan.tasks.all())
    r = results
    reception = _(
        "Trong thời gian thực hiện Kế hoạch (từ ngày %(a)s đến ngày %(b)s), đã tiếp %(v)d "
        "lượt với %(p)d người; trong đó %(g)d đoàn đông người với %(gp)d người."
    ) % {
        "a": _dmy(plan.starts_on),
        "b": _dmy(plan.ends_on),
        "v": r["visits"],
        "p": r["people"],
        "g": r["groups"],
        "gp": r["group_people"],
    }
    petitions = _(
        "Tiếp nhận %(n)d đơn (khiếu nại: %(k)d; tố cáo: %(t)d; kiến nghị, phản ánh: %(f)d)."
    ) % {
        "n": r["petitions"],
        "k": r["by_type"].get("complaint", 0),
        "t": r["by_type"].get("denunciation", 0),
        "f": r["by_type"].get("proposal", 0),
    }
    alerts = _(
        "Phát sinh %(a)d cảnh báo (đoàn đông người: %(m)d), còn %(o)d cảnh báo chưa xử lý xong."
    ) % {"a": r["alerts"], "m": r["alerts_mass"], "o": r["alerts_open"]}
    duty = _(
        "Bố trí %(s)d ca trực tiếp công dân, trong đó %(p)d buổi lãnh đạo tiếp công dân định kỳ."
    ) % {"s": r["shifts"], "p": r["periodic_sessions"]}
    task_lines = []
    for task in tasks:
        reports = list(task.reports.all())
        latest = reports[0].text if reports else _("chưa báo cáo")
        task_lines.append(f"{task.assignee_label}: {task.get_status_display().lower()} — {latest}")
    assessment = (
        _(QUIET_PERIOD)
        if r["groups"] == 0
        else _(
            "Phát sinh %(g)d đoàn đông người; các trường hợp đã được tiếp, hướng dẫn theo quy định."
        )
        % {"g": r["groups"]}
    )
    context = _common(plan, _symbol(plan, "BC"))
    context["issued_on"] = on
    context["recipients"] = [
        *([plan.parent_plan.unit.name] if plan.parent_plan is not None else []),
        "Lưu: VT",
    ]
    context.update(
        {
            "title": _("BÁO CÁO"),
            "subtitle": _("Kết quả %(t)s") % {"t": _lower_first(plan.title)},
            "preamble": _("Thực hiện Kế hoạch %(ref)s, %(agency)s báo cáo kết quả như sau:")
            % {
                "ref": _plan_reference(plan),
                "agency": document_services.formatting.agency_name({"name": plan.agency_name}),
            },
            "sections": [
                {
                    "heading": _("I. KẾT QUẢ THỰC HIỆN"),
                    "paragraphs": [
                        f"1. {reception}",
                        f"2. {petitions}",
                        f"3. {alerts}",
                        f"4. {duty}",
                        _("5. Thực hiện nhiệm vụ: hoàn thành %(d)d/%(t)d nhiệm vụ.")
                        % {"d": r["tasks_done"], "t": r["tasks"]},
                    ],
                    "items": task_lines,
                },
                {"heading": _("II. ĐÁNH GIÁ CHUNG"), "paragraphs": [assessment], "items": []},
                {
                    "heading": _("III. KIẾN NGHỊ, ĐỀ XUẤT"),
                    "paragraphs": ["…………………………………………………………"],
                    "items": [],
                },
            ],
        }
    )
    return context


def report_docx(plan: Plan, *, on: date) -> RenderedDocument:
    results = selectors.plan_results(plan)
    return document_services.document_render(
        code="plan.document", on=on, context=report_context(plan, results, on=on), unit=plan.unit
    )


def _day_label(day: date, name: str) -> str:
    text = f"{WEEKDAYS[day.weekday()]}, {_dmy(day)}"
    return f"{text} ({name})" if name else text


def _names(users: list) -> str:
    return ", ".join(u.display_name for u in users)


def roster_docx_context(plan: Plan) -> dict[str, Any]:
    """The roster as an administrative document: one section per phase, one line per day."""
    rows = selectors.roster_rows(plan)
    days = selectors.roster_by_day(plan, rows)
    sections: list[dict[str, Any]] = []
    for day in days:
        phase = day["phase"] or _("Lịch trực")
        if not sections or sections[-1]["heading"] != phase.upper():
            sections.append({"heading": phase.upper(), "paragraphs": [], "items": []})
        parts = []
        for row in day["shifts"]:
            text = f"{row.shift.get_slot_display()}: {_names(row.officers)}"
            if row.shift.kind == ShiftKind.PERIODIC and row.leader:
                text += _(" — %(l)s tiếp công dân định kỳ") % {"l": row.leader.display_name}
            parts.append(text)
        leader = day["leader"].display_name if day["leader"] else "—"
        sections[-1]["items"].append(
            f"{_day_label(day['date'], day['day'].name)}: {'; '.join(parts)}; "
            f"{_('lãnh đạo trực')}: {leader}"
        )
    context = _common(plan, plan.number_symbol)
    context.update(
        {
            "title": _("LỊCH TRỰC TIẾP CÔNG DÂN"),
            "subtitle": _("(Kèm theo Kế hoạch %(t)s)") % {"t": _lower_first(plan.title)},
            "preamble": "",
            "sections": sections,
        }
    )
    return context


def roster_docx(plan: Plan) -> RenderedDocument:
    rendered = document_services.document_render(
        code="plan.document",
        on=plan.issued_on or plan.starts_on,
        context=roster_docx_context(plan),
        unit=plan.unit,
    )
    return type(rendered)(
        rendered.content, roster_filename(plan, "docx"), rendered.content_type, rendered.version
    )


FILENAME_SLUG_LIMIT = 60


def plan_filename(plan: Plan, prefix: str, extension: str) -> str:
    """ "lich-truc-to-chuc-tiep-cong-dan….xlsx": the title without diacritics, shortened at a
    word boundary (never "…-va-te")."""
    slug = ""
    for word in re.findall(r"[a-z0-9]+", search_key(plan.title)):
        if slug and len(slug) + 1 + len(word) > FILENAME_SLUG_LIMIT:
            break
        slug = f"{slug}-{word}" if slug else word[:FILENAME_SLUG_LIMIT]
    return f"{prefix}-{slug}.{extension}" if slug else f"{prefix}.{extension}"


def roster_filename(plan: Plan, extension: str) -> str:
    return plan_filename(plan, "lich-truc", extension)


class _Look:
    """The roster workbook's fonts, borders, alignments and fills."""

    bold: Font = Font(name="Times New Roman", bold=True, size=12)
    normal: Font = Font(name="Times New Roman", size=12)
    border: Border = Border(
        left=Side(style="thin", color="000000"),
        right=Side(style="thin", color="000000"),
        top=Side(style="thin", color="000000"),
        bottom=Side(style="thin", color="000000"),
    )
    wrap: Alignment = Alignment(wrap_text=True, vertical="center")
    center: Alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    tet_fill: PatternFill = PatternFill("solid", fgColor="FDE9D9")
    off_fill: PatternFill = PatternFill("solid", fgColor="F2F2F2")


ROSTER_HEADERS = [
    "STT", "Ngày", "Thứ", "Ngày lễ, Tết", "Giai đoạn", "Ca trực", "Cán bộ trực",
    "Lãnh đạo trực", "Ghi chú",
]  # fmt: skip
ROSTER_WIDTHS = [6, 12, 10, 22, 16, 22, 40, 24, 26]
ROSTER_HEADER_ROW = 5


def _roster_title(ws: Any, plan: Plan, look: _Look) -> None:
    """The agency, the title and the period above the table, and the table's header row."""
    center = look.center
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(1, 1, plan.agency_name).font = look.bold
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(ROSTER_HEADERS))
    ws.cell(2, 1, "LỊCH TRỰC TIẾP CÔNG DÂN").font = Font(name="Times New Roman", bold=True, size=14)
    ws.cell(2, 1).alignment = center
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(ROSTER_HEADERS))
    ws.cell(3, 1, f"{plan.title} (từ ngày {_dmy(plan.starts_on)} đến ngày {_dmy(plan.ends_on)})")
    ws.cell(3, 1).font = Font(name="Times New Roman", italic=True, size=12)
    ws.cell(3, 1).alignment = center
    for col, (text, width) in enumerate(zip(ROSTER_HEADERS, ROSTER_WIDTHS, strict=True), start=1):
        cell = ws.cell(ROSTER_HEADER_ROW, col, text)
        cell.font, cell.alignment, cell.border = look.bold, center, look.border
        ws.column_dimensions[get_column_letter(col)].width = width


def _shift_note(row: Any) -> str:
    """The leader's periodic session on that shift, and the note written on it."""
    note = ""
    if row.shift.kind == ShiftKind.PERIODIC and row.leader:
        note = f"{row.leader.display_name} tiếp công dân định kỳ"
    if row.shift.note:
        note = f"{note}; {row.shift.note}" if note else row.shift.note
    return note


def _roster_lines(ws: Any, days: list[dict[str, Any]], look: _Look) -> None:
    """One row per shift; the days of Tết and the days off shaded."""
    line = ROSTER_HEADER_ROW
    for day in days:
        info = day["day"]
        fill = look.tet_fill if info.tet else (look.off_fill if not info.working else None)
        for row in day["shifts"]:
            line += 1
            values = [
                line - ROSTER_HEADER_ROW,
                day["date"].strftime("%d/%m/%Y"),
                WEEKDAYS[day["date"].weekday()],
                info.name,
                day["phase"],
                row.shift.get_slot_display(),
                _names(row.officers),
                row.leader.display_name if row.leader else "",
                _shift_note(row),
            ]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(line, col, value)
                cell.font, cell.border = look.normal, look.border
                cell.alignment = look.center if col in (1, 2, 3) else look.wrap
                if fill is not None:
                    cell.fill = fill


def _fairness_sheet(wb: Workbook, report: dict[str, Any], look: _Look) -> None:
    """How the shifts fall on each person: total, out of hours, days off, Tết, sessions."""
    fair = wb.create_sheet("Phân bổ ca")
    fair_headers = [
        "Họ và tên", "Vai trò", "Tổng số ca", "Trong giờ", "Ngoài giờ", "Ngày nghỉ",
        "Ngày Tết", "Tiếp định kỳ",
    ]  # fmt: skip
    for col, text in enumerate(fair_headers, start=1):
        cell = fair.cell(1, col, text)
        cell.font, cell.alignment, cell.border = look.bold, look.center, look.border
        fair.column_dimensions[get_column_letter(col)].width = 28 if col == 1 else 13
    for line, person in enumerate(report["people"], start=2):
        values = [
            person["name"],
            "Lãnh đạo" if person["role"] == "leader" else "Cán bộ",
            person["total"],
            person["office_hours"],
            person["after_hours"],
            person["day_off"],
            person["tet"],
            person["periodic"],
        ]
        for col, value in enumerate(values, start=1):
            cell = fair.cell(line, col, value)
            cell.font, cell.border = look.normal, look.border


def roster_xlsx(plan: Plan) -> bytes:
    """The table posted at the office: one row per shift, days of Tết shaded."""
    rows = selectors.roster_rows(plan)
    days = selectors.roster_by_day(plan, rows)
    look = _Look()
    wb = Workbook()
    ws = wb.active
    ws.title = "Lịch trực"
    _roster_title(ws, plan, look)
    _roster_lines(ws, days, look)
    ws.freeze_panes = ws.cell(ROSTER_HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{ROSTER_HEADER_ROW}:{ROSTER_HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _fairness_sheet(wb, selectors.roster_report(plan, rows), look)
    return workbook_bytes(wb)
