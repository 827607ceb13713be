"""The redaction skips the patterns that cannot match (a needle missing from the folded text)
and compiles each pattern once: what it masks is what compiling and running every pattern on
every text masked."""

import re
import unicodedata
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from tiepdan.vault.redaction import MASK, _fold, patterns_for, redact, redact_with


@dataclass(frozen=True)
class P:
    full_name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


def reference(text: str, people: list[P]) -> str:
    """Every pattern compiled and run, the text folded again after each (as it was done)."""
    out = unicodedata.normalize("NFC", text or "")
    for pattern in patterns_for(people):
        folded = _fold(out)
        spans = [m.span() for m in re.compile(pattern.source).finditer(folded)]
        for start, end in reversed(spans):
            out = out[:start] + MASK + out[end:]
    return out


GIANG = P("Lê Thị Hương Giang", "038190012345", "0987654321", "Số 12, Khu phố Đông Hương, Phường 3")
BINH = P("Trần Văn Bình", "", "0912.345.678", "Thôn Đông, xã Quảng Xương")
WORDS = [
    "Lê", "Thị", "Hương", "Giang", "LE THI HUONG GIANG", "Trần", "Văn", "Bình", "tran van binh",
    "0987 654 321", "0987.654.321", "038190012345", "0912345678", "Khu phố Đông Hương",
    "Thôn Đông", "xã Quảng Xương", "tố cáo", "cán bộ", "nhận tiền", ",", ".", "-", "12", "Số",
    "Giang2", "[đã giữ bí mật]",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=14),
    st.sampled_from([[GIANG], [BINH], [GIANG, BINH], []]),
)
def test_the_redaction_masks_what_every_pattern_run_masked(words, people) -> None:
    text = " ".join(words)
    assert redact(text, people) == reference(text, people)
    assert redact_with(text, patterns_for(people)) == reference(text, people)


def test_a_denouncer_is_masked_in_any_spelling() -> None:
    text = "Bà LE THI HUONG GIANG (ĐT 0987 654 321) ở Khu phố Đông Hương tố cáo"
    out = redact(text, [GIANG])
    for shown in ("GIANG", "654", "Đông Hương"):
        assert shown not in out
    assert out.count(MASK) == 3
