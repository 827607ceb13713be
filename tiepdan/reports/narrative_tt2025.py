"""Mẫu số 02 of TT 06/2025/TT-TTCP: the narrative report on reception, complaints and
denunciations, in the circular's outline (I–VI), as DOCX.

Every figure it quotes is read from the six tables of the same unit and period (the reports are
computed once and passed in); the parts that need the unit's own words (situation and causes,
protection of denouncers, assessment, forecast, directions, proposals) are left as a marked
placeholder for the unit to write.
"""

import datetime as dt
from typing import Any

from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context
from tiepdan.documents.formatting import doc_number
from tiepdan.reports.outputs import figure_text
from tiepdan.reports.selectors import ReportData

FORMS = ("01-TCD", "02-XLD", "03-GQKN", "04-GQTC", "05-KQTH", "06-QLKNTC")
TO_FILL = "[Nội dung do đơn vị viết.]"


def _section(heading: str, *paragraphs: str, items: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"heading": heading, "paragraphs": list(paragraphs), "items": list(items)}


def _lower_first(text: str) -> str:
    """ "Năm 2025" in the middle of a title: "năm 2025"."""
    return text[:1].lower() + text[1:]


def _dashes(*items: str) -> list[str]:
    """A list as paragraphs in their place among the others: "- " each, ";" between, "." last."""
    last = len(items) - 1
    return [f"- {t.rstrip(';.')}{'.' if i == last else ';'}" for i, t in enumerate(items)]


def _resolution(r: ReportData, kind: str, issued: str, first: str, again: str) -> tuple[str, ...]:
    """II.3 a) and b): the matters by status, the decisions (conclusions), the recoveries."""
    f = lambda n: figure_text(r, n)  # noqa: E731
    offset = 1 if kind == "tố cáo" else 0  # 04/GQTC has one more outcome column
    o = lambda n: f(n + offset)  # noqa: E731
    referred = 21 + 2 * offset  # and one more sanction column
    if kind == "tố cáo":
        outcomes = (
            f"{first}: đúng {f(8)}, sai {f(9)}, có đúng có sai {f(10)}; "
            f"{again}: đúng {f(11)}, sai {f(12)}, có đúng có sai {f(13)}"
        )
        sanctions = (
            f"kiến nghị xử lý hành chính {f(20)} tổ chức, {f(21)} cá nhân "
            f"(trong đó {f(22)} cán bộ, công chức)"
        )
    else:
        outcomes = (
            f"{first}: khiếu nại đúng {f(8)}, sai {f(9)}, đúng một phần {f(10)}; "
            f"{again}: công nhận kết quả lần đầu {f(11)}, hủy, sửa {f(12)}"
        )
        sanctions = (
            f"kiến nghị xử lý hành chính {f(19)} người "
            f"(trong đó {f(20)} cán bộ, công chức, viên chức)"
        )
    return (
        f"Đơn {kind} thuộc thẩm quyền {f(1)} đơn, {f(2)} vụ việc: đang xem xét điều kiện thụ lý "
        f"{f(3)}, đã thụ lý {f(4)}, không thụ lý {f(5)}, rút đơn, đình chỉ {f(6)}.",
        f"Đã ban hành {f(7)} {issued}; {outcomes}.",
        f"Kiến nghị thu hồi cho Nhà nước {o(13)} triệu đồng, {o(14)} m² đất; trả lại cho tổ chức, "
        f"cá nhân {o(15)} triệu đồng, {o(16)} m² đất, trả lại quyền lợi cho {o(17)} tổ chức, "
        f"{o(18)} cá nhân; {sanctions}; chuyển cơ quan điều tra {f(referred)} vụ, "
        f"{f(referred + 1)} người (trong đó {f(referred + 2)} cán bộ, công chức, viên chức).",
    )


def _execution(e: ReportData, first: int, what: str, done: str) -> str:
    f = lambda n: figure_text(e, n)  # noqa: E731
    return (
        f"{what}: phải thực hiện {f(first)}, {done} {f(first + 1)}; thu hồi cho Nhà nước phải thu "
        f"{f(first + 2)} triệu đồng, {f(first + 3)} m², đã thu {f(first + 4)} triệu đồng, "
        f"{f(first + 5)} m²; trả lại phải trả {f(first + 6)} triệu đồng, {f(first + 7)} m², đã trả "
        f"{f(first + 8)} triệu đồng, {f(first + 9)} m²."
    )


def _intake_sections(t: ReportData, x: ReportData) -> list[dict[str, Any]]:
    """I, and II.1–2: the situation, reception (01/TCD) and the handling of petitions (02/XLD)."""
    T, X = ((lambda n, r=r: figure_text(r, n)) for r in (t, x))
    return [
        _section(
            "I. TÌNH HÌNH KHIẾU NẠI, TỐ CÁO",
            f"1. Tình hình khiếu nại, tố cáo: trong kỳ tiếp nhận {X(6)} đơn khiếu nại và {X(12)} "
            f"đơn tố cáo thuộc thẩm quyền (Biểu số 02/XLD). {TO_FILL}",
            f"2. Nguyên nhân (chủ quan, khách quan): {TO_FILL}",
        ),
        _section("II. KẾT QUẢ CÔNG TÁC TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO"),
        _section(
            "1. Công tác tiếp công dân (Biểu số 01/TCD)",
            f"Tổng số {T(1)} lượt tiếp, {T(2)} người, {T(3)} vụ việc, {T(4)} đoàn đông người.",
            *_dashes(
                f"Tiếp thường xuyên: {T(5)} lượt, {T(6)} người, {T(7)} vụ việc; {T(8)} đoàn đông "
                f"người ({T(9)} người)",
                f"Thủ trưởng tiếp: {T(10)} ngày, {T(11)} lượt, {T(12)} người, {T(13)} vụ việc; "
                f"{T(14)} đoàn đông người ({T(15)} người)",
                f"Ủy quyền tiếp: {T(16)} ngày, {T(17)} lượt, {T(18)} người, {T(19)} vụ việc; "
                f"{T(20)} đoàn đông người ({T(21)} người)",
            ),
            f"Đánh giá việc tiếp công dân định kỳ của Thủ trưởng so với quy định của Luật Tiếp "
            f"công dân: {TO_FILL}",
        ),
        _section(
            "2. Tiếp nhận, phân loại và xử lý đơn (Biểu số 02/XLD)",
            f"a) Tổng số đơn {X(1)}; đã xử lý {X(2)}; đủ điều kiện xử lý {X(3)}; thuộc thẩm quyền "
            f"{X(4)} đơn, {X(5)} vụ việc.",
            "b) Đơn thuộc thẩm quyền:",
            *_dashes(
                f"Khiếu nại {X(6)}: lần đầu {X(7)}, lần 2 {X(8)}; đất đai {X(9)}, chế độ, chính "
                f"sách {X(10)}, khác {X(11)}",
                f"Tố cáo {X(12)}: lần đầu {X(13)}, tố cáo tiếp {X(14)}; hành chính {X(15)}, tham "
                f"nhũng {X(16)}, tư pháp {X(17)}, khác {X(18)}",
                f"Kiến nghị, phản ánh {X(19)}: chế độ, chính sách {X(20)}, đất đai {X(21)}, khác "
                f"{X(22)}",
            ),
            f"c) Đơn không thuộc thẩm quyền {X(23)}: hướng dẫn {X(24)}, chuyển đơn {X(25)}.",
        ),
    ]


def _resolution_sections(
    k: ReportData, g: ReportData, e: ReportData, m: ReportData
) -> list[dict[str, Any]]:
    """II.3–6 (03/GQKN, 04/GQTC, 05/KQTH, 06/QLKNTC) and the parts III–VI the unit writes."""
    E, M = ((lambda n, r=r: figure_text(r, n)) for r in (e, m))
    return [
        _section(
            "3. Kết quả giải quyết khiếu nại, tố cáo thuộc thẩm quyền (Biểu số 03/GQKN, 04/GQTC)",
            "a) Giải quyết khiếu nại:",
            *_resolution(k, "khiếu nại", "quyết định giải quyết", "lần đầu", "lần 2"),
            "b) Giải quyết tố cáo:",
            *_resolution(g, "tố cáo", "kết luận nội dung tố cáo", "tố cáo lần đầu", "tố cáo tiếp"),
        ),
        _section(
            "4. Thi hành quyết định giải quyết khiếu nại, thực hiện kết luận nội dung tố cáo "
            "(Biểu số 05/KQTH)",
            _execution(e, 1, "Quyết định giải quyết khiếu nại", "đã thi hành xong"),
            f"Đã xử lý hành chính {E(11)} người (trong đó {E(12)} cán bộ, công chức, viên chức); "
            f"đã khởi tố {E(13)} vụ, {E(14)} người.",
            _execution(e, 16, "Kết luận nội dung tố cáo", "đã thực hiện xong"),
            f"Đã xử lý hành chính {E(26)} tổ chức, {E(27)} cá nhân (trong đó {E(28)} cán bộ, công "
            f"chức, viên chức); đã khởi tố {E(29)} vụ, {E(30)} đối tượng.",
        ),
        _section("5. Bảo vệ người tố cáo (nếu có)", TO_FILL),
        _section(
            "6. Công tác quản lý nhà nước về tiếp công dân, giải quyết khiếu nại, tố cáo "
            "(Biểu số 06/QLKNTC)",
            f"a) Lãnh đạo, chỉ đạo của cấp ủy, chính quyền: {TO_FILL}",
            f"b) Ban hành mới {M(1)} văn bản, sửa đổi, bổ sung {M(2)}, hủy bỏ {M(3)}; tập huấn, "
            f"tuyên truyền, giáo dục pháp luật {M(4)} lớp, {M(5)} người.",
            f"c) Thanh tra trách nhiệm {M(6)} cuộc tại {M(7)} đơn vị; đã ban hành {M(8)} kết luận; "
            f"kiến nghị xử lý hành chính {M(9)} tổ chức, {M(10)} cá nhân; chuyển cơ quan điều tra "
            f"{M(11)} tổ chức, {M(12)} cá nhân. Thực hiện {M(13)} kết luận: đã xử lý hành chính "
            f"{M(14)} tổ chức, {M(15)} cá nhân; đã khởi tố {M(16)} vụ, {M(17)} đối tượng.",
        ),
        _section(
            "III. NHẬN XÉT, ĐÁNH GIÁ",
            f"1. Ưu điểm, kết quả đạt được (tỷ lệ giải quyết so với chỉ tiêu; thi hành quyết định, "
            f"kết luận): {TO_FILL}",
            f"2. Tồn tại, hạn chế: {TO_FILL}",
            f"3. Nguyên nhân: {TO_FILL}",
        ),
        _section("IV. DỰ BÁO TÌNH HÌNH", TO_FILL),
        _section("V. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU TRONG KỲ TIẾP THEO", TO_FILL),
        _section("VI. KIẾN NGHỊ, ĐỀ XUẤT", TO_FILL),
    ]


def mau02_context(reports: dict[str, ReportData], *, issued_on: dt.date) -> dict[str, Any]:
    t, x, k, g, e, m = (reports[code] for code in FORMS)
    unit, period = t.unit, t.period
    span = f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"
    sections = [*_intake_sections(t, x), *_resolution_sections(k, g, e, m)]
    return {
        "agency": agency_context(unit),
        "number": doc_number("", "BC"),
        "issued_on": issued_on,
        "signer": {"title": "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "name": ""},
        "recipients": [unit.parent.name if unit.parent else "Thanh tra Chính phủ", "Lưu: VT"],
        "title": "BÁO CÁO",
        "subtitle": "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo "
        + _lower_first(period.label or span),
        "preamble": (
            f"Thực hiện Thông tư số 06/2025/TT-TTCP, {unit.name} báo cáo công tác tiếp công dân, "
            f"giải quyết khiếu nại, tố cáo (số liệu tính {span}) như sau:"
        ),
        "sections": sections,
    }


def mau02_docx(reports: dict[str, ReportData], *, issued_on: dt.date) -> bytes:
    context = mau02_context(reports, issued_on=issued_on)
    unit = reports["01-TCD"].unit
    return document_services.administrative_docx(on=issued_on, context=context, unit=unit).content
