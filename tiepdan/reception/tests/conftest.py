import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 8, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=VN)


@pytest.fixture
def citizen(ward: Unit) -> Citizen:
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
def group(ward: Unit) -> list[Citizen]:
    names = ["Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng"]
    return [citizen_services.citizen_create(unit=ward, actor=None, full_name=n) for n in names]
