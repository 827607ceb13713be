import io

import openpyxl
import pytest

from tiepdan.organizations.models import Unit, User
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import DataSet

pytestmark = pytest.mark.django_db
Q = f"from={PERIOD.start}&to={PERIOD.end}"


def test_report_api_returns_columns_and_rows(
    client_for, unit_admin: User, province: Unit, dataset: DataSet
) -> None:
    response = client_for(unit_admin).get(f"/api/v1/reports/01-TCD/?unit=38&{Q}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["form"], body["unit"], body["from"], body["to"]) == (
        "01-TCD",
        "38",
        str(PERIOD.start),
        str(PERIOD.end),
    )
    c = body["columns"]
    assert c["1"] == c["4"] + c["13"] + c["22"]
    assert c["3"] == c["6"] + c["7"] + c["15"] + c["16"] + c["24"] + c["25"]
    assert [r["unit"] for r in body["rows"]][-1] == "38"
    assert len(body["rows"]) == 3  # department, ward (with its police), the province itself
    assert sum(r["columns"]["1"] for r in body["rows"]) == c["1"]


def test_kqgq_columns_are_all_computed(client_for, unit_admin: User, province: Unit) -> None:
    for form in ("01-KQGQ", "02-KQGQ"):
        body = client_for(unit_admin).get(f"/api/v1/reports/{form}/?unit=38&{Q}").json()
        assert body["pending_columns"] == []
        assert body["columns"]["2"] == 0


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (f"/api/v1/reports/05-XLD/?unit=38&{Q}", "unknown_form"),
        ("/api/v1/reports/01-TCD/?unit=38&from=2025-13-01&to=2025-03-14", "invalid"),
        ("/api/v1/reports/01-TCD/?unit=38&from=2025-03-15&to=2025-03-14", "invalid_period"),
        ("/api/v1/reports/01-TCD/?unit=38", "invalid"),
    ],
)
def test_report_api_errors(client_for, unit_admin: User, path: str, code: str) -> None:
    response = client_for(unit_admin).get(path)
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_unit_outside_scope_is_404(client_for, outsider: User, province: Unit) -> None:
    response = client_for(outsider).get(f"/api/v1/reports/01-TCD/?unit=38&{Q}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_partner_may_not_see_reports(client_for, partner: User, police: Unit) -> None:
    response = client_for(partner).get(f"/api/v1/reports/01-TCD/?unit={police.code}&{Q}")
    assert response.status_code == 403


def test_anonymous_is_401(api_client, province: Unit) -> None:
    assert api_client.get(f"/api/v1/reports/01-TCD/?unit=38&{Q}").status_code == 401


def test_xlsx_format_has_the_same_numbers(
    client_for, unit_admin: User, province: Unit, dataset: DataSet
) -> None:
    client = client_for(unit_admin)
    body = client.get(f"/api/v1/reports/01-TCD/?unit=38&{Q}").json()
    response = client.get(f"/api/v1/reports/01-TCD/?unit=38&{Q}&format=xlsx")
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    ms_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "MS")
    assert ws.cell(ms_row, 2).value == "1=4+13+22"
    assert ws.cell(ms_row, 30).value == 29
    total = [ws.cell(ms_row + 1, col).value for col in range(2, 31)]
    assert total == [body["columns"][str(n)] for n in range(1, 30)]


def test_xlsx_errors_stay_json(client_for, unit_admin: User, province: Unit) -> None:
    response = client_for(unit_admin).get(f"/api/v1/reports/09-XLD/?unit=38&{Q}&format=xlsx")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_form"
