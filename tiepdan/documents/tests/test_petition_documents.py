"""Petition-processing documents (xử lý đơn, TT 05/2021/TT-TTCP)."""

import datetime as dt
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tiepdan.core.errors import DomainError
from tiepdan.documents import services
from tiepdan.documents.registry import TT05_FROM, form_version_for, form_versions
from tiepdan.documents.samples import CITIZEN, DENUNCIATION, ISSUED_ON, PETITION, sample_context
from tiepdan.documents.services import TEMPLATES_DIR
from tiepdan.documents.tests.readers import docx_text

pytestmark = pytest.mark.django_db

NEW_RULES = dt.date(2026, 7, 15)
SEALED = "Thông tin người tố cáo được giữ bí mật theo quy định"
SENDER_NAME = CITIZEN["full_name"]

EXPECTED = {
    "petition.acceptance_proposal": [
        "PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN KHIẾU NẠI",
        "Kính gửi: Chủ tịch Ủy ban nhân dân phường Bắc Sơn",
        "Người xử lý đơn: Trần Thị Hoa; chức vụ: Công chức tiếp công dân.",
        "Ngày 20/01/2025, Ủy ban nhân dân phường Bắc Sơn nhận được đơn khiếu nại "
        "(số đơn: 37/2025; nguồn đơn: qua bưu chính).",
        "Người gửi đơn: ông (bà) Lê Thị Hương Giang; địa chỉ: Số 12 ngõ 4",
        "Lĩnh vực: Hành chính — đất đai, nhà cửa.",
        "- Hướng xử lý: Thụ lý giải quyết.",
        "- Lý do, ý kiến đề xuất: Đơn khiếu nại lần đầu",
        "Ý KIẾN PHÊ DUYỆT CỦA LÃNH ĐẠO",
        "NGƯỜI ĐỀ XUẤT",
        "Số:        /PĐX-…",
    ],
    "petition.transfer_slip": [
        "PHIẾU CHUYỂN ĐƠN TỐ CÁO",
        "Kính gửi: Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa",
        "nhận được đơn tố cáo do Ban Tiếp công dân tỉnh Thanh Hóa chuyển đến.",
        f"Người gửi đơn: {SEALED}.",
        "Căn cứ Luật Tố cáo, Thông tư số 05/2021/TT-TTCP",
        "chuyển đơn tố cáo nêu trên đến Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa để xem xét, "
        "giải quyết theo thẩm quyền.",
        "giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo",
        "thông báo kết quả xem xét, giải quyết cho Ủy ban nhân dân phường Bắc Sơn biết theo quy "
        "định./.",
        "Số: 07/PC-UBND",
    ],
    "petition.guidance": [
        "HƯỚNG DẪN",
        "Đơn có nhiều nội dung khác nhau\nthuộc thẩm quyền giải quyết của nhiều cơ quan",
        "Kính gửi: Ông (bà) Lê Thị Hương Giang",
        "nhận được đơn có nhiều nội dung khác nhau của ông (bà).",
        "- Nội dung khiếu nại việc cưỡng chế kê biên tài sản",
        "- Nội dung phản ánh ô nhiễm môi trường",
        "Đề nghị ông (bà) viết tách các nội dung đơn như đã hướng dẫn",
        "Số: 03/HD-UBND",
    ],
    "petition.acceptance_notice": [
        "THÔNG BÁO",
        "Về việc thụ lý giải quyết khiếu nại",
        "đã nhận được đơn khiếu nại của ông (bà) Lê Thị Hương Giang.",
        "căn cứ quy định của Luật Khiếu nại, đơn khiếu nại đủ điều kiện thụ lý và thuộc thẩm "
        "quyền giải quyết của Chủ tịch Ủy ban nhân dân phường Bắc Sơn.",
        "Khiếu nại đã được thụ lý giải quyết kể từ ngày 27 tháng 01 năm 2025.",
        "đến hết ngày 26 tháng 02 năm 2025.",
        "Vậy thông báo để ông (bà) Lê Thị Hương Giang được biết./.",
    ],
    "petition.rejection_notice": [
        "Về việc không thụ lý giải quyết khiếu nại",
        "căn cứ Điều 11 Luật Khiếu nại, đơn khiếu nại của ông (bà) không đủ điều kiện thụ lý "
        "giải quyết vì lý do sau đây:",
        "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại.",
        "Số: 19/TB-UBND",
    ],
    "petition.return_notice": [
        "V/v trả lại đơn và hướng dẫn",
        "Kính gửi: Ông (bà) Lê Thị Hương Giang",
        "trả lại đơn cho ông (bà) vì lý do: nội dung khiếu nại về thi hành án dân sự",
        "Đề nghị ông (bà) gửi đơn đến Thi hành án dân sự tỉnh Thanh Hóa",
        "Số:        /…",
    ],
    "petition.reminder": [
        "V/v đôn đốc giải quyết đơn khiếu nại",
        "Kính gửi: Phòng Kinh tế, Hạ tầng và Đô thị phường Bắc Sơn",
        "(số đơn: 37/2025)",
        "Khẩn trương hoàn thành việc xác minh nội dung khiếu nại được giao",
        "trước ngày 07 tháng 02 năm 2025./.",
    ],
}
COMMON = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND TỈNH THANH HÓA",
    "PHƯỜNG BẮC SƠN",
    "Bắc Sơn, ngày 27 tháng 01 năm 2025",
]


def _text(code: str, context: dict | None = None, on: dt.date = ISSUED_ON) -> str:
    context = sample_context(code) if context is None else context
    rendered = services.document_render(code=code, on=on, context=context)
    return docx_text(rendered.content)


def _clean(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    for leftover in ("{{", "}}", "{%", "%}"):
        assert leftover not in text


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["2025", "2026"])
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_it_renders_every_petition_form_with_diacritics(code, on):
    text = _text(code, on=on)

    for phrase in EXPECTED[code] + COMMON:
        assert phrase in text, phrase
    _clean(text)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_one_version_from_tt05_with_notes(code):
    (version,) = form_versions(code)

    assert version.valid_from == TT05_FROM == dt.date(2021, 11, 15)
    assert version.valid_to is None
    assert form_version_for(code, dt.date(2026, 6, 30)) == version
    assert form_version_for(code, dt.date(2026, 7, 1)) == version
    assert "chưa" in version.notes  # what is unverified is said
    assert (TEMPLATES_DIR / version.template).is_file()
    with pytest.raises(DomainError):
        form_version_for(code, dt.date(2021, 11, 14))


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_shipped_template_passes_upload_validation(code):
    source = (TEMPLATES_DIR / form_version_for(code, ISSUED_ON).template).read_bytes()
    upload = SimpleUploadedFile("mau.docx", source)

    assert services.document_template_validate(code=code, file=upload, valid_from=ISSUED_ON)


def test_it_composes_decomposed_input_to_nfc():
    context = sample_context("petition.acceptance_notice")
    context["citizen"]["full_name"] = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")

    text = _text("petition.acceptance_notice", context)

    assert "Kính gửi: Ông (bà) Nguyễn Thị Ánh Tuyết" in text
    _clean(text)


# --------------------------------------------------------------------------- confidentiality


def test_a_sealed_proposal_prints_no_sender_name():
    context = sample_context("petition.acceptance_proposal")
    context.update(petition=DENUNCIATION, senders=[], identity_sealed=True)

    text = _text("petition.acceptance_proposal", context)

    assert "PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN TỐ CÁO" in text
    assert f"Người gửi đơn: {SEALED}." in text
    assert SENDER_NAME not in text
    assert CITIZEN["address"] not in text
    _clean(text)


def test_sealed_wins_even_if_senders_are_passed_by_mistake():
    context = sample_context("petition.transfer_slip")
    context["senders"] = [{"full_name": SENDER_NAME, "address": CITIZEN["address"]}]

    text = _text("petition.transfer_slip", context)

    assert SEALED in text
    assert SENDER_NAME not in text
    assert CITIZEN["address"] not in text


def test_the_sample_transfer_slip_names_no_denouncer():
    text = _text("petition.transfer_slip")

    assert SENDER_NAME not in text
    assert "ông (bà)" not in text.lower()


# --------------------------------------------------------------------------- variants


def test_a_proposal_for_another_outcome_is_a_processing_proposal():
    context = sample_context("petition.acceptance_proposal")
    context["proposed_outcome"] = "Chuyển đơn"
    context["proposal_note"] = ""

    text = _text("petition.acceptance_proposal", context)

    assert "PHIẾU ĐỀ XUẤT XỬ LÝ ĐƠN KHIẾU NẠI" in text
    assert "THỤ LÝ ĐƠN" not in text
    assert "- Hướng xử lý: Chuyển đơn." in text
    assert "Lý do, ý kiến đề xuất" not in text


def test_a_proposal_lists_several_senders_and_takes_an_addressee():
    context = sample_context("petition.acceptance_proposal")
    context["senders"] = [
        {"full_name": "Phạm Đức Thắng", "address": "thôn Yên Vực"},
        {"full_name": "Đỗ Quang Hưởng", "address": ""},
    ]
    context["approval"] = {
        "title": "PHÓ CHỦ TỊCH",
        "name": "Lê Văn Đức",
        "addressee": "Phó Chủ tịch UBND phường Bắc Sơn",
    }

    text = _text("petition.acceptance_proposal", context)

    assert "Người gửi đơn (2 người đứng tên):" in text
    assert "- Ông (bà) Phạm Đức Thắng; địa chỉ: thôn Yên Vực;" in text
    assert "- Ông (bà) Đỗ Quang Hưởng; địa chỉ: …………………………." in text
    assert "Kính gửi: Phó Chủ tịch UBND phường Bắc Sơn" in text
    assert "PHÓ CHỦ TỊCH" in text


def test_the_type_is_derived_from_the_label_without_a_code():
    context = sample_context("petition.transfer_slip")
    petition = dict(PETITION, petition_type="Kiến nghị, phản ánh")
    del petition["petition_type_code"]
    context.update(petition=petition, senders=[CITIZEN], identity_sealed=False)
    context["request_reply"] = False

    text = _text("petition.transfer_slip", context)

    assert "PHIẾU CHUYỂN ĐƠN KIẾN NGHỊ, PHẢN ÁNH" in text
    assert "Người gửi đơn: ông (bà) Lê Thị Hương Giang;" in text
    assert "Căn cứ Thông tư số 05/2021/TT-TTCP" in text
    assert "giải quyết theo thẩm quyền./." in text
    assert "thông báo kết quả" not in text
    assert "bí mật" not in text


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("complaint", "PHIẾU CHUYỂN ĐƠN KHIẾU NẠI"),
        ("denunciation", "PHIẾU CHUYỂN ĐƠN TỐ CÁO"),
        ("proposal", "PHIẾU CHUYỂN ĐƠN KIẾN NGHỊ, PHẢN ÁNH"),
        ("mixed", "PHIẾU CHUYỂN ĐƠN\n"),
    ],
)
def test_the_transfer_slip_is_titled_by_type(code, title):
    context = sample_context("petition.transfer_slip")
    context["petition"]["petition_type_code"] = code

    assert title in _text("petition.transfer_slip", context)


def test_guidance_for_a_single_matter_names_the_competent_body():
    context = sample_context("petition.guidance")
    context.update(
        petition=PETITION,
        competent_body="Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa",
        guidance="",
    )

    text = _text("petition.guidance", context)

    assert "Gửi đơn đến cơ quan có thẩm quyền giải quyết" in text
    assert "mà thuộc thẩm quyền giải quyết của Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa." in text
    assert "viết tách" not in text


def test_the_acceptance_notice_of_a_denunciation_follows_nd31():
    context = sample_context("petition.acceptance_notice")
    context["petition"] = DENUNCIATION

    text = _text("petition.acceptance_notice", context)

    assert "Về việc thụ lý tố cáo" in text
    assert "căn cứ quy định của Luật Tố cáo, đơn tố cáo đủ điều kiện thụ lý" in text
    assert "Tố cáo đã được thụ lý giải quyết kể từ ngày 27 tháng 01 năm 2025." in text
    assert "thực hiện quyền, nghĩa vụ của người tố cáo theo quy định của pháp luật./." in text


def test_the_rejection_notice_prints_each_reason_on_its_own_line():
    context = sample_context("petition.rejection_notice")
    context["petition"] = DENUNCIATION
    context["reason"] = "Thứ nhất: không rõ người bị tố cáo.\n\nThứ hai: không có căn cứ."
    context["legal_basis"] = "khoản 1 Điều 29 Luật Tố cáo"

    text = _text("petition.rejection_notice", context)

    assert "Về việc không thụ lý giải quyết tố cáo" in text
    assert "\nThứ nhất: không rõ người bị tố cáo.\nThứ hai: không có căn cứ.\n" in text


def test_a_return_without_a_competent_body_only_returns():
    context = sample_context("petition.return_notice")
    context["competent_body"] = ""

    text = _text("petition.return_notice", context)

    assert "V/v trả lại đơn\n" in text
    assert "và hướng dẫn" not in text
    assert "thông báo để ông (bà) được biết./." in text


def test_the_reminder_prints_no_sender():
    context = sample_context("petition.reminder")
    context["petition"] = DENUNCIATION

    text = _text("petition.reminder", context)

    assert "V/v đôn đốc giải quyết đơn tố cáo" in text
    assert SENDER_NAME not in text
