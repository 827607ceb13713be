import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiepdan.core.text import digits, nfc, search_key


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Nguyễn Văn A", "nguyen van a"),
        ("NGUYỄN  VĂN   A ", "nguyen van a"),
        ("Đức", "duc"),
        ("đức", "duc"),
        ("Trần Thị Ánh Tuyết", "tran thi anh tuyet"),
        ("Phường Bắc Sơn", "phuong bac son"),
        ("", ""),
    ],
)
def test_search_key_folds_diacritics_case_and_spaces(raw: str, key: str) -> None:
    assert search_key(raw) == key


def test_search_key_is_the_same_for_nfc_and_nfd_input() -> None:
    text = "Nguyễn Thị Hường"
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(text)


def test_nfc_composes_decomposed_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Lê Văn Đức")
    assert decomposed != "Lê Văn Đức"
    assert nfc(decomposed) == "Lê Văn Đức"


def test_digits_keeps_only_digits() -> None:
    assert digits("091 234.5678") == "0912345678"


@given(st.text())
def test_search_key_is_idempotent(text: str) -> None:
    assert search_key(search_key(text)) == search_key(text)


@given(st.text())
def test_search_key_has_no_combining_marks(text: str) -> None:
    key = search_key(text)
    assert not any(unicodedata.category(ch) == "Mn" for ch in unicodedata.normalize("NFD", key))


def _search_key_by_character(value: str) -> str:
    """The definition, one character at a time: NFD, drop every combining mark (Mn), đ → d,
    casefold, single spaces."""
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.casefold().split())


@given(st.text())
def test_search_key_equals_its_definition(text: str) -> None:
    assert search_key(text) == _search_key_by_character(text)


def test_search_key_folds_a_whole_page_with_every_kind_of_mark_and_space() -> None:
    marks = "".join(chr(cp) for cp in range(0x300, 0x3000) if unicodedata.category(chr(cp)) == "Mn")
    page = (
        "<p>Nguyễn Thị Hường]\\^-</p>\u00a0\u3000\t\n ẤN ĐỘ ﬁ ß x"
        + "a".join(marks)
        + " Quách Thị Khiêm " * 2000
    )
    assert search_key(page) == _search_key_by_character(page)
    assert "quach thi khiem" in search_key(page)
