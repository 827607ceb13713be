import datetime as dt
import unicodedata

import pytest

from tiepdan.core.errors import DomainError
from tiepdan.documents import services
from tiepdan.documents.samples import ISSUED_ON, sample_context
from tiepdan.documents.tests.readers import docx_text

pytestmark = pytest.mark.django_db

NEW_RULES = dt.date(2026, 7, 15)

# For each form, phrases of the wording and of the sample data that must appear.
EXPECTED = {
    "reception.refusal_notice": [
        "THÔNG BÁO",
        "Về việc từ chối tiếp công dân",
        "Kính gửi: Ông (bà) Lê Thị Hương Giang",
        "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân, Ủy ban nhân dân phường Bắc Sơn từ chối",
        "Số: 15/TB-UBND",
    ],
    "reception.receipt": [
        "GIẤY BIÊN NHẬN",
        "Thông tin, tài liệu, bằng chứng",
        "Vào hồi 09 giờ 05 phút, ngày 27 tháng 01 năm 2025, tại Ủy ban nhân dân phường Bắc Sơn.",
        "Quyết định số 12/QĐ-UBND ngày 05/11/2024 về bồi thường, hỗ trợ",
        "bản sao",
        "Số thứ tự trong Sổ tiếp công dân: 27.",
        "Số điện thoại liên hệ: 0912 345 678",
    ],
    "reception.appointment_slip": [
        "PHIẾU HẸN",
        "vào hồi 14 giờ 30 phút, ngày 10 tháng 02 năm 2025.",
        "Nội dung làm việc: Tiếp tục làm việc về khiếu nại",
    ],
    "reception.guidance_slip": [
        "PHIẾU HƯỚNG DẪN",
        "thuộc thẩm quyền giải quyết của Sở Nội vụ tỉnh Thanh Hóa.",
        "số 25 đại lộ Lê Lợi, phường Hạc Thành",
    ],
    "reception.conclusion_notice": [
        "Kết luận của Chủ tịch UBND phường Nguyễn Văn Trường tại buổi tiếp công dân "
        "ngày 23 tháng 01 năm 2025",
        "- Ông (bà) Phạm Đức Thắng, địa chỉ: thôn Yên Vực, phường Bắc Sơn;",
        "Giao: Phòng Kinh tế, Hạ tầng và Đô thị; thời hạn: 14/02/2025.",
        "2. Phối hợp mời công dân đối thoại",
    ],
    "reception.register": [
        "SỔ TIẾP CÔNG DÂN",
        "(Từ ngày 01/01/2025 đến ngày 31/01/2025)",
        "Đoàn 6 hộ dân thôn Yên Vực, do ông Phạm Đức Thắng đại diện",
        "Hướng xử lý",
        "13/01/2025",
    ],
    "plan.document": [
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Phân công cán bộ trực tiếp công dân các ngày nghỉ Tết;",
        "- Phối hợp chặt chẽ với Công an phường, Mặt trận Tổ quốc phường.",
        "TM. ỦY BAN NHÂN DÂN",
    ],
}
COMMON = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND TỈNH THANH HÓA",
    "ỦY BAN NHÂN DÂN",
    "PHƯỜNG BẮC SƠN",
    "Bắc Sơn, ngày 27 tháng 01 năm 2025",
]


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["tt04", "nd154"])
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_it_renders_every_form_with_diacritics(code, on):
    rendered = services.document_render(code=code, on=on, context=sample_context(code))
    text = docx_text(rendered.content)

    assert rendered.filename.endswith(".docx")
    assert rendered.version.in_force_on(on)
    for phrase in EXPECTED[code] + ([] if code == "reception.register" else COMMON):
        assert phrase in text, phrase
    assert unicodedata.is_normalized("NFC", text)
    assert "{{" not in text
    assert "{%" not in text


def test_it_names_files_without_diacritics():
    rendered = services.document_render(
        code="reception.refusal_notice",
        on=ISSUED_ON,
        context=sample_context("reception.refusal_notice"),
    )

    assert rendered.filename == "thong-bao-tu-choi-tiep-cong-dan-20250127.docx"
    assert rendered.content_type.endswith("wordprocessingml.document")


def test_it_composes_decomposed_input_to_nfc():
    context = sample_context("reception.receipt")
    context["citizen"]["full_name"] = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")

    rendered = services.document_render(code="reception.receipt", on=ISSUED_ON, context=context)

    assert "Đã nhận của ông (bà): Nguyễn Thị Ánh Tuyết" in docx_text(rendered.content)


def test_it_escapes_markup_in_values():
    context = sample_context("reception.guidance_slip")
    context["content"] = 'Đơn ghi "<b>khẩn</b> & gấp"'

    rendered = services.document_render(
        code="reception.guidance_slip", on=ISSUED_ON, context=context
    )

    assert 'Đơn ghi "<b>khẩn</b> & gấp"' in docx_text(rendered.content)


def test_it_leaves_a_blank_number_for_hand_filling():
    context = sample_context("reception.refusal_notice")
    context["number"] = ""
    context["agency"]["parent_name"] = ""

    text = docx_text(
        services.document_render(
            code="reception.refusal_notice", on=ISSUED_ON, context=context
        ).content
    )

    assert "Số:        /TB-…" in text
    assert "UBND TỈNH" not in text


def test_it_fills_the_register_columns_of_each_version():
    context = sample_context("reception.register")

    old = docx_text(
        services.document_render(code="reception.register", on=ISSUED_ON, context=context).content
    )
    new = docx_text(
        services.document_render(code="reception.register", on=NEW_RULES, context=context).content
    )

    assert "(12)" in old
    assert "(13)" not in old
    assert "Trả lại đơn và hướng dẫn" in old
    assert "(13)" in new
    assert "Thuộc thẩm quyền (x)" in new


def test_it_raises_render_failed_for_missing_data():
    context = sample_context("reception.receipt")
    del context["citizen"]

    with pytest.raises(DomainError) as caught:
        services.document_render(code="reception.receipt", on=ISSUED_ON, context=context)

    assert caught.value.code == "render_failed"
    assert caught.value.message.startswith("Không tạo được văn bản «Giấy biên nhận")


def test_it_raises_when_no_version_is_in_force():
    with pytest.raises(DomainError) as caught:
        services.document_render(
            code="reception.receipt",
            on=dt.date(2019, 1, 1),
            context=sample_context("reception.receipt"),
        )

    assert caught.value.code == "no_form_version"


def test_administrative_docx_renders_a_plan():
    rendered = services.administrative_docx(on=ISSUED_ON, context=sample_context("plan.document"))

    assert "II. NỘI DUNG THỰC HIỆN" in docx_text(rendered.content)
    assert rendered.version.code == "plan.document"
