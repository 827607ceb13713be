"""The QR code printed on the chip-based citizen identity card (thẻ căn cước công dân gắn chip),
as a USB scanner types it into the desk's search box. Pure: no database, no request.

Seven fields separated by "|": ID number (12 digits) | old ID number (9 digits, or empty) |
full name | date of birth (ddmmyyyy) | sex | place of residence | date of issue (ddmmyyyy).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.core.text import nfc

FIELDS = 7
_LOOKS_LIKE = re.compile(r"^\s*\d{6,}\s*\|")
_SEX = {"nam": "male", "nữ": "female", "nu": "female"}


class QrError(ValueError):
    """A string that looks like a card's QR but cannot be read; `message` is for the desk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CardQr:
    id_number: str
    old_id_number: str
    full_name: str
    date_of_birth: dt.date
    gender: str  # "male", "female" or ""
    residence: str
    issued_on: dt.date


def looks_like_card_qr(text: str) -> bool:
    """Whether the search text is meant as a scanned card (digits then "|"), not a name."""
    return bool(_LOOKS_LIKE.match(text or ""))


def _date(value: str, label: str) -> dt.date:
    if not re.fullmatch(r"\d{8}", value):
        raise QrError(
            _("Mã QR: %(label)s “%(value)s” không đúng dạng ddmmyyyy (8 chữ số).")
            % {"label": label, "value": value}
        )
    try:
        return dt.date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise QrError(
            _("Mã QR: %(label)s “%(value)s” không phải ngày có thật.")
            % {"label": label, "value": value}
        ) from None


def _check_numbers_and_name(id_number: str, old_id: str, name: str) -> None:
    if not re.fullmatch(r"\d{12}", id_number):
        raise QrError(
            _("Mã QR: số định danh cá nhân phải gồm đúng 12 chữ số (nhận được %(n)d ký tự).")
            % {"n": len(id_number)}
        )
    if old_id and not re.fullmatch(r"\d{9}", old_id):
        raise QrError(_("Mã QR: số CMND cũ phải gồm 9 chữ số hoặc để trống."))
    if not name or any(ch.isdigit() for ch in name):
        raise QrError(_("Mã QR: họ và tên trống hoặc có chữ số."))


def _check_dates(dob: str, issued: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The date of birth and the date of issue: real days, in order, none in the future."""
    date_of_birth = _date(dob, _("ngày sinh"))
    issued_on = _date(issued, _("ngày cấp"))
    if date_of_birth > today or issued_on > today:
        raise QrError(_("Mã QR: ngày sinh hoặc ngày cấp ở tương lai."))
    if issued_on < date_of_birth:
        raise QrError(_("Mã QR: ngày cấp trước ngày sinh."))
    return date_of_birth, issued_on


def parse_card_qr(text: str, *, today: dt.date | None = None) -> CardQr:
    """Read a scanned card string; raise QrError with a Vietnamese message when malformed."""
    raw = nfc(text or "").strip().strip("\r\n")
    parts = [p.strip() for p in raw.split("|")]
    if len(parts) != FIELDS:
        raise QrError(
            _(
                "Mã QR căn cước không đọc được: cần %(n)d trường ngăn cách bởi dấu “|”, nhận được "
                "%(got)d. Quét lại thẻ hoặc nhập tay."
            )
            % {"n": FIELDS, "got": len(parts)}
        )
    id_number, old_id, name, dob, sex, residence, issued = parts
    _check_numbers_and_name(id_number, old_id, name)
    date_of_birth, issued_on = _check_dates(dob, issued, today or timezone.localdate())
    gender = _SEX.get(sex.lower(), "")
    if sex and not gender:
        raise QrError(_("Mã QR: giới tính “%(sex)s” không hợp lệ (Nam hoặc Nữ).") % {"sex": sex})
    return CardQr(
        id_number=id_number,
        old_id_number=old_id,
        full_name=" ".join(name.split()),
        date_of_birth=date_of_birth,
        gender=gender,
        residence=" ".join(residence.split()),
        issued_on=issued_on,
    )
