"""The pieces the report forms are defined with: sources, measures and one numbered column.

Every form (`forms_registry`, `forms_tt2025`) states each of its columns once with the helpers
below: where its records come from (`source`), what it counts or adds up (`measure`) and the
named predicates (`where`) that `selectors` turns into SQL.
"""

from dataclasses import dataclass

VISITS, PETITIONS, TRANSFERS, CASES, DERIVED, PENDING = (
    "visits",
    "petitions",
    "transfers",
    "cases",
    "derived",
    "pending",
)
# Figures a unit enters itself for a period (06/QLKNTC: state management work no record holds).
MANAGEMENT = "management"
# The leaders' reception sessions announced on the schedule (TT 06/2025 "số ngày tiếp").
SCHEDULE = "schedule"
# Measures: rows, the people of the rows, distinct matters (vụ việc), distinct sessions (kỳ tiếp);
# "sum:field" (or "sum:total-part") adds up an amount or head count kept on each case.
COUNT, PEOPLE, MATTERS, SESSIONS = "count", "people", "matters", "sessions"
# Distinct days of the leaders' announced reception sessions (TT 06/2025 "số ngày tiếp").
DAYS = "days"
MEASURE_UNITS = {
    COUNT: "",
    PEOPLE: "người",
    MATTERS: "vụ việc",
    SESSIONS: "kỳ tiếp",
    DAYS: "ngày",
}
MONEY, LAND, HEADS, MATTER_COUNT = "triệu đồng", "m²", "người", "vụ"


@dataclass(frozen=True)
class Column:
    """One numbered column: where its number comes from.

    `where` lists predicate names ANDed together ("!name" negates; "name:a,b" takes values),
    resolved by `selectors.PREDICATES`; `formula` gives a derived column from others.
    """

    number: int
    source: str
    measure: str = COUNT
    where: tuple[str, ...] = ()
    formula: str = ""
    note: str = ""
    label: str = ""

    @property
    def pending(self) -> bool:
        return self.source == PENDING


def visit_col(n: int, measure: str, *where: str, note: str = "") -> Column:
    return Column(n, VISITS, measure, where, note=note)


def schedule_col(n: int, *where: str, note: str = "") -> Column:
    """Distinct days of the announced sessions that satisfy `where` (one unit's days count once)."""
    return Column(n, SCHEDULE, DAYS, where, note=note)


def petition_col(n: int, measure: str, *where: str, note: str = "") -> Column:
    return Column(n, PETITIONS, measure, where, note=note)


def transfer_col(n: int, *where: str) -> Column:
    return Column(n, TRANSFERS, COUNT, where)


def derived_col(n: int, formula: str) -> Column:
    return Column(n, DERIVED, COUNT, formula=formula)


def pending_col(n: int, note: str) -> Column:
    return Column(n, PENDING, COUNT, note=note)


def columns_of(*columns: Column) -> dict[int, Column]:
    return {c.number: c for c in columns}


def case_col(n: int, *where: str, note: str = "") -> Column:
    return Column(n, CASES, COUNT, where, note=note)


def case_sum(n: int, field_: str, unit: str, *where: str, note: str = "") -> Column:
    measure = f"sum:{field_}"
    MEASURE_UNITS.setdefault(measure, unit)
    return Column(n, CASES, measure, where, note=note)


def management_col(n: int, field_: str) -> Column:
    """A figure the unit enters for the period (`ManagementFigures.<field_>`), added up."""
    measure = f"sum:{field_}"
    MEASURE_UNITS.setdefault(measure, "")
    return Column(n, MANAGEMENT, measure)
