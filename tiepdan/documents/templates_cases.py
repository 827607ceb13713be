"""The default templates of a matter's resolution: verification assignment, complaint
decision, denunciation conclusion, extension, suspension and resumption decisions, dialogue
invitation and minutes (before and under NĐ 155/2026)."""

from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.shared import Mm

from tiepdan.documents.docx_frame import (
    CENTER,
    LEFT,
    body,
    cant_split,
    header,
    new_document,
    para,
    repeat_header,
    signature_block,
    table,
    tag,
    title,
)
from tiepdan.documents.templates_petitions import (
    SEALED,
    kinh_gui,
    text_lines,
)

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
