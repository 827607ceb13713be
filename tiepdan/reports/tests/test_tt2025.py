"""The TT 06/2025 tables on a data set spanning 30/09/2025: the regime by the period's end, every
column against a count written from the column meanings of the circular (README of
shared/reference/forms/tt06-2025), the printed arithmetic and the cross-table checks."""

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from tiepdan.cases.models import Case
from tiepdan.documents.tests.rule_lines import page_rules
from tiepdan.organizations.models import Unit, User
from tiepdan.reports import arithmetic, forms_registry, outputs, selectors, submitted
from tiepdan.reports.forms_registry import TT2024, TT2025, FormNotInForce, form_version_for
from tiepdan.reports.forms_tt2025 import MANAGEMENT_FIELDS
from tiepdan.reports.periods import Period, statutory_period
from tiepdan.reports.tests.factories_tt2025 import Data2025, data2025_build

pytestmark = pytest.mark.django_db

YEAR_2025 = statutory_period(2025, "year")  # 15/12/2024 – 14/12/2025
Q1_2026 = statutory_period(2026, "q1")  # 15/12/2025 – 14/03/2026
Q3_2025 = statutory_period(2025, "q3")  # 15/06/2025 – 14/09/2025: TT 01/2024
NEW_FORMS = {
    "01-TCD": 21,
    "02-XLD": 25,
    "03-GQKN": 23,
    "04-GQTC": 25,
    "05-KQTH": 31,
    "06-QLKNTC": 17,
}
Scope = Callable[[Unit], bool]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"


@pytest.fixture
def data(province: Unit, ward: Unit, police: Unit, department: Unit, unit_admin: User) -> Data2025:
    units = [province, ward, police, department]
    return data2025_build(units, [YEAR_2025, Q1_2026, Q3_2025], unit_admin)


# ------------------------------------------------------------------ the regime


def test_the_period_end_chooses_the_regime() -> None:
    for period in (YEAR_2025, Q1_2026):
        for code, width in NEW_FORMS.items():
            version = form_version_for(code, period.end)
            assert version.regime == TT2025
            assert sorted(version.columns) == list(range(1, width + 1))
            assert version.layout.columns == width
            assert version.layout.footnote == f"{width + 1}. Ghi chú:"
    assert form_version_for("01-TCD", Q3_2025.end).regime == TT2024
    assert form_version_for("02-XLD", Q3_2025.end).key == "TT2024_XLD02"
    assert form_version_for("01-TCD", dt.date(2025, 9, 30)).regime == TT2025
    assert form_version_for("01-TCD", dt.date(2025, 9, 29)).regime == TT2024


@pytest.mark.parametrize(
    ("code", "on", "use"),
    [
        ("01-XLD", YEAR_2025.end, ("02-XLD",)),
        ("03-XLD", YEAR_2025.end, ("02-XLD",)),
        ("01-KQGQ", Q1_2026.end, ("03-GQKN",)),
        ("02-KQGQ", Q1_2026.end, ("05-KQTH",)),
        ("03-GQKN", Q3_2025.end, ("01-KQGQ",)),
        ("05-KQTH", Q3_2025.end, ("02-KQGQ",)),
        ("06-QLKNTC", Q3_2025.end, ()),
    ],
)
def test_a_form_outside_its_regime_names_the_form_to_use(
    code: str, on: dt.date, use: tuple[str, ...]
) -> None:
    with pytest.raises(FormNotInForce) as exc:
        form_version_for(code, on)
    assert exc.value.use == use
    for form in use:
        assert f"dùng biểu {form}" in exc.value.message


def test_the_printed_arithmetic_is_the_contracts() -> None:
    rules = {
        code: {str(r) for r in form_version_for(code, YEAR_2025.end).rules}
        for code in ("01-TCD", "02-XLD")
    }
    assert rules["01-TCD"] == {
        "(1) = (5) + (11) + (17)",
        "(2) = (6) + (12) + (18)",
        "(3) = (7) + (13) + (19)",
        "(4) = (8) + (14) + (20)",
    }
    assert rules["02-XLD"] == {
        "(3) = (4) + (23)",
        "(4) = (6) + (12) + (19)",
        "(6) = (7) + (8)",
        "(6) = (9) + (10) + (11)",
        "(12) = (13) + (14)",
        "(12) = (15) + (16) + (17) + (18)",
        "(19) = (20) + (21) + (22)",
        "(23) = (24) + (25)",
    }


# ------------------------------------------------------------------ independent counts


def _in(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def _matters(rows: list[dict], key: str = "case") -> int:
    return len({(r["unit"].pk, r[key]) for r in rows if r[key] is not None})


def expected_tcd01(data: Data2025, period: Period, scope: Scope) -> dict[int, float]:
    """Lượt = visits, người = their people, vụ việc = distinct matters of a unit, đoàn = visits of
    5 or more; a visit the Head receives counts under the Head; days = the distinct days of a
    unit's periodic or ad-hoc sessions of the Head (delegate) on the schedule, planned or held,
    whether anyone came or not."""
    vs = [v for v in data.visits if scope(v["unit"]) and _in(v["day"], period)]
    leader = ("periodic", "adhoc")
    groups = {
        5: [v for v in vs if v["mode"] == "regular" and v["chair"] != "head"],
        11: [v for v in vs if v["chair"] == "head"],
        17: [v for v in vs if v["mode"] in leader and v["chair"] == "delegate"],
    }
    c: dict[int, float] = {
        1: len(vs),
        2: sum(v["people"] for v in vs),
        4: sum(1 for v in vs if v["people"] >= 5),
    }
    for first, rows in groups.items():
        mass = [v for v in rows if v["people"] >= 5]
        c[first], c[first + 1], c[first + 2] = len(rows), sum(v["people"] for v in rows), 0
        c[first + 2] = _matters(rows)
        c[first + 3], c[first + 4] = len(mass), sum(v["people"] for v in mass)
    for days, chair in ((10, "head"), (16, "delegate")):  # số ngày tiếp, announced
        announced = [
            s
            for s in data.sessions
            if scope(s["unit"])
            and _in(s["day"], period)
            and s["mode"] in leader
            and s["chair"] == chair
            and s["status"] in ("planned", "held")
        ]
        c[days] = len({(s["unit"].pk, s["day"]) for s in announced})
    c[3] = c[7] + c[13] + c[19]
    return c


def _petitions(data: Data2025, period: Period, scope: Scope) -> tuple[list[dict], list[dict]]:
    """(to be processed in the period, of which processed, eligible and within competence)."""
    opened = [
        p
        for p in data.petitions
        if scope(p["unit"])
        and (
            _in(p["received"], period)
            or (
                p["received"] < period.start
                and (p["decided"] is None or p["decided"] >= period.start)
            )
        )
    ]
    within = [
        p
        for p in opened
        if p["decided"] is not None
        and p["decided"] <= period.end
        and p["eligible"]
        and (p["outcome"] == "accept" or (p["outcome"] == "reject" and p["within"] is True))
    ]
    return opened, within


def _petition_matters(rows: list[dict]) -> int:
    return len({(p["unit"].pk, p["case"] or -p["pk"]) for p in rows})


def expected_xld02(data: Data2025, period: Period, scope: Scope) -> dict[int, float]:
    opened, within = _petitions(data, period, scope)
    processed = [p for p in opened if p["decided"] is not None and p["decided"] <= period.end]
    eligible = [p for p in processed if p["eligible"]]
    land, policy = "admin.land_housing", "admin.policy"
    kn = [p for p in within if p["type"] == "complaint"]
    tc = [p for p in within if p["type"] == "denunciation"]
    pa = [p for p in within if p["type"] == "proposal"]
    second = [
        p
        for p in kn
        if p["prior"] == "first" or (p["case_row"] and p["case_row"]["kind"] == "complaint_second")
    ]
    again = [p for p in tc if p["prior"] in ("denunciation_overdue", "denunciation_concluded")]
    outside = [p for p in eligible if p["outcome"] in ("guide", "transfer", "urge")]
    n = len
    return {
        1: n(opened),
        2: n(processed),
        3: n(eligible),
        4: n(within),
        5: _petition_matters(within),
        6: n(kn),
        7: n(kn) - n(second),
        8: n(second),
        9: n([p for p in kn if p["domain"] == land]),
        10: n([p for p in kn if p["domain"] == policy]),
        11: n([p for p in kn if p["domain"] not in (land, policy)]),
        12: n(tc),
        13: n(tc) - n(again),
        14: n(again),
        15: n([p for p in tc if p["domain"].startswith("admin.")]),
        16: n([p for p in tc if p["domain"] == "corruption"]),
        17: n([p for p in tc if p["domain"] == "judicial"]),
        18: n([p for p in tc if p["domain"] in ("party_mass_org", "other")]),
        19: n(pa),
        20: n([p for p in pa if p["domain"] == policy]),
        21: n([p for p in pa if p["domain"] == land]),
        22: n([p for p in pa if p["domain"] not in (land, policy)]),
        23: n(outside),
        24: n([p for p in outside if p["outcome"] == "guide"]),
        25: n([p for p in outside if p["outcome"] in ("transfer", "urge")]),
    }


def _status(p: dict, period: Period) -> int:
    """03/GQKN, 04/GQTC column of the petition's matter: 6 withdrawn or terminated, 5 refused,
    4 accepted, 3 still being considered."""
    case = p["case_row"]
    if case and case["outcome"] in ("withdrawn", "terminated") and case["decided_on"] <= period.end:
        return 6
    if p["outcome"] == "reject":
        return 5
    if case and case["accepted_on"] is not None and case["accepted_on"] <= period.end:
        return 4
    return 3


def _cases(data: Data2025, period: Period, scope: Scope) -> list[dict]:
    return [
        c
        for c in data.cases
        if scope(c["unit"]) and c["accepted_on"] is not None and c["accepted_on"] <= period.end
    ]


def _sums(rows: list[dict], first: int, names: tuple[str, ...]) -> dict[int, float]:
    return {
        first + i: float(sum((r[name] for r in rows), Decimal(0))) for i, name in enumerate(names)
    }


ORDERS = (
    "decision_money_to_state",
    "decision_land_to_state",
    "decision_money_returned",
    "decision_land_returned",
    "decision_restored_orgs",
    "decision_restored_persons",
)
REFERRED = ("referred_cases", "referred_persons", "referred_officials")


def _resolution_head(data: Data2025, period: Period, scope: Scope, kind: str) -> dict[int, float]:
    _, within = _petitions(data, period, scope)
    rows = [p for p in within if p["type"] == kind]
    c: dict[int, float] = {1: len(rows), 2: _petition_matters(rows)}
    for column in (3, 4, 5, 6):
        c[column] = _petition_matters([p for p in rows if _status(p, period) == column])
    return c


def expected_gqkn03(data: Data2025, period: Period, scope: Scope) -> dict[int, float]:
    c = _resolution_head(data, period, scope, "complaint")
    decided = [
        r
        for r in _cases(data, period, scope)
        if r["kind"].startswith("complaint")
        and _in(r["decided_on"], period)
        and r["outcome"] in ("right", "wrong", "partly", "uphold", "amend")
    ]
    c[7] = len(decided)
    for column, outcome in zip(
        range(8, 13), ("right", "wrong", "partly", "uphold", "amend"), strict=True
    ):
        c[column] = sum(1 for r in decided if r["outcome"] == outcome)
    c |= _sums(decided, 13, ORDERS)
    c |= _sums(decided, 19, ("proposed_disciplined", "proposed_disciplined_officials"))
    c |= _sums(decided, 21, REFERRED)
    return c


def expected_gqtc04(data: Data2025, period: Period, scope: Scope) -> dict[int, float]:
    c = _resolution_head(data, period, scope, "denunciation")
    outcomes = ("den_right", "den_wrong", "den_partly")
    concluded = [
        r
        for r in _cases(data, period, scope)
        if r["kind"] == "denunciation" and _in(r["decided_on"], period) and r["outcome"] in outcomes
    ]
    c[7] = len(concluded)
    for i, outcome in enumerate(outcomes):
        c[8 + i] = sum(1 for r in concluded if r["outcome"] == outcome and r["previous"] is None)
        c[11 + i] = sum(
            1 for r in concluded if r["outcome"] == outcome and r["previous"] is not None
        )
    c |= _sums(concluded, 14, ORDERS)
    c |= _sums(
        concluded,
        20,
        ("proposed_disciplined_orgs", "proposed_disciplined", "proposed_disciplined_officials"),
    )
    c |= _sums(concluded, 23, REFERRED)
    return c


EXECUTION = (
    "decision_money_to_state",
    "decision_land_to_state",
    "money_to_state",
    "land_to_state",
    "decision_money_returned",
    "decision_land_returned",
    "money_returned",
    "land_returned",
)
PROSECUTED = ("prosecuted_cases", "prosecuted_persons", "prosecuted_officials")


def expected_kqth05(data: Data2025, period: Period, scope: Scope) -> dict[int, float]:
    """Decisions (conclusions) issued by the end of the period, not executed before it."""

    def to_execute(kinds: tuple[str, ...], outcomes: tuple[str, ...]) -> list[dict]:
        return [
            r
            for r in _cases(data, period, scope)
            if r["kind"] in kinds
            and r["outcome"] in outcomes
            and r["decided_on"] <= period.end
            and (r["executed_on"] is None or r["executed_on"] >= period.start)
        ]

    kn = to_execute(
        ("complaint_first", "complaint_second"), ("right", "wrong", "partly", "uphold", "amend")
    )
    tc = to_execute(("denunciation",), ("den_right", "den_wrong", "den_partly"))
    c: dict[int, float] = {}
    for first, rows in ((1, kn), (16, tc)):
        c[first] = len(rows)
        c[first + 1] = sum(1 for r in rows if r["executed_on"] and r["executed_on"] <= period.end)
        c |= _sums(rows, first + 2, EXECUTION)
    c |= _sums(kn, 11, ("persons_disciplined", "disciplined_officials", *PROSECUTED))
    c |= _sums(
        tc, 26, ("orgs_disciplined", "persons_disciplined", "disciplined_officials", *PROSECUTED)
    )
    return c


def expected_qlkntc06(data: Data2025, period: Period, scope: Scope) -> dict[int, float]:
    rows = [
        f
        for f in data.figures
        if scope(f["unit"]) and (f["start"], f["end"]) == (period.start, period.end)
    ]
    return {n: sum(f[name] for f in rows) for n, name in enumerate(MANAGEMENT_FIELDS, start=1)}


EXPECTED = {
    "01-TCD": expected_tcd01,
    "02-XLD": expected_xld02,
    "03-GQKN": expected_gqkn03,
    "04-GQTC": expected_gqtc04,
    "05-KQTH": expected_kqth05,
    "06-QLKNTC": expected_qlkntc06,
}


def _scope(row: selectors.Row) -> Scope:
    if row.own:
        return lambda u: u.pk == row.unit.pk
    return lambda u: u.path.startswith(row.unit.path)


@pytest.mark.parametrize("period", [YEAR_2025, Q1_2026], ids=["year-2025", "q1-2026"])
@pytest.mark.parametrize("form", list(NEW_FORMS))
def test_every_column_equals_an_independent_count(
    form: str, period: Period, province: Unit, data: Data2025
) -> None:
    version = form_version_for(form, period.end)
    report = selectors.report_compute(version, province, period)
    expected = EXPECTED[form](data, period, lambda u: u.path.startswith(province.path))
    assert {n: float(v) for n, v in report.columns.items()} == pytest.approx(expected)
    assert sum(1 for v in expected.values() if v) >= len(expected) // 3  # a data set, not zeros
    for row in report.rows:
        row_expected = EXPECTED[form](data, period, _scope(row))
        assert {n: float(v) for n, v in row.columns.items()} == pytest.approx(row_expected), row
    assert [str(v) for v in report.violations] == []


def _announced(data: Data2025, chair: str, statuses: tuple[str, ...]) -> list[dict]:
    return [
        s
        for s in data.sessions
        if _in(s["day"], YEAR_2025)
        and s["mode"] in ("periodic", "adhoc")
        and s["chair"] == chair
        and s["status"] in statuses
    ]


def test_days_of_reception_are_the_announced_days_and_drill_down_to_sessions(
    province: Unit, unit_admin: User, data: Data2025, settings
) -> None:
    announced = _announced(data, "head", ("planned", "held"))
    # The data set has announced days no one came to, and cancelled days that do not count.
    assert any(s["status"] == "planned" for s in announced)
    assert _announced(data, "head", ("cancelled",))
    client = Client()
    client.force_login(unit_admin)
    query = f"unit={province.code}&from={YEAR_2025.start}&to={YEAR_2025.end}"
    drill = client.get(f"/reports/01-TCD/10/?{query}&row={province.code}")
    assert drill.status_code == 200
    body = drill.content.decode()
    assert f"{len(announced)} bản ghi" in body
    assert "cột đếm theo ngày" in body
    assert "Hoãn, hủy" not in body
    assert "Đã lên lịch" in body

    version = form_version_for("01-TCD", YEAR_2025.end)
    settings.TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES = ["held"]
    held = _announced(data, "delegate", ("held",))
    report = selectors.report_compute(version, province, YEAR_2025)
    assert report.columns[16] == len({(s["unit"].pk, s["day"]) for s in held})
    settings.TIEPDAN_REPORT_ANNOUNCED_SESSION_STATUSES = ["postponed"]
    with pytest.raises(ValueError, match="postponed"):
        selectors.report_compute(version, province, YEAR_2025)


def test_q3_2025_stays_on_tt_01_2024(province: Unit, data: Data2025) -> None:
    report = selectors.report_compute(form_version_for("01-TCD", Q3_2025.end), province, Q3_2025)
    assert report.version.key == "TT2024_TCD01"
    assert len(report.columns) == 29


def test_report_queries_do_not_grow_with_units(
    province: Unit, data: Data2025, django_assert_max_num_queries
) -> None:
    version = form_version_for("05-KQTH", YEAR_2025.end)
    # Units, subtree, work_mem (PostgreSQL), one per source, two cross-table columns.
    with django_assert_max_num_queries(10):
        selectors.report_compute(version, province, YEAR_2025)


# ------------------------------------------------------------------ checks shown when they fail


def test_a_failed_note_is_reported(province: Unit, data: Data2025) -> None:
    decided = next(
        c
        for c in data.cases
        if c["kind"] == "complaint_first"
        and _in(c["decided_on"], YEAR_2025)
        and c["outcome"] in ("right", "wrong", "partly")
    )
    Case.objects.filter(pk=decided["pk"]).update(
        proposed_disciplined=0, proposed_disciplined_officials=3
    )
    report = selectors.report_compute(
        form_version_for("03-GQKN", YEAR_2025.end), province, YEAR_2025
    )
    assert any(
        str(v).endswith("(20) ≤ (19) không thỏa " + f"({v.left_value} và {v.right_value})")
        for v in report.violations
        if isinstance(v, arithmetic.Comparison)
    )


def test_the_cross_table_checks_compare_with_the_other_table(
    province: Unit, data: Data2025
) -> None:
    version = form_version_for("05-KQTH", YEAR_2025.end)
    report = selectors.report_compute(version, province, YEAR_2025)
    assert not report.violations
    decided = expected_gqkn03(data, YEAR_2025, lambda u: u.path.startswith(province.path))[7]
    assert decided > 0
    wrong = {**report.columns, 1: decided - 1}
    [failed] = selectors.cross_checks(version, province, YEAR_2025, wrong)
    assert str(failed) == f"05/KQTH (1) ≥ 03/GQKN (7) không thỏa ({decided - 1} và {decided})"
    assert [c[3] for c in version.cross_checks] == ["03-GQKN", "04-GQTC"]
    # 03/GQKN (1) is defined as 02/XLD (6): the check reads the column already computed.
    gqkn = form_version_for("03-GQKN", YEAR_2025.end)
    assert (
        selectors.column_total(
            forms_registry.regime_version("02-XLD", TT2025), 6, province, YEAR_2025, (gqkn, {1: 42})
        )
        == 42
    )


# ------------------------------------------------------------------ API


Q = f"from={YEAR_2025.start}&to={YEAR_2025.end}"


def test_api_serves_the_new_tables(
    client_for, unit_admin: User, province: Unit, data: Data2025
) -> None:
    for form, width in NEW_FORMS.items():
        response = client_for(unit_admin).get(f"/api/v1/reports/{form}/?unit=38&{Q}")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["legal_basis"] == "Thông tư 06/2025/TT-TTCP"
        assert sorted(body["columns"], key=int) == [str(n) for n in range(1, width + 1)]
        assert body["arithmetic"] == []
    c = client_for(unit_admin).get(f"/api/v1/reports/01-TCD/?unit=38&{Q}").json()["columns"]
    assert c["1"] == c["5"] + c["11"] + c["17"]
    assert c["4"] == c["8"] + c["14"] + c["20"]
    response = client_for(unit_admin).get(f"/api/v1/reports/02-XLD/?unit=38&{Q}&format=xlsx")
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    texts = {cell.value for row in ws.iter_rows() for cell in row if cell.value}
    assert "Số đơn không thuộc thẩm quyền" in texts
    # One row per reporting unit, the province's own first; no "Tổng cộng" row (README §2).
    names = [row[0].value for row in ws.iter_rows() if row[0].value]
    assert "Tổng cộng" not in names
    first = names.index("MS") + 1
    assert names[first] == "Tỉnh Thanh Hóa"
    assert "Phường Bắc Sơn" in names[first + 1 :]
    assert names[-1] != "Tỉnh Thanh Hóa"
    assert "26. Ghi chú:" in names


def test_older_forms_keep_their_total_row_and_one_unit_has_one_row(
    client_for, unit_admin: User, data: Data2025
) -> None:
    old = f"from={Q3_2025.start}&to={Q3_2025.end}"
    response = client_for(unit_admin).get(f"/api/v1/reports/01-TCD/?unit=38&{old}&format=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "Tổng cộng" in [row[0].value for row in ws.iter_rows()]
    response = client_for(unit_admin).get(f"/api/v1/reports/01-TCD/?unit=38-STNMT&{Q}&format=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0].value for row in ws.iter_rows() if row[0].value]
    assert names.count("Sở Nông nghiệp và Môi trường") == 1


@pytest.mark.parametrize(
    ("form", "query", "named"),
    [
        ("01-XLD", Q, "02-XLD"),
        ("02-KQGQ", Q, "05-KQTH"),
        ("03-GQKN", f"from={Q3_2025.start}&to={Q3_2025.end}", "01-KQGQ"),
    ],
)
def test_api_form_not_in_force(
    client_for, unit_admin: User, province: Unit, form: str, query: str, named: str
) -> None:
    response = client_for(unit_admin).get(f"/api/v1/reports/{form}/?unit=38&{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "form_not_in_force"
    assert named in body["message"]


# ------------------------------------------------------------------ pages


@pytest.mark.parametrize("form", list(NEW_FORMS))
def test_every_table_page_and_a_drilldown_render(
    form: str, province: Unit, unit_admin: User, data: Data2025
) -> None:
    client = Client()
    client.force_login(unit_admin)
    query = f"unit={province.code}&from={YEAR_2025.start}&to={YEAR_2025.end}"
    page = client.get(f"/reports/{form}/?{query}")
    assert page.status_code == 200
    body = page.content.decode()
    version = form_version_for(form, YEAR_2025.end)
    assert version.title in body
    assert version.layout.footnote in body
    for number in (1, len(version.columns)):
        drill = client.get(f"/reports/{form}/{number}/?{query}&row={province.code}")
        assert drill.status_code == 200, number
    old = client.get(f"/reports/{form}/?unit={province.code}&from={Q3_2025.start}&to={Q3_2025.end}")
    if form in ("01-TCD", "02-XLD"):
        assert old.status_code == 200
    else:
        assert old.status_code == 404
        assert "áp dụng cho kỳ báo cáo kết thúc từ ngày 30/09/2025" in old.content.decode()


# ------------------------------------------------------------------ Mẫu số 02


def test_mau02_quotes_the_tables_of_the_period(
    province: Unit, unit_admin: User, data: Data2025
) -> None:
    from docx import Document

    from tiepdan.reports import narrative_tt2025, services

    content, name, _ = services.report_file(
        form="01-TCD", fmt="docx", unit=province, period=YEAR_2025
    )
    assert name.endswith(".docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    reports = {
        code: selectors.report_compute(form_version_for(code, YEAR_2025.end), province, YEAR_2025)
        for code in narrative_tt2025.FORMS
    }
    tcd, xld = reports["01-TCD"].columns, reports["02-XLD"].columns
    n = outputs.number_text
    assert f"Tổng số {n(tcd[1])} lượt tiếp, {n(tcd[2])} người, {n(tcd[3])} vụ việc" in text
    assert f"Khiếu nại {xld[6]}: lần đầu {xld[7]}, lần 2 {xld[8]}" in text
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU TRONG KỲ TIẾP THEO" in text
    assert text.count(narrative_tt2025.TO_FILL) >= 8
    assert "Thông tư số 06/2025/TT-TTCP" in text


MAU02_HEADINGS = (
    "I. TÌNH HÌNH KHIẾU NẠI, TỐ CÁO",
    "II. KẾT QUẢ CÔNG TÁC TIẾP CÔNG DÂN",
    "1. Công tác tiếp công dân (Biểu số 01/TCD)",
    "2. Tiếp nhận, phân loại và xử lý đơn (Biểu số 02/XLD)",
    "4. Thi hành quyết định giải quyết khiếu nại",
    "III. NHẬN XÉT, ĐÁNH GIÁ",
    "IV. DỰ BÁO TÌNH HÌNH",
    "VI. KIẾN NGHỊ, ĐỀ XUẤT",
)


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext")),
    reason="no LibreOffice or poppler",
)
def test_mau02_renders_with_the_figures_of_the_tables(
    province: Unit, unit_admin: User, data: Data2025, tmp_path: Path
) -> None:
    """The DOCX as LibreOffice lays it out (PDF, then PNG pages under artifacts/screenshots):
    the outline's headings and the tables' figures of the same period in the rendered text."""
    from tiepdan.reports import narrative_tt2025, services

    content, _, _ = services.report_file(form="01-TCD", fmt="docx", unit=province, period=YEAR_2025)
    docx = tmp_path / "mau_02.docx"
    docx.write_bytes(content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "mau_02.pdf"
    raw = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    text = " ".join(raw.split())  # lines wrapped by the layout joined again
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("report_tt2025_mau02-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENSHOTS / "report_tt2025_mau02")],
        check=True,
        timeout=120,
    )
    assert list(SCREENSHOTS.glob("report_tt2025_mau02-*.png"))
    # The frame's rules (agency's name, national motto, title) sit under the text, not on it;
    # a table's borders, as wide as the text, are not rules.
    rules = [rule for rule in page_rules(pdf) if rule.length_mm < 100]
    assert len(rules) >= 2
    assert all(rule.gap_pt >= 2 for rule in rules), rules

    for heading in MAU02_HEADINGS:
        assert heading in text, heading
    reports = {
        code: selectors.report_compute(form_version_for(code, YEAR_2025.end), province, YEAR_2025)
        for code in narrative_tt2025.FORMS
    }
    t, x = reports["01-TCD"].columns, reports["02-XLD"].columns
    m, e = reports["06-QLKNTC"].columns, reports["05-KQTH"].columns
    n = outputs.number_text
    assert f"Tổng số {n(t[1])} lượt tiếp, {n(t[2])} người, {n(t[3])} vụ việc" in text
    assert f"Thủ trưởng tiếp: {n(t[10])} ngày, {n(t[11])} lượt" in text
    assert f"Ủy quyền tiếp: {n(t[16])} ngày, {n(t[17])} lượt" in text
    assert f"Tổng số đơn {n(x[1])}; đã xử lý {n(x[2])}" in text
    assert f"Ban hành mới {n(m[1])} văn bản" in text
    assert f"phải thực hiện {n(e[1])}, đã thi hành xong {n(e[2])}" in text
    assert province.name.upper() in text.upper()
    assert "từ ngày 15/12/2024 đến ngày 14/12/2025" in text
    assert "giải quyết khiếu nại, tố cáo năm 2025" in text
    assert "Số: /BC-…" in text
    # b) lists the petitions within competence before c) those outside it.
    assert text.index(f"- Khiếu nại {n(x[6])}:") < text.index("c) Đơn không thuộc thẩm quyền")
    assert ".]." not in text


def test_quarters_two_to_four_have_no_narrative(province: Unit, unit_admin: User) -> None:
    from tiepdan.core.errors import DomainError
    from tiepdan.reports import services

    q2 = statutory_period(2026, "q2")
    with pytest.raises(DomainError) as exc:
        services.export_request(
            form="01-TCD", fmt="docx", unit=province, period=q2, actor=unit_admin
        )
    assert "Điều 4" in exc.value.message
    assert services.export_request(
        form="01-TCD", fmt="xlsx", unit=province, period=q2, actor=unit_admin
    )


def test_organisations_proposed_for_sanctions_are_recorded_and_reported(
    province: Unit, unit_admin: User
) -> None:
    from tiepdan.cases import services as case_services
    from tiepdan.core.errors import DomainError
    from tiepdan.reports.tests.factories import case_create

    concluded = dt.date(2025, 10, 20)
    case = case_create(
        province,
        kind="denunciation",
        status="resolved",
        accepted_on=dt.date(2025, 10, 1),
        decided_on=concluded,
        outcome="den_right",
    )
    with pytest.raises(DomainError):
        case_services.case_execution_record(
            case=case, on=concluded, actor=unit_admin, proposed_disciplined_orgs=-1
        )
    case_services.case_execution_record(
        case=case,
        on=concluded,
        actor=unit_admin,
        proposed_disciplined_orgs=2,
        proposed_disciplined=3,
        proposed_disciplined_officials=1,
    )
    report = selectors.report_compute(
        form_version_for("04-GQTC", YEAR_2025.end), province, YEAR_2025
    )
    assert (report.columns[7], report.columns[8]) == (1, 1)
    assert (report.columns[20], report.columns[21], report.columns[22]) == (2, 3, 1)


def test_conclusions_without_organisations_are_listed_for_a_look(
    province: Unit, unit_admin: User
) -> None:
    from tiepdan.reports.tests.factories import case_create

    def conclusion(**kw: int) -> Case:
        return case_create(
            province,
            kind="denunciation",
            status="resolved",
            accepted_on=dt.date(2025, 10, 1),
            decided_on=dt.date(2025, 10, 20),
            outcome="den_right",
            **kw,
        )

    unsure = conclusion(proposed_disciplined=2)
    conclusion(proposed_disciplined=2, proposed_disciplined_orgs=1)
    conclusion()
    assert list(submitted.conclusions_to_review(province, YEAR_2025)) == [unsure]
    client = Client()
    client.force_login(unit_admin)
    body = client.get(
        f"/reports/04-GQTC/?unit={province.code}&from={YEAR_2025.start}&to={YEAR_2025.end}"
    ).content.decode()
    assert f'href="/cases/{unsure.pk}/"' in body or f"#{unsure.pk}" in body
    assert "cần xem lại" in body


def test_benchmark_times_the_six_tables_on_existing_data(province: Unit, data: Data2025) -> None:
    from django.core.management import call_command

    from tiepdan.petitions.models import Petition

    before = Petition.objects.count()
    out = io.StringIO()
    call_command("benchmark_reports", province=province.code, repeat=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{selectors.connection.vendor}: {province.code}, ")
    latest = max(p["received"] for p in data.petitions)
    year = latest.year + (latest >= dt.date(latest.year, 12, 15))
    period = statutory_period(year, "year")
    assert [line.split(" ")[0] for line in lines[1:]] == [
        form_version_for(code, period.end).key for code in NEW_FORMS
    ]
    assert all(f"{period.start}–{period.end}: best " in line for line in lines[1:])
    assert Petition.objects.count() == before  # nothing generated
