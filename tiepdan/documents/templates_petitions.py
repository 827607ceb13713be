"""The default templates of petition handling: acceptance proposal, transfer slip, guidance,
acceptance, rejection and return notices, and the reminder."""

from docx.document import Document as DocumentObject

from tiepdan.documents.docx_frame import (
    CENTER,
    PORTRAIT_WIDTH,
    body,
    cant_split,
    frame_geometry,
    header,
    new_document,
    para,
    signature_block,
    table,
    tag,
    title,
)

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
