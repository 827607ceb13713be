import pytest
from rest_framework.test import APIClient

from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User

CCCD = "038085012345"
PHONE = "0912345678"


@pytest.fixture
def resolver(ward: Unit) -> User:
    return org_services.user_create(
        username="giaiquyet",
        password="Mat-khau-thu-nghiem-2026",
        full_name="Đỗ Thị Giải",
        memberships=[(ward, Role.RESOLVER)],
    )


@pytest.fixture
def public() -> APIClient:
    return APIClient()


def body(**kw) -> dict:
    values = {
        "unit": "26734",
        "petition_type": "complaint",
        "content": "Khiếu nại việc thu hồi đất không bồi thường thỏa đáng cho gia đình tôi.",
        "request": "Đề nghị xem xét lại mức bồi thường.",
        "sender": {
            "full_name": "Nguyễn Văn An",
            "id_number": CCCD,
            "phone": PHONE,
            "address": "Khu phố 3, phường Bắc Sơn",
            "email": "an@example.org",
        },
        "anonymous": False,
    }
    values.update(kw)
    return values


@pytest.fixture
def submit(public: APIClient, ward: Unit):
    def send(**kw):
        return public.post("/api/v1/public/petitions/", body(**kw), format="json")

    return send
