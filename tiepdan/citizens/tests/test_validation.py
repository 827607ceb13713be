import datetime as dt

import pytest

from tiepdan.citizens.validation import IdKind, normalise_phone, parse_id_number
from tiepdan.core.errors import DomainError


@pytest.mark.parametrize(
    ("raw", "number", "kind"),
    [
        ("038085012345", "038085012345", IdKind.CCCD),
        (" 038 085 012 345 ", "038085012345", IdKind.CCCD),
        ("273456789", "273456789", IdKind.CMND),
        ("c1234567", "C1234567", IdKind.PASSPORT),
    ],
)
def test_parse_id_number_accepts_and_marks(raw: str, number: str, kind: str) -> None:
    parsed = parse_id_number(raw)
    assert (parsed.number, parsed.kind) == (number, kind)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("03808501234A", "chỉ gồm chữ số"),
        ("0380850123", "12 chữ số"),
        ("999085012345", "mã tỉnh"),
    ],
)
def test_parse_id_number_rejects_with_a_clear_message(raw: str, fragment: str) -> None:
    with pytest.raises(DomainError) as exc:
        parse_id_number(raw)
    assert fragment in exc.value.message
    assert "id_number" in exc.value.fields


def test_cccd_must_agree_with_the_birth_year() -> None:
    assert parse_id_number("038085012345", dt.date(1985, 3, 12))
    with pytest.raises(DomainError) as exc:
        parse_id_number("038085012345", dt.date(1986, 3, 12))
    assert "1985" in exc.value.message


def test_cccd_century_digit_for_people_born_after_2000() -> None:
    assert parse_id_number("038301000777", dt.date(2001, 4, 30)).kind == IdKind.CCCD


def test_empty_id_is_none() -> None:
    assert parse_id_number("  ") is None


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("0912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("02373 851 234", "02373851234"),
        ("", ""),
    ],
)
def test_normalise_phone(raw: str, phone: str) -> None:
    assert normalise_phone(raw) == phone


@pytest.mark.parametrize("raw", ["0112345678", "091234567", "09123456789", "abc0912345678"])
def test_normalise_phone_rejects(raw: str) -> None:
    with pytest.raises(DomainError) as exc:
        normalise_phone(raw)
    assert "phone" in exc.value.fields
