"""The forms of TT 02/2021/TT-TTCP only (02/TCD, 03/KQGQ, 04/KQGQ): 02/TCD counted by hand, the
pages and exports of the three for a 2023 period, a clear message for periods from 05/03/2024,
and the API unchanged (its contract lists seven forms)."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.db.models import F
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from openpyxl.utils import get_column_letter

from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.reports import forms_registry, outputs, selectors
from tiepdan.reports.forms_registry import (
    FORM_CODES,
    WEB_FORM_CODES,
    FormNotInForce,
    form_version_for,
)
from tiepdan.reports.layouts import LAYOUTS
from tiepdan.reports.models import ReportExport, ReportSnapshot
from tiepdan.reports.periods import Period, statutory_period
from tiepdan.reports.tests.factories import (
    OUTCOMES,
    TYPES,
    DataSet,
    case_create,
    dataset_build,
    petition_build,
)

pytestmark = pytest.mark.django_db

PERIOD = statutory_period(2023, "m6")  # 15/12/2022 – 14/06/2023, TT 02/2021
START, END = PERIOD.start, PERIOD.end
Q = f"from={START}&to={END}"
LATER = "from=2024-12-15&to=2025-03-14"  # TT 01/2024
CONTRACT = (
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
WEB_ONLY = ("02-TCD", "03-KQGQ", "04-KQGQ")
MESSAGE = "Biểu này chỉ áp dụng cho kỳ báo cáo trước ngày 05/03/2024 (Thông tư 02/2021/TT-TTCP)."
TEMPLATES = Path("/work/shared/reference/forms")
KIND_TYPE = {
    "complaint_first": "complaint",
    "complaint_second": "complaint",
    "denunciation": "denunciation",
    "proposal": "proposal",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _in(unit: Unit, scope: Unit, *, own: bool) -> bool:
    return unit.pk == scope.pk if own else unit.path.startswith(scope.path)


def _report(unit: Unit, period: Period = PERIOD) -> selectors.ReportData:
    return selectors.report_compute(form_version_for("02-TCD", period.end), unit, period)


# ------------------------------------------------------------------ the registry


def test_the_api_keeps_its_contract_forms_and_the_pages_add_three() -> None:
    assert FORM_CODES == CONTRACT
    assert set(WEB_FORM_CODES) == {*CONTRACT, *WEB_ONLY}
    assert len(WEB_FORM_CODES) == len(set(WEB_FORM_CODES))
    for code in WEB_ONLY:
        [version] = forms_registry.form_versions(code)
        assert version.regime == forms_registry.TT2021
        assert (version.valid_from, version.valid_to) == (dt.date(2021, 5, 10), dt.date(2024, 3, 4))


def test_a_2021_only_form_is_not_lent_another_version() -> None:
    assert form_version_for("02-TCD", dt.date(2024, 3, 4)).key == "TT2021_TCD02"
    with pytest.raises(FormNotInForce) as exc:
        form_version_for("02-TCD", dt.date(2024, 3, 5))
    assert exc.value.first_day_after == dt.date(2024, 3, 5)
    # Before TT 02/2021, the oldest version, as for every form.
    assert form_version_for("03-KQGQ", dt.date(2021, 3, 14)).key == "TT2021_KQGQ03"


def test_02_tcd_columns_are_defined_once_by_their_official_numbers() -> None:
    version = form_version_for("02-TCD", END)
    layout = LAYOUTS["TT2021_TCD02"]
    assert sorted(version.columns) == list(range(1, layout.columns + 1)) == list(range(1, 17))
    assert version.ms_labels[:2] == ("1=3+5+7=9+11", "2=4+6+8=10+12")
    assert not version.pending_numbers
    assert version.unchecked == ()
    assert {str(r) for r in version.rules} == {
        "(1) = (3) + (5) + (7)",
        "(1) = (9) + (11)",
        "(2) = (4) + (6) + (8)",
        "(2) = (10) + (12)",
    }


# ------------------------------------------------------------------ 02/TCD, a hand-made data set


def _petition(unit: Unit, received: dt.date, *, source: str = "reception", **kw) -> Petition:
    petition = petition_build(unit, received, **kw)
    petition.source = source
    petition.save()
    return petition


def _transfer(petition: Petition, reply: dt.date | None) -> Transfer:
    return Transfer.objects.create(
        petition=petition,
        from_unit=petition.unit,
        to_body="Cơ quan khác",
        sent_on=petition.received_on,
        reply_received_on=reply,
    )


@pytest.fixture
def known(province: Unit, ward: Unit, police: Unit, department: Unit) -> None:
    """Counted: A, B (one matter), C, D, E, the two parts of K, N, O, P. Not counted: F (processed
    after), G (not processed), H (ineligible), I (duplicate), J (not from reception), the mixed
    K itself, L (filed), M (processed before the period)."""
    inside, before, last = START + dt.timedelta(days=10), START - dt.timedelta(days=5), END
    done = {"eligibility": "eligible", "decided_on": inside}
    c1 = case_create(ward, kind="complaint_first")
    c2 = case_create(ward, kind="proposal")
    c3 = case_create(police, kind="denunciation")
    a = _petition(ward, inside, case=c1, outcome="accept", **done)
    _petition(ward, inside, case=c1, outcome="accept", **done)  # B
    c = _petition(ward, before, petition_type="denunciation", outcome="transfer", **done)
    _petition(ward, inside, petition_type="proposal", case=c2, outcome="guide", **done)  # D
    _petition(ward, inside, outcome="urge", **done)  # E
    _petition(
        ward,
        inside,
        outcome="accept",
        eligibility="eligible",
        decided_on=END + dt.timedelta(days=1),
    )  # F
    _petition(ward, inside, eligibility="eligible")  # G
    _petition(ward, inside, outcome="return", eligibility="ineligible", decided_on=inside)  # H
    _petition(ward, inside, outcome="guide", duplicate_of=a, **done)  # I
    j = _petition(ward, inside, source="direct", outcome="transfer", **done)
    mixed = _petition(ward, inside, petition_type="mixed", eligibility="eligible")
    _petition(ward, inside, split_from=mixed, outcome="accept", **done)  # K1
    k2 = _petition(
        ward, inside, petition_type="proposal", split_from=mixed, outcome="transfer", **done
    )
    _petition(ward, inside, outcome="file", **done)  # L
    _petition(ward, before, outcome="accept", eligibility="eligible", decided_on=before)  # M
    _petition(police, inside, petition_type="denunciation", case=c3, outcome="accept", **done)  # N
    o = _petition(department, inside, petition_type="proposal", outcome="transfer", **done)
    _petition(province, last, outcome="accept", eligibility="eligible", decided_on=last)  # P
    _transfer(c, END)  # replied on the last day: counted
    _transfer(k2, START)  # replied on the first day: counted
    _transfer(o, START - dt.timedelta(days=1))  # replied before the period
    _transfer(j, inside)  # not a reception petition


def test_02_tcd_on_a_known_data_set(province: Unit, department: Unit, known) -> None:
    report = _report(province)
    assert report.columns == {
        1: 10,  # A B C D E K1 K2 N O P
        2: 9,  # c1 C c2 E K1 K2 c3 O P
        3: 5,  # A B E K1 P
        4: 4,  # c1 E K1 P
        5: 2,  # C N
        6: 2,
        7: 3,  # D K2 O
        8: 3,
        9: 5,  # A B K1 N P
        10: 4,  # c1 K1 c3 P
        11: 5,  # C D E K2 O
        12: 5,
        13: 1,  # D
        14: 3,  # C K2 O
        15: 1,  # E
        16: 2,  # the replies on C and K2
    }
    assert report.violations == []
    rows = {r.unit.pk: r.columns for r in report.rows}
    # O: a proposal transferred; its reply came before the period.
    assert rows[department.pk] == {
        **dict.fromkeys(range(1, 17), 0),
        **dict.fromkeys((1, 2, 7, 8, 11, 12, 14), 1),
    }
    own = next(r for r in report.rows if r.own).columns
    assert (own[1], own[3], own[9]) == (1, 1, 1)  # P, on the province's own books


# ------------------------------------------------------------------ 02/TCD, a generated data set


@pytest.fixture
def generated(province: Unit, ward: Unit, police: Unit, department: Unit) -> DataSet:
    """The generated data set of the other report tests over a 2023 period, two petitions in
    three handed in at reception; a matter's reception petitions share one content and one
    outcome (as they do when they are processed together), so its sums add up."""
    data = dataset_build([province, ward, police, department], start=START, end=END, seed=23)
    for p in data.petitions:
        p["source"] = "direct" if p["pk"] % 3 == 0 else "reception"
        if p["source"] == "reception" and p["case"]:
            p["type"] = KIND_TYPE[p["case_kind"]]
            p["outcome"] = OUTCOMES[p["case"] % len(OUTCOMES)] if p["outcome"] else ""
        Petition.objects.filter(pk=p["pk"]).update(
            source=p["source"], petition_type=p["type"], outcome=p["outcome"]
        )
    return data


def _counted(p: dict) -> bool:
    """Processed in the period (carried over or received in it), đủ điều kiện, from reception,
    of one of the three contents and classified by jurisdiction."""
    received_or_carried = START <= p["received"] <= END or (
        p["received"] < START and (p["decided"] is None or p["decided"] >= START)
    )
    return (
        p["source"] == "reception"
        and received_or_carried
        and p["decided"] is not None
        and p["decided"] <= END
        and p["eligible"]
        and p["type"] in TYPES
        and p["outcome"] in OUTCOMES
    )


def expected_tcd02(
    data: DataSet, transfers: list[dict], scope: Unit, *, own: bool
) -> dict[int, int]:
    ps = [p for p in data.petitions if _in(p["unit"], scope, own=own) and _counted(p)]

    def petitions(keep) -> int:
        return sum(1 for p in ps if keep(p))

    def matters(keep) -> int:
        return len({p["case"] or -p["pk"] for p in ps if keep(p)})

    out = {1: len(ps), 2: matters(lambda p: True)}
    for n, kind in ((3, "complaint"), (5, "denunciation"), (7, "proposal")):
        out[n] = petitions(lambda p, kind=kind: p["type"] == kind)
        out[n + 1] = matters(lambda p, kind=kind: p["type"] == kind)
    out[9] = petitions(lambda p: p["outcome"] == "accept")
    out[10] = matters(lambda p: p["outcome"] == "accept")
    out[11] = petitions(lambda p: p["outcome"] != "accept")
    out[12] = matters(lambda p: p["outcome"] != "accept")
    for n, outcome in ((13, "guide"), (14, "transfer"), (15, "urge")):
        out[n] = matters(lambda p, outcome=outcome: p["outcome"] == outcome)
    out[16] = sum(
        1
        for t in transfers
        if _in(t["from_unit"], scope, own=own)
        and t["source"] == "reception"
        and t["reply"] is not None
        and START <= t["reply"] <= END
    )
    return out


def test_every_02_tcd_column_equals_an_independent_count(province: Unit, generated) -> None:
    units = {u.pk: u for u in Unit.objects.all()}
    transfers = [
        {"from_unit": units[t["from_unit_id"]], "reply": t["reply_received_on"], "source": t["s"]}
        for t in Transfer.objects.values(
            "from_unit_id", "reply_received_on", s=F("petition__source")
        )
    ]
    report = _report(province)
    assert len(report.rows) == 3  # department, ward (with its police), the province itself
    for row in report.rows:
        assert row.columns == expected_tcd02(generated, transfers, row.unit, own=row.own), row.name
    c = report.columns
    assert c == {n: sum(r.columns[n] for r in report.rows) for n in range(1, 17)}
    assert c[1] == c[3] + c[5] + c[7] == c[9] + c[11]
    assert c[2] == c[4] + c[6] + c[8] == c[10] + c[12]
    assert c[12] == c[13] + c[14] + c[15]
    assert report.violations == []
    assert min(c[n] for n in range(1, 17)) > 0  # the data set reaches every column


def test_02_tcd_drilldown_lists_the_counted_petitions(
    province: Unit, ward: Unit, generated
) -> None:
    version = form_version_for("02-TCD", END)
    ward_row = next(r for r in _report(province).rows if r.unit == ward)
    listed = selectors.drilldown_records(version, 1, ward, PERIOD)
    assert {p.pk for p in listed} == {
        p["pk"] for p in generated.petitions if _in(p["unit"], ward, own=False) and _counted(p)
    }
    assert len(listed) == ward_row.columns[1]


# ------------------------------------------------------------------ the pages


@pytest.mark.parametrize("code", WEB_ONLY)
def test_the_2021_forms_are_served_for_a_2023_period(
    code: str, unit_admin: User, province: Unit, known
) -> None:
    client = _client(unit_admin)
    version = form_version_for(code, END)
    page = client.get(f"/reports/{code}/?unit=38&{Q}")
    assert page.status_code == 200
    body = page.content.decode()
    assert version.symbol in body
    assert version.layout.cells[1][4] in body
    assert f"/reports/{code}/1/?" in body  # every number links to its records
    assert f"/api/v1/reports/{code}/" not in body  # the API does not serve it
    drill = client.get(f"/reports/{code}/1/?unit=38&{Q}")
    assert drill.status_code == 200
    index = client.get(f"/reports/?unit=38&{Q}&period=custom").content.decode()
    assert f'href="/reports/{code}/?unit=38&amp;{Q.replace("&", "&amp;")}"' in index


def test_02_tcd_page_shows_the_numbers(unit_admin: User, province: Unit, known) -> None:
    body = _client(unit_admin).get(f"/reports/02-TCD/?unit=38&{Q}").content.decode()
    assert "Tổng số đơn nhận được qua tiếp công dân" in body
    assert "1=3+5+7=9+11" in body
    assert '<a href="/reports/02-TCD/1/?' in body
    assert ">10</a>" in body  # column 1 of the total row


def _template_cells(name: str) -> list[tuple[str, str]]:
    """(range, text) of the header cells of a vendor template (rows 3 to the MS row), with the
    slips that layouts.py corrects corrected, and its free-text "Ghi chú" column left out."""
    ws = openpyxl.load_workbook(TEMPLATES / name).active
    ms = next(r for r in range(1, 20) if ws.cell(r, 1).value == "MS")
    merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    fixes = {"xử ly": "xử lý", "có, có sai": "có đúng, có sai", "đi thực hiện": "đã thực hiện"}
    out = []
    for row in ws.iter_rows(min_row=3, max_row=ms - 1):
        for cell in row:
            text = " ".join(str(cell.value or "").split())
            if not text or text == "Ghi chú":
                continue
            for wrong, right in fixes.items():
                text = text.replace(wrong, right)
            rng = merged.get((cell.row, cell.column))
            bounds = (
                (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
                if rng
                else (
                    cell.row,
                    cell.column,
                    cell.row,
                    cell.column,
                )
            )
            out.append((bounds, text))
    return out


@pytest.mark.parametrize(
    ("code", "template"),
    [
        ("02-TCD", "BaoCao_TCD02.xlsx"),
        ("03-KQGQ", "BaoCao_KQGQ03.xlsx"),
        ("04-KQGQ", "BaoCao_KQGQ04.xlsx"),
    ],
)
def test_xlsx_export_has_the_template_headers(
    code: str, template: str, unit_admin: User, province: Unit, known
) -> None:
    if not (TEMPLATES / template).exists():
        pytest.skip("vendor template not available")
    client = _client(unit_admin)
    response = client.post(f"/reports/{code}/export/?unit=38&{Q}", {"fmt": "xlsx"})
    assert response.status_code == 302
    download = client.get(response["Location"])
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    shift = outputs.FIRST_HEADER_ROW - 3  # the templates' header starts on row 3
    merged = {str(r) for r in ws.merged_cells.ranges}
    for (r1, c1, r2, c2), text in _template_cells(template):
        if (r1, c1) != (r2, c2):
            rng = f"{get_column_letter(c1)}{r1 + shift}:{get_column_letter(c2)}{r2 + shift}"
            assert rng in merged, (code, rng, text)
        assert str(ws.cell(r1 + shift, c1).value).casefold() == text.casefold(), (code, text)
    version = form_version_for(code, END)
    ms = outputs.FIRST_HEADER_ROW + version.layout.header_rows
    assert ws.cell(ms, 1).value == "MS"
    assert ws.max_column == version.layout.columns + 1
    report = selectors.report_compute(version, province, PERIOD)
    assert [ws.cell(ms + 1, n + 1).value for n in range(1, 4)] == [
        report.columns[n] for n in range(1, 4)
    ]


def test_pdf_and_docx_exports_of_02_tcd(unit_admin: User, province: Unit, known) -> None:
    client = _client(unit_admin)
    for fmt in ("pdf", "docx"):
        response = client.post(f"/reports/02-TCD/export/?unit=38&{Q}", {"fmt": fmt})
        assert response.status_code == 302, fmt
    assert set(ReportExport.objects.values_list("status", flat=True)) == {"done"}


def test_02_tcd_is_submitted_for_a_2023_period(unit_admin: User, province: Unit, known) -> None:
    response = _client(unit_admin).post(f"/reports/02-TCD/submit/?unit=38&{Q}")
    assert response.status_code == 302
    snapshot = ReportSnapshot.objects.get(form="02-TCD")
    assert snapshot.version == "TT2021_TCD02"
    assert snapshot.data["columns"]["1"] == 10
    detail = _client(unit_admin).get(f"/reports/submitted/{snapshot.pk}/")
    assert detail.status_code == 200


@pytest.mark.parametrize("code", WEB_ONLY)
def test_a_later_period_gets_the_message(code: str, unit_admin: User, province: Unit) -> None:
    client = _client(unit_admin)
    for url in (f"/reports/{code}/?unit=38&{LATER}", f"/reports/{code}/2/?unit=38&{LATER}"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert MESSAGE in response.content.decode(), url
    for action, data in (("export", {"fmt": "xlsx"}), ("submit", {})):
        response = client.post(f"/reports/{code}/{action}/?unit=38&{LATER}", data)
        assert response.status_code == 404, action
        assert MESSAGE in response.content.decode(), action
    assert not ReportExport.objects.exists()
    assert not ReportSnapshot.objects.exists()
    index = client.get(f"/reports/?unit=38&{LATER}&period=custom").content.decode()
    assert MESSAGE in index
    assert f'href="/reports/{code}/?' not in index


def test_the_last_day_of_tt_02_2021_decides(unit_admin: User, province: Unit) -> None:
    client = _client(unit_admin)
    assert client.get("/reports/02-TCD/?unit=38&from=2024-01-01&to=2024-03-04").status_code == 200
    response = client.get("/reports/02-TCD/?unit=38&from=2024-01-01&to=2024-03-05")
    assert response.status_code == 404
    assert MESSAGE in response.content.decode()


def test_unknown_forms_are_still_404(unit_admin: User, province: Unit) -> None:
    assert _client(unit_admin).get(f"/reports/05-TCD/?unit=38&{Q}").status_code == 404


# ------------------------------------------------------------------ the API


@pytest.mark.parametrize("code", WEB_ONLY)
@pytest.mark.parametrize("query", [Q, LATER])
def test_the_api_answers_as_for_an_unknown_form(
    client_for, unit_admin: User, province: Unit, code: str, query: str
) -> None:
    client = client_for(unit_admin)
    unknown = client.get(f"/api/v1/reports/05-XLD/?unit=38&{query}")
    response = client.get(f"/api/v1/reports/{code}/?unit=38&{query}")
    assert response.status_code == unknown.status_code == 400
    assert response.json()["code"] == unknown.json()["code"] == "unknown_form"


def test_the_api_schema_lists_the_seven_forms() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    [form] = [
        p
        for p in schema["paths"]["/api/v1/reports/{form}/"]["get"]["parameters"]
        if p["name"] == "form"
    ]
    assert sorted(form["schema"]["enum"]) == sorted(CONTRACT)
