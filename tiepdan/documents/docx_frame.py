"""The frame and building blocks of the shipped default DOCX templates.

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

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

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
# Points between a line of text and the rule under it (see `rule`).
RULE_SPACE_BEFORE = 3

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


def rule(
    container, width_mm: float, box_mm: float, space_before: float = RULE_SPACE_BEFORE
) -> Paragraph:
    """A short centred horizontal line (the "đường kẻ ngang, nét liền" of NĐ 30) under the
    paragraph before it: the top border of a 2 pt paragraph, `space_before` points below the
    line above. LibreOffice draws that border about where the line's descenders end, so less than
    `RULE_SPACE_BEFORE` puts the rule on the "p" of "Hạnh phúc" or a letter's dot below."""
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
    rule(agency, 22, left)
    para(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER)
    para(motto, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=CENTER)
    rule(motto, 62, right)

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
        rule(doc, 40, width)
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
