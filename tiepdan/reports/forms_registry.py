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
from tiepdan.reports.column_defs import case_col as _c
from tiepdan.reports.column_defs import case_sum as _s
from tiepdan.reports.column_defs import columns_of as _columns
from tiepdan.reports.column_defs import derived_col as _d
from tiepdan.reports.column_defs import pending_col as _x  # noqa: F401
from tiepdan.reports.column_defs import petition_col as _p
from tiepdan.reports.column_defs import transfer_col as _t
from tiepdan.reports.column_defs import visit_col as _v
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


# ---------------------------------------------------------------------------------- 01/TCD


def _tcd01() -> dict[int, Column]:
    """Reception: lượt = visits, người = people_count, vụ việc = distinct matters, first when the
    matter's first visit ever falls inside the period (else "nhiều lần"), kỳ tiếp = distinct
    sessions. Groups: regular desk; leader's periodic/ad-hoc sessions chaired by the head
    (Thủ trưởng tiếp) or by a delegate (Ủy quyền tiếp)."""
    cols = [
        _v(1, COUNT),
        _v(2, PEOPLE),
        _d(3, "6+7+15+16+24+25"),
        _v(4, COUNT, "regular"),
        _v(5, PEOPLE, "regular"),
        _v(6, MATTERS, "regular", "first"),
        _v(7, MATTERS, "regular", "!first"),
        _v(8, COUNT, "regular", "mass"),
        _v(9, PEOPLE, "regular", "mass"),
        _v(10, MATTERS, "regular", "mass", "first"),
        _v(11, MATTERS, "regular", "mass", "!first"),
    ]
    for base, group in ((12, "head"), (21, "delegate")):
        cols += [
            _v(base, SESSIONS, group),
            _v(base + 1, COUNT, group),
            _v(base + 2, PEOPLE, group),
            _v(base + 3, MATTERS, group, "first"),
            _v(base + 4, MATTERS, group, "!first"),
            _v(base + 5, COUNT, group, "mass"),
            _v(base + 6, PEOPLE, group, "mass"),
            _v(base + 7, MATTERS, group, "mass", "first"),
            _v(base + 8, MATTERS, group, "mass", "!first"),
        ]
    return _columns(*cols)


# ---------------------------------------------------------------------------------- XLD forms
# Petition predicates: "open" = to be processed in the period (carried over or received);
# "processed" = decided by the end of the period; "eligible" = đủ điều kiện, not a duplicate.
E = ("open", "processed", "eligible")
ADMIN = "domain:admin.policy,admin.land_housing,admin.civil_service,admin.other"
RESOLVED_BEFORE = "prior:first,repeated,court,denunciation_concluded"
DENUNCIATION_AGAIN = "prior:denunciation_overdue,denunciation_concluded"
NO_JURISDICTION_ALL = "outcome:guide,transfer,urge"


def _xld01_2024() -> dict[int, Column]:
    return _columns(
        _p(1, COUNT, "open"),
        _p(2, COUNT, "carried"),
        _p(3, COUNT, "received"),
        _p(4, COUNT, "open", "processed"),
        _p(5, COUNT, "open", "!processed"),
        _p(6, COUNT, *E),
        _p(7, MATTERS, *E),
        _p(8, COUNT, *E, "type:complaint"),
        _p(9, COUNT, *E, "type:denunciation"),
        _p(10, COUNT, *E, "type:proposal"),
        _p(11, COUNT, *E, "prior:first"),
        _p(12, COUNT, *E, "prior:repeated"),
        _p(13, COUNT, *E, "!prior:first,repeated"),
        _p(14, COUNT, *E, "outcome:accept"),
        _p(15, COUNT, *E, "outcome:accept", "type:complaint"),
        _p(16, COUNT, *E, "outcome:accept", "type:denunciation"),
        _p(17, COUNT, *E, "outcome:accept", "type:proposal"),
        _p(18, COUNT, *E, NO_JURISDICTION_ALL),
        _p(19, COUNT, *E, "outcome:guide"),
        _p(20, COUNT, *E, "outcome:transfer"),
        _p(21, COUNT, *E, "outcome:urge"),
        _t(22),
    )


def _xld01_2021() -> dict[int, Column]:
    return _columns(
        _p(1, COUNT, "open"),
        _p(2, COUNT, "carried", "signers:many"),
        _p(3, COUNT, "carried", "signers:one"),
        _p(4, COUNT, "carried", "signers:other"),
        _p(5, COUNT, "received", "signers:many"),
        _p(6, COUNT, "received", "signers:one"),
        _p(7, COUNT, "received", "signers:other"),
        _p(8, COUNT, "open", "processed"),
        _p(9, COUNT, *E),
        _p(10, MATTERS, *E),
        _p(11, COUNT, *E, "type:complaint"),
        _p(12, COUNT, *E, "type:denunciation"),
        _p(13, COUNT, *E, "type:proposal"),
        _p(14, COUNT, *E, "prior:first"),
        _p(15, COUNT, *E, "prior:repeated,court,denunciation_concluded"),
        _p(16, COUNT, *E, "prior:resolving"),
        _p(17, COUNT, *E, "prior:unresolved,denunciation_overdue"),
        _p(18, COUNT, *E, "outcome:accept"),
        _p(19, COUNT, *E, "outcome:accept", "type:complaint"),
        _p(20, COUNT, *E, "outcome:accept", "type:denunciation"),
        _p(21, COUNT, *E, "outcome:accept", "type:proposal"),
        _p(22, COUNT, *E, NO_JURISDICTION_ALL),
        _p(23, COUNT, *E, "outcome:guide"),
        _p(24, COUNT, *E, "outcome:transfer"),
        _p(25, COUNT, *E, "outcome:urge"),
        _t(26),
    )


# 02/TCD (TT 02/2021): the petitions handed in at citizen reception, counted as 01/XLD counts
# its đủ điều kiện xử lý petitions (once, in the period they are processed) so that the two forms
# agree. Every column keeps to the three contents and the four outcomes the form classifies by,
# so that "1=3+5+7=9+11" holds for the petitions; the matter sums hold while a matter's reception
# petitions of the period share one content and one outcome (otherwise the page flags them).
RECEPTION = "source:reception"
CONTENTS = "type:complaint,denunciation,proposal"
CLASSIFIED_OUTCOMES = "outcome:accept,guide,transfer,urge"


def _tcd02() -> dict[int, Column]:
    """Phân loại, xử lý đơn qua tiếp công dân: đơn (petitions) and vụ việc (matters) by content
    and by jurisdiction; replies received in the period to the transfers of such petitions."""
    r = (*E, RECEPTION)
    cols = [_p(1, COUNT, *r, CONTENTS, CLASSIFIED_OUTCOMES)]
    cols.append(_p(2, MATTERS, *r, CONTENTS, CLASSIFIED_OUTCOMES))
    for n, kind in ((3, "complaint"), (5, "denunciation"), (7, "proposal")):
        cols += [
            _p(n, COUNT, *r, f"type:{kind}", CLASSIFIED_OUTCOMES),
            _p(n + 1, MATTERS, *r, f"type:{kind}", CLASSIFIED_OUTCOMES),
        ]
    cols += [
        _p(9, COUNT, *r, CONTENTS, "outcome:accept"),
        _p(10, MATTERS, *r, CONTENTS, "outcome:accept"),
        _p(11, COUNT, *r, CONTENTS, NO_JURISDICTION_ALL),
        _p(12, MATTERS, *r, CONTENTS, NO_JURISDICTION_ALL),
        _p(13, MATTERS, *r, CONTENTS, "outcome:guide"),
        _p(14, MATTERS, *r, CONTENTS, "outcome:transfer"),
        _p(15, MATTERS, *r, CONTENTS, "outcome:urge"),
        _t(16, RECEPTION),
    ]
    return _columns(*cols)


def _intake(kind: str, *, split_signers: bool, other_signers: bool) -> list[Column]:
    """Columns 1–(processed) of 02–04/XLD: totals, carried over, received, processed."""
    t = f"type:{kind}"
    cols = [_p(1, COUNT, t, "open")]
    if split_signers:
        groups = ("many", "one", "other") if other_signers else ("many", "not_many")
        n = 2
        for when in ("carried", "received"):
            for g in groups:
                cols.append(_p(n, COUNT, t, when, f"signers:{g}"))
                n += 1
    else:
        cols += [_p(2, COUNT, t, "carried"), _p(3, COUNT, t, "received")]
        n = 4
    cols += [
        _p(n, COUNT, t, "open", "processed"),
        _p(n + 1, COUNT, t, "carried", "processed"),
        _p(n + 2, COUNT, t, "received", "processed"),
        _p(n + 3, COUNT, t, *E),
        _p(n + 4, MATTERS, t, *E),
    ]
    return cols


def _complaints(first: int, *, with_transfer: bool) -> list[Column]:
    """Content, status and result columns of 02/XLD from column `first` (vụ việc)."""
    t, m = "type:complaint", MATTERS
    n = first
    cols = [
        _p(n, m, t, *E, ADMIN),
        _p(n + 1, m, t, *E, "domain:admin.policy"),
        _p(n + 2, m, t, *E, "domain:admin.land_housing"),
        _p(n + 3, m, t, *E, "domain:admin.other,admin.civil_service"),
        _p(n + 4, m, t, *E, "domain:judicial"),
        _p(n + 5, m, t, *E, "domain:party_mass_org"),
        _p(n + 6, m, t, *E, "domain:other,corruption"),
        _p(n + 7, m, t, *E, "prior:first"),
        _p(n + 8, m, t, *E, "prior:repeated"),
        _p(n + 9, m, t, *E, "prior:court"),
        _p(n + 10, m, t, *E, "prior:resolving"),
        _p(n + 11, m, t, *E, "!prior:first,repeated,court,resolving"),
        _p(n + 12, m, t, *E, "outcome:accept"),
        _p(n + 13, m, t, *E, "outcome:accept", "!second"),
        _p(n + 14, m, t, *E, "outcome:accept", "second"),
    ]
    outside = ("guide", "transfer", "urge") if with_transfer else ("guide", "urge")
    n += 15
    cols.append(_p(n, m, t, *E, "outcome:" + ",".join(outside)))
    for i, outcome in enumerate(outside, start=1):
        cols.append(_p(n + i, m, t, *E, f"outcome:{outcome}"))
    cols.append(_t(n + len(outside) + 1, t))
    return cols


def _denunciations(first: int, status: tuple[str, ...], *, with_guide: bool) -> list[Column]:
    t, m = "type:denunciation", MATTERS
    n = first
    cols = [
        _p(n, m, t, *E, ADMIN),
        _p(n + 1, m, t, *E, "domain:admin.policy"),
        _p(n + 2, m, t, *E, "domain:admin.land_housing"),
        _p(n + 3, m, t, *E, "domain:admin.civil_service"),
        _p(n + 4, m, t, *E, "domain:admin.other"),
        _p(n + 5, m, t, *E, "domain:corruption"),
        _p(n + 6, m, t, *E, "domain:judicial"),
        _p(n + 7, m, t, *E, "domain:party_mass_org"),
        _p(n + 8, m, t, *E, "domain:other"),
    ]
    n += 9
    for i, predicate in enumerate(status):
        cols.append(_p(n + i, m, t, *E, predicate))
    n += len(status)
    cols += [
        _p(n, m, t, *E, "outcome:accept"),
        _p(n + 1, m, t, *E, "outcome:accept", f"!{DENUNCIATION_AGAIN}"),
        _p(n + 2, m, t, *E, "outcome:accept", DENUNCIATION_AGAIN),
    ]
    outside = ("guide", "transfer", "urge") if with_guide else ("transfer", "urge")
    n += 3
    cols.append(_p(n, m, t, *E, "outcome:" + ",".join(outside)))
    for i, outcome in enumerate(outside, start=1):
        cols.append(_p(n + i, m, t, *E, f"outcome:{outcome}"))
    cols.append(_t(n + len(outside) + 1, t))
    return cols


def _proposals(first: int, status: tuple[str, ...], *, replies: bool) -> list[Column]:
    t, m = "type:proposal", MATTERS
    n = first
    cols = [
        _p(n, m, t, *E, "domain:admin.policy"),
        _p(n + 1, m, t, *E, "domain:admin.land_housing"),
        _p(n + 2, m, t, *E, "domain:judicial"),
        _p(n + 3, m, t, *E, "!domain:admin.policy,admin.land_housing,judicial"),
    ]
    n += 4
    for i, predicate in enumerate(status):
        cols.append(_p(n + i, m, t, *E, predicate))
    n += len(status)
    cols += [
        _p(n, m, t, *E, "outcome:accept"),
        _p(n + 1, m, t, *E, "outcome:transfer,urge"),
        _p(n + 2, m, t, *E, "outcome:transfer"),
        _p(n + 3, m, t, *E, "outcome:urge"),
    ]
    if replies:
        cols.append(_t(n + 4, t))
    else:
        note = "Tình trạng hiện tại của vụ việc (chưa lưu ngày giải quyết xong)."
        cols += [
            _p(n + 4, m, t, *E, "outcome:accept", "case_resolved", note=note),
            _p(n + 5, m, t, *E, "outcome:accept", "!case_resolved", note=note),
        ]
    return cols


# ---------------------------------------------------------------------------------- KQGQ forms
# Case columns (source "cases", see `case_columns`): complaints accepted for resolution; "open" =
# being resolved in the period; "resolved" = decided or closed in it; the amounts and head counts
# are those the decision orders ("decision_*", "proposed_*") or those executed so far.
COMPLAINT_DECISIONS = "outcome:right,wrong,partly,uphold,amend"
DENUNCIATION_CONCLUSIONS = "outcome:den_right,den_wrong,den_partly"
DECIDED = ("complaint", "resolved", COMPLAINT_DECISIONS)
TO_EXECUTE = ("complaint", COMPLAINT_DECISIONS, "effective", "executing")
# Returned to individuals: the whole returned less the part returned to organisations.
DECIDED_MONEY_PERSONS = "decision_money_returned-decision_money_returned_orgs"
DECIDED_LAND_PERSONS = "decision_land_returned-decision_land_returned_orgs"
MONEY_PERSONS = "money_returned-money_returned_orgs"
LAND_PERSONS = "land_returned-land_returned_orgs"
_TO_PERSONS = "Phần trả lại cá nhân = tổng số trả lại trừ phần trả lại tổ chức."
_EXECUTED_SO_FAR = (
    "Số đã thi hành được ghi nhận đến nay trên các quyết định phải thực hiện trong kỳ "
    "(các lần thi hành cộng dồn)."
)


def _kqgq01() -> dict[int, Column]:
    """Giải quyết khiếu nại thuộc thẩm quyền: petitions (đơn) accepted, cases (vụ việc) being
    resolved, decisions and full withdrawals of the period with what the decisions order."""
    accepted = ("type:complaint", "outcome:accept")
    return _columns(
        _d(1, "2+3"),
        _p(2, COUNT, *accepted, "decided_before", "case_open_at_start"),
        _p(3, COUNT, *accepted, "decided_in_period"),
        _c(4, "complaint", "open"),
        _c(5, *DECIDED),
        _c(6, "complaint", "resolved", "outcome:withdrawn"),
        _s(7, "decision_money_to_state", MONEY, *DECIDED),
        _s(8, "decision_land_to_state", LAND, *DECIDED),
        _s(9, "decision_money_returned_orgs", MONEY, *DECIDED),
        _s(10, "decision_land_returned_orgs", LAND, *DECIDED),
        _s(11, DECIDED_MONEY_PERSONS, MONEY, *DECIDED, note=_TO_PERSONS),
        _s(12, DECIDED_LAND_PERSONS, LAND, *DECIDED, note=_TO_PERSONS),
        _s(13, "decision_restored_orgs", "tổ chức", *DECIDED),
        _s(14, "decision_restored_persons", "cá nhân", *DECIDED),
        _s(15, "proposed_disciplined", HEADS, *DECIDED),
        _s(16, "proposed_disciplined_officials", HEADS, *DECIDED),
        _s(17, "referred_cases", MATTER_COUNT, *DECIDED),
        _s(18, "referred_persons", HEADS, *DECIDED),
        _s(19, "referred_officials", HEADS, *DECIDED),
        _c(20, "kind:complaint_first", "resolved", "outcome:right"),
        _c(21, "kind:complaint_first", "resolved", "outcome:wrong"),
        _c(22, "kind:complaint_first", "resolved", "outcome:partly"),
        _c(23, "kind:complaint_second", "resolved", "outcome:uphold"),
        _c(24, "kind:complaint_second", "resolved", "outcome:amend"),
        _c(25, "complaint", "resolved", f"{COMPLAINT_DECISIONS},withdrawn", "on_time"),
        _c(26, "complaint", "resolved", f"{COMPLAINT_DECISIONS},withdrawn", "late"),
    )


def _kqgq02() -> dict[int, Column]:
    """Thi hành quyết định giải quyết khiếu nại: decisions with legal effect by the end of the
    period not executed completely before it; "phải" = ordered, "đã" = executed so far."""
    e, done = TO_EXECUTE, _EXECUTED_SO_FAR
    return _columns(
        _c(1, *e),
        _c(2, *e, "executed"),
        _s(3, "decision_money_to_state", MONEY, *e),
        _s(4, "decision_land_to_state", LAND, *e),
        _s(5, "money_to_state", MONEY, *e, note=done),
        _s(6, "land_to_state", LAND, *e, note=done),
        _s(7, "decision_money_returned_orgs", MONEY, *e),
        _s(8, "decision_land_returned_orgs", LAND, *e),
        _s(9, DECIDED_MONEY_PERSONS, MONEY, *e, note=_TO_PERSONS),
        _s(10, DECIDED_LAND_PERSONS, LAND, *e, note=_TO_PERSONS),
        _s(11, "money_returned_orgs", MONEY, *e, note=done),
        _s(12, "land_returned_orgs", LAND, *e, note=done),
        _s(13, MONEY_PERSONS, MONEY, *e, note=f"{_TO_PERSONS} {done}"),
        _s(14, LAND_PERSONS, LAND, *e, note=f"{_TO_PERSONS} {done}"),
        _s(15, "persons_disciplined", HEADS, *e, note=done),
        _s(16, "disciplined_officials", HEADS, *e, note=done),
        _s(17, "prosecuted_cases", MATTER_COUNT, *e, note=done),
        _s(18, "prosecuted_persons", HEADS, *e, note=done),
        _s(19, "prosecuted_officials", HEADS, *e, note=done),
    )


def _kqgq03() -> dict[int, Column]:
    """Giải quyết tố cáo thuộc thẩm quyền (TT 02/2021): as 01/KQGQ for denunciations, split
    into first denunciations and tố cáo tiếp (linked to an earlier one). Withdrawn and
    terminated denunciations have no conclusion: the form's "6 = 24+26+28" cannot hold with
    them and is not checked; "6 = 7+..+10" and "8 = 25+27+29" are."""
    d = "kind:denunciation"
    concluded = (d, "resolved", DENUNCIATION_CONCLUSIONS)
    closed = (d, "resolved", f"{DENUNCIATION_CONCLUSIONS},withdrawn,terminated")
    accepted = ("type:denunciation", "outcome:accept")
    cols = [
        _d(1, "2+3"),
        _p(2, COUNT, *accepted, "decided_before", "case_open_at_start"),
        _p(3, COUNT, *accepted, "decided_in_period"),
        _c(4, d, "open"),
        _c(5, d, "open", "follow_up"),
        _c(6, *closed),
        _c(7, *concluded, "!follow_up"),
        _c(8, *concluded, "follow_up"),
        _c(9, d, "resolved", "outcome:withdrawn"),
        _c(10, d, "resolved", "outcome:terminated"),
        _s(11, "decision_money_to_state", MONEY, *concluded),
        _s(12, "decision_land_to_state", LAND, *concluded),
        _s(13, "decision_money_returned_orgs", MONEY, *concluded),
        _s(14, "decision_land_returned_orgs", LAND, *concluded),
        _s(15, DECIDED_MONEY_PERSONS, MONEY, *concluded, note=_TO_PERSONS),
        _s(16, DECIDED_LAND_PERSONS, LAND, *concluded, note=_TO_PERSONS),
        _s(17, "decision_restored_orgs", "tổ chức", *concluded),
        _s(18, "decision_restored_persons", "cá nhân", *concluded),
        _s(19, "proposed_disciplined", HEADS, *concluded),
        _s(20, "proposed_disciplined_officials", HEADS, *concluded),
        _s(21, "referred_cases", MATTER_COUNT, *concluded),
        _s(22, "referred_persons", HEADS, *concluded),
        _s(23, "referred_officials", HEADS, *concluded),
    ]
    for n, outcome in ((24, "den_right"), (26, "den_wrong"), (28, "den_partly")):
        cols += [
            _c(n, d, "resolved", f"outcome:{outcome}"),
            _c(n + 1, d, "resolved", f"outcome:{outcome}", "follow_up"),
        ]
    cols += [_c(30, *closed, "on_time"), _c(31, *closed, "late")]
    return _columns(*cols)


def _kqgq04() -> dict[int, Column]:
    """Thực hiện kết luận nội dung tố cáo (TT 02/2021): conclusions issued by the end of the
    period and not executed completely before it; "phải" = ordered, "đã" = executed so far."""
    e = ("kind:denunciation", DENUNCIATION_CONCLUSIONS, "concluded", "executing")
    done = _EXECUTED_SO_FAR
    return _columns(
        _c(1, *e),
        _c(2, *e, "executed"),
        _s(3, "decision_money_to_state", MONEY, *e),
        _s(4, "decision_land_to_state", LAND, *e),
        _s(5, "money_to_state", MONEY, *e, note=done),
        _s(6, "land_to_state", LAND, *e, note=done),
        _s(7, "decision_restored_orgs", "tổ chức", *e),
        _s(8, "decision_restored_persons", "cá nhân", *e),
        _s(9, "decision_money_returned_orgs", MONEY, *e),
        _s(10, "decision_land_returned_orgs", LAND, *e),
        _s(11, DECIDED_MONEY_PERSONS, MONEY, *e, note=_TO_PERSONS),
        _s(12, DECIDED_LAND_PERSONS, LAND, *e, note=_TO_PERSONS),
        _s(13, "restored_orgs", "tổ chức", *e, note=done),
        _s(14, "restored_persons", "cá nhân", *e, note=done),
        _s(15, "money_returned_orgs", MONEY, *e, note=done),
        _s(16, "land_returned_orgs", LAND, *e, note=done),
        _s(17, MONEY_PERSONS, MONEY, *e, note=f"{_TO_PERSONS} {done}"),
        _s(18, LAND_PERSONS, LAND, *e, note=f"{_TO_PERSONS} {done}"),
        _s(19, "orgs_disciplined", "tổ chức", *e, note=done),
        _s(20, "persons_disciplined", HEADS, *e, note=done),
        _s(21, "disciplined_officials", HEADS, *e, note=done),
        _s(22, "prosecuted_cases", MATTER_COUNT, *e, note=done),
        _s(23, "prosecuted_persons", HEADS, *e, note=done),
        _s(24, "prosecuted_officials", HEADS, *e, note=done),
    )


# ---------------------------------------------------------------------------------- registry
TT2021 = "TT 02/2021/TT-TTCP"
TT2024 = "TT 01/2024/TT-TTCP"
TT2025 = "TT 06/2025/TT-TTCP"
_2021 = (dt.date(2021, 5, 10), dt.date(2024, 3, 4))
_2024 = (dt.date(2024, 3, 5), dt.date(2025, 9, 29))
_2025 = (dt.date(2025, 9, 30), None)
_VALIDITY = {TT2021: _2021, TT2024: _2024, TT2025: _2025}

_XLD02_2021 = [*_intake("complaint", split_signers=True, other_signers=False)]
_XLD03_2021_STATUS = (
    "!prior:resolving,denunciation_overdue,denunciation_concluded",
    "prior:resolving",
    "prior:denunciation_overdue",
    "prior:denunciation_concluded",
)
_XLD03_2024_STATUS = (
    "prior:denunciation_overdue",
    "prior:denunciation_concluded",
    f"!{DENUNCIATION_AGAIN}",
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
    _version("01-TCD", TT2024, "TT2024_TCD01", _tcd01()),
    _version("01-XLD", TT2024, "TT2024_XLD01", _xld01_2024()),
    _version(
        "02-XLD",
        TT2024,
        "TT2024_XLD02",
        _columns(
            *_intake("complaint", split_signers=False, other_signers=False),
            *_complaints(9, with_transfer=False),
        ),
    ),
    _version(
        "03-XLD",
        TT2024,
        "TT2024_XLD03",
        _columns(
            *_intake("denunciation", split_signers=False, other_signers=False),
            *_denunciations(9, _XLD03_2024_STATUS, with_guide=False),
        ),
    ),
    _version(
        "04-XLD",
        TT2024,
        "TT2024_XLD04",
        _columns(
            *_intake("proposal", split_signers=False, other_signers=False),
            *_proposals(9, (RESOLVED_BEFORE, f"!{RESOLVED_BEFORE}"), replies=False),
        ),
    ),
    _version("01-KQGQ", TT2024, "TT2024_KQGQ01", _kqgq01()),
    _version("02-KQGQ", TT2024, "TT2024_KQGQ02", _kqgq02()),
    _version("01-TCD", TT2021, "TT2021_TCD01", _tcd01()),
    _version("01-XLD", TT2021, "TT2021_XLD01", _xld01_2021()),
    _version(
        "02-XLD",
        TT2021,
        "TT2021_XLD02",
        _columns(*_XLD02_2021, *_complaints(11, with_transfer=True)),
    ),
    _version(
        "03-XLD",
        TT2021,
        "TT2021_XLD03",
        _columns(
            *_intake("denunciation", split_signers=True, other_signers=True),
            *_denunciations(13, _XLD03_2021_STATUS, with_guide=True),
        ),
    ),
    _version(
        "04-XLD",
        TT2021,
        "TT2021_XLD04",
        _columns(
            *_intake("proposal", split_signers=True, other_signers=True),
            *_proposals(
                13,
                (RESOLVED_BEFORE, "prior:resolving", f"!{RESOLVED_BEFORE},resolving"),
                replies=True,
            ),
        ),
    ),
    _version("01-KQGQ", TT2021, "TT2021_KQGQ01", _kqgq01()),
    _version("02-KQGQ", TT2021, "TT2021_KQGQ02", _kqgq02()),
    _version("02-TCD", TT2021, "TT2021_TCD02", _tcd02()),
    _version("03-KQGQ", TT2021, "TT2021_KQGQ03", _kqgq03(), unchecked=("6=24+26+28",)),
    _version("04-KQGQ", TT2021, "TT2021_KQGQ04", _kqgq04()),
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
    def first_day_after(self) -> dt.date:
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
