"""Removing a sealed person's identifiers from free text (Luật TC Art 8.3: nothing that reveals
the denouncer — a name typed into a summary would, with or without its diacritics).

Matching runs on a folded copy of the text (accents, đ and case removed, one character for one
character) so that "Quach Thi Niem", "QUÁCH THỊ NIỀM" and "Quách Thị Niềm" are all found, and
the spans found are masked in the original. Numbers match whatever separators were typed
between their digits ("0903 111 222", "0903.111.222").
"""

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

MASK = "[đã giữ bí mật]"

# Parts of an address that name an administrative unit, not the person's home: masking them
# would hide where the matter is without protecting anyone.
_ADMIN_PREFIXES = (
    "xa ",
    "phuong ",
    "thi tran ",
    "thi xa ",
    "quan ",
    "huyen ",
    "tinh ",
    "thanh pho ",
    "tp ",
    "tp. ",
    "dac khu ",
)


class Person(Protocol):
    """Anyone with these particulars: a registry citizen, or a person read from the vault."""

    @property
    def full_name(self) -> str: ...
    @property
    def id_number(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def address(self) -> str: ...


def _fold_char(ch: str) -> str:
    """One character folded to one character (so positions in the folded text stay valid)."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    folded = base.casefold()
    return folded if len(folded) == 1 else ch


def _fold(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


class Pattern(NamedTuple):
    """A pattern's source and the folded substrings every match contains (digits: the digits
    in a row, whatever separates them in the text): where one is missing the pattern cannot
    match, so it is neither compiled nor run (compiling is most of the work, and most texts
    name nobody)."""

    source: str
    needles: tuple[str, ...]
    digits: bool = False

    def may_match(self, folded: str, digits: str) -> bool:
        if self.digits:
            return self.needles[0] in digits
        return all(n in folded for n in self.needles)


def _words_pattern(value: str) -> Pattern | None:
    words = _fold(unicodedata.normalize("NFC", value)).split()
    if not words or sum(len(w) for w in words) < 3:
        return None
    body = r"[\s,.\-]+".join(re.escape(w) for w in words)
    return Pattern(rf"(?<!\w){body}(?!\w)", tuple(words))


def _digits_pattern(value: str) -> Pattern | None:
    numbers = [ch for ch in value or "" if ch.isdigit()]
    if len(numbers) < 6:
        return None
    source = r"(?<!\d)" + r"[\s.\-]?".join(numbers) + r"(?!\d)"
    return Pattern(source, ("".join(numbers),), digits=True)


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _address_parts(address: str) -> list[str]:
    """The whole address and each part of it that points at a home (street, hamlet, house)."""
    address = (address or "").strip()
    if not address:
        return []
    parts = [address]
    for part in re.split(r"[,;]", address):
        part = part.strip()
        folded = _fold(part)
        if len(part.split()) >= 2 and not folded.startswith(_ADMIN_PREFIXES):
            parts.append(part)
    return parts


def patterns_for(people: Sequence[Person]) -> list[Pattern]:
    """What `redact` looks for: each person's name, address parts, ID number and phone."""
    found: list[Pattern | None] = []
    for person in people:
        found.append(_words_pattern(person.full_name or ""))
        found.extend(_words_pattern(part) for part in _address_parts(person.address or ""))
        found.append(_digits_pattern(person.id_number or ""))
        found.append(_digits_pattern(person.phone or ""))
    # Longest first, so a whole address is masked before one of its parts.
    return sorted((p for p in found if p is not None), key=lambda p: -len(p.source))


def redact(text: str, people: Sequence[Person]) -> str:
    """`text` with each person's name, address, ID number and phone replaced by a mask."""
    return redact_with(text, patterns_for(people))


def _folded(text: str) -> tuple[str, str]:
    folded = _fold(text)
    return folded, "".join(ch for ch in folded if ch.isdigit())


def redact_with(text: str, patterns: Sequence[Pattern]) -> str:
    """`redact` with the people's `patterns_for` made once, for many texts of the same people
    (the national link's back-fill)."""
    out = unicodedata.normalize("NFC", text or "")
    folded, digits = _folded(out)
    for pattern in patterns:
        if not pattern.may_match(folded, digits):
            continue
        spans = [m.span() for m in _compiled(pattern.source).finditer(folded)]
        for start, end in reversed(spans):
            out = out[:start] + MASK + out[end:]
        if spans:
            folded, digits = _folded(out)
    return out


def redact_values(value: Any, people: Sequence[Person]) -> Any:
    """`value` with every text in it redacted (a text, or the dicts, lists and tuples of a
    document's context, tuples read back as lists); any other value as it is."""
    patterns = patterns_for(people)

    def masked(item: Any) -> Any:
        if isinstance(item, str):
            return redact_with(item, patterns)
        if isinstance(item, dict):
            return {key: masked(v) for key, v in item.items()}
        if isinstance(item, list | tuple):
            return [masked(v) for v in item]
        return item

    return masked(value)
