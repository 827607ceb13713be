"""Vietnamese text normalisation.

SQLite's `LIKE`/`lower()` fold ASCII only, so every searchable name also stores a *search key*:
NFC → strip combining marks → đ/Đ → d → casefold → single spaces. The same function builds the
query, so `nguyen van a`, `Nguyễn Văn A` and `NGUYEN  VAN A` meet on both databases.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC with surrounding and repeated white space folded."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def search_key(value: str) -> str:
    """Return the accent-free, case-free key used for searching Vietnamese text."""
    decomposed = unicodedata.normalize("NFD", value or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def digits(value: str) -> str:
    """Return only the digits of `value` (ID and phone numbers are typed with spaces, dots)."""
    return "".join(ch for ch in value or "" if ch.isdigit())
