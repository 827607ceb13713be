"""The columns of the report forms of TT 02/2021/TT-TTCP and TT 01/2024/TT-TTCP, each by the
number printed in the form's MS row (the registry, `forms_registry`, dates the versions; the
TT 06/2025 tables are in `forms_tt2025`)."""

from tiepdan.reports.column_defs import (
    COUNT,
    HEADS,
    LAND,
    MATTER_COUNT,
    MATTERS,
    MONEY,
    PEOPLE,
    SESSIONS,
    Column,
)
from tiepdan.reports.column_defs import case_col as _c
from tiepdan.reports.column_defs import case_sum as _s
from tiepdan.reports.column_defs import columns_of as _columns
from tiepdan.reports.column_defs import derived_col as _d
from tiepdan.reports.column_defs import petition_col as _p
from tiepdan.reports.column_defs import transfer_col as _t
from tiepdan.reports.column_defs import visit_col as _v

# ---------------------------------------------------------------------------------- 01/TCD


def tcd01() -> dict[int, Column]:
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


def xld01_2024() -> dict[int, Column]:
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


def xld01_2021() -> dict[int, Column]:
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


def tcd02() -> dict[int, Column]:
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


def intake(kind: str, *, split_signers: bool, other_signers: bool) -> list[Column]:
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


def complaints(first: int, *, with_transfer: bool) -> list[Column]:
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


def denunciations(first: int, status: tuple[str, ...], *, with_guide: bool) -> list[Column]:
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


def proposals(first: int, status: tuple[str, ...], *, replies: bool) -> list[Column]:
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


def kqgq01() -> dict[int, Column]:
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


def kqgq02() -> dict[int, Column]:
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


def kqgq03() -> dict[int, Column]:
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


def kqgq04() -> dict[int, Column]:
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
