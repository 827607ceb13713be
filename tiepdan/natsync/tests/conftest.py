import datetime as dt

import pytest

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.natsync.mapping import required_values
from tiepdan.natsync.models import CodeMapping
from tiepdan.natsync.tests import receiver as receiver_module
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services


@pytest.fixture
def receiver(settings):
    """A live local receiver; the link points at it (Basic user `tinh38`)."""
    rec, server = receiver_module.start()
    settings.TIEPDAN_NATIONAL_DB_URL = rec.url
    settings.TIEPDAN_NATIONAL_DB_USER = "tinh38"
    settings.TIEPDAN_NATIONAL_DB_PASSWORD = "bi-mat"
    settings.TIEPDAN_NATIONAL_DB_TIMEOUT = 1.0
    yield rec
    rec.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def mapped(ward: Unit) -> None:
    """Every required value mapped to a national code."""
    CodeMapping.objects.bulk_create(
        CodeMapping(code_list=lst, local_value=value, national_code=f"N-{value}")
        for lst, value, _label in required_values()
    )


@pytest.fixture
def resolver(ward: Unit) -> User:
    return org_services.user_create(
        username="giaiquyet",
        password="Mat-khau-thu-nghiem-2026",
        full_name="Đỗ Thị Thủy",
        memberships=[(ward, Role.RESOLVER)],
    )


@pytest.fixture
def complainant(ward: Unit) -> Citizen:
    return citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Lê Thị Hương Giang",
        id_number="038190012345",
        phone="0987654321",
        address="Khu phố Đông Hương",
    )


@pytest.fixture
def receive(ward: Unit, processor: User, complainant: Citizen):
    def make(petition_type: str = "complaint", **kw):
        return petition_services.petition_receive(
            unit=ward,
            received_on=kw.pop("received_on", dt.date(2025, 3, 3)),
            source="post",
            petition_type=petition_type,
            domain=kw.pop("domain", "admin.land_housing"),
            summary=kw.pop("summary", "Khiếu nại quyết định thu hồi đất của Lê Thị Hương Giang"),
            senders=kw.pop("senders", [complainant]),
            actor=processor,
            **kw,
        )

    return make
