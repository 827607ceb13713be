"""Case-resolution step documents: extension, suspension, resumption, dialogue invitation and
minutes; versions before and from 1 July 2026 (Luật 136/2025, NĐ 155/2026, NĐ 156/2026)."""

import datetime as dt
import io
import shutil
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from tiepdan.documents import services
from tiepdan.documents.registry import ND155_FROM, form_version_for, form_versions
from tiepdan.documents.samples import CASE, CITIZEN, ISSUED_ON, sample_context
from tiepdan.documents.services import TEMPLATES_DIR
from tiepdan.documents.tests.readers import docx_text

pytestmark = pytest.mark.django_db

NEW_RULES = dt.date(2026, 7, 15)
SEALED = "Thông tin người tố cáo được giữ bí mật theo quy định"
DENOUNCER_NAME = CITIZEN["full_name"]
STEP_CODES = [
    "case.extension_decision",
    "case.suspension_decision",
    "case.resumption_decision",
    "case.dialogue_invitation",
    "case.dialogue_minutes",
]
DENUNCIATION_DECISIONS = STEP_CODES[:3]

EXPECTED = {
    "case.extension_decision": [
        "QUYẾT ĐỊNH",
        "Về việc gia hạn giải quyết tố cáo",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN",
        "Điều 1. Gia hạn giải quyết tố cáo lần thứ nhất đối với vụ việc tố cáo thụ lý ngày "
        "24/01/2025: Tố cáo ông Hoàng Văn Bình",
        "Lý do gia hạn: Vụ việc phức tạp: nội dung tố cáo phải xác minh tại 02 địa điểm",
        "Thời hạn giải quyết tố cáo đến hết ngày 24/02/2025 được gia hạn đến hết ngày 26 tháng 3 "
        "năm 2025",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Số: 25/QĐ-UBND",
    ],
    "case.suspension_decision": [
        "Về việc tạm đình chỉ việc giải quyết tố cáo",
        "Điều 1. Tạm đình chỉ việc giải quyết tố cáo đối với vụ việc tố cáo thụ lý ngày 24/01/2025",
        "kể từ ngày 10 tháng 02 năm 2025.",
        "Lý do: Cần đợi kết quả giám định lại chữ ký",
        "Thời gian tạm đình chỉ không tính vào thời hạn giải quyết tố cáo.",
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        "Điều 3. Người tố cáo, người bị tố cáo, cơ quan, tổ chức, cá nhân có liên quan",
        "Số: 30/QĐ-UBND",
    ],
    "case.resumption_decision": [
        "Về việc tiếp tục giải quyết tố cáo",
        "Điều 1. Tiếp tục giải quyết tố cáo đối với vụ việc tố cáo thụ lý ngày 24/01/2025",
        "đã tạm đình chỉ theo Quyết định số 30/QĐ-UBND từ ngày 10/02/2025, kể từ ngày 03 tháng 3 "
        "năm 2025.",
        "Lý do: Đã có Kết luận giám định số 112/KLGĐ",
        "Điều 2. Thời hạn giải quyết tố cáo được tiếp tục tính kể từ ngày 03/03/2025",
        "Số: 41/QĐ-UBND",
    ],
    "case.dialogue_invitation": [
        "THÔNG BÁO",
        "Về việc tổ chức đối thoại giải quyết khiếu nại lần đầu",
        "Kính gửi:",
        "- Bà Lê Thị Hương Giang (người khiếu nại);",
        "- Phòng Kinh tế, Hạ tầng và Đô thị (cơ quan tham mưu);",
        "- Ông Đặng Quốc Việt, người có quyền, nghĩa vụ liên quan.",
        "1. Thời gian: vào hồi 08 giờ 30 phút, ngày 20 tháng 02 năm 2025.",
        "2. Địa điểm: Phòng họp số 2, Trụ sở Ủy ban nhân dân phường Bắc Sơn, số 1 đường Lê Lợi.",
        "- Kết quả xác minh vị trí thửa đất số 215, tờ bản đồ số 08.",
        "- Đơn giá bồi thường đất ở và chính sách hỗ trợ tái định cư.",
        "Số: 22/TB-UBND",
    ],
    "case.dialogue_minutes": [
        "BIÊN BẢN ĐỐI THOẠI",
        "ngày 20 tháng 02 năm 2025, tại Phòng họp số 2, Trụ sở Ủy ban nhân dân phường Bắc Sơn, "
        "Ủy ban nhân dân phường Bắc Sơn tổ chức đối thoại giải quyết khiếu nại lần đầu",
        "I. THÀNH PHẦN THAM GIA ĐỐI THOẠI",
        "3. Ông (bà) Lê Thị Hương Giang, người khiếu nại: có mặt;",
        "5. Ông (bà) Đặng Quốc Việt, người có quyền, nghĩa vụ liên quan: vắng mặt có lý do (ốm "
        "đau, có giấy xác nhận của cơ sở y tế).",
        "- Kết quả xác minh: thửa đất số 215 ở vị trí 2 đường Nguyễn Trãi",
        "1. Những nội dung đã thống nhất:\n- Thửa đất số 215 được xác định ở vị trí 2",
        "2. Những vấn đề còn ý kiến khác nhau:\n- Người khiếu nại đề nghị hỗ trợ thêm",
        "3. Ý kiến khác, kết quả đối thoại:\n- Chủ trì đối thoại giao Phòng Kinh tế",
        "Biên bản được lập thành 04 bản; mỗi bên tham gia đối thoại giữ 01 bản./.",
        "CHỮ KÝ CỦA NHỮNG NGƯỜI THAM GIA ĐỐI THOẠI",
        "Chữ ký hoặc điểm chỉ",
        "Số:        /BB-…",
    ],
}
COMMON = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND TỈNH THANH HÓA",
    "PHƯỜNG BẮC SƠN",
    "Bắc Sơn, ngày 27 tháng 01 năm 2025",
]


def _render(code: str, context: dict | None = None, on: dt.date = ISSUED_ON) -> bytes:
    context = sample_context(code) if context is None else context
    return services.document_render(code=code, on=on, context=context).content


def _text(code: str, context: dict | None = None, on: dt.date = ISSUED_ON) -> str:
    text = docx_text(_render(code, context, on))
    assert unicodedata.is_normalized("NFC", text)
    for leftover in ("{{", "}}", "{%", "%}"):
        assert leftover not in text
    return text


def _complaint(code: str) -> dict:
    context = sample_context(code)
    context["case"] = dict(CASE)
    return context


def _signature_rows(content: bytes) -> list[list[str]]:
    """Rows of the minutes' signature table (the last table of the document)."""
    table = Document(io.BytesIO(content)).tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["2025", "2026"])
@pytest.mark.parametrize("code", STEP_CODES)
def test_it_renders_every_step_form_with_its_values(code, on):
    text = _text(code, on=on)

    for phrase in EXPECTED[code] + COMMON:
        assert phrase in text, phrase


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["2025", "2026"])
@pytest.mark.parametrize("code", STEP_CODES)
def test_the_shipped_template_passes_upload_validation(code, on):
    source = (TEMPLATES_DIR / form_version_for(code, on).template).read_bytes()
    upload = SimpleUploadedFile("mau.docx", source)

    assert services.document_template_validate(code=code, file=upload, valid_from=on)


# --------------------------------------------------------------------------- versions


@pytest.mark.parametrize("code", STEP_CODES)
def test_two_versions_switch_on_1_july_2026(code):
    before = form_version_for(code, dt.date(2026, 6, 30))
    after = form_version_for(code, dt.date(2026, 7, 1))

    assert [before, after] == form_versions(code)
    assert after.valid_from == ND155_FROM
    assert after.valid_to is None
    assert before.template != after.template
    assert before.notes
    assert after.notes
    for version in (before, after):
        assert (TEMPLATES_DIR / version.template).is_file()


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        ("case.extension_decision", "Mẫu số 01", "Nghị định 156/2026/NĐ-CP"),
        ("case.suspension_decision", "Luật Tố cáo, khoản 1 Điều 34", "Mẫu số 14a"),
        ("case.resumption_decision", "Luật Tố cáo, khoản 2 Điều 34", "Mẫu số 14b"),
        ("case.dialogue_invitation", "Nghị định 124/2020/NĐ-CP, Điều 28", "155/2026"),
        ("case.dialogue_minutes", "Mẫu số 14", "155/2026"),
    ],
)
def test_each_version_names_its_legal_basis(code, before, after):
    assert before in form_version_for(code, ISSUED_ON).legal_basis
    assert after in form_version_for(code, NEW_RULES).legal_basis


def test_a_complaint_suspension_before_2026_is_flagged_as_without_statutory_form():
    notes = form_version_for("case.suspension_decision", ISSUED_ON).notes

    assert "không quy định tạm đình chỉ giải quyết khiếu nại" in notes


@pytest.mark.parametrize("code", DENUNCIATION_DECISIONS)
def test_the_2026_decisions_cite_the_amending_acts(code):
    old = _text(code)
    new = _text(code, on=NEW_RULES)

    assert "156/2026/NĐ-CP" not in old
    assert "Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo ngày 10 tháng 12 năm 2025" not in old
    assert "được sửa đổi, bổ sung bởi Nghị định số 156/2026/NĐ-CP" in new
    assert "Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo ngày 10 tháng 12 năm 2025" in new


# --------------------------------------------------------------------------- confidentiality


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["2025", "2026"])
@pytest.mark.parametrize("code", DENUNCIATION_DECISIONS)
def test_denunciation_decisions_never_name_the_denouncer(code, on):
    text = _text(code, on=on)

    assert f"Người tố cáo: {SEALED}." in text
    assert DENOUNCER_NAME not in text
    assert "Lê Thị" not in text


# --------------------------------------------------------------------------- decisions


def test_a_second_extension_says_so():
    context = sample_context("case.extension_decision")
    context.update(extension=2, previous_due=dt.date(2025, 3, 26), due=dt.date(2025, 4, 25))

    text = _text("case.extension_decision", context)

    assert "Gia hạn giải quyết tố cáo lần thứ hai" in text
    assert "đến hết ngày 26/03/2025 được gia hạn đến hết ngày 25 tháng 4 năm 2025" in text


@pytest.mark.parametrize(
    ("code", "subtitle"),
    [
        ("case.suspension_decision", "Về việc tạm đình chỉ giải quyết khiếu nại"),
        ("case.resumption_decision", "Về việc tiếp tục giải quyết khiếu nại"),
    ],
)
def test_a_complaint_decision_follows_nd155_from_2026(code, subtitle):
    text = _text(code, _complaint(code), on=NEW_RULES)

    assert subtitle in text
    assert "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;" in text
    assert "được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP" in text
    assert "vụ việc khiếu nại lần đầu thụ lý ngày 24/01/2025" in text
    assert "Người khiếu nại, người bị khiếu nại, người có quyền, nghĩa vụ liên quan" in text
    assert "Căn cứ Luật Tố cáo" not in text
    assert SEALED not in text


def test_a_complaint_suspension_before_2026_cites_the_unamended_decree():
    text = _text("case.suspension_decision", _complaint("case.suspension_decision"))

    assert "Căn cứ Nghị định số 124/2020/NĐ-CP" in text
    assert "155/2026" not in text
    assert "Thời gian tạm đình chỉ không tính vào thời hạn giải quyết khiếu nại." in text


def test_a_resumption_without_reason_or_suspension_reference():
    context = sample_context("case.resumption_decision")
    context["reason"] = ""
    del context["suspended_on"], context["suspension_number"]

    text = _text("case.resumption_decision", context)

    assert "Lý do: Căn cứ tạm đình chỉ không còn." in text
    assert "đã tạm đình chỉ" not in text
    assert "quyền sử dụng đất, kể từ ngày 03 tháng 3 năm 2025." in text


# --------------------------------------------------------------------------- dialogue


def test_the_2026_invitation_warns_that_absence_does_not_stop_resolution():
    old = _text("case.dialogue_invitation")
    new = _text("case.dialogue_invitation", on=NEW_RULES)
    warning = "không tham gia đối thoại mà không có lý do chính đáng"

    assert warning not in old
    assert "Điều 28 Nghị định số 124/2020/NĐ-CP, Ủy ban nhân dân phường Bắc Sơn" in old
    assert warning in new
    assert "được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP" in new


def test_an_invitation_to_one_person_without_time_or_content():
    context = sample_context("case.dialogue_invitation")
    context["invitees"] = ["Bà Lê Thị Hương Giang"]
    context["dialogue"].update(scheduled_on=dt.date(2025, 2, 20), content="")

    text = _text("case.dialogue_invitation", context)

    assert "Kính gửi: Bà Lê Thị Hương Giang" in text
    assert "vào hồi …… giờ …… phút, ngày 20 tháng 02 năm 2025." in text
    assert "- Nội dung khiếu nại và kết quả xác minh nội dung khiếu nại." in text


def test_an_invitation_without_invitees_is_addressed_to_the_parties():
    context = sample_context("case.dialogue_invitation")
    context["invitees"] = []

    text = _text("case.dialogue_invitation", context)

    assert (
        "Kính gửi: Người khiếu nại, người bị khiếu nại, người có quyền, nghĩa vụ liên quan" in text
    )


def test_the_minutes_title_follows_the_version():
    old = _text("case.dialogue_minutes")
    new = _text("case.dialogue_minutes", on=NEW_RULES)

    assert "Về việc giải quyết khiếu nại lần đầu" in old
    assert "BIÊN BẢN ĐỐI THOẠI VỚI NGƯỜI KHIẾU NẠI" not in old
    assert "BIÊN BẢN ĐỐI THOẠI VỚI NGƯỜI KHIẾU NẠI" in new


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["2025", "2026"])
def test_only_those_present_sign_the_minutes(on):
    rows = _signature_rows(_render("case.dialogue_minutes", on=on))

    assert rows[0] == ["STT", "Họ và tên", "Tư cách tham gia", "Chữ ký hoặc điểm chỉ"]
    assert [row[:3] for row in rows[1:]] == [
        ["1", "Nguyễn Văn Trường", "Chủ tịch UBND phường, chủ trì"],
        ["2", "Trần Thị Hoa", "người ghi biên bản"],
        ["3", "Lê Thị Hương Giang", "người khiếu nại"],
        ["4", "Vũ Minh Đức", "đại diện người bị khiếu nại"],
    ]
    assert all(row[3] == "" for row in rows[1:])


def test_minutes_record_an_absence_without_reason_and_blank_results():
    context = sample_context("case.dialogue_minutes")
    context["attendance"][2].update(present=False, reason="")
    context.update(agreed="", disagreed="", result="")
    del context["copies"]

    text = _text("case.dialogue_minutes", context, on=NEW_RULES)

    assert "3. Ông (bà) Lê Thị Hương Giang, người khiếu nại: vắng mặt không có lý do;" in text
    assert "1. Những nội dung đã thống nhất: không có." in text
    assert "2. Những vấn đề còn ý kiến khác nhau: không có." in text
    assert "Biên bản được lập thành …… bản" in text
    names = [row[1] for row in _signature_rows(_render("case.dialogue_minutes", context))]
    assert "Lê Thị Hương Giang" not in names


# --------------------------------------------------------------------------- visual check


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="needs LibreOffice (soffice) and poppler-utils (pdftoppm)",
)
@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["2025", "2026"])
@pytest.mark.parametrize("code", STEP_CODES)
def test_it_converts_to_pdf_and_png(code, on, tmp_path):
    from tiepdan.documents.tests.test_visual import ARTIFACTS, _to_pngs

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{code.replace('.', '_')}_{on:%Y%m%d}.docx"
    path.write_bytes(_render(code, on=on))

    text, pages = _to_pngs(path, tmp_path)

    assert pages
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "{{" not in text
    assert "{%" not in text
