"""Vietnamese date/number formatting and the Jinja environment used to render DOCX templates.

Filters available in every template:

- ``long_date``: ``ngày 27 tháng 01 năm 2025`` — NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.5.b: days
  below 10 and months below 3 take a leading zero (``ngày 05 tháng 3``, ``tháng 01``).
- ``dmy``: ``27/01/2025``.
- ``hm``: ``14:30``; ``time_vi``: ``14 giờ 30 phút``.
- ``doc_number(number, kind)``: the part after "Số:"; an empty number leaves room for hand
  filling (``      /TB-…``).
- ``or_dots``: the value, or a dotted line for a blank to be filled by hand.
- ``parent_name``: the parent agency, abbreviated ("UBND TỈNH THANH HÓA") when long.
- ``header_name``: a long agency name broken after its kind for the header block.
- ``agency_name``: the agency's name as written inside a sentence ("Ủy ban nhân dân phường
  Bắc Sơn"): ``agency.display_name`` when given, else derived from the capitalised ``agency.name``.
- ``position``: a capitalised title as written inside a sentence ("PHÓ CHỦ TỊCH" → "Phó Chủ tịch").
- ``petition_type_code(petition)``: "complaint" | "denunciation" | "proposal" | "mixed" (or "")
  from ``petition.petition_type_code``, else from the label ``petition.petition_type``.
- ``petition_kind(petition)``: what follows "đơn" in a sentence ("khiếu nại", "tố cáo",
  "kiến nghị, phản ánh", "có nhiều nội dung khác nhau").
- ``lines``: a multi-line text as a list of its non-blank lines, one paragraph each
  (``{%p for line in guidance|lines %}``): a line break inside a justified paragraph would
  stretch the line before it.
- ``vn_number``: ``1.234.567,5`` (``vn_number(2)``: at most two decimals); ``vn_money``: an
  amount in triệu đồng, ``48,6 triệu đồng`` (tiepdan.core.numbers).
- ``is_acceptance``: whether a proposed-outcome label (or code) means acceptance ("Thụ lý…").
"""

import datetime as dt
import functools
import unicodedata
from collections.abc import Mapping, MutableMapping
from typing import Any

from jinja2 import Environment, StrictUndefined, Template, nodes

from tiepdan.core.numbers import vn_money, vn_number

DOTS = "…………………………"


def long_date(value: dt.date | None) -> str:
    """``ngày 27 tháng 01 năm 2025``; a blank date gives ``ngày … tháng … năm …``."""
    if value is None or value == "":
        return "ngày …… tháng …… năm ……"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def dmy(value: dt.date | None) -> str:
    if value is None or value == "":
        return "……/……/……"
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def hm(value: dt.datetime | dt.time | None) -> str:
    if value is None or value == "":
        return "……"
    return f"{value.hour:02d}:{value.minute:02d}"


def time_vi(value: dt.datetime | dt.time | None) -> str:
    """``14 giờ 30 phút``, the wording of official minutes and receipts."""
    if value is None or value == "":
        return "…… giờ …… phút"
    return f"{value.hour:02d} giờ {value.minute:02d} phút"


def doc_number(number: str | None, kind: str = "") -> str:
    """The text after "Số:"; blank numbers are filled in by the clerk (văn thư) on issue."""
    if number:
        return str(number)
    suffix = f"{kind}-…" if kind else "…"
    return f"       /{suffix}"


def or_dots(value: Any) -> Any:
    return value if value not in (None, "") else DOTS


def nfc_deep(value: Any) -> Any:
    """Normalise every string of a nested context to NFC (input may arrive decomposed)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {k: nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [nfc_deep(v) for v in value]
    return value


# Generic words of agency names, lower-cased inside a sentence; what follows is a proper name.
_AGENCY_KINDS = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "BAN TIẾP CÔNG DÂN",
    "THANH TRA",
    "CÔNG AN",
    "VĂN PHÒNG",
    "SỞ",
)
_LEVELS = ("THÀNH PHỐ", "TỈNH", "PHƯỜNG", "XÃ", "ĐẶC KHU", "THỊ TRẤN", "THỊ XÃ", "HUYỆN", "QUẬN")


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> tuple[str, str]:
    for prefix in prefixes:
        if text == prefix or text.startswith(prefix + " "):
            return prefix.lower(), text[len(prefix) :].strip()
    return "", text


def agency_name(agency: Mapping[str, Any]) -> str:
    """The agency's name in running text; heuristic unless ``display_name`` is supplied."""
    if agency.get("display_name"):
        return str(agency["display_name"])
    name = str(agency.get("name", "")).strip()
    if not name.isupper():
        return name
    kind, rest = _strip_prefix(name, _AGENCY_KINDS)
    level, rest = _strip_prefix(rest, _LEVELS)
    proper = " ".join(word.capitalize() for word in rest.split())
    text = " ".join(part for part in (kind, level, proper) if part)
    return text[:1].upper() + text[1:]


def header_name(name: str | None, max_chars: int = 25) -> str:
    """Break a long capitalised agency name after its kind, as headers are set by hand:
    "ỦY BAN NHÂN DÂN\nPHƯỜNG BẮC SƠN". A name that already has a line break is kept."""
    text = str(name or "").strip()
    if "\n" in text or len(text) <= max_chars:
        return text
    kind, rest = _strip_prefix(text, _AGENCY_KINDS)
    if not kind or not rest:
        return text
    return f"{text[: len(text) - len(rest)].strip()}\n{rest}"


# NĐ 30/2020 Phụ lục I, II.2.a: the parent agency's name may abbreviate common phrases.
_ABBREVIATIONS = (("ỦY BAN NHÂN DÂN", "UBND"), ("HỘI ĐỒNG NHÂN DÂN", "HĐND"))


def parent_name(name: str | None, max_chars: int = 25) -> str:
    """The parent agency for the header: "UBND TỈNH THANH HÓA" when the full name is long."""
    text = str(name or "").strip()
    if len(text) <= max_chars:
        return text
    for phrase, short in _ABBREVIATIONS:
        if text.startswith(phrase + " "):
            return short + text[len(phrase) :]
    return header_name(text, max_chars)


def position(title: str | None) -> str:
    """A title in running text: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; mixed case is kept as given."""
    text = str(title or "").strip()
    if not text.isupper():
        return text
    words = text.lower().split()
    capitalised = 2 if words[0] == "phó" and len(words) > 1 else 1
    return " ".join(w.capitalize() if i < capitalised else w for i, w in enumerate(words))


# Petition types by content (tiepdan.core.classification.PetitionType): code → phrase after "đơn".
_PETITION_KINDS = {
    "complaint": "khiếu nại",
    "denunciation": "tố cáo",
    "proposal": "kiến nghị, phản ánh",
    "mixed": "có nhiều nội dung khác nhau",
}


def _key(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip().lower()


def petition_type_code(petition: Mapping[str, Any]) -> str:
    """The type code of a petition context; derived from its label when no code is given."""
    code = _key(petition.get("petition_type_code"))
    if code in _PETITION_KINDS:
        return code
    label = _key(petition.get("petition_type"))
    if "nhiều nội dung" in label:
        return "mixed"
    for code, phrase in _PETITION_KINDS.items():
        if label.startswith(phrase.split(",")[0]):
            return code
    return ""


def petition_kind(petition: Mapping[str, Any]) -> str:
    """What follows "đơn": "khiếu nại"; an unknown type falls back to its lower-cased label."""
    code = petition_type_code(petition)
    return _PETITION_KINDS.get(code) or _key(petition.get("petition_type"))


def is_acceptance(outcome: Any) -> bool:
    """True for "accept" or a label starting "Thụ lý" / "Đề xuất thụ lý"."""
    text = _key(outcome)
    return text == "accept" or text.startswith(("thụ lý", "đề xuất thụ lý"))


def lines(value: Any) -> list[str]:
    """Non-blank lines of a text, stripped."""
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


FILTERS = {
    "agency_name": agency_name,
    "parent_name": parent_name,
    "header_name": header_name,
    "long_date": long_date,
    "dmy": dmy,
    "hm": hm,
    "time_vi": time_vi,
    "doc_number": doc_number,
    "or_dots": or_dots,
    "position": position,
    "petition_type_code": petition_type_code,
    "petition_kind": petition_kind,
    "is_acceptance": is_acceptance,
    "lines": lines,
    "vn_number": vn_number,
    "vn_money": vn_money,
}


class _Environment(Environment):
    """Compiles a template source once: docxtpl gives every render of a form the same parts
    (body, headers, footers, properties) as sources, and compiling them took about a third
    of a render. Each render still gets a template object of its own."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.filters.update(FILTERS)
        self._compiled = functools.lru_cache(maxsize=256)(self.compile)

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        if not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        cls = template_class or self.template_class
        return cls.from_code(self, self._compiled(source), self.make_globals(globals), None)


@functools.cache
def jinja_env() -> Environment:
    """The environment, one per process: autoescape on (values land inside XML), strict
    undefined names.

    StrictUndefined turns a misspelt variable in a clerk's template into an error instead of a
    silently blank official document.
    """
    return _Environment()
