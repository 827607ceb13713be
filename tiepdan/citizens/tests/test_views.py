import datetime as dt

import pytest
from django.test import Client

from tiepdan.citizens import services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [(None, 302), ("outsider", 200), ("partner", 403), ("receptionist", 200), ("leader", 200)],
)
def test_citizen_list_permissions(
    client: Client,
    request: pytest.FixtureRequest,
    user_fixture: str | None,
    status: int,
    ward: Unit,
    police: Unit,
) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    assert client.get("/citizens/?q=a").status_code == status


def test_citizen_detail_of_another_tree_is_404(client: Client, outsider: User, ward: Unit) -> None:
    citizen = services.citizen_create(unit=ward, actor=None, full_name="Nguyễn Văn A")
    client.force_login(outsider)
    assert client.get(f"/citizens/{citizen.pk}/").status_code == 404


def test_htmx_search_returns_only_the_results_partial(
    client: Client, receptionist: User, ward: Unit
) -> None:
    services.citizen_create(unit=ward, actor=None, full_name="Nguyễn Văn A")
    client.force_login(receptionist)
    response = client.get("/citizens/?q=nguyen", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<div id="results">' in html
    assert "Nguyễn Văn A" in html
    assert "<html" not in html


def test_search_page_query_count_does_not_grow_with_results(
    client: Client, receptionist: User, ward: Unit, django_assert_max_num_queries
) -> None:
    for i in range(15):
        services.citizen_create(
            unit=ward, actor=None, full_name=f"Nguyễn Văn Số {'ABCDEFGHIJKLMNO'[i]}"
        )
    client.force_login(receptionist)
    client.get("/citizens/?q=nguyen")  # warm the session
    # 9 whatever the number of results: session, user, memberships, current unit, switcher,
    # permission, the sealing rule's direct memberships, the search, the template's units.
    with django_assert_max_num_queries(9):
        response = client.get("/citizens/?q=nguyen", HTTP_HX_REQUEST="true")
    assert response.content.decode().count("Nguyễn Văn Số") == 15


def test_create_form_shows_vietnamese_errors_and_saves_nothing(
    client: Client, receptionist: User, ward: Unit
) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/citizens/new/", {"full_name": "Nguyễn Văn B", "id_number": "03808501234A", "phone": "12"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "chỉ gồm chữ số" in html
    assert "Số điện thoại không hợp lệ" in html
    assert not Citizen.objects.exists()


def test_create_form_bad_date_message(client: Client, receptionist: User, ward: Unit) -> None:
    client.force_login(receptionist)
    response = client.post("/citizens/new/", {"full_name": "A", "date_of_birth": "31/02/1990"})
    assert "Ngày sinh không hợp lệ" in response.content.decode()


def test_create_then_detail(client: Client, receptionist: User, ward: Unit) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/citizens/new/",
        {
            "full_name": "Hồ Ngọc Ánh",
            "id_number": "038301000777",
            "date_of_birth": "30/04/2001",
            "phone": "0823456789",
            "gender": "female",
            "address": "Khu phố 1",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Hồ Ngọc Ánh" in response.content.decode()
    assert Citizen.objects.get().unit == ward


def test_merge_view(client: Client, leader: User, ward: Unit) -> None:
    born = dt.date(1979, 5, 2)
    keep = services.citizen_create(
        unit=ward, actor=None, full_name="Lý Văn Hùng", id_number="273456789", date_of_birth=born
    )
    dup = services.citizen_create(
        unit=ward, actor=None, full_name="Lý Văn Hùng", phone="0912000111", date_of_birth=born
    )
    client.force_login(leader)
    page = client.get(f"/citizens/{keep.pk}/").content.decode()
    assert "Gộp vào hồ sơ này" in page
    client.post(f"/citizens/{keep.pk}/merge/", {"duplicate": dup.pk})
    dup.refresh_from_db()
    assert dup.merged_into == keep
