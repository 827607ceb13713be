"""Acceptance: every column of every form equals a count made independently here, in Python,
over the generated records; the forms' arithmetic holds; rows roll up the unit tree."""

import datetime as dt
from collections.abc import Callable

import pytest

from tiepdan.organizations.models import Unit
from tiepdan.reports import forms_registry, selectors
from tiepdan.reports.forms_registry import FORM_CODES, form_version_for
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import TZ, DataSet

pytestmark = pytest.mark.django_db
START, END = PERIOD.start, PERIOD.end


def _in(unit: Unit, scope: Unit, *, own: bool) -> bool:
    return unit.pk == scope.pk if own else unit.path.startswith(scope.path)


def _scopes(province: Unit) -> list[tuple[Unit, bool]]:
    children = list(province.children.order_by("kind", "name"))
    return [*((c, False) for c in children), (province, True)]


# ------------------------------------------------------------------ 01/TCD, counted by hand


def expected_tcd(data: DataSet, scope: Unit, *, own: bool) -> dict[int, int]:
    first_ever: dict[int, dt.datetime] = {}
    for v in data.visits:
        first_ever[v["case"]] = min(first_ever.get(v["case"], v["at"]), v["at"])
    for pk, c in data.cases.items():
        if c["first"]:
            first_ever[pk] = c["first"]

    def first_in(case: int) -> bool:
        return START <= first_ever[case].astimezone(TZ).date() <= END

    visits = [
        v
        for v in data.visits
        if _in(v["unit"], scope, own=own) and START <= v["at"].astimezone(TZ).date() <= END
    ]
    groups = {
        "regular": [v for v in visits if v["mode"] == "regular"],
        "head": [v for v in visits if v["mode"] != "regular" and v["chaired_by"] == "head"],
        "delegate": [v for v in visits if v["mode"] != "regular" and v["chaired_by"] == "delegate"],
    }

    def block(vs: list[dict]) -> list[int]:
        mass = [v for v in vs if v["people"] >= 5]
        return [
            len(vs),
            sum(v["people"] for v in vs),
            len({v["case"] for v in vs if first_in(v["case"])}),
            len({v["case"] for v in vs if not first_in(v["case"])}),
            len(mass),
            sum(v["people"] for v in mass),
            len({v["case"] for v in mass if first_in(v["case"])}),
            len({v["case"] for v in mass if not first_in(v["case"])}),
        ]

    cols = [len(visits), sum(v["people"] for v in visits), 0]
    cols += block(groups["regular"])
    for g in ("head", "delegate"):
        cols.append(len({v["session"] for v in groups[g] if v["session"]}))
        cols += block(groups[g])
    out = dict(enumerate(cols, start=1))
    out[3] = out[6] + out[7] + out[15] + out[16] + out[24] + out[25]
    return out


# ------------------------------------------------------------------ 01/XLD, counted by hand


def _carried(p: dict) -> bool:
    return p["received"] < START and (p["decided"] is None or p["decided"] >= START)


def _received(p: dict) -> bool:
    return START <= p["received"] <= END


def _processed(p: dict) -> bool:
    return p["decided"] is not None and p["decided"] <= END


def expected_xld01(data: DataSet, scope: Unit, *, own: bool) -> dict[int, int]:
    ps = [p for p in data.petitions if _in(p["unit"], scope, own=own) and p["type"] != "mixed"]
    open_ = [p for p in ps if _carried(p) or _received(p)]
    done = [p for p in open_ if _processed(p)]
    ok = [p for p in done if p["eligible"]]

    def n(pred: Callable[[dict], bool]) -> int:
        return sum(1 for p in ok if pred(p))

    replies = [
        t
        for t in data.transfers
        if _in(t["from_unit"], scope, own=own) and t["reply"] and START <= t["reply"] <= END
    ]
    return {
        1: len(open_),
        2: sum(1 for p in ps if _carried(p)),
        3: sum(1 for p in ps if _received(p)),
        4: len(done),
        5: len(open_) - len(done),
        6: len(ok),
        7: len({p["case"] if p["case"] else -p["pk"] for p in ok}),
        8: n(lambda p: p["type"] == "complaint"),
        9: n(lambda p: p["type"] == "denunciation"),
        10: n(lambda p: p["type"] == "proposal"),
        11: n(lambda p: p["prior"] == "first"),
        12: n(lambda p: p["prior"] == "repeated"),
        13: n(lambda p: p["prior"] not in ("first", "repeated")),
        14: n(lambda p: p["outcome"] == "accept"),
        15: n(lambda p: p["outcome"] == "accept" and p["type"] == "complaint"),
        16: n(lambda p: p["outcome"] == "accept" and p["type"] == "denunciation"),
        17: n(lambda p: p["outcome"] == "accept" and p["type"] == "proposal"),
        18: n(lambda p: p["outcome"] in ("guide", "transfer", "urge")),
        19: n(lambda p: p["outcome"] == "guide"),
        20: n(lambda p: p["outcome"] == "transfer"),
        21: n(lambda p: p["outcome"] == "urge"),
        22: len(replies),
    }


# ------------------------------------------------------------------ the other forms: each
# predicate name of the registry re-implemented in Python over the plain records.


def _values(arg: str) -> set[str]:
    return set(arg.split(","))


PY_PETITION: dict[str, Callable[[dict, str], bool]] = {
    "carried": lambda p, a: _carried(p),
    "received": lambda p, a: _received(p),
    "open": lambda p, a: _carried(p) or _received(p),
    "processed": lambda p, a: _processed(p),
    "decided_in_period": lambda p, a: p["decided"] is not None and START <= p["decided"] <= END,
    "eligible": lambda p, a: p["eligible"],
    "type": lambda p, a: p["type"] in _values(a),
    "domain": lambda p, a: p["domain"] in _values(a),
    "prior": lambda p, a: p["prior"] in _values(a),
    "outcome": lambda p, a: p["outcome"] in _values(a),
    "signers": lambda p, a: {
        "many": not p["anonymous"] and p["signers"] >= 2,
        "one": not p["anonymous"] and p["signers"] <= 1,
        "other": p["anonymous"],
        "not_many": p["anonymous"] or p["signers"] <= 1,
    }[a],
    "second": lambda p, a: p["prior"] == "first" or p["case_kind"] == "complaint_second",
    "case_resolved": lambda p, a: p["case_status"] in ("resolved", "closed"),
    "decided_before": lambda p, a: p["decided"] is not None and p["decided"] < START,
    "case_open_at_start": lambda p, a: p["case_decided"] is None or p["case_decided"] >= START,
}


def _holds(name: str, record: dict, table: dict) -> bool:
    key, _, arg = name.lstrip("!").partition(":")
    value = table[key](record, arg)
    return not value if name.startswith("!") else value


def expected_generic(version, data: DataSet, scope: Unit, *, own: bool) -> dict[int, int]:
    out: dict[int, int] = {}
    ps = [p for p in data.petitions if _in(p["unit"], scope, own=own) and p["type"] != "mixed"]
    for n, column in version.columns.items():
        if column.source == forms_registry.PETITIONS:
            hits = [p for p in ps if all(_holds(w, p, PY_PETITION) for w in column.where)]
            if column.measure == forms_registry.MATTERS:
                out[n] = len({p["case"] if p["case"] else -p["pk"] for p in hits})
            else:
                out[n] = len(hits)
        elif column.source == forms_registry.TRANSFERS:
            types = {w.partition(":")[2] for w in column.where}
            out[n] = sum(
                1
                for t in data.transfers
                if _in(t["from_unit"], scope, own=own)
                and t["reply"]
                and START <= t["reply"] <= END
                and (not types or t["type"] in types)
            )
        else:
            out[n] = 0
    for n, column in version.columns.items():
        if column.source == forms_registry.DERIVED:
            out[n] = sum(out[int(x)] for x in column.formula.split("+"))
    return out


EXPECTED = {"01-TCD": expected_tcd, "01-XLD": expected_xld01}


# The forms in force at the end of the period (TT 01/2024); TT 06/2025: test_tt2025.
FORMS_AT_END = [
    c for c in FORM_CODES if any(v.valid_on(END) for v in forms_registry.form_versions(c))
]


@pytest.mark.parametrize("form", FORMS_AT_END)
def test_every_column_equals_an_independent_count(
    form: str, province: Unit, dataset: DataSet
) -> None:
    version = form_version_for(form, END)
    report = selectors.report_compute(version, province, PERIOD)

    assert [r.unit.pk for r in report.rows][-1] == province.pk
    for row in report.rows:
        if form in EXPECTED:
            expected = EXPECTED[form](dataset, row.unit, own=row.own)
        else:
            expected = expected_generic(version, dataset, row.unit, own=row.own)
        assert row.columns == expected, (form, row.name)
    assert report.columns == {n: sum(r.columns[n] for r in report.rows) for n in version.columns}
    assert report.columns[1] > 0 or form == "02-KQGQ"


def test_generic_counter_agrees_with_hand_count(province: Unit, dataset: DataSet) -> None:
    """The predicate re-implementation agrees with the hand-written 01/XLD counts."""
    version = form_version_for("01-XLD", END)
    assert expected_generic(version, dataset, province, own=False) == expected_xld01(
        dataset, province, own=False
    )


def test_tcd_arithmetic_holds_on_the_data_set(province: Unit, dataset: DataSet) -> None:
    report = selectors.report_compute(form_version_for("01-TCD", END), province, PERIOD)
    c = report.columns
    assert c[1] == c[4] + c[13] + c[22]
    assert c[2] == c[5] + c[14] + c[23]
    assert c[3] == c[6] + c[7] + c[15] + c[16] + c[24] + c[25]
    assert report.violations == []


def test_report_query_count_does_not_grow_with_children(
    province: Unit, dataset: DataSet, django_assert_max_num_queries
) -> None:
    version = form_version_for("01-XLD", END)
    # children, subtree, savepoint, SET work_mem (PostgreSQL), petitions, transfers
    with django_assert_max_num_queries(7):
        selectors.report_compute(version, province, PERIOD)


def test_version_before_march_2024_is_tt_02_2021() -> None:
    assert form_version_for("01-XLD", dt.date(2024, 3, 4)).regime == forms_registry.TT2021
    assert form_version_for("01-XLD", dt.date(2024, 3, 5)).regime == forms_registry.TT2024


def test_drilldown_lists_the_records_of_a_column(
    province: Unit, ward: Unit, dataset: DataSet
) -> None:
    version = form_version_for("01-TCD", END)
    report = selectors.report_compute(version, province, PERIOD)
    ward_row = next(r for r in report.rows if r.unit == ward)
    records = selectors.drilldown_records(version, 4, ward, PERIOD)
    assert records.count() == ward_row.columns[4]
    matters = selectors.drilldown_records(version, 6, ward, PERIOD)
    assert len({v.case_id for v in matters}) == ward_row.columns[6]
