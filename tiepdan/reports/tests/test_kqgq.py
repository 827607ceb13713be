"""Acceptance of 01/KQGQ and 02/KQGQ (both regimes): a generated set of cases of known
composition in a province, two child units and a grandchild; every column is counted again
here, in Python, from the form's headings; the form's arithmetic holds; the drill-down of a
column lists exactly its records."""

import datetime as dt
import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import formats

from tiepdan.cases.models import Case
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition
from tiepdan.reports import case_columns, selectors
from tiepdan.reports.forms_registry import (
    CASES,
    DERIVED,
    PETITIONS,
    FormVersion,
    form_version_for,
    form_versions,
)
from tiepdan.reports.periods import Period, statutory_period
from tiepdan.reports.tests.factories import case_create, petition_build
from tiepdan.workcalendar.models import Clock

pytestmark = pytest.mark.django_db

PERIODS = {
    "TT 01/2024": statutory_period(2025, "q1"),  # 15/12/2024 – 14/03/2025
    "TT 02/2021": statutory_period(2023, "m6"),  # 15/12/2022 – 14/06/2023
}
FIRST, SECOND = "complaint_first", "complaint_second"
COMPLAINTS = (FIRST, SECOND)
DEN = "denunciation"
DECISIONS = {
    FIRST: ("right", "wrong", "partly"),
    SECOND: ("uphold", "amend"),
    DEN: ("den_right", "den_wrong", "den_partly"),
    "proposal": ("answered",),
}
RESOLUTION_RULE = {
    FIRST: "complaint.resolve.first",
    SECOND: "complaint.resolve.second",
    "denunciation": "denunciation.resolve",
}
_money = itertools.cycle(
    [Decimal("0"), Decimal("12.5"), Decimal("3.125"), Decimal("100"), Decimal("0.333")]
)
THOUSANDTH = Decimal("0.001")
_land = itertools.cycle([Decimal("0"), Decimal("250.75"), Decimal("40")])


@dataclass
class Cases:
    period: Period
    cases: list[dict] = field(default_factory=list)
    petitions: list[dict] = field(default_factory=list)


def _amounts(rng: random.Random) -> dict[str, Any]:
    """Amounts and head counts of a decided case: each "trong đó" part within its whole."""
    out: dict[str, Any] = {}
    for prefix in ("decision_", ""):
        money, land = next(_money), next(_land)
        out |= {
            f"{prefix}money_to_state": next(_money),
            f"{prefix}land_to_state": next(_land),
            f"{prefix}money_returned": money,
            f"{prefix}money_returned_orgs": (money * rng.choice([0, 1]) / 5).quantize(THOUSANDTH),
            f"{prefix}land_returned": land,
            f"{prefix}land_returned_orgs": land if rng.random() < 0.3 else Decimal(0),
        }
    for whole, part in (
        ("proposed_disciplined", "proposed_disciplined_officials"),
        ("persons_disciplined", "disciplined_officials"),
        ("referred_persons", "referred_officials"),
        ("prosecuted_persons", "prosecuted_officials"),
    ):
        out[whole] = rng.randint(0, 4)
        out[part] = rng.randint(0, out[whole])
    for name in (
        "decision_restored_orgs",
        "decision_restored_persons",
        "referred_cases",
        "prosecuted_cases",
        "restored_orgs",
        "restored_persons",
        "orgs_disciplined",
    ):
        out[name] = rng.choice([0, 0, 1, 2])
    return out


def cases_build(units: list[Unit], period: Period, *, seed: int = 11, size: int = 240) -> Cases:
    """Cases accepted before, in and after the period (or never), decided before, in, after
    it or not yet, with every outcome, legal effect and execution dates, amounts, resolution
    clocks met, missed or absent, and the petitions by which they were accepted."""
    rng = random.Random(seed)
    start, end = period.start, period.end
    span = (end - start).days
    data = Cases(period)
    ct = ContentType.objects.get_for_model(Case)
    petitions = []
    for i in range(size):
        unit = units[i % len(units)]
        kind = rng.choice([FIRST, FIRST, SECOND, SECOND, DEN, DEN, "proposal"])
        accepted = None if i % 10 == 9 else start + dt.timedelta(rng.randint(-90, span + 20))
        # Edge days: accepted or decided on the first or last day of the period.
        if i % 17 == 0 and accepted is not None:
            accepted = start
        decided = outcome = effective = executed = None
        kw: dict[str, Any] = {}
        if accepted is not None and rng.random() < 0.75:
            decided = accepted + dt.timedelta(rng.randint(0, 80))
            if i % 13 == 0 and accepted <= end:
                decided = end
            outcome = rng.choice([*DECISIONS[kind], "withdrawn", "terminated"])
            if outcome not in ("withdrawn", "terminated"):
                kw = _amounts(rng)
                if rng.random() < 0.7:
                    effective = decided + dt.timedelta(rng.randint(0, 40))
                    if rng.random() < 0.6:
                        executed = effective + dt.timedelta(rng.randint(0, 50))
                        if i % 11 == 0 and effective <= start:
                            executed = start
        status = (
            "received"
            if accepted is None
            else "accepted"
            if decided is None
            else "closed"
            if outcome in ("withdrawn", "terminated")
            else "resolved"
        )
        # Tố cáo tiếp: linked to an earlier denunciation.
        earlier = [c["pk"] for c in data.cases if c["kind"] == DEN]
        previous = rng.choice(earlier) if kind == DEN and earlier and i % 2 == 0 else None
        case = case_create(
            unit,
            kind=kind,
            previous_id=previous,
            status=status,
            accepted_on=accepted,
            decided_on=decided,
            outcome=outcome or "",
            effective_on=effective,
            executed_on=executed,
            **kw,
        )
        clock = None
        # Every decided denunciation has its clock (03/KQGQ checks 6 = 30+31); a few
        # complaints have none (cases taken over from paper files).
        if accepted is not None and kind in RESOLUTION_RULE and (kind == DEN or rng.random() < 0.9):
            clock = "running" if decided is None else rng.choice(["met", "missed"])
            Clock.objects.create(
                content_type=ct,
                object_id=case.pk,
                unit=unit,
                rule_code=RESOLUTION_RULE[kind],
                rule_version=1,
                start=accepted,
                due=accepted + dt.timedelta(30),
                status=clock,
                legal_basis="Luật Khiếu nại 2011",
            )
        data.cases.append(
            {
                "pk": case.pk,
                "unit": unit,
                "kind": kind,
                "accepted": accepted,
                "decided": decided,
                "outcome": outcome,
                "effective": effective,
                "executed": executed,
                "clock": clock,
                "follow_up": previous is not None,
                **{k: Decimal(v) for k, v in kw.items()},
            }
        )
        # The accepting petition (thụ lý), sometimes two for one case (đơn ≠ vụ việc).
        if accepted is not None:
            ptype = {"denunciation": "denunciation", "proposal": "proposal"}.get(kind, "complaint")
            petitions.extend(
                petition_build(
                    unit,
                    accepted - dt.timedelta(rng.randint(0, 10)),
                    petition_type=ptype,
                    case=case,
                    eligibility="eligible",
                    outcome="accept",
                    decided_on=accepted,
                )
                for _ in range(2 if i % 7 == 0 else 1)
            )
    # Complaint petitions that were not accepted: never in 01/KQGQ.
    petitions.extend(
        petition_build(
            unit,
            start,
            petition_type="complaint",
            eligibility="eligible",
            outcome="guide",
            decided_on=start,
        )
        for unit in units
    )
    Petition.objects.bulk_create(petitions)
    case_decided = {c["pk"]: c["decided"] for c in data.cases}
    data.petitions = [
        {
            "pk": p.pk,
            "unit": p.unit,
            "type": p.petition_type,
            "outcome": p.outcome,
            "decided": p.decided_on,
            "case_decided": case_decided.get(p.case_id),
        }
        for p in petitions
    ]
    return data


# ------------------------------------------------------------------ counted by hand


def _in(unit: Unit, scope: Unit, *, own: bool) -> bool:
    return unit.pk == scope.pk if own else unit.path.startswith(scope.path)


def _during(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


Hits = dict[int, tuple[list[dict], str]]  # column → (records, what is counted or summed)


def hits_01(data: Cases, scope: Unit, *, own: bool) -> Hits:
    """01/KQGQ from its headings: đơn khiếu nại thuộc thẩm quyền kỳ trước / trong kỳ; vụ
    việc; giải quyết bằng quyết định / rút đơn; what the decisions order; phân tích; thời
    hạn."""
    p = data.period
    ps = [x for x in data.petitions if _in(x["unit"], scope, own=own)]
    accepted = [x for x in ps if x["type"] == "complaint" and x["outcome"] == "accept"]
    cs = [c for c in data.cases if _in(c["unit"], scope, own=own) and c["kind"] in COMPLAINTS]
    resolved = [c for c in cs if _during(c["decided"], p)]
    by_decision = [c for c in resolved if c["outcome"] in DECISIONS[c["kind"]]]
    withdrawn = [c for c in resolved if c["outcome"] == "withdrawn"]
    out: Hits = {
        2: (
            [
                x
                for x in accepted
                if x["decided"] < p.start
                and (x["case_decided"] is None or x["case_decided"] >= p.start)
            ],
            "",
        ),
        3: ([x for x in accepted if _during(x["decided"], p)], ""),
        4: (
            [
                c
                for c in cs
                if c["accepted"] is not None
                and c["accepted"] <= p.end
                and (c["decided"] is None or c["decided"] >= p.start)
            ],
            "",
        ),
        5: (by_decision, ""),
        6: (withdrawn, ""),
    }
    for n, name in enumerate(
        [
            "decision_money_to_state",
            "decision_land_to_state",
            "decision_money_returned_orgs",
            "decision_land_returned_orgs",
            "decision_money_returned-decision_money_returned_orgs",
            "decision_land_returned-decision_land_returned_orgs",
            "decision_restored_orgs",
            "decision_restored_persons",
            "proposed_disciplined",
            "proposed_disciplined_officials",
            "referred_cases",
            "referred_persons",
            "referred_officials",
        ],
        start=7,
    ):
        out[n] = (by_decision, name)
    for n, (kind, outcome) in enumerate(
        [
            (FIRST, "right"),
            (FIRST, "wrong"),
            (FIRST, "partly"),
            (SECOND, "uphold"),
            (SECOND, "amend"),
        ],
        start=20,
    ):
        out[n] = ([c for c in by_decision if (c["kind"], c["outcome"]) == (kind, outcome)], "")
    done = by_decision + withdrawn
    out[25] = ([c for c in done if c["clock"] == "met"], "")
    out[26] = ([c for c in done if c["clock"] == "missed"], "")
    return out


def hits_02(data: Cases, scope: Unit, *, own: bool) -> Hits:
    """02/KQGQ from its headings: quyết định phải thực hiện trong kỳ (có hiệu lực, chưa thi
    hành xong khi kỳ bắt đầu), đã thực hiện xong; phải thu / đã thu; phải trả / đã trả; đã xử
    lý hành chính; đã khởi tố."""
    p = data.period
    due = [
        c
        for c in data.cases
        if _in(c["unit"], scope, own=own)
        and c["kind"] in COMPLAINTS
        and c["outcome"] in DECISIONS[c["kind"]]
        and c["effective"] is not None
        and c["effective"] <= p.end
        and (c["executed"] is None or c["executed"] >= p.start)
    ]
    out: Hits = {
        1: (due, ""),
        2: ([c for c in due if c["executed"] is not None and c["executed"] <= p.end], ""),
    }
    for n, name in enumerate(
        [
            "decision_money_to_state",
            "decision_land_to_state",
            "money_to_state",
            "land_to_state",
            "decision_money_returned_orgs",
            "decision_land_returned_orgs",
            "decision_money_returned-decision_money_returned_orgs",
            "decision_land_returned-decision_land_returned_orgs",
            "money_returned_orgs",
            "land_returned_orgs",
            "money_returned-money_returned_orgs",
            "land_returned-land_returned_orgs",
            "persons_disciplined",
            "disciplined_officials",
            "prosecuted_cases",
            "prosecuted_persons",
            "prosecuted_officials",
        ],
        start=3,
    ):
        out[n] = (due, name)
    return out


def hits_03(data: Cases, scope: Unit, *, own: bool) -> Hits:
    """03/KQGQ from its headings: đơn tố cáo thuộc thẩm quyền; vụ việc (trong đó tố cáo tiếp);
    đã giải quyết (lần đầu, tố cáo tiếp, rút toàn bộ, đình chỉ không do rút); what the
    conclusions order; phân tích (đúng, sai, có đúng có sai, each of them tố cáo tiếp);
    chấp hành thời hạn."""
    p = data.period
    ps = [x for x in data.petitions if _in(x["unit"], scope, own=own)]
    accepted = [x for x in ps if x["type"] == DEN and x["outcome"] == "accept"]
    cs = [c for c in data.cases if _in(c["unit"], scope, own=own) and c["kind"] == DEN]
    resolved = [c for c in cs if _during(c["decided"], p)]
    concluded = [c for c in resolved if c["outcome"] in DECISIONS[DEN]]
    being = [
        c
        for c in cs
        if c["accepted"] is not None
        and c["accepted"] <= p.end
        and (c["decided"] is None or c["decided"] >= p.start)
    ]
    closed = [c for c in resolved if c["outcome"] != "answered"]
    out: Hits = {
        2: (
            [
                x
                for x in accepted
                if x["decided"] < p.start
                and (x["case_decided"] is None or x["case_decided"] >= p.start)
            ],
            "",
        ),
        3: ([x for x in accepted if _during(x["decided"], p)], ""),
        4: (being, ""),
        5: ([c for c in being if c["follow_up"]], ""),
        6: (closed, ""),
        7: ([c for c in concluded if not c["follow_up"]], ""),
        8: ([c for c in concluded if c["follow_up"]], ""),
        9: ([c for c in resolved if c["outcome"] == "withdrawn"], ""),
        10: ([c for c in resolved if c["outcome"] == "terminated"], ""),
    }
    for n, name in enumerate(ORDERED_03, start=11):
        out[n] = (concluded, name)
    for n, outcome in ((24, "den_right"), (26, "den_wrong"), (28, "den_partly")):
        out[n] = ([c for c in concluded if c["outcome"] == outcome], "")
        out[n + 1] = ([c for c in out[n][0] if c["follow_up"]], "")
    out[30] = ([c for c in closed if c["clock"] == "met"], "")
    out[31] = ([c for c in closed if c["clock"] == "missed"], "")
    return out


ORDERED_03 = [
    "decision_money_to_state",
    "decision_land_to_state",
    "decision_money_returned_orgs",
    "decision_land_returned_orgs",
    "decision_money_returned-decision_money_returned_orgs",
    "decision_land_returned-decision_land_returned_orgs",
    "decision_restored_orgs",
    "decision_restored_persons",
    "proposed_disciplined",
    "proposed_disciplined_officials",
    "referred_cases",
    "referred_persons",
    "referred_officials",
]


def hits_04(data: Cases, scope: Unit, *, own: bool) -> Hits:
    """04/KQGQ from its headings: kết luận phải thực hiện (ban hành đến cuối kỳ, chưa thực hiện
    xong khi kỳ bắt đầu), đã xong; phải thu / đã thu; phải trả / đã trả (số tổ chức, cá
    nhân, tiền, đất); đã xử lý hành chính (tổ chức, cá nhân, CBCCVC); đã khởi tố."""
    p = data.period
    due = [
        c
        for c in data.cases
        if _in(c["unit"], scope, own=own)
        and c["kind"] == DEN
        and c["outcome"] in DECISIONS[DEN]
        and c["decided"] <= p.end
        and (c["executed"] is None or c["executed"] >= p.start)
    ]
    out: Hits = {
        1: (due, ""),
        2: ([c for c in due if c["executed"] is not None and c["executed"] <= p.end], ""),
    }
    for n, name in enumerate(
        [
            "decision_money_to_state",
            "decision_land_to_state",
            "money_to_state",
            "land_to_state",
            "decision_restored_orgs",
            "decision_restored_persons",
            "decision_money_returned_orgs",
            "decision_land_returned_orgs",
            "decision_money_returned-decision_money_returned_orgs",
            "decision_land_returned-decision_land_returned_orgs",
            "restored_orgs",
            "restored_persons",
            "money_returned_orgs",
            "land_returned_orgs",
            "money_returned-money_returned_orgs",
            "land_returned-land_returned_orgs",
            "orgs_disciplined",
            "persons_disciplined",
            "disciplined_officials",
            "prosecuted_cases",
            "prosecuted_persons",
            "prosecuted_officials",
        ],
        start=3,
    ):
        out[n] = (due, name)
    return out


def _weight(record: dict, name: str) -> Decimal:
    whole, _, part = name.partition("-")
    return record[whole] - (record[part] if part else 0)


def _value(records: list[dict], name: str) -> Decimal:
    return sum((_weight(r, name) for r in records), Decimal(0)) if name else Decimal(len(records))


def _members(records: list[dict], name: str) -> set[int]:
    return {r["pk"] for r in records if not name or _weight(r, name) != 0}


HITS: dict[str, Callable[..., Hits]] = {
    "01-KQGQ": hits_01,
    "02-KQGQ": hits_02,
    "03-KQGQ": hits_03,
    "04-KQGQ": hits_04,
}
FORMS = list(HITS)


def _version(form: str, period: Period) -> FormVersion:
    """The version in force at the end of the period; 03/04-KQGQ exist before 5/3/2024 only."""
    version = next((v for v in form_versions(form) if v.valid_on(period.end)), None)
    if version is None:
        pytest.skip(f"{form} has no version under the regime of {period.end}")
    return version


def _number(value: Any) -> Decimal:
    assert isinstance(value, int | float), value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


# ------------------------------------------------------------------ the tests


@pytest.fixture(params=list(PERIODS))
def period(request) -> Period:
    return PERIODS[request.param]


@pytest.fixture
def cases(province: Unit, ward: Unit, police: Unit, department: Unit, period: Period) -> Cases:
    return cases_build([province, ward, police, department], period)


@pytest.mark.parametrize("form", FORMS)
def test_every_column_equals_an_independent_count(
    form: str, province: Unit, cases: Cases, period: Period
) -> None:
    version = _version(form, period)
    assert version.regime.removeprefix("TT ").startswith(
        "01/2024" if period.end.year >= 2024 else "02/2021"
    )
    assert version.pending_numbers == frozenset()
    report = selectors.report_compute(version, province, period)
    for row in report.rows:
        hits = HITS[form](cases, row.unit, own=row.own)
        expected = {n: _value(records, name) for n, (records, name) in hits.items()}
        if form in ("01-KQGQ", "03-KQGQ"):
            expected[1] = expected[2] + expected[3]
        got = {n: _number(v) for n, v in row.columns.items()}
        assert got == expected, (form, row.name)
    # Every column is exercised by the data set, and totals are the sums of the rows.
    assert [n for n in version.columns if not report.columns[n]] == []
    for n in version.columns:
        assert _number(report.columns[n]) == sum(_number(r.columns[n]) for r in report.rows)


def test_arithmetic_of_01_kqgq_holds(province: Unit, cases: Cases, period: Period) -> None:
    version = form_version_for("01-KQGQ", period.end)
    report = selectors.report_compute(version, province, period)
    assert report.violations == []
    for columns in [report.columns, *(r.columns for r in report.rows)]:
        assert columns[1] == columns[2] + columns[3]
        assert columns[5] == sum(columns[n] for n in range(20, 25))
        # Deadline compliance is known for each resolved case with a stopped clock.
        assert columns[25] + columns[26] <= columns[5] + columns[6]
        # "Trong đó" never exceeds its whole.
        assert columns[16] <= columns[15]
        assert columns[19] <= columns[18]


def test_arithmetic_of_03_kqgq_holds(province: Unit, cases: Cases, period: Period) -> None:
    """6 = 7+..+10 = 30+31 and 8 = 25+27+29 hold; "6 = 24+26+28" leaves out withdrawals and
    terminations, which have no conclusion, and is not checked."""
    version = _version("03-KQGQ", period)
    report = selectors.report_compute(version, province, period)
    assert report.violations == []
    assert {str(r) for r in version.rules} == {
        "(1) = (2) + (3)",
        "(6) = (7) + (8) + (9) + (10)",
        "(6) = (30) + (31)",
        "(8) = (25) + (27) + (29)",
    }
    for c in [report.columns, *(r.columns for r in report.rows)]:
        assert c[24] + c[26] + c[28] == c[7] + c[8] == c[6] - c[9] - c[10]
        assert c[5] <= c[4]


def test_amounts_keep_their_decimals(province: Unit, cases: Cases, period: Period) -> None:
    report = selectors.report_compute(form_version_for("02-KQGQ", period.end), province, period)
    expected = _value(hits_02(cases, province, own=False)[3][0], "decision_money_to_state")
    assert expected != expected.to_integral_value()  # 3.125 and 12.5 are in the data set
    assert _number(report.columns[3]) == expected
    assert isinstance(report.columns[3], case_columns.Amount)
    assert str(report.columns[3]) == str(expected.normalize())


@pytest.mark.parametrize("form", FORMS)
def test_drilldown_lists_exactly_the_records_of_each_column(
    form: str, province: Unit, ward: Unit, cases: Cases, period: Period
) -> None:
    version = _version(form, period)
    for scope, own in ((ward, False), (ward, True), (province, False)):
        hits = HITS[form](cases, scope, own=own)
        for n, column in version.columns.items():
            if column.source == DERIVED:
                continue
            records, name = hits[n]
            listed = list(selectors.drilldown_records(version, n, scope, period, own=own))
            assert {r.pk for r in listed} == _members(records, name), (form, n, scope.name, own)
            assert len(listed) == len({r.pk for r in listed})
            if column.source == CASES and name:
                total = sum((Decimal(str(r.measure_value)) for r in listed), Decimal(0))
                assert total == _value(records, name), (form, n)
            if column.source == PETITIONS:
                assert all(isinstance(r, Petition) for r in listed)


def test_pages_show_amounts_and_link_cases(
    client, unit_admin, province: Unit, cases: Cases, period: Period
) -> None:
    client.force_login(unit_admin)
    query = f"unit={province.code}&from={period.start}&to={period.end}"
    version = form_version_for("02-KQGQ", period.end)
    total = selectors.report_compute(version, province, period).columns[3]
    report = client.get(f"/reports/02-KQGQ/?{query}")
    assert report.status_code == 200
    assert f">{formats.localize(total)}</a>" in report.content.decode()  # 288,832 in vi
    page = client.get(f"/reports/01-KQGQ/7/?{query}")
    assert page.status_code == 200
    body = page.content.decode()
    some = next(
        c for c in hits_01(cases, province, own=False)[7][0] if c["decision_money_to_state"]
    )
    assert f'href="/cases/{some["pk"]}/"' in body
    assert "triệu đồng" in body


def test_denunciation_drilldown_never_shows_its_content(
    client, unit_admin, province: Unit, cases: Cases, period: Period
) -> None:
    """The drill-down of 03/KQGQ (web pages only) lists the cases without their content, and
    so without anyone's name."""
    _version("03-KQGQ", period)  # skips the test under TT 01/2024
    Case.objects.filter(kind=DEN).update(summary="Nguyễn Văn Tố tố cáo cán bộ địa chính")
    client.force_login(unit_admin)
    query = f"unit={province.code}&from={period.start}&to={period.end}"
    body = client.get(f"/reports/03-KQGQ/6/?{query}").content.decode()
    assert "nội dung tố cáo được bảo mật" in body
    assert "Nguyễn Văn Tố" not in body
    listed = re.findall(r'href="/cases/(\d+)/"', body)
    assert {int(pk) for pk in listed} == {
        c["pk"] for c in hits_03(cases, province, own=False)[6][0]
    }
