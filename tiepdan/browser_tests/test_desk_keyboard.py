"""The desk worked from the keyboard: focus order, shortcuts, errors brought into view."""

import re

import pytest
from playwright.sync_api import expect

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.browser_tests.test_reception_desk import pick
from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        selector,
    )


def test_desk_from_the_keyboard(page, ward: Unit, receptionist: User) -> None:
    citizen_services.citizen_create(
        unit=ward, actor=None, full_name="Nguyễn Văn An", id_number="038085012345"
    )
    login(page, "tiepdan", PASSWORD)

    # A first visit: picking the citizen puts the cursor in the content; Ctrl+Enter saves.
    page.goto("/reception/desk/")
    pick(page, "nguyen van an", "Nguyễn Văn An")
    expect(page.locator("#id_content")).to_be_focused()
    page.keyboard.type("Khiếu nại về bồi thường giải phóng mặt bằng")
    page.keyboard.press("Control+Enter")
    page.locator("h1", has_text="Lượt tiếp số 1/").wait_for()
    matter = Case.objects.get()

    # A new citizen typed wrong, then right: the form comes back empty, no old error.
    page.goto("/reception/desk/")
    page.locator("summary", has_text="Công dân mới").click()
    page.locator("#nc-full_name").fill("Lê Văn Tám")
    page.locator("#nc-id_number").fill("12AB")
    page.get_by_role("button", name="Ghi nhận và chọn").click()
    page.locator("#new-citizen .field-error").wait_for()
    expect(page.locator("#nc-id_number")).to_be_focused()
    expect(page.locator("#desk-announce")).to_contain_text("cần sửa")
    screenshot(page, "desk-new-citizen-error")
    page.locator("#nc-id_number").fill("038085099999")
    page.keyboard.press("Control+Enter")  # saves the form the cursor is in
    page.locator("#selected .chip", has_text="Lê Văn Tám").wait_for()
    assert page.locator("#new-citizen .field-error").count() == 0
    assert page.locator("#nc-full_name").input_value() == ""
    assert page.locator("#nc-id_number").input_value() == ""
    expect(page.locator("#id_content")).to_be_focused()

    # The returning citizen: his open matter is proposed; both histories stay on the desk.
    pick(page, "nguyen van an", "Nguyễn Văn An")
    assert page.locator("#id_case").input_value() == str(matter.pk)
    tam = Citizen.objects.get(full_name="Lê Văn Tám")
    an = Citizen.objects.get(full_name="Nguyễn Văn An")
    page.locator(f"#history-{tam.pk}").wait_for()
    page.locator(f"#history-{an.pk}").wait_for()
    assert "Khiếu nại về bồi thường" in page.locator(f"#history-{an.pk}").inner_text()
    screenshot(page, "desk-two-histories")

    # From the content to the save button in a few Tab presses.
    page.locator("#id_content").focus()
    presses = 0
    while focused(page) != "Ghi sổ tiếp công dân" and presses < 40:
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= 10, presses

    # An error below the fold is scrolled to, focused and announced; nothing is saved.
    page.locator("#id_people_count").fill("0")
    page.locator("#id_content").fill("Đến lần hai, hỏi kết quả")
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("Alt+S")
    page.locator(".has-error #id_people_count").wait_for()
    expect(page.locator("#id_people_count")).to_be_focused()
    assert in_view(page, "#id_people_count")
    expect(page.locator("#desk-announce")).to_contain_text("Số người")
    screenshot(page, "desk-error-below-the-fold")
    assert ReceptionVisit.objects.count() == 1
    # The picked people, their histories and the matter are all still there.
    assert page.locator("#selected .chip").count() == 2
    assert page.locator("#history section").count() == 2
    assert page.locator("#id_case").input_value() == str(matter.pk)

    page.locator("#id_people_count").fill("2")
    page.keyboard.press("Alt+S")
    page.locator("h1", has_text=re.compile("Lượt tiếp số 2/")).wait_for()
    assert ReceptionVisit.objects.get(register_number=2).case_id == matter.pk


def test_a_pick_answered_late_leaves_the_cursor_in_the_next_search(
    page, ward: Unit, receptionist: User
) -> None:
    """An officer who clicks “Chọn” and goes straight on to the next search (or scans the next
    card) keeps typing there: the pick's answer, however late, does not pull the cursor into
    the content under their typing."""
    for name in ("Trần Văn Bình", "Lê Thị Cúc"):
        citizen_services.citizen_create(unit=ward, actor=None, full_name=name)
    login(page, "tiepdan", PASSWORD)
    page.goto("/reception/desk/")
    held = []  # the first pick's request, answered once the officer has typed on

    def hold(route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/reception/desk/pick/**", hold)
    page.locator("#desk-q").fill("tran van binh")
    page.locator("#search-results tr", has_text="Trần Văn Bình").get_by_role(
        "button", name="Chọn"
    ).click()
    page.wait_for_function("() => true")  # lets the route handler run
    assert len(held) == 1
    page.locator("#desk-q").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("le thi")
    held[0].continue_()
    page.locator("#selected .chip", has_text="Trần Văn Bình").wait_for()
    expect(page.locator("#desk-announce")).to_have_text("Đã chọn công dân Trần Văn Bình.")
    expect(page.locator("#desk-q")).to_be_focused()
    page.keyboard.type(" cuc")
    expect(page.locator("#desk-q")).to_have_value("le thi cuc")
    assert page.locator("#id_content").input_value() == ""
    page.locator("#search-results tr", has_text="Lê Thị Cúc").get_by_role(
        "button", name="Chọn"
    ).click()
    # Nothing typed elsewhere meanwhile: this pick moves the cursor to the content as usual.
    page.locator("#selected .chip", has_text="Lê Thị Cúc").wait_for()
    expect(page.locator("#id_content")).to_be_focused()
