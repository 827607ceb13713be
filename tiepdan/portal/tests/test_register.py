"""The public register of published complaint decisions and denunciation conclusions: per
agency, newest first, paginated, every person masked, no login."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.core.text import search_key

pytestmark = pytest.mark.django_db

NAME = "Lê Thị Hồng Nhung"
CCCD = "038190012345"
PHONE = "0987654321"
ADDRESS = "Số 12 ngõ Hoa Sữa, phường Bắc Sơn"


def _case(ward, n: int, **kw) -> Case:
    values = {
        "unit": ward,
        "kind": "complaint_first",
        "domain": "admin.land_housing",
        "summary": f"Khiếu nại số {n} về việc thu hồi đất.",
        "opened_on": dt.date(2026, 1, 5),
        "status": "resolved",
        "outcome": "partly",
        "decided_on": dt.date(2026, 3, 1) + dt.timedelta(days=n),
        "decision_number": f"{n}/QĐ-UBND",
        "published_on": dt.date(2026, 3, 5) + dt.timedelta(days=n),
    }
    values.update(kw)
    return Case.objects.create(**values)


@pytest.fixture
def complainant(ward):
    return citizen_services.citizen_find_or_create(
        unit=ward, actor=None, full_name=NAME, id_number=CCCD, phone=PHONE, address=ADDRESS
    )


def test_unit_search_leads_to_the_register(client, ward):
    for query in ("Bắc Sơn", "bac son"):
        page = client.get("/cong-dan/cong-khai/", {"q": query}).content.decode()
        assert "/cong-dan/cong-khai/26734/" in page


def test_lists_only_issued_and_published_decisions_with_people_masked(
    client, ward, complainant, leader
):
    shown = _case(
        ward,
        1,
        resolver=leader,
        summary=(
            f"Bà {search_key(NAME).upper()}, CCCD {CCCD}, ĐT 0987 654 321, trú tại {ADDRESS}, "
            f"khiếu nại việc thu hồi đất; ông {leader.full_name} đã đối thoại."
        ),
    )
    shown.citizens.add(complainant)
    _case(ward, 2, decided_on=None, outcome="", summary="CHUA-QUYET-DINH")
    _case(ward, 3, published_on=None, summary="CHUA-CONG-KHAI")
    _case(ward, 4, outcome="withdrawn", summary="RUT-DON")
    _case(ward, 5, kind="proposal", outcome="answered", summary="KIEN-NGHI")
    response = client.get("/cong-dan/cong-khai/26734/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "1/QĐ-UBND" in page
    assert "Khiếu nại đúng một phần" in page
    assert "01/03/2026" not in page
    assert "02/03/2026" in page
    assert "khiếu nại việc thu hồi đất" in page
    assert "[đã giữ bí mật]" in page
    for hidden in ("CHUA-QUYET-DINH", "CHUA-CONG-KHAI", "RUT-DON", "KIEN-NGHI"):
        assert hidden not in page
    folded = search_key(page)
    assert search_key(NAME) not in folded
    assert CCCD not in page
    assert "0987 654 321" not in page
    assert "Hoa Sữa" not in page
    assert search_key(leader.full_name) not in folded


def test_a_sealed_denunciation_names_nobody(client, ward, complainant):
    case = _case(
        ward,
        1,
        kind="denunciation",
        outcome="den_right",
        summary=f"Ông bà {NAME} ({PHONE}) tố cáo cán bộ địa chính nhận tiền.",
    )
    case.citizens.add(complainant)  # the seal takes the person into the vault
    page = client.get("/cong-dan/cong-khai/26734/").content.decode()
    assert "Tố cáo đúng" in page
    assert "tố cáo cán bộ địa chính nhận tiền" in page
    assert search_key(NAME) not in search_key(page)
    assert PHONE not in page


def test_paginated_in_a_fixed_number_of_queries(client, ward, complainant):
    for n in range(25):
        _case(ward, n).citizens.add(complainant)
    client.get("/cong-dan/cong-khai/26734/")  # warm the session and the throttle
    with CaptureQueriesContext(connection) as few:
        first = client.get("/cong-dan/cong-khai/26734/")
    assert first.status_code == 200
    assert first.content.decode().count("<article") == 20
    assert "?page=2" in first.content.decode()
    second = client.get("/cong-dan/cong-khai/26734/?page=2")
    assert second.content.decode().count("<article") == 5
    for n in range(25, 45):
        _case(ward, n).citizens.add(complainant)
    with CaptureQueriesContext(connection) as many:
        client.get("/cong-dan/cong-khai/26734/?page=2")
    assert len(many) == len(few) <= 12, [q["sql"] for q in many]


def test_bad_page_is_a_vietnamese_400_and_unknown_unit_404(client, ward):
    for bad in ("abc", "-1", "0", "1e9", "9999999999"):
        response = client.get("/cong-dan/cong-khai/26734/", {"page": bad})
        assert response.status_code == 400, bad
        assert "Số trang không hợp lệ" in response.content.decode()
    assert client.get("/cong-dan/cong-khai/26734/", {"page": "7"}).status_code == 404
    assert client.get("/cong-dan/cong-khai/99999/").status_code == 404
