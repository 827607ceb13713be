"""The desk reads a chip card's QR typed by a USB scanner into the search box at scanner
speed: the registered person is picked, a new one prefilled, a differing name flagged, and a
malformed string answered with a message while nothing is saved."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SAME = "038085012345|172345678|Nguyễn Văn An|12031985|Nam|Khu phố 3, phường Bắc Sơn|15062021"
DIFFERING = "038085012345|172345678|Nguyễn Văn Ân|12031985|Nam|Khu phố 3|15062021"
NEW = "001190000001||Trần Thị Cúc|01011990|Nữ|Thôn 5, xã Đông Hòa|01012022"
MALFORMED = {
    "038085012345|172345678|Nguyễn Văn An|12031985": "cần 7 trường",
    "038085012345|172345678|Nguyễn Văn An|31021985|Nam|KP3|15062021": "không phải ngày có thật",
    "0380850123456|172345678|Nguyễn Văn An|12031985|Nam|KP3|15062021": "đúng 12 chữ số",
}


def scan(page, text: str) -> None:
    """What a USB scanner does: types the code a few ms a key, then Enter."""
    box = page.locator("#desk-q")
    box.click()
    box.fill("")
    page.keyboard.type(text, delay=4)
    page.keyboard.press("Enter")


def test_a_scanned_card_at_the_desk(page, ward: Unit, receptionist: User) -> None:
    an = citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Nguyễn Văn An",
        id_number="038085012345",
        date_of_birth=dt.date(1985, 3, 12),
    )
    login(page, "tiepdan", PASSWORD)

    # The registered person is picked; the visit records the card as the identification.
    page.goto("/reception/desk/")
    scan(page, SAME)
    page.locator("[data-card-read]").first.wait_for()
    page.locator("#selected .chip", has_text="Nguyễn Văn An").wait_for()
    expect(page.locator("#id_identification")).to_have_value("cccd_chip_qr")
    expect(page.locator("[data-card-mismatch]")).to_have_count(0)
    page.get_by_label("Nội dung vụ việc").fill("Hỏi tiến độ giải quyết đơn")
    page.get_by_role("button", name="Ghi sổ tiếp công dân").click()
    page.locator("h1", has_text="Lượt tiếp số 1/").wait_for()
    visit = ReceptionVisit.objects.get()
    assert visit.identification == "cccd_chip_qr"
    assert list(visit.citizens.all()) == [an]

    # A card whose name differs from the register: picked by its number, and flagged.
    page.goto("/reception/desk/")
    scan(page, DIFFERING)
    page.locator("#selected .chip", has_text="Nguyễn Văn An").wait_for()
    flag = page.locator("[data-card-mismatch]")
    expect(flag).to_contain_text("Họ tên trên thẻ “Nguyễn Văn Ân” khác với sổ “Nguyễn Văn An”")
    screenshot(page, "desk-card-mismatch")

    # A person not yet registered: the new-person form is filled from the card, not saved.
    page.goto("/reception/desk/")
    scan(page, NEW)
    page.locator("[data-card-prefill]").wait_for()
    expect(page.locator("#nc-full_name")).to_have_value("Trần Thị Cúc")
    expect(page.locator("#nc-id_number")).to_have_value("001190000001")
    expect(page.locator("#nc-date_of_birth")).to_have_value("01/01/1990")
    expect(page.locator("#nc-address")).to_have_value("Thôn 5, xã Đông Hòa")
    assert not Citizen.objects.filter(id_number="001190000001").exists()
    screenshot(page, "desk-card-prefill")
    page.get_by_role("button", name="Ghi nhận và chọn").click()
    page.locator("#selected .chip", has_text="Trần Thị Cúc").wait_for()
    cuc = Citizen.objects.get(id_number="001190000001")
    assert cuc.date_of_birth == dt.date(1990, 1, 1)

    # Malformed strings: a clear message, nothing saved.
    people = Citizen.objects.count()
    for text, message in MALFORMED.items():
        page.goto("/reception/desk/")
        scan(page, text)
        expect(page.locator("[data-card-error]")).to_contain_text(message)
    assert Citizen.objects.count() == people
    assert ReceptionVisit.objects.count() == 1

    # Typing a name still searches as before.
    page.goto("/reception/desk/")
    page.locator("#desk-q").fill("nguyen van an")
    page.locator("#search-results tr", has_text="Nguyễn Văn An").wait_for()
