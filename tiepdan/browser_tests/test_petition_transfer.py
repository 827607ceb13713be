import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_petition_received_at_ward_transferred_accepted_at_department(
    page,
    province: Unit,
    ward: Unit,
    leader: User,
) -> None:
    department = org_services.unit_create(
        code="38-STNMT",
        name="Sở Nông nghiệp và Môi trường",
        kind=UnitKind.DEPARTMENT,
        parent=province,
    )
    org_services.user_create(
        username="giamdoc",
        password=PASSWORD,
        full_name="Lâm Văn Sễn",
        memberships=[(department, Role.LEADER)],
    )

    # The ward registers the petition and its chairman transfers it.
    login(page, "chutich", PASSWORD)
    page.goto("/petitions/new/")
    page.get_by_label("Ngày nhận đơn").fill("2025-01-20")
    page.get_by_label("Tóm tắt nội dung, yêu cầu").fill(
        "Khiếu nại việc giao đất rừng sản xuất không đúng đối tượng"
    )
    page.get_by_label("Họ tên người gửi").fill("Nguyễn Văn An")
    page.get_by_label("Số CCCD/CMND").fill("038085012345")
    page.get_by_role("button", name="Vào sổ").click()
    page.locator("h1", has_text="Đơn số 1/2025").wait_for()
    assert "10/02/2025" in page.content()  # 10 working days across Tết Ất Tỵ
    page.get_by_label("Hướng xử lý", exact=True).select_option("transfer")
    page.get_by_label("Ngày xử lý").fill("2025-01-21")
    page.get_by_label("Chuyển/đôn đốc đơn vị trong hệ thống").select_option(
        label="Sở Nông nghiệp và Môi trường"
    )
    page.get_by_label("Lý do, căn cứ").fill("Không thuộc thẩm quyền của UBND phường")
    page.get_by_role("button", name="Quyết định").click()
    page.get_by_text("Đã quyết định hướng xử lý đơn").wait_for()

    # The department acknowledges it from its inbox and accepts it.
    page.get_by_role("button", name="Đăng xuất").click()
    login(page, "giamdoc", PASSWORD)
    # It reads the petition at the ward's id before taking it in (api-contract.md, transfers).
    page.goto(f"/petitions/{Petition.objects.get(unit=ward).pk}/")
    page.get_by_role("button", name="Tiếp nhận vào sổ").wait_for()
    screenshot(page, "petition-transferred-seen-by-department")
    page.goto("/petitions/inbox/")
    page.get_by_role("button", name="Tiếp nhận vào sổ").click()
    page.locator("h1", has_text="Sở Nông nghiệp và Môi trường").wait_for()
    page.get_by_label("Hướng xử lý", exact=True).select_option("accept")
    page.get_by_label("Ngày xử lý").fill(page.locator("#id_d-decided_on").input_value())
    page.get_by_role("button", name="Quyết định").click()
    page.get_by_text("Đã quyết định hướng xử lý đơn").wait_for()
    screenshot(page, "petition-accepted-at-department")

    # The ward sees the path and the result.
    page.get_by_role("button", name="Đăng xuất").click()
    login(page, "chutich", PASSWORD)
    original = Petition.objects.get(unit=ward)
    page.goto(f"/petitions/{original.pk}/")
    path = page.locator(".path").inner_text()
    assert "Phường Bắc Sơn" in path
    assert "Sở Nông nghiệp và Môi trường" in path
    assert "Thụ lý" in path
    assert "chờ tiếp nhận" not in page.locator("h1").inner_text()
    screenshot(page, "petition-path-seen-by-ward")
