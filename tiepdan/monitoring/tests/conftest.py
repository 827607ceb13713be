import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tiepdan.cases.models import SubjectCategory
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import services as reception_services

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# A week before Tết Ất Tỵ (the calendar's break starts on 27/01/2025).
TODAY = dt.date(2025, 1, 20)


def at(day: dt.date, hour: int = 8, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VN)


def visit(unit: Unit, actor: User | None, citizens: list[Citizen], **overrides):
    values = {
        "unit": unit,
        "received_at": at(TODAY),
        "mode": "regular",
        "chaired_by": "officer",
        "channel": "in_person",
        "people_count": len(citizens),
        "petition_type": "complaint",
        "domain": "admin.land_housing",
        "content": "Khiếu nại về bồi thường giải phóng mặt bằng dự án khu dân cư Bắc Sơn",
        "handling": "guided",
    }
    values.update(overrides)
    representatives = values.pop("representatives", None)
    if values["people_count"] >= 5 and representatives is None:
        representatives = citizens[:2]
    attendees = reception_services.attendees_of(citizens, representatives or [])
    data = reception_services.VisitInput(attendees=attendees, **values)
    return reception_services.visit_record(data, actor=actor)


@pytest.fixture
def clearance(db) -> SubjectCategory:
    return SubjectCategory.objects.create(
        name="Bồi thường, giải phóng mặt bằng", bucket="admin.land_housing"
    )


@pytest.fixture
def residents(ward: Unit) -> list[Citizen]:
    names = [
        "Trần Văn Bình",
        "Lê Thị Cúc",
        "Phạm Văn Dũng",
        "Hoàng Thị Em",
        "Vũ Văn Giang",
        "Đỗ Thị Hà",
        "Ngô Văn Ích",
        "Bùi Thị Kim",
        "Đặng Văn Long",
        "Lý Thị Mai",
        "Hồ Văn Nam",
        "Dương Thị Oanh",
    ]
    return [
        citizen_services.citizen_create(
            unit=ward, actor=None, full_name=n, address="Tổ 5, Khu phố 3, phường Bắc Sơn"
        )
        for n in names
    ]
