"""Generate the shipped default DOCX templates: ``python -m tiepdan.documents.build_templates``.

The frame follows NĐ 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính): A4, Times New Roman,
margins top/bottom 20 mm, left 30 mm, right 15 mm; agency names top left (parent agency above,
issuing agency bold, a short rule below); national name and motto top right (motto bold with a
rule as long as the line); "Số:" under the agency; place and date in italics under the motto;
title bold capitals; body 14 pt justified with a first-line indent; signature block right;
"Nơi nhận:" bottom left in 12/11 pt.

Placeholders are docxtpl/Jinja tags (``{{ citizen.full_name }}``, ``{%p for … %}``,
``{%tr for … %}``) over the context contract documented in ``services.py``. Clerks may edit the
output in Word and upload it per unit (``DocumentTemplate``); keep the tags intact when editing.
"""

import io
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tiepdan.documents import registers
from tiepdan.documents.registry import REGISTER_ND154, REGISTER_TT04

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
FONT = "Times New Roman"

# NĐ 30/2020 Phụ lục I, I.3: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
PORTRAIT_WIDTH = 210 - MARGIN_LEFT - MARGIN_RIGHT  # usable width, mm
LANDSCAPE_WIDTH = 297 - MARGIN_LEFT - MARGIN_RIGHT

# The header table reaches 5 mm into the (binding) left margin so the national name fits on
# one line at 13 pt, as agencies' own templates do.
HEADER_INDENT = -5
HEADER_LEFT = 72  # mm; the right column takes the rest
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
]  # fmt: skip

# Order of w:pPr children (ECMA-376 CT_PPrBase) up to the ones we insert.
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
]  # fmt: skip


# --------------------------------------------------------------------------- low-level helpers


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _insert_ordered(parent, element, order: Sequence[str]) -> None:
    """Insert `element` at its schema position among `parent`'s children (Word is strict)."""
    local = element.tag.split("}")[1]
    for existing in parent.findall(f"{{{element.nsmap['w']}}}{local}"):
        parent.remove(existing)
    rank = order.index(local)
    for child in parent:
        name = child.tag.split("}")[1]
        if name in order and order.index(name) > rank:
            child.addprevious(element)
            return
    parent.append(element)


def _insert_ppr(p: Paragraph, element) -> None:
    _insert_ordered(p._p.get_or_add_pPr(), element, _PPR_ORDER)


def frame_geometry(t: Table, *, indent_mm: float = 0, cell_margin_mm: float = 0.5) -> None:
    """Left-aligned table shifted by `indent_mm`, with narrow cell margins (frame tables)."""
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblpr = t._tbl.tblPr
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(round(indent_mm * 1440 / 25.4)))
    ind.set(qn("w:type"), "dxa")
    _insert_ordered(tblpr, ind, _TBLPR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(cell_margin_mm * 1440 / 25.4)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    _insert_ordered(tblpr, margins, _TBLPR_ORDER)


def _is_blank_cell_paragraph(container) -> Paragraph | None:
    if isinstance(container, _Cell) and len(container.paragraphs) == 1:
        first = container.paragraphs[0]
        if not first.runs and first._p.pPr is None:
            return first
    return None


def para(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=JUSTIFY,
    before: float = 0,
    after: float = 0,
    first_indent: float | None = None,
    line: float = 1.0,
    keep_next: bool = False,
) -> Paragraph:
    """Add one single-run paragraph (Jinja tags stay in one run, so docxtpl sees them whole)."""
    p = _is_blank_cell_paragraph(container) or container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    if first_indent is not None:
        fmt.first_line_indent = Mm(first_indent)
    if text:
        run = p.add_run(_nfc(text))
        run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
    else:
        _mark_size(p, size)
    return p


def _mark_size(p: Paragraph, size: float) -> None:
    """Size of the paragraph mark: an empty paragraph is as tall as its mark's font."""
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(round(size * 2)))
    rpr.append(sz)
    _insert_ppr(p, rpr)


def tag(container, text: str) -> Paragraph:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag; docxtpl removes it on render."""
    return para(container, text, size=11, align=LEFT)


def body(container, text: str, **kwargs) -> Paragraph:
    """A body paragraph: 14 pt, justified, 10 mm first-line indent, 6 pt apart (NĐ 30 I.6.e)."""
    kwargs.setdefault("first_indent", 10)
    kwargs.setdefault("before", 6)
    kwargs.setdefault("line", 1.1)
    return para(container, text, **kwargs)


def rule(container, width_mm: float, box_mm: float, space_before: float = 0) -> Paragraph:
    """A short centred horizontal line (the "đường kẻ ngang, nét liền" of NĐ 30)."""
    p = para(container, "", size=2, align=CENTER, before=space_before)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(2)
    side = max((box_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in {"val": "single", "sz": "6", "space": "1", "color": "auto"}.items():
        top.set(qn(f"w:{key}"), value)
    border.append(top)
    _insert_ppr(p, border)
    return p


def table(container, widths_mm: Sequence[float], rows: int = 1, *, grid: bool = False) -> Table:
    """A fixed-layout table; borderless for the frame, "Table Grid" for data tables."""
    t = container.add_table(rows=rows, cols=len(widths_mm))
    t.style = container.part.document.styles["Table Grid"] if grid else None
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, width in enumerate(widths_mm):
        t.columns[index].width = Mm(width)
        for cell in t.columns[index].cells:
            cell.width = Mm(width)
    return t


def repeat_header(row) -> None:
    """Repeat this table row at the top of every printed page."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


# --------------------------------------------------------------------------- document frame


def new_document(*, landscape: bool = False) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.header_distance = section.footer_distance = Mm(10)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    doc.core_properties.language = "vi-VN"
    doc.core_properties.author = "TiếpDân"
    return doc


def header(
    doc: DocumentObject, kind: str = "", *, width: float = PORTRAIT_WIDTH, summary: str = ""
) -> None:
    """Agency and national motto (NĐ 30 ô 1–2), number (ô 3), place and date (ô 4).

    `summary` is the trích yếu of a công văn ("V/v …", ô 5b), set under the number.
    """
    left = HEADER_LEFT if width == PORTRAIT_WIDTH else 95
    right = width - HEADER_INDENT - left
    t = table(doc, [left, right], rows=2)
    frame_geometry(t, indent_mm=HEADER_INDENT)
    agency, motto = t.cell(0, 0), t.cell(0, 1)
    tag(agency, "{%p if agency.parent_name %}")
    para(agency, "{{ agency.parent_name|parent_name }}", size=13, align=CENTER)
    tag(agency, "{%p endif %}")
    para(agency, "{{ agency.name|header_name }}", size=13, bold=True, align=CENTER)
    rule(agency, 22, left, space_before=1)
    para(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER)
    para(motto, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    rule(motto, 62, right, space_before=1)

    number, place = t.cell(1, 0), t.cell(1, 1)
    para(number, f"Số: {{{{ number|doc_number('{kind}') }}}}", size=13, align=CENTER, before=6)
    if summary:
        para(number, summary, size=12, align=CENTER, before=2)
    para(
        place,
        "{{ agency.place }}, {{ issued_on|long_date }}",
        size=14,
        italic=True,
        align=CENTER,
        before=6,
    )


def title(doc: DocumentObject, text: str, subtitle: str = "", *, width=PORTRAIT_WIDTH) -> None:
    """Tên loại và trích yếu nội dung (NĐ 30 ô 5a): bold, centred, rule under the summary."""
    para(doc, text, size=14, bold=True, align=CENTER, before=18, keep_next=True)
    if subtitle:
        para(doc, subtitle, size=14, bold=True, align=CENTER, keep_next=True)
        rule(doc, 40, width, space_before=2)
    para(doc, "", size=8)


def signature_block(doc: DocumentObject, *, width: float = PORTRAIT_WIDTH) -> Table:
    """Nơi nhận (ô 9) on the left; authority, title, signature space and name on the right."""
    left = width * 0.48
    t = table(doc, [left, width - left])
    frame_geometry(t)
    cant_split(t.rows[0])
    lcell, rcell = t.cell(0, 0), t.cell(0, 1)
    para(lcell, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    tag(lcell, "{%p for item in recipients %}")
    para(
        lcell,
        "- {{ item|trim|trim(';.') }}{{ ';' if not loop.last else '.' }}",
        size=11,
        align=LEFT,
    )
    tag(lcell, "{%p endfor %}")
    tag(rcell, "{%p if signer.authority %}")
    para(rcell, "{{ signer.authority }}", size=14, bold=True, align=CENTER, before=12)
    tag(rcell, "{%p endif %}")
    para(rcell, "{{ signer.title }}", size=14, bold=True, align=CENTER)
    for _ in range(4):
        para(rcell, "", size=14)
    para(rcell, "{{ signer.name }}", size=14, bold=True, align=CENTER)
    return t


def two_signatures(
    doc: DocumentObject,
    left: tuple[str, str, str],
    right: tuple[str, str, str],
    *,
    width: float = PORTRAIT_WIDTH,
) -> Table:
    """Two signers side by side, each (title, hint, name); names share a row so they align.

    A title taken from `signer` gets the optional authority line ("TM. …") above it.
    """
    t = table(doc, [width / 2, width / 2], rows=2)
    frame_geometry(t)
    for row in t.rows:
        cant_split(row)
    for column, (title_text, hint, name) in enumerate((left, right)):
        heading = t.cell(0, column)
        if "signer." in title_text:
            tag(heading, "{%p if signer.authority %}")
            para(heading, "{{ signer.authority }}", size=14, bold=True, align=CENTER, before=12)
            tag(heading, "{%p endif %}")
        para(heading, title_text, size=14, bold=True, align=CENTER, before=12)
        if hint:
            para(heading, hint, size=13, italic=True, align=CENTER)
        para(t.cell(1, column), name, size=14, bold=True, align=CENTER, before=60)
    return t


def citizen_identity(doc: DocumentObject, lead: str) -> None:
    body(doc, f"{lead}{{{{ citizen.full_name }}}}")
    body(doc, "Số định danh cá nhân/CCCD/Hộ chiếu: {{ citizen.id_number|or_dots }}")
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")


# --------------------------------------------------------------------------- the forms


def refusal_notice() -> DocumentObject:
    """Thông báo từ chối tiếp công dân — TT 04/2021 Mẫu 01; NĐ 154/2026 Mẫu 01/TCD."""
    doc = new_document()
    header(doc, "TB")
    title(doc, "THÔNG BÁO", "Về việc từ chối tiếp công dân")
    para(doc, "Kính gửi: Ông (bà) {{ citizen.full_name }}", align=CENTER, after=6)
    citizen_identity(doc, "Ông (bà): ")
    body(doc, "Nội dung vụ việc: {{ details }}")
    body(doc, "Xét thấy: {{ ground.text|trim|trim('.') }}.")
    body(
        doc,
        "Căn cứ {{ ground.legal_basis }}, {{ agency|agency_name }} từ chối tiếp công dân đối "
        "với ông (bà) {{ citizen.full_name }} về nội dung nêu trên và thông báo để ông (bà) "
        "được biết; đề nghị ông (bà) chấp hành theo quy định của pháp luật./.",
    )
    signature_block(doc)
    return doc


def receipt() -> DocumentObject:
    """Giấy biên nhận thông tin, tài liệu, bằng chứng — TT 04/2021 Mẫu 02; NĐ 154 Mẫu 02/TCD."""
    doc = new_document()
    header(doc, "GBN")
    title(doc, "GIẤY BIÊN NHẬN", "Thông tin, tài liệu, bằng chứng")
    body(
        doc,
        "Vào hồi {{ received_at|time_vi }}, {{ received_at|long_date }}, "
        "tại {{ agency|agency_name }}.",
    )
    body(doc, "Tôi là: {{ officer.full_name }}; chức vụ: {{ officer.position|or_dots }}.")
    citizen_identity(doc, "Đã nhận của ông (bà): ")
    body(doc, "Số điện thoại liên hệ: {{ citizen.phone|or_dots }}")
    body(doc, "Các thông tin, tài liệu, bằng chứng sau:", after=6, keep_next=True)

    widths = [14, 101, 20, 30]
    t = table(doc, widths, rows=4, grid=True)
    heads = ["STT", "Tên thông tin, tài liệu, bằng chứng", "Số trang", "Bản chính/ bản sao"]
    for cell, text in zip(t.rows[0].cells, heads, strict=True):
        para(cell, text, size=13, bold=True, align=CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat_header(t.rows[0])
    para(t.cell(1, 0), "{%tr for d in documents %}", size=11, align=LEFT)
    data = ["{{ loop.index }}", "{{ d.title }}", "{{ d.pages }}", "{{ d.kind }}"]
    aligns = [CENTER, LEFT, CENTER, CENTER]
    for cell, text, align in zip(t.rows[2].cells, data, aligns, strict=True):
        para(cell, text, size=13, align=align)
    para(t.cell(3, 0), "{%tr endfor %}", size=11, align=LEFT)

    body(doc, "Số thứ tự trong Sổ tiếp công dân: {{ visit_number }}.", before=10)
    body(
        doc,
        "Giấy biên nhận được lập thành 03 bản, giao cho người cung cấp thông tin, tài liệu, "
        "bằng chứng 01 bản./.",
    )
    two_signatures(
        doc,
        (
            "NGƯỜI CUNG CẤP THÔNG TIN, TÀI LIỆU, BẰNG CHỨNG",
            "(Ký, ghi rõ họ tên hoặc điểm chỉ)",
            "{{ citizen.full_name }}",
        ),
        ("NGƯỜI NHẬN", "(Ký, ghi rõ họ tên)", "{{ officer.full_name }}"),
    )
    return doc


def appointment_slip() -> DocumentObject:
    """Phiếu hẹn thời gian, địa điểm tiếp công dân."""
    doc = new_document()
    header(doc, "PH")
    title(doc, "PHIẾU HẸN", "Thời gian, địa điểm tiếp công dân")
    body(doc, "{{ agency|agency_name }} hẹn ông (bà): {{ citizen.full_name }}")
    body(doc, "Số định danh cá nhân/CCCD/Hộ chiếu: {{ citizen.id_number|or_dots }}")
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")
    body(
        doc,
        "Có mặt tại {{ place }} vào hồi {{ appointment_at|time_vi }}, "
        "{{ appointment_at|long_date }}.",
    )
    body(doc, "Nội dung làm việc: {{ content }}")
    body(
        doc,
        "Khi đến, đề nghị ông (bà) mang theo Phiếu hẹn này, giấy tờ tùy thân và các thông tin, "
        "tài liệu, bằng chứng có liên quan đến nội dung làm việc./.",
    )
    two_signatures(
        doc,
        ("NGƯỜI TIẾP CÔNG DÂN", "(Ký, ghi rõ họ tên)", "{{ officer.full_name }}"),
        (
            "{{ signer.title }}",
            "(Ký, ghi rõ họ tên, đóng dấu)",
            "{{ signer.name }}",
        ),
    )
    return doc


def guidance_slip() -> DocumentObject:
    """Phiếu hướng dẫn — Luật TCD Art 26.2: guide the citizen to the competent body."""
    doc = new_document()
    header(doc, "PHD")
    title(doc, "PHIẾU HƯỚNG DẪN", "Gửi đơn đến cơ quan có thẩm quyền giải quyết")
    para(doc, "Kính gửi: Ông (bà) {{ citizen.full_name }}", align=CENTER, after=6)
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")
    body(doc, "Nội dung công dân trình bày: {{ content }}")
    body(
        doc,
        "Căn cứ Luật Tiếp công dân và quy định của pháp luật có liên quan, nội dung nêu trên "
        "không thuộc thẩm quyền giải quyết của {{ agency|agency_name }} mà thuộc thẩm quyền "
        "giải quyết của {{ competent_body }}.",
    )
    tag(doc, "{%p if guidance %}")
    body(doc, "{{ guidance }}")
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Đề nghị ông (bà) gửi đơn và các thông tin, tài liệu, bằng chứng có liên quan đến "
        "{{ competent_body }} để được xem xét, giải quyết theo quy định của pháp luật./.",
    )
    two_signatures(
        doc,
        ("NGƯỜI ĐƯỢC HƯỚNG DẪN", "(Ký, ghi rõ họ tên hoặc điểm chỉ)", "{{ citizen.full_name }}"),
        ("NGƯỜI TIẾP CÔNG DÂN", "(Ký, ghi rõ họ tên)", "{{ officer.full_name }}"),
    )
    return doc


def conclusion_notice() -> DocumentObject:
    """Thông báo kết luận việc tiếp công dân — NĐ 154/2026 Art 25.2; Luật TCD Art 18."""
    doc = new_document()
    header(doc, "TB")
    title(
        doc,
        "THÔNG BÁO",
        "Kết luận của {{ session.chair_title }} {{ session.chair_name }} "
        "tại buổi tiếp công dân {{ session.date|long_date }}",
    )
    body(
        doc,
        "{{ session.date|long_date|capitalize }}, tại {{ session.venue }}, ông (bà) "
        "{{ session.chair_name }}, {{ session.chair_title }} đã chủ trì tiếp công dân. "
        "Công dân được tiếp:",
    )
    tag(doc, "{%p for c in citizens %}")
    body(doc, "- Ông (bà) {{ c.full_name }}, địa chỉ: {{ c.address|or_dots }};")
    tag(doc, "{%p endfor %}")
    body(doc, "Nội dung công dân trình bày: {{ content }}")
    body(
        doc,
        "Sau khi nghe công dân trình bày và ý kiến của các cơ quan, đơn vị có liên quan, "
        "ông (bà) {{ session.chair_name }}, {{ session.chair_title }} kết luận, chỉ đạo như sau:",
    )
    tag(doc, "{%p for d in directions %}")
    body(
        doc,
        "{{ loop.index }}. {{ d.text|trim|trim('.;') }}. Giao: {{ d.assignee }}; "
        "thời hạn: {{ d.due|dmy }}.",
    )
    tag(doc, "{%p endfor %}")
    body(
        doc,
        "{{ agency|agency_name }} thông báo để các cơ quan, đơn vị, cá nhân có liên quan "
        "biết, thực hiện./.",
    )
    signature_block(doc)
    return doc


def plan_document() -> DocumentObject:
    """Generic administrative document (kế hoạch, báo cáo) in the NĐ 30 frame."""
    doc = new_document()
    header(doc, "KH")
    title(doc, "{{ title }}", "{{ subtitle }}")
    tag(doc, "{%p if preamble %}")
    body(doc, "{{ preamble }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for s in sections %}")
    body(doc, "{{ s.heading }}", bold=True, before=10, keep_next=True)
    tag(doc, "{%p for text in s.paragraphs %}")
    body(doc, "{{ text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for item in s['items'] %}")
    body(doc, "- {{ item|trim|trim(';.') }}{{ ';' if not loop.last else '.' }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    signature_block(doc)
    return doc


# --------------------------------------------------------------------------- petition processing

# What follows "đơn" ("khiếu nại", "tố cáo" …) and the type code; see formatting.py.
KIND = "{{ petition|petition_kind }}"
CODE = "petition|petition_type_code"
SEALED = "Thông tin người tố cáo được giữ bí mật theo quy định"
TT05 = (
    "Thông tư số 05/2021/TT-TTCP ngày 01 tháng 10 năm 2021 của Thanh tra Chính phủ quy định "
    "quy trình xử lý đơn khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh"
)
# "khiếu nại" / "tố cáo" for those two types, else "đơn kiến nghị, phản ánh" …: the matter named
# in the titles of the acceptance and rejection notices.
MATTER_EXPR = (
    f"((petition|petition_kind) if ({CODE}) in ('complaint', 'denunciation') "
    "else 'đơn ' ~ (petition|petition_kind))"
)
MATTER = f"{{{{ {MATTER_EXPR} }}}}"
FROM_BODY = "{% if petition.sender_body %} do {{ petition.sender_body }} chuyển đến{% endif %}"


def text_lines(doc: DocumentObject, expression: str, prefix: str = "") -> None:
    """A multi-line value, one body paragraph per line; `prefix` goes before the first."""
    tag(doc, f"{{%p for line in {expression}|lines %}}")
    body(
        doc, f"{{{{ '{prefix}' if loop.first else '' }}}}{{{{ line }}}}" if prefix else "{{ line }}"
    )
    tag(doc, "{%p endfor %}")


def kinh_gui(doc: DocumentObject, addressee: str) -> None:
    para(doc, f"Kính gửi: {addressee}", align=CENTER, before=6, after=6)


def petition_senders(doc: DocumentObject) -> None:
    """The senders, or the confidentiality line for a denunciation (Luật TC Art 8.3, 47)."""
    tag(doc, "{%p if identity_sealed %}")
    body(doc, f"Người gửi đơn: {SEALED}.")
    tag(doc, "{%p elif senders|length == 1 %}")
    body(
        doc,
        "Người gửi đơn: ông (bà) {{ senders[0].full_name }}; địa chỉ: "
        "{{ senders[0].address|or_dots }}.",
    )
    tag(doc, "{%p else %}")
    body(doc, "Người gửi đơn ({{ senders|length }} người đứng tên):", keep_next=True)
    tag(doc, "{%p for s in senders %}")
    body(
        doc,
        "- Ông (bà) {{ s.full_name }}; địa chỉ: {{ s.address|or_dots }}"
        "{{ ';' if not loop.last else '.' }}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def acceptance_proposal() -> DocumentObject:
    """Phiếu đề xuất thụ lý đơn — TT 05/2021 Mẫu 01; "xử lý đơn" for other outcomes."""
    doc = new_document()
    header(doc, "PĐX")
    title(
        doc,
        "PHIẾU ĐỀ XUẤT {{ 'THỤ LÝ' if proposed_outcome|is_acceptance else 'XỬ LÝ' }} ĐƠN"
        "{{ (' ' ~ (petition|petition_kind)|upper) if ("
        + CODE
        + ") in ('complaint', 'denunciation', 'proposal') else '' }}",
    )
    kinh_gui(
        doc,
        "{{ approval.addressee|default((approval.title|position) ~ ' ' ~ (agency|agency_name)) }}",
    )
    body(
        doc,
        "Người xử lý đơn: {{ proposer.full_name }}; chức vụ: {{ proposer.position|or_dots }}.",
    )
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} nhận được đơn "
        f"{KIND}{FROM_BODY} (số đơn: {{{{ petition.number }}}}/{{{{ petition.year }}}}; nguồn "
        "đơn: {{ petition.source|lower }}).",
    )
    petition_senders(doc)
    body(doc, "Lĩnh vực: {{ petition.domain }}.")
    body(doc, "Nội dung đơn: {{ petition.summary|trim }}")
    body(
        doc,
        "Sau khi xem xét nội dung đơn, thông tin, tài liệu kèm theo và căn cứ quy định của pháp "
        "luật, đề xuất như sau:",
        keep_next=True,
    )
    body(doc, "- Hướng xử lý: {{ proposed_outcome|trim|trim('.') }}.")
    text_lines(doc, "proposal_note", "- Lý do, ý kiến đề xuất: ")
    body(doc, "Kính trình lãnh đạo xem xét, quyết định./.")

    width = PORTRAIT_WIDTH
    t = table(doc, [width / 2, width / 2], rows=2)
    frame_geometry(t)
    for row in t.rows:
        cant_split(row)
    approval, proposer = t.cell(0, 0), t.cell(0, 1)
    para(approval, "Ý KIẾN PHÊ DUYỆT CỦA LÃNH ĐẠO", size=13, bold=True, align=CENTER, before=14)
    for _ in range(3):
        para(approval, "……………………………………", size=13, align=CENTER, before=6)
    para(approval, "{{ approval.title }}", size=13, bold=True, align=CENTER, before=6)
    para(approval, "(Ký, ghi rõ họ tên)", size=13, italic=True, align=CENTER)
    para(proposer, "NGƯỜI ĐỀ XUẤT", size=13, bold=True, align=CENTER, before=14)
    para(proposer, "(Ký, ghi rõ họ tên)", size=13, italic=True, align=CENTER)
    para(t.cell(1, 0), "{{ approval.name }}", size=14, bold=True, align=CENTER, before=56)
    para(t.cell(1, 1), "{{ proposer.full_name }}", size=14, bold=True, align=CENTER, before=56)
    return doc


def transfer_slip() -> DocumentObject:
    """Phiếu chuyển đơn — TT 05/2021 Art 14, Mẫu 03 (tố cáo); titled by the petition's type."""
    doc = new_document()
    header(doc, "PC")
    title(
        doc,
        "PHIẾU CHUYỂN ĐƠN{{ (' ' ~ (petition|petition_kind)|upper) if ("
        + CODE
        + ") in ('complaint', 'denunciation', 'proposal') else '' }}",
    )
    kinh_gui(doc, "{{ to_body }}")
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} nhận được đơn "
        f"{KIND}{FROM_BODY}.",
    )
    petition_senders(doc)
    body(doc, "Nội dung đơn: {{ petition.summary|trim }}")
    body(doc, "Sau khi xem xét nội dung đơn, xét thấy: {{ reason|trim|trim('.') }}.")
    body(
        doc,
        "Căn cứ {{ {'complaint': 'Luật Khiếu nại, ', 'denunciation': 'Luật Tố cáo, '}.get("
        + CODE
        + f", '') }}}}{TT05}, {{{{ agency|agency_name }}}} chuyển đơn {KIND} nêu trên đến "
        "{{ to_body }} để xem xét, giải quyết theo thẩm quyền"
        "{{ '.' if identity_sealed or request_reply else './.' }}",
    )
    tag(doc, "{%p if identity_sealed %}")
    body(
        doc,
        "Đề nghị {{ to_body }} giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác "
        "của người tố cáo theo quy định của Luật Tố cáo{{ '.' if request_reply else './.' }}",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if request_reply %}")
    body(
        doc,
        "Đề nghị {{ to_body }} thông báo kết quả xem xét, giải quyết cho {{ agency|agency_name }} "
        "biết theo quy định./.",
    )
    tag(doc, "{%p endif %}")
    signature_block(doc)
    return doc


def petition_guidance() -> DocumentObject:
    """Văn bản hướng dẫn — Luật TCD Art 26; a mixed petition is guided to be split."""
    doc = new_document()
    header(doc, "HD")
    title(
        doc,
        "HƯỚNG DẪN",
        "{{ 'Đơn có nhiều nội dung khác nhau\\nthuộc thẩm quyền giải quyết của nhiều cơ quan' if ("
        + CODE
        + ") == 'mixed' else 'Gửi đơn đến cơ quan có thẩm quyền giải quyết' }}",
    )
    kinh_gui(doc, "Ông (bà) {{ citizen.full_name }}")
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} nhận được đơn "
        f"{KIND} của ông (bà){FROM_BODY}.",
    )
    body(doc, "Nội dung đơn: {{ petition.summary|trim }}")
    tag(doc, "{%p if (" + CODE + ") == 'mixed' %}")
    body(
        doc,
        "Sau khi xem xét nội dung đơn và thông tin, tài liệu kèm theo (nếu có), đơn của ông (bà) "
        "có nhiều nội dung khác nhau thuộc thẩm quyền giải quyết của nhiều cơ quan, cụ thể như "
        "sau:",
    )
    text_lines(doc, "guidance")
    body(
        doc,
        "Đề nghị ông (bà) viết tách các nội dung đơn như đã hướng dẫn, gửi đến cơ quan có thẩm "
        "quyền để được xem xét, giải quyết theo quy định của pháp luật./.",
    )
    tag(doc, "{%p else %}")
    body(
        doc,
        "Sau khi xem xét nội dung đơn và thông tin, tài liệu kèm theo (nếu có), nội dung đơn không "
        "thuộc thẩm quyền giải quyết của {{ agency|agency_name }} mà thuộc thẩm quyền giải quyết "
        "của {{ competent_body }}.",
    )
    text_lines(doc, "guidance")
    body(
        doc,
        "Đề nghị ông (bà) gửi đơn và các thông tin, tài liệu có liên quan đến {{ competent_body }} "
        "để được xem xét, giải quyết theo quy định của pháp luật./.",
    )
    tag(doc, "{%p endif %}")
    signature_block(doc)
    return doc


def acceptance_notice() -> DocumentObject:
    """Thông báo về việc thụ lý giải quyết — Luật KN Art 27 (NĐ 124/2020); NĐ 31/2019 Mẫu 05."""
    doc = new_document()
    header(doc, "TB")
    title(
        doc,
        "THÔNG BÁO",
        "Về việc thụ lý {{ '' if (" + CODE + ") == 'denunciation' else 'giải quyết ' }}" + MATTER,
    )
    kinh_gui(doc, "Ông (bà) {{ citizen.full_name }}")
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} đã nhận được đơn "
        f"{KIND} của ông (bà) {{{{ citizen.full_name }}}}{FROM_BODY}.",
    )
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")
    body(
        doc,
        "Nội dung đơn: {{ petition.summary|trim }}",
    )
    body(
        doc,
        "Sau khi xem xét nội dung đơn, căn cứ quy định của {{ {'complaint': 'Luật Khiếu nại', "
        "'denunciation': 'Luật Tố cáo'}.get("
        + CODE
        + f", 'pháp luật') }}}}, đơn {KIND} đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết "
        "của {{ resolver }}.",
    )
    body(
        doc,
        "{{ " + MATTER_EXPR + "|capitalize }} đã được thụ lý giải quyết kể từ "
        "{{ accepted_on|long_date }}. Thời hạn giải quyết theo quy định: đến hết "
        "{{ due|long_date }}.",
    )
    body(
        doc,
        "Vậy thông báo để ông (bà) {{ citizen.full_name }} được biết"
        "{{ ' và thực hiện quyền, nghĩa vụ của người tố cáo theo quy định của pháp luật' if ("
        + CODE
        + ") == 'denunciation' else '' }}./.",
    )
    signature_block(doc)
    return doc


def rejection_notice() -> DocumentObject:
    """Thông báo về việc không thụ lý giải quyết — Luật KN Art 11, 27; Luật TC Art 24.1, 29."""
    doc = new_document()
    header(doc, "TB")
    title(doc, "THÔNG BÁO", "Về việc không thụ lý giải quyết " + MATTER)
    kinh_gui(doc, "Ông (bà) {{ citizen.full_name }}")
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} đã nhận được đơn "
        f"{KIND} của ông (bà) {{{{ citizen.full_name }}}}{FROM_BODY}.",
    )
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")
    body(doc, "Nội dung đơn: {{ petition.summary|trim }}")
    body(
        doc,
        f"Sau khi xem xét nội dung đơn, căn cứ {{{{ legal_basis|trim|trim('.') }}}}, đơn {KIND} "
        "của ông (bà) không đủ điều kiện thụ lý giải quyết vì lý do sau đây:",
        keep_next=True,
    )
    text_lines(doc, "reason")
    body(doc, "Vậy thông báo để ông (bà) {{ citizen.full_name }} được biết./.")
    signature_block(doc)
    return doc


def return_notice() -> DocumentObject:
    """Công văn trả lại đơn (và hướng dẫn) — TT 05/2021; Sổ TCD "Trả lại đơn và hướng dẫn"."""
    doc = new_document()
    header(doc, summary="V/v trả lại đơn{{ ' và hướng dẫn' if competent_body else '' }}")
    para(doc, "", size=8)
    kinh_gui(doc, "Ông (bà) {{ citizen.full_name }}")
    body(doc, "Địa chỉ: {{ citizen.address|or_dots }}")
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} nhận được đơn "
        f"{KIND} của ông (bà){FROM_BODY}, nội dung: {{{{ petition.summary|trim|trim('.') }}}}.",
    )
    body(
        doc,
        "Sau khi xem xét nội dung đơn và thông tin, tài liệu kèm theo, {{ agency|agency_name }} "
        "trả lại đơn cho ông (bà) vì lý do: {{ reason|trim|trim('.') }}. Kèm theo văn bản này "
        "là đơn và các giấy tờ, tài liệu ông (bà) đã gửi (nếu có).",
    )
    body(
        doc,
        "{% if competent_body %}Đề nghị ông (bà) gửi đơn đến {{ competent_body }} để được xem "
        "xét, giải quyết theo quy định của pháp luật./.{% else %}{{ agency|agency_name }} "
        "thông báo để ông (bà) được biết./.{% endif %}",
    )
    signature_block(doc)
    return doc


def reminder() -> DocumentObject:
    """Công văn đôn đốc giải quyết — TT 05/2021 Art 14.2; Luật TC Art 38."""
    doc = new_document()
    header(doc, summary=f"V/v đôn đốc giải quyết đơn {KIND}")
    para(doc, "", size=8)
    kinh_gui(doc, "{{ to_unit }}")
    body(
        doc,
        f"Ngày {{{{ petition.received_on|dmy }}}}, {{{{ agency|agency_name }}}} nhận được đơn "
        f"{KIND}{FROM_BODY} (số đơn: {{{{ petition.number }}}}/{{{{ petition.year }}}}), nội "
        "dung: {{ petition.summary|trim|trim('.') }}.",
    )
    body(
        doc,
        "Để việc giải quyết đơn bảo đảm đúng thời hạn, đúng quy định của pháp luật, "
        "{{ agency|agency_name }} đề nghị {{ to_unit }}:",
        keep_next=True,
    )
    text_lines(doc, "text")
    body(
        doc,
        "Văn bản báo cáo kết quả gửi về {{ agency|agency_name }} trước "
        "{{ report_by|long_date }}./.",
    )
    signature_block(doc)
    return doc


# --------------------------------------------------------------------------- case resolution


def decision_opening(doc: DocumentObject, subtitle: str) -> None:
    """Header, title and issuing authority of a decision."""
    header(doc, "QĐ")
    title(doc, "QUYẾT ĐỊNH", subtitle)
    para(doc, "{{ signer.title }} {{ agency|agency_name|upper }}", bold=True, align=CENTER)
    para(doc, "", size=8)


def case_verification_assignment() -> DocumentObject:
    """Quyết định giao nhiệm vụ xác minh — Luật KN Art 29; Luật TC Art 31; NĐ 31/2019 Mẫu 07
    (layout of the agency's PhieuIn_QDGiaoNhiemVuXacMinh)."""
    doc = new_document()
    decision_opening(doc, "Về việc giao nhiệm vụ xác minh nội dung {{ case.kind|lower }}")
    body(
        doc,
        "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011; Luật Tố cáo ngày 12 tháng 6 năm 2018;",
    )
    body(doc, "Căn cứ hồ sơ vụ việc {{ case.kind|lower }} thụ lý ngày {{ case.accepted_on|dmy }};")
    body(doc, "Xét đề nghị của cơ quan, đơn vị tham mưu,")
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=6)
    body(
        doc,
        "Điều 1. Giao nhiệm vụ xác minh nội dung {{ case.kind|lower }}: "
        "{{ case.summary|trim|trim('.') }}.",
    )
    tag(doc, "{%p if case.identity_sealed %}")
    body(doc, f"Người tố cáo: {SEALED}.")
    tag(doc, "{%p endif %}")
    body(doc, "Tổ xác minh gồm:", keep_next=True)
    tag(doc, "{%p for m in team %}")
    body(doc, "{{ loop.index }}. Ông (bà) {{ m.name }}{{ (' — ' ~ m.role) if m.role else '' }};")
    tag(doc, "{%p endfor %}")
    body(doc, "Điều 2. Tổ xác minh có nhiệm vụ xác minh các nội dung sau:", keep_next=True)
    text_lines(doc, "content", "- ")
    body(
        doc,
        "{% if days %}Thời gian xác minh là {{ days }} ngày kể từ ngày ký quyết định. "
        "{% endif %}{% if due %}Thời hạn giải quyết vụ việc: {{ due|dmy }}.{% endif %}",
    )
    body(
        doc,
        "Điều 3. Tổ xác minh, các cơ quan, tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành Quyết định này./.",
    )
    signature_block(doc)
    return doc


def case_complaint_decision() -> DocumentObject:
    """Quyết định giải quyết khiếu nại (lần đầu / lần hai) — Luật KN Arts 31, 40."""
    doc = new_document()
    decision_opening(doc, "Về việc giải quyết khiếu nại {{ 'lần hai' if second else 'lần đầu' }}")
    body(doc, "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;")
    body(doc, "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ;")
    body(
        doc,
        "Xét đơn khiếu nại thụ lý ngày {{ case.accepted_on|dmy }}: "
        "{{ case.summary|trim|trim('.') }}.",
    )
    body(doc, "I. Kết quả xác minh:", bold=True, keep_next=True)
    text_lines(doc, "findings")
    tag(doc, "{%p if dialogue %}")
    body(doc, "II. Kết quả đối thoại:", bold=True, keep_next=True)
    body(doc, "{{ dialogue }}")
    tag(doc, "{%p endif %}")
    body(doc, "III. Kết luận: {{ outcome }}.", bold=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=6)
    text_lines(doc, "text", "Điều 1. ")
    body(
        doc,
        "Điều 2. {{ 'Quyết định này có hiệu lực thi hành sau 30 ngày kể từ ngày ban hành.' "
        "if second else 'Trong thời hạn 30 ngày kể từ ngày nhận được Quyết định này, nếu "
        "không đồng ý, người khiếu nại có quyền khiếu nại lần hai hoặc khởi kiện vụ án hành "
        "chính tại Tòa án theo quy định của pháp luật.' }}",
    )
    body(
        doc,
        "Điều 3. Các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
        "Quyết định này./.",
    )
    signature_block(doc)
    return doc


def case_denunciation_conclusion() -> DocumentObject:
    """Kết luận nội dung tố cáo — Luật TC Art 35; never names the denouncer (Arts 8.3, 40.3)."""
    doc = new_document()
    header(doc, "KL")
    title(doc, "KẾT LUẬN", "Nội dung tố cáo")
    body(
        doc,
        "Ngày {{ case.accepted_on|dmy }}, {{ agency|agency_name }} thụ lý giải quyết tố "
        "cáo: {{ case.summary|trim|trim('.') }}.",
    )
    body(doc, f"Người tố cáo: {SEALED}.")
    body(
        doc,
        "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018 và kết quả xác minh nội dung tố cáo, "
        "{{ agency|agency_name }} kết luận như sau:",
        keep_next=True,
    )
    body(doc, "1. Kết quả xác minh:", bold=True, keep_next=True)
    text_lines(doc, "findings")
    body(doc, "2. Kết luận: {{ outcome }}.", bold=True)
    body(doc, "3. Biện pháp xử lý, kiến nghị:", bold=True, keep_next=True)
    text_lines(doc, "text")
    signature_block(doc)
    return doc


# --------------------------------------------------------------------------- case resolution steps

# One decision serves a complaint and a denunciation: the matter is named as each law names it
# ("tạm đình chỉ giải quyết khiếu nại", Luật KN Art 11a; "tạm đình chỉ việc giải quyết tố cáo",
# Luật TC Art 34).
IS_DENUNCIATION = "case.kind_code == 'denunciation'"
STEP_MATTER = (
    "{{ 'việc giải quyết tố cáo' if " + IS_DENUNCIATION + " else 'giải quyết khiếu nại' }}"
)
# The resumption names the matter as "tiếp tục giải quyết tố cáo" (Mẫu 14b's wording for both).
RESUMED_MATTER = "{{ 'giải quyết tố cáo' if " + IS_DENUNCIATION + " else 'giải quyết khiếu nại' }}"
# Who must carry out a decision of the case: parties by role only, so a denunciation decision
# never names the denouncer (Luật TC Arts 8.3, 47).
STEP_PARTIES = (
    "{{ 'Người tố cáo, người bị tố cáo' if " + IS_DENUNCIATION + " else 'Người khiếu nại, "
    "người bị khiếu nại, người có quyền, nghĩa vụ liên quan' }}"
)
LAW_KN = "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;"
LAW_TC = "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;"
# Luật 136/2025/QH15 (effective 1 July 2026) amends both laws; domain.md §9.3.
LAW_136 = (
    "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, "
    "Luật Tố cáo ngày 10 tháng 12 năm 2025;"
)
ND124 = (
    "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi "
    "tiết một số điều và biện pháp thi hành Luật Khiếu nại"
)
ND31 = (
    "Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết "
    "một số điều và biện pháp tổ chức thi hành Luật Tố cáo"
)
ND155_AMENDS = ", được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP ngày 15 tháng 5 năm 2026"
ND156_AMENDS = ", được sửa đổi, bổ sung bởi Nghị định số 156/2026/NĐ-CP ngày 15 tháng 5 năm 2026"


def complaint_bases(doc: DocumentObject, new_rules: bool) -> None:
    body(doc, LAW_KN)
    if new_rules:
        body(doc, LAW_136)
    body(doc, ND124 + (ND155_AMENDS if new_rules else "") + ";")


def denunciation_bases(doc: DocumentObject, new_rules: bool) -> None:
    body(doc, LAW_TC)
    if new_rules:
        body(doc, LAW_136)
    body(doc, ND31 + (ND156_AMENDS if new_rules else "") + ";")


def case_bases(doc: DocumentObject, new_rules: bool) -> None:
    """The "Căn cứ" lines of the law governing the case, as in force under the version."""
    tag(doc, "{%p if " + IS_DENUNCIATION + " %}")
    denunciation_bases(doc, new_rules)
    tag(doc, "{%p else %}")
    complaint_bases(doc, new_rules)
    tag(doc, "{%p endif %}")


def decision_heading(doc: DocumentObject) -> None:
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=6, keep_next=True)


def case_file_basis(doc: DocumentObject) -> None:
    body(doc, "Căn cứ hồ sơ vụ việc {{ case.kind|lower }} thụ lý ngày {{ case.accepted_on|dmy }};")
    body(doc, "Xét đề nghị của cơ quan, đơn vị tham mưu,")


def sealed_if_denunciation(doc: DocumentObject) -> None:
    tag(doc, "{%p if " + IS_DENUNCIATION + " %}")
    body(doc, f"Người tố cáo: {SEALED}.")
    tag(doc, "{%p endif %}")


def case_extension_decision(new_rules: bool) -> DocumentObject:
    """Quyết định gia hạn giải quyết tố cáo — Luật TC Art 30; NĐ 31/2019 Art 3.4, Mẫu 01.

    Mẫu 01 is not replaced by NĐ 156/2026; the 2026 version only cites the amending acts.
    """
    doc = new_document()
    decision_opening(doc, "Về việc gia hạn giải quyết tố cáo")
    denunciation_bases(doc, new_rules)
    case_file_basis(doc)
    decision_heading(doc)
    body(
        doc,
        "Điều 1. Gia hạn giải quyết tố cáo {{ {1: 'lần thứ nhất', 2: 'lần thứ hai'}"
        ".get(extension|int, 'lần thứ ' ~ extension) }} đối với vụ việc tố cáo thụ lý ngày "
        "{{ case.accepted_on|dmy }}: {{ case.summary|trim|trim('.') }}.",
    )
    body(doc, f"Người tố cáo: {SEALED}.")
    text_lines(doc, "reason", "Lý do gia hạn: ")
    body(
        doc,
        "Thời hạn giải quyết tố cáo đến hết ngày {{ previous_due|dmy }} được gia hạn đến hết "
        "{{ due|long_date }}.",
    )
    # Sending it to the denouncer and the denounced (Art 30.4) shows in "Nơi nhận".
    body(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    body(
        doc,
        "Điều 3. Cơ quan, đơn vị được giao xác minh nội dung tố cáo, người bị tố cáo, cơ quan, "
        "tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
    )
    signature_block(doc)
    return doc


def case_suspension_decision(new_rules: bool) -> DocumentObject:
    """Quyết định tạm đình chỉ: Luật TC Art 34.1 (tố cáo); Luật KN Art 11a, NĐ 124/2020 Art 28b,
    Mẫu 14a from 1 July 2026 (khiếu nại). Article 2 follows Mẫu 14a ("có hiệu lực … kể từ ngày
    ký"); the suspended time is not counted in the resolution period (Luật TC Art 34.2)."""
    doc = new_document()
    decision_opening(doc, "Về việc tạm đình chỉ " + STEP_MATTER)
    case_bases(doc, new_rules)
    case_file_basis(doc)
    decision_heading(doc)
    body(
        doc,
        "Điều 1. Tạm đình chỉ " + STEP_MATTER + " đối với vụ việc {{ case.kind|lower }} thụ lý "
        "ngày {{ case.accepted_on|dmy }}: {{ case.summary|trim|trim('.') }}, kể từ "
        "{{ suspended_on|long_date }}.",
    )
    sealed_if_denunciation(doc)
    text_lines(doc, "reason", "Lý do: ")
    body(
        doc,
        "Thời gian tạm đình chỉ không tính vào thời hạn giải quyết {{ 'tố cáo' if "
        + IS_DENUNCIATION
        + " else 'khiếu nại' }}. Khi căn cứ tạm đình chỉ không còn, người giải quyết ban hành "
        "ngay quyết định tiếp tục " + STEP_MATTER + ".",
    )
    body(doc, "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
    body(
        doc,
        "Điều 3. " + STEP_PARTIES + ", cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm "
        "thi hành Quyết định này./.",
    )
    signature_block(doc)
    return doc


def case_resumption_decision(new_rules: bool) -> DocumentObject:
    """Quyết định tiếp tục giải quyết: Luật TC Art 34.2 (tố cáo); NĐ 124/2020 Art 28b.2, Mẫu 14b
    from 1 July 2026 (khiếu nại): the period runs again from the decision to continue.

    Optional keys ``suspended_on`` and ``suspension_number`` cite the suspension decision.
    """
    doc = new_document()
    decision_opening(doc, "Về việc tiếp tục " + RESUMED_MATTER)
    case_bases(doc, new_rules)
    case_file_basis(doc)
    decision_heading(doc)
    body(
        doc,
        "Điều 1. Tiếp tục " + RESUMED_MATTER + " đối với vụ việc {{ case.kind|lower }} thụ lý ngày "
        "{{ case.accepted_on|dmy }}: {{ case.summary|trim|trim('.') }}"
        "{% if suspension_number|default('') or suspended_on|default(none) %}, đã tạm đình chỉ"
        "{% if suspension_number|default('') %} theo Quyết định số {{ suspension_number }}"
        "{% endif %}{% if suspended_on|default(none) %} từ ngày {{ suspended_on|dmy }}"
        "{% endif %}{% endif %}, kể từ {{ resumed_on|long_date }}.",
    )
    sealed_if_denunciation(doc)
    tag(doc, "{%p if reason %}")
    text_lines(doc, "reason", "Lý do: ")
    tag(doc, "{%p else %}")
    body(doc, "Lý do: Căn cứ tạm đình chỉ không còn.")
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Điều 2. Thời hạn giải quyết {{ 'tố cáo' if " + IS_DENUNCIATION + " else 'khiếu nại' }} "
        "được tiếp tục tính kể từ ngày {{ resumed_on|dmy }}; thời gian tạm đình chỉ không tính "
        "vào thời hạn giải quyết. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
    )
    body(
        doc,
        "Điều 3. " + STEP_PARTIES + ", cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm "
        "thi hành Quyết định này./.",
    )
    signature_block(doc)
    return doc


def bullet_lines(doc: DocumentObject, expression: str) -> None:
    """A multi-line value as "- " items, one body paragraph each."""
    tag(doc, f"{{%p for line in {expression}|lines %}}")
    body(doc, "- {{ line }}")
    tag(doc, "{%p endfor %}")


# An invitee or participant given as text, or as {name, role}.
INVITEE = "{{ (i.name ~ ((' (' ~ i.role ~ ')') if i.get('role') else '')) if i is mapping else i }}"
# A date, or a datetime whose time is printed ("…… giờ …… phút" left for the clerk otherwise).
SCHEDULED = (
    "{{ (dialogue.scheduled_on if dialogue.scheduled_on.hour is defined else none)|time_vi }}, "
    "{{ dialogue.scheduled_on|long_date }}"
)


def kinh_gui_list(doc: DocumentObject, items: str, fallback: str) -> None:
    """ "Kính gửi:" with one addressee per line (NĐ 30 ô 9a), or `fallback` when there is none."""
    tag(doc, f"{{%p if {items}|length == 1 %}}")
    kinh_gui(doc, f"{{% for i in {items} %}}{INVITEE}{{% endfor %}}")
    tag(doc, f"{{%p elif {items} %}}")
    p = para(doc, "Kính gửi:", align=LEFT, before=6, keep_next=True)
    p.paragraph_format.left_indent = Mm(20)
    tag(doc, f"{{%p for i in {items} %}}")
    p = para(doc, f"- {INVITEE}{{{{ ';' if not loop.last else '.' }}}}", align=LEFT)
    p.paragraph_format.left_indent = Mm(35)
    tag(doc, "{%p endfor %}")
    para(doc, "", size=6)
    tag(doc, "{%p else %}")
    kinh_gui(doc, fallback)
    tag(doc, "{%p endif %}")


def case_dialogue_invitation(new_rules: bool) -> DocumentObject:
    """Thông báo tổ chức đối thoại — Luật KN Art 30; NĐ 124/2020 Art 28.1 (from 1 July 2026 as
    amended by NĐ 155/2026: sent ≥ 5 days before; absence without valid reason does not stop
    the resolution, Luật KN Art 30.6, NĐ 124/2020 Art 28.5). No prescribed form number."""
    doc = new_document()
    header(doc, "TB")
    title(doc, "THÔNG BÁO", "Về việc tổ chức đối thoại giải quyết {{ case.kind|lower }}")
    kinh_gui_list(
        doc, "invitees", "Người khiếu nại, người bị khiếu nại, người có quyền, nghĩa vụ liên quan"
    )
    body(
        doc,
        "Thực hiện việc giải quyết {{ case.kind|lower }} thụ lý ngày {{ case.accepted_on|dmy }} "
        "về việc: {{ case.summary|trim|trim('.') }}.",
    )
    law = "Điều 30 Luật Khiếu nại và Điều 28 Nghị định số 124/2020/NĐ-CP" + (
        " được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP" if new_rules else ""
    )
    body(
        doc,
        f"Căn cứ {law}, {{{{ agency|agency_name }}}} thông báo tổ chức đối thoại như sau:",
        keep_next=True,
    )
    body(doc, f"1. Thời gian: vào hồi {SCHEDULED}.")
    body(doc, "2. Địa điểm: {{ dialogue.place|trim|trim('.') }}.")
    body(doc, "3. Nội dung đối thoại:", keep_next=True)
    tag(doc, "{%p if dialogue.content|lines %}")
    bullet_lines(doc, "dialogue.content")
    tag(doc, "{%p else %}")
    body(doc, "- Nội dung khiếu nại và kết quả xác minh nội dung khiếu nại.")
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Đề nghị các thành phần được mời có mặt đúng thời gian, địa điểm nêu trên; mang theo "
        "giấy tờ tùy thân, văn bản ủy quyền (nếu có) và thông tin, tài liệu, bằng chứng liên "
        "quan" + ("." if new_rules else "./."),
    )
    if new_rules:
        body(
            doc,
            "Trường hợp người khiếu nại không tham gia đối thoại mà không có lý do chính đáng, "
            "việc giải quyết khiếu nại vẫn được tiếp tục theo quy định của pháp luật./.",
        )
    signature_block(doc)
    return doc


def case_dialogue_minutes(new_rules: bool) -> DocumentObject:
    """Biên bản đối thoại — Luật KN Art 30.4; NĐ 124/2020 Art 28, Mẫu 14 (replaced by the Mẫu 14
    of NĐ 155/2026 from 1 July 2026: absent participants with or without reason). Ends with a
    signature table of those present; at least three copies (optional ``copies``)."""
    doc = new_document()
    header(doc, "BB")
    if new_rules:
        title(doc, "BIÊN BẢN ĐỐI THOẠI VỚI NGƯỜI KHIẾU NẠI")
    else:
        title(doc, "BIÊN BẢN ĐỐI THOẠI", "Về việc giải quyết {{ case.kind|lower }}")
    body(
        doc,
        "Vào hồi {{ (dialogue.held_on if dialogue.held_on.hour is defined else none)|time_vi }}, "
        "{{ dialogue.held_on|long_date }}, tại {{ dialogue.place|trim|trim('.') }}, "
        "{{ agency|agency_name }} tổ chức đối thoại giải quyết {{ case.kind|lower }} thụ lý ngày "
        "{{ case.accepted_on|dmy }} về việc: {{ case.summary|trim|trim('.') }}.",
    )
    body(doc, "I. THÀNH PHẦN THAM GIA ĐỐI THOẠI", bold=True, before=10, keep_next=True)
    tag(doc, "{%p for a in attendance %}")
    body(
        doc,
        "{{ loop.index }}. Ông (bà) {{ a.name }}{{ (', ' ~ a.role) if a.get('role') else '' }}: "
        "{{ 'có mặt' if a.present else (('vắng mặt có lý do (' ~ a.reason|trim|trim('.') ~ ')') "
        "if a.get('reason') else 'vắng mặt không có lý do') }}"
        "{{ ';' if not loop.last else '.' }}",
    )
    tag(doc, "{%p endfor %}")
    body(doc, "II. NỘI DUNG ĐỐI THOẠI", bold=True, before=10, keep_next=True)
    body(
        doc,
        "Người chủ trì đối thoại nêu mục đích, yêu cầu của việc đối thoại, tóm tắt kết quả xác "
        "minh nội dung khiếu nại và những nội dung đối thoại:",
        keep_next=True,
    )
    bullet_lines(doc, "dialogue.content")
    body(doc, "III. KẾT QUẢ ĐỐI THOẠI", bold=True, before=10, keep_next=True)
    for number, heading, key in (
        (1, "Những nội dung đã thống nhất", "agreed"),
        (2, "Những vấn đề còn ý kiến khác nhau", "disagreed"),
        (3, "Ý kiến khác, kết quả đối thoại", "result"),
    ):
        body(
            doc,
            f"{number}. {heading}:{{{{ '' if {key}|lines else ' không có.' }}}}",
            keep_next=True,
        )
        bullet_lines(doc, key)
    body(doc, "Buổi đối thoại kết thúc hồi …… giờ …… phút cùng ngày.", before=10)
    body(
        doc,
        "Biên bản đối thoại đã được đọc lại cho những người tham gia đối thoại nghe và ký xác "
        "nhận. Người tham gia đối thoại không ký xác nhận (nếu có) và lý do: "
        "……………………………………………………",
    )
    body(
        doc,
        "Biên bản được lập thành {{ '%02d'|format(copies) if copies is defined and copies "
        "else '……' }} bản; mỗi bên tham gia đối thoại giữ 01 bản./.",
    )
    attendance_signatures(doc)
    return doc


def attendance_signatures(doc: DocumentObject) -> None:
    """Those present sign (or fingerprint) against their names; the signing space is a tall row."""
    para(
        doc,
        "CHỮ KÝ CỦA NHỮNG NGƯỜI THAM GIA ĐỐI THOẠI",
        bold=True,
        align=CENTER,
        before=12,
        after=6,
        keep_next=True,
    )
    widths = [15, 55, 55, 40]
    t = table(doc, widths, rows=4, grid=True)
    heads = ["STT", "Họ và tên", "Tư cách tham gia", "Chữ ký hoặc điểm chỉ"]
    for cell, text in zip(t.rows[0].cells, heads, strict=True):
        para(cell, text, size=12, bold=True, align=CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat_header(t.rows[0])
    cant_split(t.rows[0])
    para(t.cell(1, 0), "{%tr for a in attendance if a.present %}", size=11, align=LEFT)
    data = ["{{ loop.index }}", "{{ a.name }}", "{{ a.get('role') or '' }}", ""]
    aligns = [CENTER, LEFT, LEFT, CENTER]
    row = t.rows[2]
    for cell, text, align in zip(row.cells, data, aligns, strict=True):
        para(cell, text, size=13, align=align)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    row.height = Mm(16)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    cant_split(row)
    para(t.cell(3, 0), "{%tr endfor %}", size=11, align=LEFT)


# --------------------------------------------------------------------------- the register


def register(layout: str) -> DocumentObject:
    """Sổ tiếp công dân in landscape; header rows repeat on every page."""
    columns = registers.COLUMNS[layout]
    doc = new_document(landscape=True)
    width = LANDSCAPE_WIDTH
    t = table(doc, [width * 0.4, width * 0.6])
    para(t.cell(0, 0), "{{ unit_name }}", size=13, bold=True, align=CENTER)
    rule(t.cell(0, 0), 22, width * 0.4, space_before=1)
    para(t.cell(0, 1), "", size=13)
    para(doc, "SỔ TIẾP CÔNG DÂN", size=16, bold=True, align=CENTER, before=12)
    para(
        doc,
        "(Từ ngày {{ period['from']|dmy }} đến ngày {{ period['to']|dmy }})",
        size=13,
        italic=True,
        align=CENTER,
        after=8,
    )

    scale = width / sum(c.width for c in columns)
    grid = table(doc, [c.width * scale for c in columns], rows=6, grid=True)
    frame_geometry(grid, cell_margin_mm=0.8)
    top, sub, numbers = grid.rows[0], grid.rows[1], grid.rows[2]
    for first, last, text in registers.header_spans(columns):
        if first == last and not columns[first].group:
            merged = top.cells[first].merge(sub.cells[first])
        else:
            merged = top.cells[first].merge(top.cells[last])
            for i in range(first, last + 1):
                para(sub.cells[i], columns[i].heading, size=10.5, bold=True, align=CENTER)
        para(merged, text, size=11, bold=True, align=CENTER)
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for i, cell in enumerate(numbers.cells, start=1):
        para(cell, f"({i})", size=10, italic=True, align=CENTER)
    for row in (top, sub, numbers):
        repeat_header(row)

    para(grid.cell(3, 0), "{%tr for r in rows %}", size=10, align=LEFT)
    for cell, column in zip(grid.rows[4].cells, columns, strict=True):
        para(cell, column.docx, size=11, align=LEFT if column.wrap_left else CENTER)
    cant_split(grid.rows[4])
    para(grid.cell(5, 0), "{%tr endfor %}", size=10, align=LEFT)

    para(doc, "", size=8)
    sign = table(doc, [width * 0.5, width * 0.5])
    cant_split(sign.rows[0])
    para(sign.cell(0, 0), "", size=11)
    cell = sign.cell(0, 1)
    para(cell, "{{ agency.place }}, {{ issued_on|long_date }}", size=14, italic=True, align=CENTER)
    tag(cell, "{%p if signer.authority %}")
    para(cell, "{{ signer.authority }}", size=14, bold=True, align=CENTER)
    tag(cell, "{%p endif %}")
    para(cell, "{{ signer.title }}", size=14, bold=True, align=CENTER)
    para(cell, "{{ signer.name }}", size=14, bold=True, align=CENTER, before=60)
    return doc


def register_tt04() -> DocumentObject:
    return register(REGISTER_TT04)


def register_nd154() -> DocumentObject:
    return register(REGISTER_ND154)


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "reception_refusal_notice.docx": refusal_notice,
    "reception_receipt.docx": receipt,
    "reception_appointment_slip.docx": appointment_slip,
    "reception_guidance_slip.docx": guidance_slip,
    "reception_conclusion_notice.docx": conclusion_notice,
    "reception_register_tt04_2021.docx": register_tt04,
    "reception_register_nd154_2026.docx": register_nd154,
    "plan_document.docx": plan_document,
    "petition_acceptance_proposal.docx": acceptance_proposal,
    "petition_transfer_slip.docx": transfer_slip,
    "petition_guidance.docx": petition_guidance,
    "petition_acceptance_notice.docx": acceptance_notice,
    "petition_rejection_notice.docx": rejection_notice,
    "petition_return_notice.docx": return_notice,
    "petition_reminder.docx": reminder,
    "case_verification_assignment.docx": case_verification_assignment,
    "case_complaint_decision.docx": case_complaint_decision,
    "case_denunciation_conclusion.docx": case_denunciation_conclusion,
    # Steps whose wording changed on 1 July 2026 (Luật 136/2025, NĐ 155/2026, NĐ 156/2026).
    "case_extension_decision_nd31_2019.docx": partial(case_extension_decision, False),
    "case_extension_decision_nd156_2026.docx": partial(case_extension_decision, True),
    "case_suspension_decision.docx": partial(case_suspension_decision, False),
    "case_suspension_decision_nd155_2026.docx": partial(case_suspension_decision, True),
    "case_resumption_decision.docx": partial(case_resumption_decision, False),
    "case_resumption_decision_nd155_2026.docx": partial(case_resumption_decision, True),
    "case_dialogue_invitation.docx": partial(case_dialogue_invitation, False),
    "case_dialogue_invitation_nd155_2026.docx": partial(case_dialogue_invitation, True),
    "case_dialogue_minutes_nd124_2020.docx": partial(case_dialogue_minutes, False),
    "case_dialogue_minutes_nd155_2026.docx": partial(case_dialogue_minutes, True),
}


def _same_content(path: Path, content: bytes) -> bool:
    """True when `path` holds the same DOCX parts (zip timestamps differ on every build)."""
    if not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(io.BytesIO(content)) as new:
            names = new.namelist()
            return old.namelist() == names and all(old.read(n) == new.read(n) for n in names)
    except zipfile.BadZipFile:
        return False


def build_all(directory: Path = TEMPLATES_DIR) -> list[Path]:
    """Write every template whose content changed (unchanged files keep their bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = directory / name
        buffer = io.BytesIO()
        builder().save(buffer)
        if not _same_content(path, buffer.getvalue()):
            path.write_bytes(buffer.getvalue())
            written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build_all():
        print(written_path)  # noqa: T201 — command-line output
