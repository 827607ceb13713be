"""The statutory report forms as data: versions by date, columns by official number, arithmetic.

Every column is defined once, by the number printed in the form's "MS" row, with the query that
fills it (`source`, `measure` and named predicates that `selectors` turns into SQL) or, where
the data does not exist yet, `source="pending"` and a note: such a column is reported as 0 and
shown as "chưa có dữ liệu", never as a computed zero. The arithmetic is the form's own MS row
(`layouts.py`), checked on every report. Sources: reception visits, petitions, transfers and
the cases accepted for resolution (01–04/KQGQ, see `case_columns`). 02/TCD, 03/KQGQ and 04/KQGQ
exist under TT 02/2021 only: the pages serve them (`WEB_FORM_CODES`), the API does not.

Versions: TT 02/2021/TT-TTCP (10/05/2021 – 04/03/2024), TT 01/2024/TT-TTCP (05/03/2024 –
29/09/2025), TT 06/2025/TT-TTCP (from 30/09/2025: the six tables of `forms_tt2025`). A report
uses the version in force on the last day of its period; a form outside its regime answers
`FormNotInForce` naming the forms to use.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from tiepdan.reports import arithmetic
from tiepdan.reports import forms_tt2021 as tt2021
from tiepdan.reports import forms_tt2025 as tt2025
from tiepdan.reports.column_defs import (  # noqa: F401 — re-exported for the other modules
    CASES,
    COUNT,
    DAYS,
    DERIVED,
    HEADS,
    LAND,
    MANAGEMENT,
    MATTER_COUNT,
    MATTERS,
    MEASURE_UNITS,
    MONEY,
    PENDING,
    PEOPLE,
    PETITIONS,
    SCHEDULE,
    SESSIONS,
    TRANSFERS,
    VISITS,
    Column,
)
from tiepdan.reports.column_defs import columns_of as _columns
from tiepdan.reports.column_defs import pending_col as _x  # noqa: F401
from tiepdan.reports.layouts import LAYOUTS, HeaderLayout


@dataclass(frozen=True)
class FormVersion:
    code: str
    regime: str
    symbol: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None
    layout_key: str
    cutoff_day: int
    columns: dict[int, Column] = field(hash=False)
    # Sums of the MS row that the data cannot satisfy (see `_kqgq03`), each as "total=parts".
    unchecked: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.layout_key

    @property
    def bounds(self) -> tuple[tuple[int, int], ...]:
        """The "(a) ≤ (b)" notes of the form (TT 06/2025)."""
        return tt2025.BOUNDS.get(self.code, ()) if self.regime == TT2025 else ()

    @property
    def cross_checks(self) -> tuple[tuple[str, int, str, str, int], ...]:
        """The checks across forms of its regime that involve this form."""
        if self.regime != TT2025:
            return ()
        return tuple(c for c in tt2025.CROSS_CHECKS if self.code in (c[0], c[3]))

    @property
    def layout(self) -> HeaderLayout:
        return LAYOUTS[self.layout_key]

    @property
    def title(self) -> str:
        return self.layout.title

    @cached_property
    def ms_labels(self) -> tuple[str, ...]:
        """The MS row: each column's number, or its sum ("1=4+13+22"), spaces removed."""
        return tuple("".join(label.split()) for label in self.layout.ms_row)

    @cached_property
    def rules(self) -> list[arithmetic.Rule]:
        skip = arithmetic.rules_of(self.unchecked)
        return [r for r in arithmetic.rules_of(self.layout.ms_row) if r not in skip]

    @cached_property
    def pending_numbers(self) -> frozenset[int]:
        return frozenset(n for n, c in self.columns.items() if c.pending)

    @cached_property
    def partial_numbers(self) -> frozenset[int]:
        """Derived columns built (partly) from pending ones."""
        out = set()
        for n, column in self.columns.items():
            if column.source == DERIVED:
                parts = {int(p) for p in column.formula.replace("-", "+").split("+")}
                if parts & self.pending_numbers:
                    out.add(n)
        return frozenset(out)

    def valid_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def label(self, number: int) -> str:
        """The column's headings from top to bottom, as printed in the form."""
        column = self.columns[number]
        if column.label:
            return column.label
        texts = [c[4] for c in sorted(self.layout.cells) if c[1] <= number <= c[3]]
        return " — ".join(texts)


# ---------------------------------------------------------------------------------- registry
TT2021 = "TT 02/2021/TT-TTCP"
TT2024 = "TT 01/2024/TT-TTCP"
TT2025 = "TT 06/2025/TT-TTCP"
_2021 = (dt.date(2021, 5, 10), dt.date(2024, 3, 4))
_2024 = (dt.date(2024, 3, 5), dt.date(2025, 9, 29))
_2025 = (dt.date(2025, 9, 30), None)
_VALIDITY = {TT2021: _2021, TT2024: _2024, TT2025: _2025}

_XLD02_2021 = [*tt2021.intake("complaint", split_signers=True, other_signers=False)]
_XLD03_2021_STATUS = (
    "!prior:resolving,denunciation_overdue,denunciation_concluded",
    "prior:resolving",
    "prior:denunciation_overdue",
    "prior:denunciation_concluded",
)
_XLD03_2024_STATUS = (
    "prior:denunciation_overdue",
    "prior:denunciation_concluded",
    f"!{tt2021.DENUNCIATION_AGAIN}",
)


def _version(
    code: str, regime: str, layout: str, columns: dict[int, Column], *, unchecked: tuple = ()
) -> FormVersion:
    valid_from, valid_to = _VALIDITY[regime]
    number, kind = code.split("-")
    # TT 06/2025 prints the code alone on its first line ("01/TCD").
    prefix = "" if regime == TT2025 else "Biểu số "
    return FormVersion(
        code=code,
        regime=regime,
        symbol=f"{prefix}{number}/{kind}",
        legal_basis=f"Phụ lục ban hành kèm theo Thông tư {regime.removeprefix('TT ')}",
        valid_from=valid_from,
        valid_to=valid_to,
        layout_key=layout,
        cutoff_day=15,
        columns=columns,
        unchecked=unchecked,
    )


VERSIONS: tuple[FormVersion, ...] = (
    _version("01-TCD", TT2025, "TT2025_TCD01", tt2025.tcd01()),
    _version("02-XLD", TT2025, "TT2025_XLD02", tt2025.xld02()),
    _version("03-GQKN", TT2025, "TT2025_GQKN03", tt2025.gqkn03()),
    _version("04-GQTC", TT2025, "TT2025_GQTC04", tt2025.gqtc04()),
    _version("05-KQTH", TT2025, "TT2025_KQTH05", tt2025.kqth05()),
    _version("06-QLKNTC", TT2025, "TT2025_QLKNTC06", tt2025.qlkntc06()),
    _version("01-TCD", TT2024, "TT2024_TCD01", tt2021.tcd01()),
    _version("01-XLD", TT2024, "TT2024_XLD01", tt2021.xld01_2024()),
    _version(
        "02-XLD",
        TT2024,
        "TT2024_XLD02",
        _columns(
            *tt2021.intake("complaint", split_signers=False, other_signers=False),
            *tt2021.complaints(9, with_transfer=False),
        ),
    ),
    _version(
        "03-XLD",
        TT2024,
        "TT2024_XLD03",
        _columns(
            *tt2021.intake("denunciation", split_signers=False, other_signers=False),
            *tt2021.denunciations(9, _XLD03_2024_STATUS, with_guide=False),
        ),
    ),
    _version(
        "04-XLD",
        TT2024,
        "TT2024_XLD04",
        _columns(
            *tt2021.intake("proposal", split_signers=False, other_signers=False),
            *tt2021.proposals(
                9, (tt2021.RESOLVED_BEFORE, f"!{tt2021.RESOLVED_BEFORE}"), replies=False
            ),
        ),
    ),
    _version("01-KQGQ", TT2024, "TT2024_KQGQ01", tt2021.kqgq01()),
    _version("02-KQGQ", TT2024, "TT2024_KQGQ02", tt2021.kqgq02()),
    _version("01-TCD", TT2021, "TT2021_TCD01", tt2021.tcd01()),
    _version("01-XLD", TT2021, "TT2021_XLD01", tt2021.xld01_2021()),
    _version(
        "02-XLD",
        TT2021,
        "TT2021_XLD02",
        _columns(*_XLD02_2021, *tt2021.complaints(11, with_transfer=True)),
    ),
    _version(
        "03-XLD",
        TT2021,
        "TT2021_XLD03",
        _columns(
            *tt2021.intake("denunciation", split_signers=True, other_signers=True),
            *tt2021.denunciations(13, _XLD03_2021_STATUS, with_guide=True),
        ),
    ),
    _version(
        "04-XLD",
        TT2021,
        "TT2021_XLD04",
        _columns(
            *tt2021.intake("proposal", split_signers=True, other_signers=True),
            *tt2021.proposals(
                13,
                (tt2021.RESOLVED_BEFORE, "prior:resolving", f"!{tt2021.RESOLVED_BEFORE},resolving"),
                replies=True,
            ),
        ),
    ),
    _version("01-KQGQ", TT2021, "TT2021_KQGQ01", tt2021.kqgq01()),
    _version("02-KQGQ", TT2021, "TT2021_KQGQ02", tt2021.kqgq02()),
    _version("02-TCD", TT2021, "TT2021_TCD02", tt2021.tcd02()),
    _version("03-KQGQ", TT2021, "TT2021_KQGQ03", tt2021.kqgq03(), unchecked=("6=24+26+28",)),
    _version("04-KQGQ", TT2021, "TT2021_KQGQ04", tt2021.kqgq04()),
)

# The forms the API serves: its contract, fixed (TT 01/2024, then TT 06/2025 from 30/09/2025).
FORM_CODES: tuple[str, ...] = (
    "01-TCD",
    "01-XLD",
    "02-XLD",
    "03-XLD",
    "04-XLD",
    "01-KQGQ",
    "02-KQGQ",
    "03-GQKN",
    "04-GQTC",
    "05-KQTH",
    "06-QLKNTC",
)
# What to use instead of a form outside its regime: a TT 01/2024 form for a later period, a
# TT 06/2025 form for an earlier one (03/KQGQ and 04/KQGQ: TT 02/2021, before 05/03/2024).
SUCCESSORS: dict[str, tuple[str, ...]] = {
    "01-XLD": ("02-XLD",),
    "03-XLD": ("02-XLD",),
    "04-XLD": ("02-XLD",),
    "01-KQGQ": ("03-GQKN",),
    "02-KQGQ": ("05-KQTH",),
    "02-TCD": ("01-TCD", "02-XLD"),
    "03-KQGQ": ("02-XLD", "04-GQTC"),
    "04-KQGQ": ("05-KQTH",),
}
PREDECESSORS: dict[str, tuple[str, ...]] = {
    "03-GQKN": ("01-KQGQ",),
    "04-GQTC": ("03-KQGQ", "01-XLD", "03-XLD"),
    "05-KQTH": ("02-KQGQ", "04-KQGQ"),
    "06-QLKNTC": (),
}
_KINDS = ("TCD", "XLD", "KQGQ", "GQKN", "GQTC", "KQTH", "QLKNTC")
# Forms of TT 02/2021 only (02/TCD; 03/KQGQ and 04/KQGQ on denunciations): the pages serve them
# for the periods before 05/03/2024, the API does not (its contract lists FORM_CODES).
WEB_ONLY_FORM_CODES: tuple[str, ...] = ("02-TCD", "03-KQGQ", "04-KQGQ")
# The forms the pages serve, in the order of the appendix.
WEB_FORM_CODES: tuple[str, ...] = tuple(
    sorted(
        FORM_CODES + WEB_ONLY_FORM_CODES,
        key=lambda code: (_KINDS.index(code.split("-")[1]), code),
    )
)


class UnknownForm(LookupError):
    """A form code that no registered form version carries."""


class FormNotInForce(LookupError):
    """A form with no version in force on the date asked for: abolished before it (`last_day`
    set), or introduced after it (`first_day` set); `use` names the forms in force instead."""

    def __init__(
        self,
        code: str,
        last_day: dt.date | None,
        regime: str,
        *,
        first_day: dt.date | None = None,
        use: tuple[str, ...] = (),
    ) -> None:
        super().__init__(code)
        self.code, self.last_day, self.regime = code, last_day, regime
        self.first_day, self.use = first_day, use

    @property
    def first_day_after(self) -> dt.date | None:
        return self.last_day + dt.timedelta(days=1) if self.last_day else self.first_day

    @property
    def message(self) -> str:
        """Why, in Vietnamese, naming the forms to use."""
        regime = self.regime.removeprefix("TT ")
        if self.first_day is not None:
            text = (
                f"Biểu {self.code} (Thông tư {regime}) áp dụng cho kỳ báo cáo kết thúc từ ngày "
                f"{self.first_day:%d/%m/%Y}."
            )
        else:
            text = (
                f"Biểu {self.code} chỉ áp dụng cho kỳ báo cáo kết thúc trước ngày "
                f"{self.first_day_after:%d/%m/%Y} (Thông tư {regime})."
            )
        if self.use:
            text += f" Kỳ này dùng biểu {', '.join(self.use)}."
        return text


def form_version_for(code: str, on: dt.date) -> FormVersion:
    """The version of form `code` in force on `on` (a report: the last day of its period).

    Raises `FormNotInForce` for a form with no version on or after `on` (a TT 02/2021-only
    form asked for a later period), rather than lending it another regime's version."""
    if code not in WEB_FORM_CODES:
        raise UnknownForm(code)
    candidates = [v for v in VERSIONS if v.code == code]
    for version in candidates:
        if version.valid_on(on):
            return version
    latest = max(candidates, key=lambda v: v.valid_from)
    if latest.valid_to is not None and on > latest.valid_to:
        use = tuple(c for c in SUCCESSORS.get(code, ()) if _in_force(c, on))
        raise FormNotInForce(code, latest.valid_to, latest.regime, use=use)
    oldest = min(candidates, key=lambda v: v.valid_from)
    if oldest.regime == TT2025:
        use = tuple(c for c in PREDECESSORS.get(code, ()) if _in_force(c, on))
        raise FormNotInForce(code, None, oldest.regime, first_day=oldest.valid_from, use=use)
    # Before the oldest version: the oldest one; there is always a version in force after it.
    return min(candidates, key=lambda v: v.valid_from)


def regime_version(code: str, regime: str) -> FormVersion:
    """The version of form `code` under `regime` (the cross-table checks compare forms of one
    regime, whatever the period asked)."""
    return next(v for v in VERSIONS if v.code == code and v.regime == regime)


def _in_force(code: str, on: dt.date) -> bool:
    return any(v.code == code and v.valid_on(on) for v in VERSIONS)


def form_versions(code: str) -> list[FormVersion]:
    return sorted((v for v in VERSIONS if v.code == code), key=lambda v: v.valid_from)
