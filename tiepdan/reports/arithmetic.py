"""Column arithmetic of the report forms (pure): the sums printed in the forms' "MS" row.

A label such as "6=8+9+10=11+12+13=14+18" says column 6 equals each of the three sums;
"1=2+...+7" and "5=20+..+24" are ranges.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_RANGE = re.compile(r"\.\.\.|\.\.|…")


@dataclass(frozen=True)
class Rule:
    """`total` must equal the sum of `parts`."""

    total: int
    parts: tuple[int, ...]

    def __str__(self) -> str:
        return f"({self.total}) = " + " + ".join(f"({p})" for p in self.parts)


@dataclass(frozen=True)
class Violation:
    rule: Rule
    total: float  # whole counts, or amounts (triệu đồng, m²)
    sum: float
    row: str = ""

    def __str__(self) -> str:
        where = f"{self.row}: " if self.row else ""
        return f"{where}{self.rule} không khớp ({self.total} ≠ {self.sum})"


def _terms(expression: str) -> tuple[int, ...]:
    tokens = [t for t in expression.split("+") if t]
    out: list[int] = []
    for index, token in enumerate(tokens):
        if _RANGE.fullmatch(token):
            continue
        number = int(token)
        if index > 0 and _RANGE.fullmatch(tokens[index - 1]) and out:
            out.extend(range(out[-1] + 1, number))
        out.append(number)
    return tuple(out)


def parse_ms_label(label: str) -> list[Rule]:
    """Rules of one MS-row label; a plain number yields none."""
    compact = re.sub(r"\s+", "", str(label))
    sides = compact.split("=")
    if len(sides) < 2:
        return []
    total = int(sides[0])
    return [Rule(total, _terms(side)) for side in sides[1:]]


def rules_of(labels: Iterable[str]) -> list[Rule]:
    return [rule for label in labels for rule in parse_ms_label(label)]


def check(
    rules: Iterable[Rule],
    columns: Mapping[int, float],
    *,
    row: str = "",
    skip: frozenset = frozenset(),
) -> list[Violation]:
    """Rules that do not hold for `columns`; rules touching a column in `skip` are not checked."""
    out = []
    for rule in rules:
        if rule.total in skip or any(p in skip for p in rule.parts):
            continue
        total = columns.get(rule.total, 0)
        parts = sum(columns.get(p, 0) for p in rule.parts)
        if total != parts:
            out.append(Violation(rule, total, parts, row))
    return out


def evaluate(formula: str, columns: Mapping[int, float]) -> float:
    """The value of a derived column such as "4+13+22" or "1-4"."""
    total: float = 0
    for sign, number in re.findall(r"([+-]?)\s*(\d+)", formula):
        value = columns.get(int(number), 0)
        total += -value if sign == "-" else value
    return total


_OPS = {"=": "=", ">=": "≥", "<=": "≤"}


@dataclass(frozen=True)
class Comparison:
    """A printed comparison that failed: within a form ("(2) ≤ (1)") or across forms
    ("03/GQKN (1) = 02/XLD (6)")."""

    left: str
    op: str
    right: str
    left_value: float
    right_value: float
    row: str = ""

    def __str__(self) -> str:
        where = f"{self.row}: " if self.row else ""
        return (
            f"{where}{self.left} {_OPS[self.op]} {self.right} không thỏa "
            f"({self.left_value} và {self.right_value})"
        )


def holds(left: float, op: str, right: float) -> bool:
    if op == "=":
        return left == right
    return left >= right if op == ">=" else left <= right


def check_bounds(
    bounds: Iterable[tuple[int, int]], columns: Mapping[int, float], *, row: str = ""
) -> list[Comparison]:
    """Each (smaller, larger) pair of a form's notes: column `smaller` ≤ column `larger`."""
    out = []
    for smaller, larger in bounds:
        a, b = columns.get(smaller, 0), columns.get(larger, 0)
        if not holds(a, "<=", b):
            out.append(Comparison(f"({smaller})", "<=", f"({larger})", a, b, row))
    return out
