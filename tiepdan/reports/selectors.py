"""The SQL of the reports: every number of every form, rolled up over the unit tree.

One query per source (visits, petitions, transfers, cases) computes every column of a form for
the unit's own records and for each direct child's subtree at once: records are grouped by the
prefix of their unit's materialised path that names the child (`Substr(path, 1, len)`); how the
columns share one reading of the records is in `rollup`. The number of queries does not depend
on the number of children, records or columns.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from tiepdan.cases.models import Case, CaseKind, CaseStatus
from tiepdan.cases.models import Outcome as CaseOutcome
from tiepdan.monitoring.models import Alert
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit
from tiepdan.petitions.constants import Eligibility
from tiepdan.petitions.constants import Outcome as PetitionOutcome
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.reception.constants import ChairedBy, ReceptionMode, SessionStatus
from tiepdan.reception.models import ReceptionSession, ReceptionVisit
from tiepdan.reports import arithmetic, case_columns, rollup
from tiepdan.reports.forms_registry import (
    CASES,
    DAYS,
    DERIVED,
    MANAGEMENT,
    MATTERS,
    PEOPLE,
    PETITIONS,
    SCHEDULE,
    SESSIONS,
    TRANSFERS,
    VISITS,
    Column,
    FormVersion,
    regime_version,
)
from tiepdan.reports.models import ManagementFigures
from tiepdan.reports.periods import Period

# A report figure: a whole count, or an `Amount` (triệu đồng, m²; see case_columns).
Figure = int | float
LEADER_MODES = (ReceptionMode.PERIODIC, ReceptionMode.ADHOC)
REPORT_WORK_MEM = "256MB"


@dataclass(frozen=True)
class Window:
    """The period as dates (petitions) and as aware datetimes (visits: local days)."""

    start: dt.date
    end: dt.date

    @property
    def start_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def end_before(self) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)
        )


# ------------------------------------------------------------------------------- predicates
# Each predicate maps (window, values) to a Q on its source's model. "!name" negates.


def _values(arg: str) -> list[str]:
    return [v for v in arg.split(",") if v]


def _first_visit(w: Window, _: str) -> Q:
    return Q(first_at__gte=w.start_at, first_at__lt=w.end_before)


VISIT_PREDICATES: dict[str, Callable[[Window, str], Q]] = {
    "regular": lambda w, a: Q(mode=ReceptionMode.REGULAR),
    "head": lambda w, a: Q(mode__in=LEADER_MODES, chaired_by=ChairedBy.HEAD),
    "delegate": lambda w, a: Q(mode__in=LEADER_MODES, chaired_by=ChairedBy.DELEGATE),
    "mass": lambda w, a: Q(is_mass_group=True),
    "first": _first_visit,
    # TT 06/2025: a visit the Head receives counts under "Thủ trưởng tiếp" whatever the mode.
    "regular_desk": lambda w, a: Q(mode=ReceptionMode.REGULAR) & ~Q(chaired_by=ChairedBy.HEAD),
    "head_any": lambda w, a: Q(chaired_by=ChairedBy.HEAD),
}


def _carried(w: Window, _: str) -> Q:
    return Q(received_on__lt=w.start) & (Q(decided_on__isnull=True) | Q(decided_on__gte=w.start))


def _received(w: Window, _: str) -> Q:
    return Q(received_on__gte=w.start, received_on__lte=w.end)


PETITION_PREDICATES: dict[str, Callable[[Window, str], Q]] = {
    "carried": _carried,
    "received": _received,
    "open": lambda w, a: _carried(w, a) | _received(w, a),
    "processed": lambda w, a: Q(decided_on__isnull=False, decided_on__lte=w.end),
    "decided_in_period": lambda w, a: Q(decided_on__gte=w.start, decided_on__lte=w.end),
    "eligible": lambda w, a: Q(eligibility=Eligibility.ELIGIBLE, duplicate_of__isnull=True),
    "type": lambda w, a: Q(petition_type__in=_values(a)),
    "domain": lambda w, a: Q(domain__in=_values(a)),
    "prior": lambda w, a: Q(prior_resolution__in=_values(a)),
    "outcome": lambda w, a: Q(outcome__in=_values(a)),
    "signers": lambda w, a: {
        "many": Q(anonymous=False, signatory_count__gte=2),
        "one": Q(anonymous=False, signatory_count__lte=1),
        "other": Q(anonymous=True),
        "not_many": Q(anonymous=True) | Q(signatory_count__lte=1),
    }[a],
    # A complaint against a first-instance decision (khiếu nại lần hai): its matter is one
    # (`petition_base`'s join to those matters only, not every petition to every matter).
    "second": lambda w, a: Q(prior_resolution="first") | Q(second_matter__isnull=False),
    "case_resolved": lambda w, a: Q(case__status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED]),
    # How the petition came in (02/TCD: "reception", handed in at citizen reception).
    "source": lambda w, a: Q(source__in=_values(a)),
    # TT 06/2025 "thuộc thẩm quyền": accepted, or refused acceptance within competence.
    "within": lambda w, a: (
        Q(outcome=PetitionOutcome.ACCEPT)
        | Q(outcome=PetitionOutcome.REJECT, within_jurisdiction=True)
    ),
    # The petition's matter by the end of the period: accepted (thụ lý), or ended by a full
    # withdrawal or a termination (03/GQKN, 04/GQTC columns 3–6).
    "case_accepted": lambda w, a: Q(case__accepted_on__lte=w.end),
    "matter_closed": lambda w, a: Q(
        case__outcome__in=[CaseOutcome.WITHDRAWN, CaseOutcome.TERMINATED],
        case__decided_on__lte=w.end,
    ),
    **case_columns.PETITION_PREDICATES,
}


def announced_statuses() -> list[str]:
    """The statuses of a session that was announced on the public schedule (TT 06/2025 "số ngày
    tiếp": days announced publicly). The schedule lists planned sessions and keeps those held;
    a cancelled one was withdrawn. Which statuses count is a reading, not the circular's words:
    the setting TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES overrides it."""
    statuses = list(getattr(settings, "TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES", ()) or ())
    if not statuses:
        return [SessionStatus.PLANNED, SessionStatus.HELD]
    unknown = set(statuses) - set(SessionStatus.values)
    if unknown:
        raise ValueError(f"unknown session status: {sorted(unknown)}")
    return statuses


# The leaders' sessions of a unit's reception schedule (01/TCD "số ngày tiếp").
SCHEDULE_PREDICATES: dict[str, Callable[[Window, str], Q]] = {
    "head": lambda w, a: Q(mode__in=LEADER_MODES, chaired_by=ChairedBy.HEAD),
    "delegate": lambda w, a: Q(mode__in=LEADER_MODES, chaired_by=ChairedBy.DELEGATE),
    "announced": lambda w, a: Q(status__in=announced_statuses()),
}

TRANSFER_PREDICATES: dict[str, Callable[[Window, str], Q]] = {
    "type": lambda w, a: Q(petition__petition_type__in=_values(a)),
    "source": lambda w, a: Q(petition__source__in=_values(a)),
}

PREDICATES = {
    VISITS: VISIT_PREDICATES,
    PETITIONS: PETITION_PREDICATES,
    TRANSFERS: TRANSFER_PREDICATES,
    CASES: case_columns.CASE_PREDICATES,
    MANAGEMENT: {},
    SCHEDULE: SCHEDULE_PREDICATES,
}


def predicate_q(source: str, name: str, window: Window) -> Q:
    negate = name.startswith("!")
    key, _, arg = name.lstrip("!").partition(":")
    q = PREDICATES[source][key](window, arg)
    return ~q if negate else q


def column_q(column: Column, window: Window) -> Q:
    q = Q()
    for name in column.where:
        q &= predicate_q(column.source, name, window)
    return q


# ------------------------------------------------------------------------------- base sets


def visit_base(window: Window) -> QuerySet[ReceptionVisit]:
    """Visits of the period (local days), with the first visit ever of their matter (kept on
    the matter by the reception service, and copied on each visit by the database)."""
    return ReceptionVisit.objects.filter(
        received_at__gte=window.start_at, received_at__lt=window.end_before
    ).annotate(first_at=F("matter_first_at"))


def petition_base(window: Window) -> QuerySet[Petition]:
    """Petitions that count: a mixed petition split into parts counts as its parts."""
    # "IS NOT NULL" lets the anti-join read only the split parts (a handful) from the index.
    has_parts = Petition.objects.filter(split_from=OuterRef("pk"), split_from__isnull=False)
    return (
        Petition.objects.filter(received_on__lte=window.end)
        .filter(~Exists(has_parts))
        # The petition's matter when it is a second complaint ("second"; joined only if used).
        .annotate(
            second_matter=FilteredRelation(
                "case", condition=Q(case__kind=CaseKind.COMPLAINT_SECOND)
            )
        )
    )


def transfer_base(window: Window) -> QuerySet[Transfer]:
    """Transfers whose reply (văn bản phúc đáp) arrived in the period."""
    return Transfer.objects.filter(
        reply_received_on__gte=window.start, reply_received_on__lte=window.end
    )


def management_base(window: Window) -> QuerySet[ManagementFigures]:
    """The figures units entered for exactly this period (06/QLKNTC)."""
    return ManagementFigures.objects.filter(period_start=window.start, period_end=window.end)


def schedule_base(window: Window) -> QuerySet[ReceptionSession]:
    """Reception sessions dated in the period, whatever their status (the columns choose)."""
    return ReceptionSession.objects.filter(date__gte=window.start, date__lte=window.end)


BASES = {
    VISITS: visit_base,
    PETITIONS: petition_base,
    TRANSFERS: transfer_base,
    CASES: case_columns.case_base,
    MANAGEMENT: management_base,
    SCHEDULE: schedule_base,
}
UNIT_FIELD = {
    VISITS: "unit",
    PETITIONS: "unit",
    TRANSFERS: "from_unit",
    CASES: "unit",
    MANAGEMENT: "unit",
    SCHEDULE: "unit",
}


# Sources whose report columns an index on (unit, time) covers (reception migration 0005): their
# records are read and grouped one unit at a time.
UNIT_BY_UNIT = {VISITS}


def matter_key(source: str) -> Any:
    """A matter: the case; a petition without a case is a matter of its own."""
    if source == PETITIONS:
        return Coalesce(F("case_id"), Value(0) - F("pk"), output_field=IntegerField())
    if source == CASES:
        return F("pk")
    return F("case_id")


def records_in(source: str, window: Window, unit: Unit, *, own: bool = False) -> QuerySet:
    """The base records of `source` in `unit`'s subtree, or of `unit` alone."""
    field_name = UNIT_FIELD[source]
    qs = BASES[source](window)
    if own:
        return qs.filter(**{field_name: unit})
    return qs.filter(**{f"{field_name}__path__startswith": unit.path})


def _collect(by_bucket: dict[str, dict[int, Figure]], results: list[dict[str, Any]]) -> None:
    for result in results:
        target = by_bucket.get(result["bucket"])
        if target is None:  # a unit deeper than the children's level: not possible
            continue
        for name, value in result.items():
            if name != "bucket":
                target[int(name[1:])] = case_columns.amount(value)


def _measures(source: str) -> rollup.Measures:
    """Distinct measures count keys (matters, sessions); the others add up rows or a value."""

    def key(measure: str) -> Any:
        if measure == MATTERS:
            return matter_key(source)
        if measure == SESSIONS:
            return F("session_id")
        if measure == DAYS:
            return F("date") if source == SCHEDULE else F("session__date")
        return None

    def value(measure: str) -> Any:
        if measure == PEOPLE:
            return F("people_count")
        if case_columns.is_sum(measure):
            return case_columns.sum_expression(measure)
        raise ValueError(measure)

    return rollup.Measures(key=key, value=value)


def _rolled_up(
    source: str, columns: list[Column], window: Window, subtree_ids: list[int], prefix: int
) -> list[dict[str, Any]]:
    """Every column of `source` per bucket, in one statement (see `rollup`)."""
    return rollup.rolled_up(
        BASES[source](window),
        f"{UNIT_FIELD[source]}_id",
        subtree_ids,
        columns,
        lambda name: predicate_q(source, name, window),
        _measures(source),
        prefix,
        unit_by_unit=source in UNIT_BY_UNIT,
    )


# ------------------------------------------------------------------------------- the report


@dataclass
class Row:
    unit: Unit
    columns: dict[int, Figure]
    own: bool = False

    @property
    def name(self) -> str:
        return self.unit.name


@dataclass
class ReportData:
    version: FormVersion
    unit: Unit
    period: Period
    columns: dict[int, Figure]
    rows: list[Row]
    violations: list[arithmetic.Violation] = field(default_factory=list)

    @property
    def pending(self) -> frozenset[int]:
        return self.version.pending_numbers


def _derive(version: FormVersion, columns: dict[int, Figure]) -> dict[int, Figure]:
    out = {n: columns.get(n, 0) for n in version.columns}
    for n, column in version.columns.items():
        if column.source == DERIVED:
            out[n] = arithmetic.evaluate(column.formula, out)
    return dict(sorted(out.items()))


def report_compute(version: FormVersion, unit: Unit, period: Period) -> ReportData:
    """Every column of `version` for `unit` (whole subtree), and one row per direct child and
    for the unit's own records. Two queries for the units, one per source used."""
    window = Window(period.start, period.end)
    children = list(org_selectors.unit_children_list(unit))
    by_bucket: dict[str, dict[int, Figure]] = {unit.path: {}}
    by_bucket.update({child.path: {} for child in children})
    prefix = len(unit.path) + (len(children[0].path) - len(unit.path) if children else 0)

    # The subtree as a list of ids: the planner then estimates the rows well and hash-joins
    # the units for their paths (a `path LIKE` join misleads it into nested loops).
    subtree_ids = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Grouping a province-year by matter must not spill to disk; compiling these
            # short-lived statements with JIT costs more than it saves (seconds on 01/TCD).
            cursor.execute(
                "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
                [REPORT_WORK_MEM],
            )
        for source in BASES:
            columns = [c for c in version.columns.values() if c.source == source]
            if columns:
                _collect(by_bucket, _rolled_up(source, columns, window, subtree_ids, prefix))

    rows = [Row(child, _derive(version, by_bucket[child.path])) for child in children]
    rows.append(Row(unit, _derive(version, by_bucket[unit.path]), own=True))
    totals = {n: sum(r.columns[n] for r in rows) for n in version.columns}
    violations: list[Any] = arithmetic.check(version.rules, totals, skip=version.pending_numbers)
    violations += arithmetic.check_bounds(version.bounds, totals)
    for row in rows:
        violations += arithmetic.check(
            version.rules, row.columns, row=row.name, skip=version.pending_numbers
        )
        violations += arithmetic.check_bounds(version.bounds, row.columns, row=row.name)
    violations += cross_checks(version, unit, period, totals)
    return ReportData(version, unit, period, totals, rows, violations)


def column_total(
    version: FormVersion,
    number: int,
    unit: Unit,
    period: Period,
    known: tuple[FormVersion, dict[int, Any]] | None = None,
) -> Any:
    """One column of a form for `unit`'s whole subtree: read from `known` (a form's computed
    totals) when one of its columns is the same count, else one query."""
    column = version.columns[number]
    if known is not None:
        same = (column.source, column.measure, column.where)
        for n, mine in known[0].columns.items():
            if mine.source != DERIVED and (mine.source, mine.measure, mine.where) == same:
                return known[1][n]
    window = Window(period.start, period.end)
    subtree_ids = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    results = _rolled_up(column.source, [column], window, subtree_ids, len(unit.path))
    return sum((case_columns.amount(r[f"c{number}"]) for r in results), 0)


def cross_checks(
    version: FormVersion, unit: Unit, period: Period, totals: dict[int, Any]
) -> list[arithmetic.Comparison]:
    """The checks across the tables of the regime (TT 06/2025 README §2.7) that involve this
    form, on the subtree's totals; the other form's column is computed (one query each)."""
    out = []
    for left_form, left, op, right_form, right in version.cross_checks:
        if left_form == version.code:
            other = regime_version(right_form, version.regime)
            a, b = totals[left], column_total(other, right, unit, period, (version, totals))
        else:
            other = regime_version(left_form, version.regime)
            a, b = column_total(other, left, unit, period, (version, totals)), totals[right]
        if not arithmetic.holds(a, op, b):
            out.append(
                arithmetic.Comparison(
                    f"{left_form.replace('-', '/')} ({left})",
                    op,
                    f"{right_form.replace('-', '/')} ({right})",
                    a,
                    b,
                )
            )
    return out


def data_version(unit: Unit) -> dict[str, Any]:
    """A fingerprint of the data under `unit`: counts and the latest change of each source."""
    out: dict[str, Any] = {}
    for name, model, field_name in (
        (VISITS, ReceptionVisit, "unit"),
        (PETITIONS, Petition, "unit"),
        (TRANSFERS, Transfer, "from_unit"),
        ("cases", Case, "unit"),
        (SCHEDULE, ReceptionSession, "unit"),
    ):
        stats = model.objects.filter(**{f"{field_name}__path__startswith": unit.path}).aggregate(
            n=Count("pk"), last=Max("updated_at")
        )
        out[name] = {
            "count": stats["n"],
            "updated": stats["last"].isoformat() if stats["last"] else None,
        }
    return out


# ------------------------------------------------------------------------------- drill-down


def drilldown_records(
    version: FormVersion, number: int, unit: Unit, period: Period, *, own: bool = False
) -> QuerySet:
    """The records that make up column `number` for `unit` (subtree, or its own records)."""
    column = version.columns[number]
    window = Window(period.start, period.end)
    qs = records_in(column.source, window, unit, own=own).filter(column_q(column, window))
    if column.source == VISITS:
        return qs.select_related("unit", "case", "session").order_by("received_at", "pk")
    if column.source == PETITIONS:
        return qs.select_related("unit", "case").order_by("received_on", "pk")
    if column.source == CASES:
        return case_columns.case_records(qs, column)
    if column.source == MANAGEMENT:
        return qs.select_related("unit", "entered_by").order_by("unit__path")
    if column.source == SCHEDULE:
        return qs.select_related("unit").order_by("date", "unit__path", "pk")
    return qs.select_related("from_unit", "to_unit", "petition").order_by("reply_received_on", "pk")


# ------------------------------------------------------------------------------- plan period


def plan_period_summary(unit: Unit, period: Period) -> dict[str, Any]:
    """Kết quả tiếp công dân in a plan period (e.g. Tết): visits, people, groups, petitions by
    type and domain, outcomes, alerts and how they ended. Five queries."""
    window = Window(period.start, period.end)
    visits = records_in(VISITS, window, unit).aggregate(
        visits=Count("pk"),
        people=Coalesce(Sum("people_count"), 0),
        groups=Count("pk", filter=Q(is_mass_group=True)),
        group_people=Coalesce(Sum("people_count", filter=Q(is_mass_group=True)), 0),
        matters=Count("case_id", distinct=True),
        repeat=Count("pk", filter=Q(is_repeat=True)),
        leaders=Count("pk", filter=Q(mode__in=LEADER_MODES)),
    )
    received = records_in(PETITIONS, window, unit).filter(_received(window, ""))
    by_type = dict(
        received.values_list("petition_type").annotate(n=Count("pk")).order_by("petition_type")
    )
    by_domain = dict(received.values_list("domain").annotate(n=Count("pk")).order_by("domain"))
    by_outcome = dict(
        received.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")).order_by()
    )
    alerts = Alert.objects.filter(
        unit__path__startswith=unit.path,
        created_at__gte=window.start_at,
        created_at__lt=window.end_before,
    )
    alert_rows = list(
        alerts.values("kind", "status").annotate(n=Count("pk")).order_by("kind", "status")
    )
    return {
        "visits": visits,
        "petitions": sum(by_type.values()),
        "by_type": by_type,
        "by_domain": by_domain,
        "by_outcome": by_outcome,
        "alerts": alert_rows,
        "alert_total": sum(r["n"] for r in alert_rows),
    }


def plan_period_rows(unit: Unit, period: Period) -> list[dict[str, Any]]:
    """Visits, people and groups per direct child and for the unit itself (one query)."""
    window = Window(period.start, period.end)
    children = list(org_selectors.unit_children_list(unit))
    prefix = len(children[0].path) if children else len(unit.path)
    counts = {
        r["bucket"]: r
        for r in records_in(VISITS, window, unit)
        .annotate(bucket=Substr("unit__path", 1, prefix))
        .values("bucket")
        .annotate(
            visits=Count("pk"),
            people=Coalesce(Sum("people_count"), 0),
            groups=Count("pk", filter=Q(is_mass_group=True)),
        )
        .order_by()
    }
    empty = {"visits": 0, "people": 0, "groups": 0}
    return [
        {"unit": u, **{k: counts.get(u.path, empty)[k] for k in empty}} for u in [*children, unit]
    ]
