"""`?format=xlsx` wins over the client's Accept header (api-contract.md, "Statutory reports")."""

import io

import openpyxl
import pytest

from tiepdan.organizations.models import Unit, User
from tiepdan.reports.tests.conftest import PERIOD

pytestmark = pytest.mark.django_db
Q = f"unit=38&from={PERIOD.start}&to={PERIOD.end}"


@pytest.mark.parametrize("accept", ["application/json", "text/html", "*/*", "application/xml"])
def test_format_parameter_wins_over_accept(
    client_for, unit_admin: User, province: Unit, accept: str
) -> None:
    response = client_for(unit_admin).get(
        f"/api/v1/reports/01-TCD/?{Q}&format=xlsx", HTTP_ACCEPT=accept
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    openpyxl.load_workbook(io.BytesIO(response.content))


def test_accept_alone_still_negotiates(client_for, unit_admin: User, province: Unit) -> None:
    client = client_for(unit_admin)
    assert client.get(f"/api/v1/reports/01-TCD/?{Q}", HTTP_ACCEPT="application/json").json()[
        "form"
    ] == ("01-TCD")
    json_asked = client.get(f"/api/v1/reports/01-TCD/?{Q}&format=json", HTTP_ACCEPT="*/*")
    assert json_asked["Content-Type"].startswith("application/json")
