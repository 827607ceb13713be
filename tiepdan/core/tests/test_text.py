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
