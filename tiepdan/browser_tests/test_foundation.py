import datetime as dt

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.citizens import services as citizen_services
from tiepdan.conftest import PASSWORD
from tiepdan.organizations import services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_officer_logs_in_switches_unit_and_finds_a_citizen_typed_without_diacritics(
    page,
    province: Unit,
    ward: Unit,
) -> None:
    board = services.unit_create(
        code="38-BTCD",
        name="Ban Tiếp công dân tỉnh",
        kind=UnitKind.RECEPTION_BOARD,
        parent=province,
    )
    services.user_create(
        username="tiep.bacson",
        password=PASSWORD,
        full_name="Trần Thị Hoa",
        memberships=[(board, Role.RECEPTIONIST), (ward, Role.RECEPTIONIST)],
    )
    citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Nguyễn Văn An",
        id_number="038085012345",
        date_of_birth=dt.date(1985, 3, 12),
        phone="0912345678",
        address="Khu phố 3",
    )
    citizen_services.citizen_create(unit=ward, actor=None, full_name="Lê Thị Bích")

    login(page, "tiep.bacson", PASSWORD)
    page.get_by_label("Đơn vị").select_option(label="Phường Bắc Sơn")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Phường Bắc Sơn"
    screenshot(page, "foundation-home")

    page.get_by_role("link", name="Công dân", exact=True).click()
    page.get_by_label("Họ tên (có dấu hoặc không dấu)", exact=False).fill("nguyen van an")
    results = page.locator("#results table tbody tr")
    results.first.wait_for()
    assert results.count() == 1
    assert "Nguyễn Văn An" in results.first.inner_text()
    assert "038085012345" in results.first.inner_text()
    screenshot(page, "foundation-citizen-search")

    results.first.get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Nguyễn Văn An"
