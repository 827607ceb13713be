"""The desk's person search as a page: what it costs beyond the fixed cost of any page, and
the sealing rule read afresh on every request (nothing is kept between requests)."""

import datetime as dt

import pytest
from django.test import Client

from tiepdan.citizens import services as citizen_services
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Membership, Unit, User
from tiepdan.petitions import services as petition_services

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/reception/desk/search/?q=x")  # a first request may save the session
    return client


def test_a_name_search_reads_the_candidates_then_the_readable_ones(
    ward: Unit, receptionist: User, django_assert_num_queries
) -> None:
    for name in ("Đỗ Văn Một", "Đỗ Thị Hai", "Lê Văn Ba"):
        citizen_services.citizen_create(unit=ward, actor=None, full_name=name)
    client = _client(receptionist)
    # Session, user, memberships with units; the candidates; the identity grants; the readable.
    with django_assert_num_queries(6) as captured:
        response = client.get("/reception/desk/search/?q=do+van")
    # The results do not show the person's unit: the last read does not join it.
    assert "organizations_unit" not in captured.captured_queries[-1]["sql"]
    assert "Đỗ Văn Một" in response.content.decode()
    assert "Đỗ Thị Hai" not in response.content.decode()


def test_a_denouncer_is_hidden_on_the_request_after_the_role_is_withdrawn(
    ward: Unit, processor: User
) -> None:
    sender = citizen_services.citizen_create(
        unit=ward, actor=processor, full_name="Hà Văn Kín", id_number="001090123456"
    )
    petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 1, 20),
        source="post",
        petition_type="denunciation",
        domain="admin.land_housing",
        summary="Tố cáo cán bộ địa chính nhận tiền",
        senders=[sender],
        actor=processor,
    )
    client = _client(processor)
    # The processing officer of the receiving unit checks the denouncer before acceptance.
    assert "Hà Văn Kín" in client.get("/reception/desk/search/?q=ha+van+kin").content.decode()
    Membership.objects.filter(user=processor).update(role=Role.RECEPTIONIST)
    html = client.get("/reception/desk/search/?q=ha+van+kin").content.decode()
    assert "Hà Văn Kín" not in html
    assert "Không tìm thấy" in html
