"""The texts sent to citizens, as data: one per step at which the law has the agency inform
them. Each fits one SMS once written without diacritics (160 GSM characters), as Vietnamese
SMS gateways send it. Placeholders are the unit's short name, the tracking code, a date and
(for a transfer) the receiving agency: never a denouncer's identity nor a petition's content.
"""

import unicodedata

from django.utils.translation import gettext_lazy as _

SMS_LENGTH = 160
UNIT_NAME_LENGTH = 40

# event → (template, legal basis of the duty to inform)
TEMPLATES = {
    "received": (
        _("{unit} đã nhận đơn của bạn ngày {date}. Mã tra cứu: {code}."),
        "Luật Tiếp công dân 2013, Điều 28",
    ),
    "processed": (
        _("{unit}: đơn {code} đã được xử lý ngày {date} ({outcome}). Tra cứu mã đơn để xem."),
        "Luật Tiếp công dân 2013, Điều 28.1",
    ),
    "accepted": (
        _("{unit}: đơn {code} đã được thụ lý giải quyết ngày {date}."),
        "Luật Khiếu nại 2011, Điều 27; Luật Tố cáo 2018, Điều 29",
    ),
    "transferred": (
        _("{unit}: đơn {code} đã được chuyển đến {to} ngày {date}."),
        "Luật Tiếp công dân 2013, Điều 28; Luật Tố cáo 2018, Điều 24.2",
    ),
    "decision": (
        _("{unit}: đã có kết quả giải quyết đơn {code} ngày {date}. Mời đánh giá khi tra cứu."),
        "Luật Khiếu nại 2011, Điều 32; Luật Tố cáo 2018, Điều 40",
    ),
}

OUTCOME_WORDS = {
    "guide": _("hướng dẫn"),
    "return": _("trả lại đơn"),
    "file": _("lưu đơn"),
    "reject": _("không thụ lý"),
    "urge": _("đôn đốc"),
}


def email_subject(code: str) -> str:
    return str(_("Thông báo về đơn %(code)s") % {"code": code})


def plain(text: str) -> str:
    """Vietnamese without diacritics, as SMS gateways send it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def short(name: str, length: int = UNIT_NAME_LENGTH) -> str:
    name = plain(name)
    return name if len(name) <= length else name[: length - 1].rstrip() + "."


# The shortest unit name kept when the message is made to fit one SMS with its link.
UNIT_NAME_MIN = 12


def _format(event: str, length: int, values: dict[str, str]) -> str:
    template, _basis = TEMPLATES[event]
    values = {k: short(v, length) if k in ("unit", "to") else plain(v) for k, v in values.items()}
    return plain(str(template).format(**values))


def render(event: str, link: str = "", **values: str) -> str:
    """The message of `event`; with `link` (the tracking page) appended whole, the names
    shortened as needed so that the whole still fits one SMS. A link that cannot fit even then
    is left out rather than cut."""
    text = _format(event, UNIT_NAME_LENGTH, values)
    if link:
        for length in range(UNIT_NAME_LENGTH, UNIT_NAME_MIN - 1, -1):
            with_link = f"{_format(event, length, values)} {link}"
            if len(with_link) <= SMS_LENGTH:
                return with_link
    return text[:SMS_LENGTH]
