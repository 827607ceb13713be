"""The chip card's QR string as the USB scanner types it."""

import datetime as dt

import pytest

from tiepdan.reception.cccd_qr import QrError, looks_like_card_qr, parse_card_qr

TODAY = dt.date(2026, 12, 4)
GOOD = "038085012345|172345678|Nguyễn Văn An|12031985|Nam|Khu phố 3, phường Bắc Sơn|15062021"


def test_a_scanned_card_is_read_field_by_field() -> None:
    card = parse_card_qr(GOOD, today=TODAY)
    assert card.id_number == "038085012345"
    assert card.old_id_number == "172345678"
    assert card.full_name == "Nguyễn Văn An"
    assert card.date_of_birth == dt.date(1985, 3, 12)
    assert card.gender == "male"
    assert card.residence == "Khu phố 3, phường Bắc Sơn"
    assert card.issued_on == dt.date(2021, 6, 15)


def test_the_old_id_may_be_empty_and_the_text_is_nfc_normalised() -> None:
    name = "Tra\u0302\u0300n Thi\u0323 Cu\u0301c"
    decomposed = f"001190000001||{name}|01011990|Nữ|Hà Nội|01012022\r\n"
    card = parse_card_qr(decomposed, today=TODAY)
    assert card.old_id_number == ""
    assert card.full_name == "Trần Thị Cúc"
    assert card.gender == "female"


def test_the_desk_tells_a_scan_from_a_typed_query() -> None:
    assert looks_like_card_qr(GOOD)
    assert looks_like_card_qr("038085012345|x")
    assert not looks_like_card_qr("nguyen van an")
    assert not looks_like_card_qr("038085")
    assert not looks_like_card_qr("")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("038085012345|172345678|Nguyễn Văn An|12031985|Nam|Khu phố 3", "cần 7 trường"),
        (GOOD + "|thừa", "nhận được 8"),
        ("0380850123451|172345678|An|12031985|Nam|KP3|15062021", "đúng 12 chữ số"),
        ("03808501234|172345678|An|12031985|Nam|KP3|15062021", "đúng 12 chữ số"),
        ("038085012345|17234|An|12031985|Nam|KP3|15062021", "CMND cũ"),
        ("038085012345|172345678|An|31021985|Nam|KP3|15062021", "không phải ngày có thật"),
        ("038085012345|172345678|An|1985-03-12|Nam|KP3|15062021", "ddmmyyyy"),
        ("038085012345|172345678|An|12031985|Nam|KP3|15062031", "tương lai"),
        ("038085012345|172345678|An|12031985|Nam|KP3|15061980", "ngày cấp trước ngày sinh"),
        ("038085012345|172345678||12031985|Nam|KP3|15062021", "họ và tên"),
        ("038085012345|172345678|An|12031985|X|KP3|15062021", "giới tính"),
    ],
)
def test_malformed_strings_get_a_vietnamese_message(text: str, fragment: str) -> None:
    with pytest.raises(QrError) as caught:
        parse_card_qr(text, today=TODAY)
    assert fragment in caught.value.message
