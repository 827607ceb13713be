"""Online reception in the browser: a session scheduled 7 working days ahead across the decreed
make-up Saturday 22/08/2026, its lead-time clocks, two points, three citizens received, minutes
and the recording reference; an online denunciation without a written waiver refused."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.browser_tests.test_reception_desk import pick
from tiepdan.citizens import services as citizen_services
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import OnlineVisit, ReceptionSession, ReceptionVisit
from tiepdan.workcalendar.selectors import is_working_day

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VN)


def receive(page, session: ReceptionSession, point: str, query: str, name: str, **extra) -> None:
    page.goto(f"/reception/sessions/{session.pk}/")
    row = page.locator("#points tbody tr", has_text=point)
    row.get_by_role("link", name="Tiếp công dân tại điểm cầu này").click()
    page.locator("#online-visit").wait_for()
    # The desk's search runs from its script: typed before the page has settled, it is lost.
    page.wait_for_load_state("networkidle")
    pick(page, query, name)
    page.get_by_label("Cách xác định danh tính").select_option("document")
    if extra.get("petition_type"):
        page.get_by_label("Loại đơn", exact=True).select_option(extra["petition_type"])
    page.get_by_label("Nội dung vụ việc").fill(extra.get("content", "Khiếu nại về đất đai"))
    page.get_by_role("button", name="Ghi sổ tiếp công dân").click()


def test_an_online_session_from_scheduling_to_its_recording(
    page, ward: Unit, police: Unit, leader: User
) -> None:
    # The calendar data has Saturday 22/08/2026 as a make-up working day.
    assert is_working_day(dt.date(2026, 8, 22))
    for name in ("Nguyễn Văn An", "Lê Thị Cúc", "Phạm Văn Dũng"):
        citizen_services.citizen_create(unit=ward, actor=None, full_name=name, address="Thôn 5")
    with time_machine.travel(at(8, 18, 9)) as traveller:
        login(page, "chutich", PASSWORD)
        page.goto("/reception/sessions/")
        # 7 working days after Tuesday 18/08: 19, 20, 21, Sat 22, 24, 25, 26.
        page.get_by_label("Ngày tiếp").fill("2026-08-26")
        page.get_by_label("Phương thức").select_option("online")
        page.get_by_label("Giờ bắt đầu (trực tuyến)").fill("08:00")
        page.get_by_label("Đường dẫn phòng họp trực tuyến").fill("https://hop.example.vn/tcd-2608")
        page.get_by_label("Căn cứ tiếp trực tuyến").select_option("remote")
        page.get_by_label("Lý do tiếp trực tuyến").fill("Công dân ở các thôn xa trụ sở")
        page.get_by_role("button", name="Tạo kỳ tiếp").click()
        page.locator("#lead-times").wait_for()
        session = ReceptionSession.objects.get()
        clocks = page.locator("#lead-times")
        # Counted back from 26/08 with the Saturday worked: 25, 24, 22, 21, 20.
        assert "20/08/2026" in clocks.locator("[data-clock=notice]").inner_text()
        assert "25/08/2026" in clocks.locator("[data-clock=test]").inner_text()
        assert "07:00 26/08/2026" in clocks.locator("[data-clock=connect]").inner_text()
        assert "Điều 23" in clocks.inner_text()

        for kind, unit, room in (
            ("central", ward, "Hội trường UBND phường"),
            ("component", police, "Nhà văn hóa thôn 5"),
        ):
            page.locator("summary", has_text="Thêm điểm cầu").click()
            page.get_by_label("Loại điểm cầu").select_option(kind)
            page.get_by_label("Đơn vị của điểm cầu").select_option(str(unit.pk))
            page.get_by_label("Phòng, địa điểm").fill(room)
            page.get_by_label("Cán bộ có mặt (mỗi dòng một người)").fill("Trần Thị Hoa")
            page.get_by_role("button", name="Thêm điểm cầu").last.click()
            page.locator("#points tbody tr", has_text=room).wait_for()

        def step(code: str) -> None:
            clocks.locator(f"[data-clock={code}]").get_by_role("button").click()
            clocks.locator(f"[data-clock={code}]", has_text="Đã thực hiện đúng hạn").wait_for()

        def later(moment: dt.datetime) -> None:
            # Days later: the idle session has ended, the officer logs in again.
            traveller.move_to(moment)
            login(page, "chutich", PASSWORD)
            page.goto(f"/reception/sessions/{session.pk}/")

        step("notice")
        later(at(8, 25, 15))
        step("test")
        later(at(8, 26, 6, 50))
        step("connect")
        screenshot(page, "online-session-clocks")

        later(at(8, 26, 8, 10))
        receive(page, session, "Hội trường UBND phường", "nguyen van an", "Nguyễn Văn An")
        page.locator("h1", has_text="Lượt tiếp số 1/").wait_for()
        receive(page, session, "Hội trường UBND phường", "le thi cuc", "Lê Thị Cúc")
        page.locator("h1", has_text="Lượt tiếp số 2/").wait_for()
        receive(page, session, "Nhà văn hóa thôn 5", "pham van dung", "Phạm Văn Dũng")
        page.locator("h1", has_text="Lượt tiếp số 3/").wait_for()

        # An online denunciation without the denouncer's written waiver: refused, with why.
        receive(
            page,
            session,
            "Nhà văn hóa thôn 5",
            "pham van dung",
            "Phạm Văn Dũng",
            petition_type="denunciation",
            content="Tố cáo cán bộ địa chính nhận tiền",
        )
        error = page.locator("#online-visit .field-error")
        error.wait_for()
        assert "Điều 20 khoản 4" in error.inner_text()
        assert "chưa có văn bản từ bỏ quyền được giữ bí mật" in error.inner_text()
        screenshot(page, "online-denunciation-refused")
        assert ReceptionVisit.objects.count() == 3

        later(at(8, 26, 10, 0))
        page.get_by_label("Biên bản tiếp công dân trực tuyến").fill(
            "Kỳ tiếp trực tuyến do Chủ tịch chủ trì, 2 điểm cầu, 3 công dân."
        )
        page.get_by_role("button", name="Lưu biên bản").click()
        page.locator("#minutes", has_text="2 điểm cầu").wait_for()
        page.get_by_label("Nơi lưu, số hiệu lưu trữ của tệp ghi hình").fill(
            "Lưu trữ UBND phường, TCD-TT-2026-08-26.mp4"
        )
        page.get_by_label("Mã băm SHA-256 của tệp").fill("ab" * 32)
        page.get_by_label("Dung lượng tệp (byte)").fill("734003200")
        page.get_by_label("Thời lượng (giờ:phút:giây)").fill("2:05:00")
        page.get_by_label("Lưu trữ đến ngày").fill("2036-08-26")
        page.get_by_role("button", name="Lưu bản ghi hình").click()
        recording = page.locator("#recording")
        recording.wait_for()
        assert "ab" * 32 in recording.inner_text()
        assert "2:05:00" in recording.inner_text()
        assert "26/08/2036" in recording.inner_text()
        points = page.locator("#points").inner_text()
        assert "Nguyễn Văn An; Lê Thị Cúc" in points
        assert "Phạm Văn Dũng" in points
        screenshot(page, "online-session-held")

    visits = list(ReceptionVisit.objects.order_by("register_number"))
    assert [v.channel for v in visits] == ["online"] * 3
    assert {v.session_id for v in visits} == {session.pk}
    assert [v.identification for v in visits] == ["document"] * 3
    assert OnlineVisit.objects.filter(point__kind="component").count() == 1
    session.refresh_from_db()
    assert session.notified_on == dt.date(2026, 8, 18)
    assert session.status == "held"
