"""The "cases" source of the report forms (vụ việc thuộc thẩm quyền: 01–04/KQGQ) and the SUM
measure of amounts (triệu đồng, m²) and head counts kept on the case.

`selectors` registers the base set, the unit field and the predicates below next to the other
sources; every predicate maps (window, argument) to a Q on `Case`, as there.

Dates that place a case in a period: `accepted_on` (thụ lý), `decided_on` (quyết định, kết
luận, and also the day a full withdrawal or a termination closed it), `effective_on` (hiệu lực
pháp luật of a complaint decision), `executed_on` (thi hành xong). "Chấp hành thời hạn" is the
status of the case's resolution clock, stopped when the case was decided or closed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from tiepdan.cases.models import Case, CaseKind
from tiepdan.cases.rules import resolution_rule
from tiepdan.workcalendar.models import Clock

if TYPE_CHECKING:
    from tiepdan.reports.forms_registry import Column
    from tiepdan.reports.selectors import Window

SUM_PREFIX = "sum:"
RESOLUTION_RULES = sorted(
    {r for r in (resolution_rule(k) for k in CaseKind.values) if r is not None}
)


def _values(arg: str) -> list[str]:
    return [v for v in arg.split(",") if v]


def _open(w: Window, _: str) -> Q:
    """Being resolved in the period: accepted by its end, not decided or closed before it."""
    return Q(accepted_on__lte=w.end) & (Q(decided_on__isnull=True) | Q(decided_on__gte=w.start))


def _clock(status: str) -> Q:
    clocks = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_id=OuterRef("pk"),
        rule_code__in=RESOLUTION_RULES,
        status=status,
    )
    return Q(Exists(clocks))


CASE_PREDICATES: dict[str, Callable[[Window, str], Q]] = {
    "kind": lambda w, a: Q(kind__in=_values(a)),
    "complaint": lambda w, a: Q(kind__in=[CaseKind.COMPLAINT_FIRST, CaseKind.COMPLAINT_SECOND]),
    "open": _open,
    "resolved": lambda w, a: Q(decided_on__gte=w.start, decided_on__lte=w.end),
    "outcome": lambda w, a: Q(outcome__in=_values(a)),
    # Tố cáo tiếp: linked to the earlier denunciation (Luật TC Art 37).
    "follow_up": lambda w, a: Q(previous__isnull=False),
    # The resolution clock met (đúng quy định) or missed (không đúng quy định) its due date;
    # a missed clock wins, so the two never overlap.
    "on_time": lambda w, a: _clock(Clock.Status.MET) & ~_clock(Clock.Status.MISSED),
    "late": lambda w, a: _clock(Clock.Status.MISSED),
    # Decisions to execute in the period (02/KQGQ, 04/KQGQ): effective by its end (complaints;
    # a conclusion is executed from its date) and not executed completely before it.
    "effective": lambda w, a: Q(effective_on__lte=w.end),
    "executing": lambda w, a: Q(executed_on__isnull=True) | Q(executed_on__gte=w.start),
    "executed": lambda w, a: Q(executed_on__lte=w.end),
    "concluded": lambda w, a: Q(decided_on__lte=w.end),
}

# Petitions (01/KQGQ columns 2–3, 03/KQGQ columns 2–3): accepted before the period and whose
# case was still being resolved when it began (kỳ trước chuyển sang).
PETITION_PREDICATES: dict[str, Callable[[Window, str], Q]] = {
    "decided_before": lambda w, a: Q(decided_on__lt=w.start),
    "case_open_at_start": lambda w, a: (
        Q(case__decided_on__isnull=True) | Q(case__decided_on__gte=w.start)
    ),
}


def case_base(window: Window) -> QuerySet[Case]:
    """Cases accepted for resolution (thụ lý) by the end of the period."""
    return Case.objects.filter(accepted_on__lte=window.end)


# ------------------------------------------------------------------------------- SUM measure


def is_sum(measure: str) -> bool:
    return measure.startswith(SUM_PREFIX)


def sum_expression(measure: str) -> Any:
    """The summed expression of "sum:field" or "sum:field-field" (a total less its part, e.g.
    money returned less the part returned to organisations = to individuals)."""
    first, *rest = measure.removeprefix(SUM_PREFIX).split("-")
    expression: Any = F(first)
    for name in rest:
        expression = expression - F(name)
    return expression


class Amount(float):
    """A non-integral report figure (triệu đồng, m²). Report figures are JSON numbers, so an
    amount is a float; it keeps three decimals through the sums of rows into totals."""

    def __add__(self, other: Any) -> int | Amount:
        return amount(Decimal(repr(self)) + Decimal(repr(other)))

    __radd__ = __add__

    def __str__(self) -> str:
        return repr(float(self))


def amount(value: Any) -> int | Amount:
    """A summed figure: an int when whole, else an `Amount` rounded to three decimals (SQLite
    sums decimals as floats, PostgreSQL as Decimal)."""
    if value is None:
        return 0
    number = Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return int(number)
    return Amount(number)


# ------------------------------------------------------------------------------- drill-down


def case_records(qs: QuerySet[Case], column: Column) -> QuerySet[Case]:
    """The cases of a column: for a sum, those that add something to it."""
    if is_sum(column.measure):
        qs = qs.annotate(measure_value=sum_expression(column.measure)).exclude(measure_value=0)
    return qs.select_related("unit").order_by("decided_on", "accepted_on", "pk")
