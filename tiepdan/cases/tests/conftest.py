import datetime as dt

import pytest

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services

PASSWORD = "Mat-khau-thu-nghiem-2026"


@pytest.fixture
def resolver(ward: Unit) -> User:
    return org_services.user_create(
        username="giaiquyet",
        password=PASSWORD,
        full_name="Đỗ Thị Thủy",
        memberships=[(ward, Role.RESOLVER)],
    )


@pytest.fixture
def viewer(ward: Unit) -> User:
    return org_services.user_create(
        username="xem", password=PASSWORD, full_name="Lý Văn Xem", memberships=[(ward, Role.VIEWER)]
    )


@pytest.fixture
def province_leader(province: Unit) -> User:
    return org_services.user_create(
        username="chutichtinh",
        password=PASSWORD,
        full_name="Hà Văn Tỉnh",
        memberships=[(province, Role.LEADER)],
    )


@pytest.fixture
def complainant(ward: Unit) -> Citizen:
    return citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Lê Thị Hương Giang",
        id_number="038190012345",
        date_of_birth=dt.date(1990, 5, 1),
        phone="0987654321",
        address="Khu phố Đông Hương",
    )


@pytest.fixture
def open_case(ward: Unit, processor: User, leader: User, complainant: Citizen):
    """Receive a petition and accept it (petition processing), returning the case."""

    def make(
        *,
        petition_type: str = "complaint",
        received_on: dt.date,
        accepted_on: dt.date,
        complexity: str = "normal",
        remote_area: bool = False,
        senders: list[Citizen] | None = None,
        summary: str = "Khiếu nại quyết định thu hồi đất mở rộng đường Nguyễn Trãi",
        prior_resolution: str = "",
    ):
        petition = petition_services.petition_receive(
            unit=ward,
            received_on=received_on,
            source="post",
            petition_type=petition_type,
            domain="admin.land_housing",
            summary=summary,
            senders=senders if senders is not None else [complainant],
            actor=processor,
        )
        if prior_resolution:
            petition.prior_resolution = prior_resolution
            petition.save(update_fields=["prior_resolution"])
        petition_services.petition_decide(
            petition=petition,
            actor=leader,
            outcome="accept",
            decided_on=accepted_on,
            complexity=complexity,
            remote_area=remote_area,
        )
        petition.refresh_from_db()
        return petition.case

    return make
