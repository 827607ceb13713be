"""The texts sent to citizens, as data: one per step at which the law has the agency inform
them. Each fits one SMS once written without diacritics (160 GSM characters), as Vietnamese
SMS gateways send it. Placeholders are the unit's short name, the tracking code, a date and
(for a transfer) the receiving agency: never a denouncer's identity nor a petition's content.

The same steps have a Zalo ZNS template each (ZNS_TEMPLATES): the agency registers these words
with Zalo, which shows diacritics, and puts the approved template's id in
TIEPDAN_ZNS_TEMPLATES; the message carries only the template's parameters.
"""

import string
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


# Zalo ZNS: one template per step, in the words registered with Zalo; the placeholders are the
# template's parameters (template_data), the same values as the SMS's.
ZNS_TEMPLATES = {
    "received": _("{unit} đã nhận đơn của Ông/Bà ngày {date}. Mã tra cứu đơn: {code}."),
    "processed": _("{unit} đã xử lý đơn mã {code} ngày {date}: {outcome}."),
    "accepted": _("{unit} đã thụ lý giải quyết đơn mã {code} ngày {date}."),
    "transferred": _("{unit} đã chuyển đơn mã {code} đến {to} ngày {date}."),
    "decision": _(
        "{unit} đã có kết quả giải quyết đơn mã {code} ngày {date}. "
        "Ông/Bà tra cứu mã đơn để xem kết quả và đánh giá việc giải quyết."
    ),
}

# Zalo caps each parameter by its kind (a code 30 characters, a label 30, a name or place
# 100-200): longer values are refused, so they are cut here.
ZNS_LIMITS = {"unit": 100, "to": 100, "code": 30, "date": 20, "outcome": 30}


def zns_parameters(event: str) -> list[str]:
    """The names of the parameters of the event's ZNS template, in order."""
    template = str(ZNS_TEMPLATES[event])
    return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]


def _cut(value: str, length: int) -> str:
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def zns_data(event: str, values: dict[str, str]) -> dict[str, str]:
    """The ZNS template_data of `event`: its parameters only, with diacritics, within Zalo's
    limits."""
    return {
        name: _cut(unicodedata.normalize("NFC", str(values.get(name, ""))), ZNS_LIMITS[name])
        for name in zns_parameters(event)
    }


def zns_text(event: str, values: dict[str, str]) -> str:
    """What the citizen reads in Zalo, kept with the message's record."""
    return str(ZNS_TEMPLATES[event]).format(**zns_data(event, values))
