import datetime as dt

import pytest
from playwright.sync_api import expect

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.citizens import services as citizen_services
from tiepdan.conftest import PASSWORD
from tiepdan.monitoring.models import Alert
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def visits_so_far(n: int) -> list[ReceptionVisit]:
    visits = list(ReceptionVisit.objects.order_by("register_number"))
    assert len(visits) == n
    return visits


def picked(page, name: str) -> None:
    """Wait until `name` is picked and the desk has put the cursor in the content field, as it
    does once the pick's parts settle. Typing before that races the move: the cursor can leave
    the field being typed in halfway (the next search then keeps the previous words)."""
    page.locator("#selected .chip", has_text=name).wait_for()
    expect(page.locator("#id_content")).to_be_focused()


def pick(page, query: str, name: str) -> None:
    page.locator("#desk-q").fill(query)
    page.locator("#search-results button", has_text="Chọn").first.wait_for()
    page.locator("#search-results tr", has_text=name).get_by_role("button", name="Chọn").click()
    picked(page, name)


def test_desk_records_individual_group_repeat_and_refusal_then_prints_the_register(
    page,
    ward: Unit,
    police: Unit,
    receptionist: User,
) -> None:
    citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Nguyễn Văn An",
        id_number="038085012345",
        date_of_birth=dt.date(1985, 3, 12),
        phone="0912345678",
        address="Khu phố 3",
    )
    for name in ("Trần Văn Bình", "Lê Thị Cúc"):
        citizen_services.citizen_create(unit=ward, actor=None, full_name=name, address="Khu phố 2")
    login(page, "tiepdan", PASSWORD)

    # 1. An individual visit, the citizen chosen with the keyboard only.
    page.goto("/reception/desk/")
    page.keyboard.type("nguyen van an")
    page.locator("#search-results button").first.wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    picked(page, "Nguyễn Văn An")
    assert "Lần đầu đến đơn vị" in page.locator("#history").inner_text()
    page.get_by_label("Lĩnh vực (nhóm báo cáo)").select_option("admin.land_housing")
    page.get_by_label("Nội dung vụ việc").fill("Khiếu nại về bồi thường giải phóng mặt bằng")
    page.get_by_label("Nội dung giải thích, hướng dẫn").fill("Hướng dẫn gửi đơn đến UBND phường")
    screenshot(page, "desk-individual")
    page.get_by_role("button", name="Ghi sổ tiếp công dân").click()
    page.locator("h1", has_text="Lượt tiếp số 1/").wait_for()

    # 2. A group of 12 with 3 representatives, one of them registered at the desk.
    page.goto("/reception/desk/")
    pick(page, "tran van binh", "Trần Văn Bình")
    pick(page, "le thi cuc", "Lê Thị Cúc")
    page.locator("summary", has_text="Công dân mới").click()
    page.locator("#nc-full_name").fill("Phạm Văn Dũng")
    page.locator("#nc-id_number").fill("038072009876")
    page.locator("#nc-date_of_birth").fill("20/11/1972")
    page.get_by_role("button", name="Ghi nhận và chọn").click()
    picked(page, "Phạm Văn Dũng")
    for box in page.locator("#selected input[name=representative]").all():
        box.check()
    page.get_by_label("Số người").fill("12")
    page.get_by_label("Nội dung vụ việc").fill("Đoàn 12 hộ dân khiếu nại dự án mở rộng đường")
    screenshot(page, "desk-group")
    page.get_by_role("button", name="Ghi sổ tiếp công dân").click()
    page.locator("h1", has_text="Lượt tiếp số 2/").wait_for()
    assert "Đoàn đông người" in page.locator("h1").inner_text()
    assert "cảnh báo đoàn đông người" in page.content()
    assert Alert.objects.get().routed_to.get() == police

    # 3. A repeat visit on the matter already known for Nguyễn Văn An.
    page.goto("/reception/desk/")
    pick(page, "038085", "Nguyễn Văn An")
    history = page.locator("#history")
    assert "Khiếu nại về bồi thường" in history.inner_text()
    history.get_by_role("button").first.click()
    page.get_by_label("Nội dung vụ việc").fill("Đến lần hai, hỏi kết quả giải quyết")
    page.get_by_role("button", name="Ghi sổ tiếp công dân").click()
    page.locator("h1", has_text="Lượt tiếp số 3/").wait_for()
    assert "Tiếp nhiều lần" in page.locator("h1").inner_text()

    # 4. A refusal on a ground in force today, on the matter still open (proposed by the desk).
    page.goto("/reception/desk/")
    pick(page, "nguyen van an", "Nguyễn Văn An")
    assert page.locator("#id_case").input_value() == str(visits_so_far(3)[-1].case_id)
    page.get_by_label("Kết quả tiếp").select_option("refused")
    page.get_by_label("Căn cứ từ chối tiếp").select_option(index=2)
    page.get_by_label("Nội dung vụ việc").fill("Công dân có lời lẽ xúc phạm cán bộ tiếp")
    page.get_by_role("button", name="Ghi sổ tiếp công dân").click()
    page.locator("h2", has_text="Từ chối tiếp").wait_for()
    screenshot(page, "desk-refusal")

    visits = list(ReceptionVisit.objects.order_by("register_number"))
    assert [v.register_number for v in visits] == [1, 2, 3, 4]
    assert [v.is_repeat for v in visits] == [False, False, True, True]

    # 5. The register, as printed.
    page.goto("/reception/?first=2020-01-01&last=2030-12-31")
    rows = page.locator("table.register tbody tr")
    assert rows.count() == 4
    assert "Đoàn đông người" in rows.nth(1).inner_text()
    page.emulate_media(media="print")
    screenshot(page, "register-print")


def test_a_new_search_replaces_one_still_waiting_for_its_answer(
    page, ward: Unit, receptionist: User
) -> None:
    """The receptionist types again while the server has not answered: the newest words win
    (htmx drops a request made while another of the same field is in flight, unless told)."""
    for name in ("Trần Văn Bình", "Lê Thị Cúc"):
        citizen_services.citizen_create(unit=ward, actor=None, full_name=name, address="Khu phố 2")
    login(page, "tiepdan", PASSWORD)
    page.goto("/reception/desk/")
    held = []

    def hold_the_first(route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)  # never answered: a slow server

    page.route("**/reception/desk/search/**", hold_the_first)
    page.locator("#desk-q").fill("tran van binh")
    page.wait_for_timeout(600)  # the first search has left (250 ms delay) and waits
    assert len(held) == 1
    page.locator("#desk-q").fill("le thi cuc")
    row = page.locator("#search-results tr", has_text="Lê Thị Cúc")
    row.get_by_role("button", name="Chọn").wait_for(timeout=5000)
    # The answer replaces the results, not nests a second block of the same id inside them.
    assert page.locator("#search-results").count() == 1
    assert "Trần Văn Bình" not in page.locator("#search-results").inner_text()
