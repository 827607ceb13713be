"""The menu and page links offer only what the user may open."""

import re

import pytest
from django.test import Client

from tiepdan.conftest import PASSWORD
from tiepdan.core.tests.crawl import crawl
from tiepdan.organizations import services
from tiepdan.organizations.constants import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(province):
    """An inspector of the province: reads everything below, records nothing."""
    return services.user_create(
        username="thanhtra",
        password=PASSWORD,
        full_name="Đặng Thu Hà",
        memberships=[(province, Role.VIEWER)],
    )


HREF = re.compile(r'href="([^"]+)"')


def _links(client: Client, url: str) -> set[str]:
    return set(HREF.findall(client.get(url).content.decode()))


def test_partner_menu_offers_no_page_it_may_not_open(client: Client, partner) -> None:
    client.force_login(partner)
    links = _links(client, "/")
    for forbidden in ("/citizens/", "/reception/desk/", "/petitions/", "/cases/", "/reports/"):
        assert forbidden not in links
    assert "/monitoring/" in links  # the alerts routed to the partner's unit
    result = crawl(client, per_route=1, max_pages=60)
    assert result.pages > 5
    assert not [p for p in result.problems if "answers" in p.what], result.problems


def test_receptionist_menu_offers_the_desk(client: Client, receptionist) -> None:
    client.force_login(receptionist)
    links = _links(client, "/")
    assert {"/reception/desk/", "/citizens/", "/petitions/"} <= links


def test_viewer_sees_no_entry_forms(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert "/reception/desk/" not in _links(client, "/")
    assert "/citizens/new/" not in _links(client, "/citizens/")
    assert "/petitions/new/" not in _links(client, "/petitions/")


def test_ward_unit_page_names_the_province_without_linking_it(
    client: Client, receptionist, ward, province
) -> None:
    client.force_login(receptionist)
    response = client.get(f"/units/{ward.code}/")
    html = response.content.decode()
    assert province.name in html
    assert f"/units/{province.code}/" not in html
    assert client.get(f"/units/{province.code}/").status_code == 404


def test_province_admin_follows_the_link_down_and_up(
    client: Client, unit_admin, ward, province
) -> None:
    client.force_login(unit_admin)
    assert f"/units/{province.code}/" in _links(client, f"/units/{ward.code}/")
