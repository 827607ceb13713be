import datetime as dt

import pytest

from tiepdan.documents import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 1, 27), "ngày 27 tháng 01 năm 2025"),
        (dt.date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (dt.date(2025, 3, 5), "ngày 05 tháng 3 năm 2025"),  # NĐ 30: zero only below month 3
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (None, "ngày …… tháng …… năm ……"),
    ],
)
def test_long_date(value, expected):
    assert formatting.long_date(value) == expected


def test_short_formats():
    moment = dt.datetime(2025, 1, 7, 9, 5)

    assert formatting.dmy(moment.date()) == "07/01/2025"
    assert formatting.hm(moment) == "09:05"
    assert formatting.time_vi(moment) == "09 giờ 05 phút"


def test_doc_number_leaves_room_for_hand_filling():
    assert formatting.doc_number("15/TB-UBND", "TB") == "15/TB-UBND"
    assert formatting.doc_number("", "TB").strip() == "/TB-…"


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ({"name": "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN"}, "Ủy ban nhân dân phường Bắc Sơn"),
        ({"name": "THANH TRA TỈNH THANH HÓA"}, "Thanh tra tỉnh Thanh Hóa"),
        ({"name": "SỞ NỘI VỤ", "display_name": "Sở Nội vụ"}, "Sở Nội vụ"),
    ],
)
def test_agency_name_in_running_text(agency, expected):
    assert formatting.agency_name(agency) == expected


def test_header_names_break_and_abbreviate_long_names():
    assert formatting.header_name("ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN") == (
        "ỦY BAN NHÂN DÂN\nPHƯỜNG BẮC SƠN"
    )
    assert formatting.header_name("UBND XÃ AN") == "UBND XÃ AN"
    assert formatting.parent_name("ỦY BAN NHÂN DÂN TỈNH THANH HÓA") == "UBND TỈNH THANH HÓA"


def test_nfc_deep_composes_nested_strings():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" as base letters + combining marks

    result = formatting.nfc_deep({"a": [decomposed], "b": {"c": decomposed}, "d": 3})

    assert result == {"a": ["Nguyễn"], "b": {"c": "Nguyễn"}, "d": 3}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CHỦ TỊCH", "Chủ tịch"),
        ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
        ("Chánh Thanh tra", "Chánh Thanh tra"),
        ("", ""),
    ],
)
def test_position(title, expected):
    assert formatting.position(title) == expected


@pytest.mark.parametrize(
    ("petition", "code", "kind"),
    [
        ({"petition_type_code": "complaint", "petition_type": "x"}, "complaint", "khiếu nại"),
        ({"petition_type": "Tố cáo"}, "denunciation", "tố cáo"),
        ({"petition_type": "Kiến nghị, phản ánh"}, "proposal", "kiến nghị, phản ánh"),
        ({"petition_type": "Nhiều nội dung khác nhau"}, "mixed", "có nhiều nội dung khác nhau"),
        ({"petition_type": "Đơn khác"}, "", "đơn khác"),
    ],
)
def test_petition_type(petition, code, kind):
    assert formatting.petition_type_code(petition) == code
    assert formatting.petition_kind(petition) == kind


def test_is_acceptance_and_lines():
    assert formatting.is_acceptance("Thụ lý giải quyết")
    assert formatting.is_acceptance("accept")
    assert formatting.is_acceptance("Đề xuất thụ lý")
    assert not formatting.is_acceptance("Không thụ lý")
    assert not formatting.is_acceptance("Chuyển đơn")
    assert formatting.lines(" a \n\n b\r\n") == ["a", "b"]
    assert formatting.lines(None) == []
