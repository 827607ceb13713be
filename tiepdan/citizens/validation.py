"""Checks of Vietnamese identity documents and phone numbers (pure functions).

CCCD (căn cước công dân / căn cước, 12 digits): 3 digits of the province of birth registration
(Thông tư 59/2021/TT-BCA, Phụ lục I: codes 001–096), 1 digit of gender and century
(0/1 = male/female born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100–2199, …), 2 digits of the year of
birth, then 6 random digits. CMND (9 digits) is the older card, still accepted and marked.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError
from tiepdan.core.text import digits

# Province codes of the CCCD (TT 59/2021/TT-BCA, Phụ lục I); the pre-merger 63 provinces.
CCCD_PROVINCE_CODES = frozenset(
    {
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    }
)

PASSPORT = re.compile(r"^[A-Z][0-9]{7}$")
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


class IdKind:
    CCCD = "cccd"
    CMND = "cmnd"
    PASSPORT = "passport"


@dataclass(frozen=True)
class IdNumber:
    number: str
    kind: str


def parse_id_number(raw: str, date_of_birth: dt.date | None = None) -> IdNumber | None:
    """Validate and normalise an ID number; None for an empty value.

    Raises DomainError (field `id_number`) with a Vietnamese message when it is malformed.
    """
    text = (raw or "").strip().upper().replace(" ", "").replace(".", "")
    if not text:
        return None
    if PASSPORT.match(text):
        return IdNumber(text, IdKind.PASSPORT)
    if not text.isdigit():
        raise _id_error(_("Số giấy tờ chỉ gồm chữ số (CCCD 12 số, CMND 9 số) hoặc số hộ chiếu."))
    if len(text) == 9:
        return IdNumber(text, IdKind.CMND)
    if len(text) != 12:
        raise _id_error(
            _("Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số); đã nhập %(n)d chữ số.")
            % {"n": len(text)}
        )
    if int(text[:3]) not in CCCD_PROVINCE_CODES:
        raise _id_error(
            _("Ba số đầu của CCCD (%(p)s) không phải mã tỉnh hợp lệ.") % {"p": text[:3]}
        )
    century = 1900 + 100 * (int(text[3]) // 2)
    year = century + int(text[4:6])
    if date_of_birth is not None and date_of_birth.year != year:
        raise _id_error(
            _("Số CCCD ứng với năm sinh %(y)d, khác năm sinh đã nhập (%(d)d).")
            % {"y": year, "d": date_of_birth.year}
        )
    return IdNumber(text, IdKind.CCCD)


def _id_error(message: str) -> DomainError:
    return DomainError(message, code="invalid_id_number", fields={"id_number": [message]})


def normalise_phone(raw: str) -> str:
    """Return a Vietnamese phone number as 0XXXXXXXXX; '' for an empty value.

    Mobiles have 10 digits (03/05/07/08/09…), landlines 11 (02…); +84/84 prefixes are folded.
    """
    text = (raw or "").strip()
    if not text:
        return ""
    if re.search(r"[^\d\s.+()-]", text):
        raise _phone_error(_("Số điện thoại chỉ gồm chữ số."))
    number = digits(text)
    if number.startswith("84") and len(number) in (11, 12):
        number = "0" + number[2:]
    if len(number) == 10 and number.startswith(MOBILE_PREFIXES):
        return number
    if len(number) == 11 and number.startswith("02"):
        return number
    raise _phone_error(
        _("Số điện thoại không hợp lệ: di động 10 số (03, 05, 07, 08, 09…), cố định 11 số (02…).")
    )


def _phone_error(message: str) -> DomainError:
    return DomainError(message, code="invalid_phone", fields={"phone": [message]})
