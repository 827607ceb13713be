"""The desk's default templates: refusal notice, receipt, appointment and guidance slips,
the conclusion notice of a leader's session, the plan document and the reception register."""

from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

from tiepdan.documents import registers
from tiepdan.documents.docx_frame import (
    CENTER,
    LANDSCAPE_WIDTH,
    LEFT,
    body,
    cant_split,
    citizen_identity,
    frame_geometry,
    header,
    new_document,
    para,
    repeat_header,
    rule,
    signature_block,
    table,
    tag,
    title,
    two_signatures,
)
from tiepdan.documents.registry import REGISTER_ND154, REGISTER_TT04

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


# --------------------------------------------------------------------------- the register


def register(layout: str) -> DocumentObject:
    """Sổ tiếp công dân in landscape; header rows repeat on every page."""
    columns = registers.COLUMNS[layout]
    doc = new_document(landscape=True)
    width = LANDSCAPE_WIDTH
    t = table(doc, [width * 0.4, width * 0.6])
    para(t.cell(0, 0), "{{ unit_name }}", size=13, bold=True, align=CENTER)
    rule(t.cell(0, 0), 22, width * 0.4)
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
