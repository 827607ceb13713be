"""The six KNTC tables of TT 06/2025/TT-TTCP (in force from 30/09/2025), column by column.

Each column is written once, by its MS number, from the reading of the appendix in
shared/reference/forms/tt06-2025/README.md; the predicates are those of `selectors` (petitions,
visits), `case_columns` (cases) and the unit's own entries (06/QLKNTC, `ManagementFigures`).

Readings that the circular leaves to the implementer, stated once here:
- 01/TCD: a visit the Head receives at the regular desk counts under "Thủ trưởng tiếp" only
  (the note "chỉ nhập số liệu 1 lần vào mục Thủ trưởng tiếp"). Totals (1), (2), (4) count every
  visit, so a visit that fits no group shows as a failed sum rather than vanishing. "Số ngày
  tiếp" (10), (16) are the days announced publicly: the distinct days, per unit, of the Head's
  (delegate's) periodic and ad-hoc reception sessions that were on the schedule, i.e. planned or
  held and not cancelled, whether or not anyone came; in person or online (an online session's
  day counts for its own unit, not for its component points). Which statuses count is a reading
  the circular does not settle (`selectors.announced_statuses`; the setting
  TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES overrides it, e.g. "held" alone). A unit's days
  count once; the units of a row add up. The regular desk has no such days, and a session the
  Head chairs at the regular desk is not an announced leader's day. The published roster's
  leader shifts (plans) are not read: they do not say whether the Head or a delegate receives.
- 02/XLD: "thuộc thẩm quyền" is a petition accepted (thụ lý) or refused acceptance while within
  the unit's competence; "không thuộc thẩm quyền" are those guided or transferred, a reminder
  (đôn đốc, no column any more) counting as a transfer. Complaint "lần 2": against a first
  decision (the petition's prior resolution or its case); denunciation "tiếp": after an overdue
  or concluded one. Subject areas map the reporting buckets; every other bucket is "Khác", so no
  petition falls outside the columns.
- 03/GQKN, 04/GQTC: a matter's status is the first that holds by the end of the period of:
  withdrawn or terminated; refused; accepted; else being considered.
- 05/KQTH: decisions and conclusions issued by the end of the period and not fully executed
  before it; "đã" amounts are those recorded so far.
"""

from tiepdan.reports.column_defs import (
    COUNT,
    HEADS,
    LAND,
    MATTER_COUNT,
    MATTERS,
    MONEY,
    PEOPLE,
    Column,
    case_col,
    case_sum,
    columns_of,
    derived_col,
    management_col,
    petition_col,
    schedule_col,
    visit_col,
)

# ------------------------------------------------------------------------------------ 01/TCD
REGULAR, HEAD, DELEGATE = "regular_desk", "head_any", "delegate"


def tcd01() -> dict[int, Column]:
    cols = [
        visit_col(1, COUNT),
        visit_col(2, PEOPLE),
        derived_col(3, "7+13+19"),
        visit_col(4, COUNT, "mass"),
        visit_col(5, COUNT, REGULAR),
        visit_col(6, PEOPLE, REGULAR),
        visit_col(7, MATTERS, REGULAR),
        visit_col(8, COUNT, REGULAR, "mass"),
        visit_col(9, PEOPLE, REGULAR, "mass"),
    ]
    for base, group, leader in ((10, HEAD, "head"), (16, DELEGATE, "delegate")):
        cols += [
            schedule_col(base, leader, "announced"),
            visit_col(base + 1, COUNT, group),
            visit_col(base + 2, PEOPLE, group),
            visit_col(base + 3, MATTERS, group),
            visit_col(base + 4, COUNT, group, "mass"),
            visit_col(base + 5, PEOPLE, group, "mass"),
        ]
    return columns_of(*cols)


# ------------------------------------------------------------------------------------ 02/XLD
E = ("open", "processed", "eligible")
WITHIN = (*E, "within")
LAND_AREA, POLICY = "admin.land_housing", "admin.policy"
ADMIN = "admin.policy,admin.land_housing,admin.civil_service,admin.other"
AGAIN = "prior:denunciation_overdue,denunciation_concluded"
OUTSIDE = "outcome:guide,transfer,urge"


def xld02() -> dict[int, Column]:
    c, d, p = "type:complaint", "type:denunciation", "type:proposal"
    return columns_of(
        petition_col(1, COUNT, "open"),
        petition_col(2, COUNT, "open", "processed"),
        petition_col(3, COUNT, *E),
        petition_col(4, COUNT, *WITHIN),
        petition_col(5, MATTERS, *WITHIN),
        petition_col(6, COUNT, *WITHIN, c),
        petition_col(7, COUNT, *WITHIN, c, "!second"),
        petition_col(8, COUNT, *WITHIN, c, "second"),
        petition_col(9, COUNT, *WITHIN, c, f"domain:{LAND_AREA}"),
        petition_col(10, COUNT, *WITHIN, c, f"domain:{POLICY}"),
        petition_col(11, COUNT, *WITHIN, c, f"!domain:{LAND_AREA},{POLICY}"),
        petition_col(12, COUNT, *WITHIN, d),
        petition_col(13, COUNT, *WITHIN, d, f"!{AGAIN}"),
        petition_col(14, COUNT, *WITHIN, d, AGAIN),
        petition_col(15, COUNT, *WITHIN, d, f"domain:{ADMIN}"),
        petition_col(16, COUNT, *WITHIN, d, "domain:corruption"),
        petition_col(17, COUNT, *WITHIN, d, "domain:judicial"),
        petition_col(18, COUNT, *WITHIN, d, f"!domain:{ADMIN},corruption,judicial"),
        petition_col(19, COUNT, *WITHIN, p),
        petition_col(20, COUNT, *WITHIN, p, f"domain:{POLICY}"),
        petition_col(21, COUNT, *WITHIN, p, f"domain:{LAND_AREA}"),
        petition_col(22, COUNT, *WITHIN, p, f"!domain:{LAND_AREA},{POLICY}"),
        petition_col(23, COUNT, *E, OUTSIDE),
        petition_col(24, COUNT, *E, "outcome:guide"),
        petition_col(25, COUNT, *E, "outcome:transfer,urge"),
    )


# ----------------------------------------------------------------------- 03/GQKN and 04/GQTC
CLOSED = "matter_closed"
STATUS = (
    ("outcome:accept", "!case_accepted", f"!{CLOSED}"),  # đang xem xét điều kiện thụ lý
    ("outcome:accept", "case_accepted", f"!{CLOSED}"),  # đã thụ lý
    ("outcome:reject", f"!{CLOSED}"),  # không thụ lý
    (CLOSED,),  # rút đơn, đình chỉ
)
COMPLAINT_DECISIONS = "outcome:right,wrong,partly,uphold,amend"
CONCLUSIONS = "outcome:den_right,den_wrong,den_partly"


def _intake(kind: str) -> list[Column]:
    """Columns 1–6: the petitions of 02/XLD within competence, their matters by status."""
    t = f"type:{kind}"
    cols = [petition_col(1, COUNT, *WITHIN, t), petition_col(2, MATTERS, *WITHIN, t)]
    cols += [petition_col(3 + i, MATTERS, *WITHIN, t, *s) for i, s in enumerate(STATUS)]
    return cols


def _orders(first: int, decided: tuple[str, ...]) -> list[Column]:
    """Thu hồi (money, land), trả lại (money, land, organisations, persons) from `first`."""
    fields = (
        ("decision_money_to_state", MONEY),
        ("decision_land_to_state", LAND),
        ("decision_money_returned", MONEY),
        ("decision_land_returned", LAND),
        ("decision_restored_orgs", "tổ chức"),
        ("decision_restored_persons", "cá nhân"),
    )
    return [case_sum(first + i, f, u, *decided) for i, (f, u) in enumerate(fields)]


def _referred(first: int, decided: tuple[str, ...]) -> list[Column]:
    return [
        case_sum(first, "referred_cases", MATTER_COUNT, *decided),
        case_sum(first + 1, "referred_persons", HEADS, *decided),
        case_sum(first + 2, "referred_officials", HEADS, *decided),
    ]


def gqkn03() -> dict[int, Column]:
    decided = ("complaint", "resolved", COMPLAINT_DECISIONS)
    first, second = "kind:complaint_first", "kind:complaint_second"
    return columns_of(
        *_intake("complaint"),
        case_col(7, *decided),
        case_col(8, first, "resolved", "outcome:right"),
        case_col(9, first, "resolved", "outcome:wrong"),
        case_col(10, first, "resolved", "outcome:partly"),
        case_col(11, second, "resolved", "outcome:uphold"),
        case_col(12, second, "resolved", "outcome:amend"),
        *_orders(13, decided),
        case_sum(19, "proposed_disciplined", HEADS, *decided),
        case_sum(20, "proposed_disciplined_officials", HEADS, *decided),
        *_referred(21, decided),
    )


def gqtc04() -> dict[int, Column]:
    decided = ("kind:denunciation", "resolved", CONCLUSIONS)
    cols = [*_intake("denunciation"), case_col(7, *decided)]
    for base, again in ((8, "!follow_up"), (11, "follow_up")):
        for i, outcome in enumerate(("den_right", "den_wrong", "den_partly")):
            cols.append(case_col(base + i, *decided[:2], f"outcome:{outcome}", again))
    cols += [
        *_orders(14, decided),
        case_sum(20, "proposed_disciplined_orgs", "tổ chức", *decided),
        case_sum(21, "proposed_disciplined", HEADS, *decided),
        case_sum(22, "proposed_disciplined_officials", HEADS, *decided),
        *_referred(23, decided),
    ]
    return columns_of(*cols)


# ----------------------------------------------------------------------------------- 05/KQTH
_SO_FAR = "Số đã thi hành ghi nhận đến nay (các lần thi hành cộng dồn)."


def _execution(first: int, to_execute: tuple[str, ...]) -> list[Column]:
    """Phải / đã: thu hồi (money, land), then trả lại (money, land), from `first`."""
    cols = []
    for i, (field_, unit) in enumerate(
        (
            ("decision_money_to_state", MONEY),
            ("decision_land_to_state", LAND),
            ("money_to_state", MONEY),
            ("land_to_state", LAND),
            ("decision_money_returned", MONEY),
            ("decision_land_returned", LAND),
            ("money_returned", MONEY),
            ("land_returned", LAND),
        )
    ):
        note = "" if field_.startswith("decision_") else _SO_FAR
        cols.append(case_sum(first + i, field_, unit, *to_execute, note=note))
    return cols


def _prosecuted(first: int, to_execute: tuple[str, ...]) -> list[Column]:
    return [
        case_sum(first, "prosecuted_cases", MATTER_COUNT, *to_execute, note=_SO_FAR),
        case_sum(first + 1, "prosecuted_persons", HEADS, *to_execute, note=_SO_FAR),
        case_sum(first + 2, "prosecuted_officials", HEADS, *to_execute, note=_SO_FAR),
    ]


def kqth05() -> dict[int, Column]:
    decisions = ("complaint", COMPLAINT_DECISIONS, "concluded", "executing")
    conclusions = ("kind:denunciation", CONCLUSIONS, "concluded", "executing")
    return columns_of(
        case_col(1, *decisions),
        case_col(2, *decisions, "executed"),
        *_execution(3, decisions),
        case_sum(11, "persons_disciplined", HEADS, *decisions, note=_SO_FAR),
        case_sum(12, "disciplined_officials", HEADS, *decisions, note=_SO_FAR),
        *_prosecuted(13, decisions),
        case_col(16, *conclusions),
        case_col(17, *conclusions, "executed"),
        *_execution(18, conclusions),
        case_sum(26, "orgs_disciplined", "tổ chức", *conclusions, note=_SO_FAR),
        case_sum(27, "persons_disciplined", HEADS, *conclusions, note=_SO_FAR),
        case_sum(28, "disciplined_officials", HEADS, *conclusions, note=_SO_FAR),
        *_prosecuted(29, conclusions),
    )


# --------------------------------------------------------------------------------- 06/QLKNTC
# The figures of `ManagementFigures`, in the order of the table's columns 1–17.
MANAGEMENT_FIELDS: tuple[str, ...] = (
    "documents_issued",
    "documents_amended",
    "documents_repealed",
    "training_classes",
    "training_participants",
    "inspections",
    "inspected_units",
    "inspections_concluded",
    "proposed_admin_orgs",
    "proposed_admin_persons",
    "referred_orgs",
    "referred_persons",
    "conclusions_to_execute",
    "sanctioned_orgs",
    "sanctioned_persons",
    "prosecuted_cases",
    "prosecuted_persons",
)


def qlkntc06() -> dict[int, Column]:
    return columns_of(*(management_col(n, f) for n, f in enumerate(MANAGEMENT_FIELDS, start=1)))


# --------------------------------------------------------------------------------- checks
# Printed "≤" notes of the tables, each as (smaller, larger).
BOUNDS: dict[str, tuple[tuple[int, int], ...]] = {
    "02-XLD": ((2, 1), (3, 2), (4, 3), (5, 4)),
    "03-GQKN": ((2, 1), (20, 19), (23, 22)),
    "04-GQTC": ((2, 1), (22, 21), (25, 24)),
    "05-KQTH": ((2, 1), (12, 11), (15, 14), (17, 16), (28, 27), (31, 30)),
    "06-QLKNTC": ((8, 6),),
}
# README §2.7: (form, column) `op` (form, column), op "=" or ">=".
CROSS_CHECKS: tuple[tuple[str, int, str, str, int], ...] = (
    ("03-GQKN", 1, "=", "02-XLD", 6),
    ("04-GQTC", 1, "=", "02-XLD", 12),
    ("05-KQTH", 1, ">=", "03-GQKN", 7),
    ("05-KQTH", 16, ">=", "04-GQTC", 7),
)
