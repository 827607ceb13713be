import datetime as dt

import pytest

from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.reports.periods import statutory_period
from tiepdan.reports.tests.factories import DataSet, dataset_build

PERIOD = statutory_period(2025, "q1")  # 15/12/2024 – 14/03/2025


@pytest.fixture
def department(province: Unit) -> Unit:
    return org_services.unit_create(
        code="38-STNMT",
        name="Sở Nông nghiệp và Môi trường",
        kind=UnitKind.DEPARTMENT,
        parent=province,
    )


@pytest.fixture
def dataset(province: Unit, ward: Unit, police: Unit, department: Unit) -> DataSet:
    return dataset_build([province, ward, police, department], start=PERIOD.start, end=PERIOD.end)


@pytest.fixture
def today() -> dt.date:
    return dt.date.today()
