"""Vietnamese text normalisation.

SQLite's `LIKE`/`lower()` fold ASCII only, so every searchable name also stores a *search key*:
NFC → strip combining marks → đ/Đ → d → casefold → single spaces. The same function builds the
query, so `nguyen van a`, `Nguyễn Văn A` and `NGUYEN  VAN A` meet on both databases.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC with surrounding and repeated white space folded."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


@functools.lru_cache(maxsize=256)
def _marks_pattern(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]+")


def search_key(value: str) -> str:
    """Return the accent-free, case-free key used for searching Vietnamese text."""
    decomposed = unicodedata.normalize("NFD", value or "")
    # The combining marks present, found among the distinct characters and removed in one
    # pass (a page of text is folded in milliseconds, not character by character).
    marks = "".join(sorted(ch for ch in set(decomposed) if unicodedata.category(ch) == "Mn"))
    stripped = _marks_pattern(marks).sub("", decomposed) if marks else decomposed
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    # str.split() splits on exactly the white space `\s` matches, and drops both ends.
    return " ".join(stripped.casefold().split())


def digits(value: str) -> str:
    """Return only the digits of `value` (ID and phone numbers are typed with spaces, dots)."""
    return "".join(ch for ch in value or "" if ch.isdigit())
