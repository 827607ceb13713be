"""Where the horizontal rule lines of a rendered page sit, read from its pixels: a rule is a row
of dark pixels longer than any run inside a line of text; above it there must be white rows
before the text (the rule under "Độc lập - Tự do - Hạnh phúc" and under the agency's name)."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

DPI = 150
DARK = 128  # grey level under which a pixel is ink
MIN_RULE_MM = 10  # no run of ink inside a line of text is this long


@dataclass(frozen=True)
class Rule:
    top: int  # pixel row
    left: int
    right: int
    gap_pt: float  # white space between the rule and the ink above it, over the rule's width

    @property
    def length_mm(self) -> float:
        return (self.right - self.left) * 25.4 / DPI


def _page(pdf: Path, page: int) -> tuple[int, int, bytes]:
    """The page as 8-bit grey pixels (pdftoppm's PGM): width, height, rows of bytes."""
    out = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    magic, width, height, _maxval, data = out.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), data[: int(width) * int(height)]


def _runs(row: bytes, min_len: int) -> list[tuple[int, int]]:
    runs, x, width = [], 0, len(row)
    while x < width:
        if row[x] < DARK:
            start = x
            while x < width and row[x] < DARK:
                x += 1
            if x - start >= min_len:
                runs.append((start, x))
        x += 1
    return runs


def _gap_above(data: bytes, width: int, top: int, left: int, right: int) -> int:
    gap, y = 0, top - 1
    while y >= 0 and min(data[y * width + left : y * width + right]) >= DARK:
        gap, y = gap + 1, y - 1
    return gap


def page_rules(pdf: Path, page: int = 1) -> list[Rule]:
    """The rules of a page, top to bottom (a rule two pixels thick counts once)."""
    width, height, data = _page(pdf, page)
    min_len = round(MIN_RULE_MM / 25.4 * DPI)
    rules: list[Rule] = []
    previous: set[tuple[int, int]] = set()
    for y in range(height):
        runs = _runs(data[y * width : (y + 1) * width], min_len)
        for left, right in runs:
            if any(abs(left - a) < 3 and abs(right - b) < 3 for a, b in previous):
                continue
            gap = _gap_above(data, width, y, left, right)
            rules.append(Rule(y, left, right, gap * 72 / DPI))
        previous = set(runs)
    return rules
