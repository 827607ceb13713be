import datetime as dt

import pytest

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition


@pytest.fixture
def department(province: Unit) -> Unit:
    return org_services.unit_create(
        code="38-STNMT",
        name="Sở Nông nghiệp và Môi trường",
        kind=UnitKind.DEPARTMENT,
        parent=province,
    )


@pytest.fixture
def department_leader(department: Unit) -> User:
    return org_services.user_create(
        username="giamdoc",
        password="Mat-khau-thu-nghiem-2026",
        full_name="Lâm Văn Sễn",
        memberships=[(department, Role.LEADER)],
    )


@pytest.fixture
def sender(ward: Unit) -> Citizen:
    return citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Nguyễn Văn An",
        id_number="038085012345",
        date_of_birth=dt.date(1985, 3, 12),
        phone="0912345678",
        address="Khu phố 3",
    )


@pytest.fixture
def receive(ward: Unit, processor: User, sender: Citizen):
    def make(**kw) -> Petition:
        values = {
            "unit": ward,
            "received_on": dt.date(2025, 1, 20),
            "source": "post",
            "petition_type": "complaint",
            "domain": "admin.land_housing",
            "summary": "Khiếu nại quyết định thu hồi đất mở rộng đường Nguyễn Huệ",
            "senders": [sender],
            "actor": processor,
        }
        values.update(kw)
        return services.petition_receive(**values)

    return make
