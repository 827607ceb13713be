"""The citizens' channel on a phone: send a complaint with an attachment, keep the code, get
the SMS, follow it while the unit accepts and decides it, rate the handling; an anonymous
denunciation reaches the intake. axe-core checks every public page on the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.cases import rules
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.portal import services as portal_services
from tiepdan.portal.models import Rating
from tiepdan.portal.tests.test_notifications import Gateway

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_VIEWPORT = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def gateway(settings):
    server = Gateway()
    settings.TIEPDAN_SMS_URL = server.url
    settings.TIEPDAN_PUBLIC_MIN_FORM_SECONDS = 0
    yield server
    server.close()


def assert_accessible(page, axe: Axe) -> None:
    """No serious or critical axe-core violation on the page."""
    results = axe.run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}:\n" + "\n".join(bad)


def officer_page(page, live_server, username: str):
    """A desktop browser of an officer, logged in, beside the citizen's phone."""
    context = page.context.browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(10_000)
    desk = context.new_page()
    login(desk, username, PASSWORD)
    return desk


def test_complaint_sent_tracked_and_rated_on_a_phone(
    page, live_server, gateway, ward: Unit, leader: User, tmp_path
) -> None:
    axe = Axe()
    page.set_viewport_size(PHONE_VIEWPORT)
    page.goto("/cong-dan/")
    assert_accessible(page, axe)
    page.get_by_role("link", name="Gửi đơn trực tuyến").first.click()
    page.get_by_label("Tên cơ quan, đơn vị").fill("bac son")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_text("Phường Bắc Sơn").wait_for()
    assert_accessible(page, axe)
    page.get_by_role("link", name="Gửi đơn đến cơ quan này").click()
    assert_accessible(page, axe)
    page.get_by_label("Khiếu nại", exact=True).check()
    page.get_by_label("Nội dung đơn").fill(
        "Khiếu nại quyết định thu hồi đất của gia đình tôi tại khu phố 3 không bồi thường."
    )
    page.get_by_label("Yêu cầu, đề nghị của bạn").fill("Đề nghị xem xét lại mức bồi thường.")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Số CCCD (12 chữ số)").fill("038085012345")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Địa chỉ").fill("Khu phố 3, phường Bắc Sơn")
    page.get_by_role("button", name="Tiếp tục: xem lại và gửi").click()
    page.get_by_text("Bước 3").wait_for()
    assert_accessible(page, axe)
    scan = tmp_path / "don-khieu-nai.pdf"
    scan.write_bytes(PDF)
    page.get_by_label(re.compile("Tài liệu kèm theo")).set_input_files(str(scan))
    page.get_by_role("button", name="Gửi đơn", exact=True).click()
    code = page.locator("#tracking-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert page.locator("img.qr").is_visible()
    assert_accessible(page, axe)
    screenshot(page, "portal-receipt-phone")
    petition = Petition.objects.get()
    assert petition.source == "online"
    assert petition.attachments.count() == 1
    assert code.replace("-", "") in gateway.received[0]["text"]
    assert gateway.received[0]["to"] == "0912345678"

    # The ward's chairman classifies it on the petition's page; the citizen follows it.
    today = timezone.localdate().isoformat()
    desk = officer_page(page, live_server, "chutich")
    desk.goto(f"/petitions/{petition.pk}/")
    classify = desk.locator("section", has=desk.get_by_role("heading", name="1. Phân loại"))
    classify.get_by_label("Loại đơn").select_option("complaint")
    classify.get_by_label("Lĩnh vực").select_option("admin.land_housing")
    classify.get_by_label("Điều kiện xử lý").select_option("eligible")
    classify.get_by_label("Thẩm quyền").select_option("true")
    classify.get_by_role("button", name="Lưu phân loại").click()
    desk.get_by_text("Đã phân loại đơn.").wait_for()
    page.goto("/cong-dan/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_label(re.compile("Số CCCD hoặc số điện thoại")).fill("038085012345")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#status-label").inner_text() == "Đang xem xét, phân loại đơn"
    assert_accessible(page, axe)

    # He accepts it for resolution: the citizen is texted and sees it.
    decide = desk.locator("section", has=desk.get_by_role("heading", name="3. Lãnh đạo quyết định"))
    decide.get_by_label("Hướng xử lý", exact=True).select_option("accept")
    decide.get_by_label("Ngày xử lý").fill(today)
    decide.get_by_role("button", name="Quyết định").click()
    desk.get_by_text("Đã quyết định hướng xử lý đơn").wait_for()
    screenshot(desk, "portal-online-petition-accepted-by-the-ward")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#status-label").inner_text() == "Đã thụ lý giải quyết"
    assert "thu ly" in gateway.received[-1]["text"]

    # He issues the decision on the matter's page: the citizen is told and may rate it, once.
    petition.refresh_from_db()
    case = petition.case
    desk.goto(f"/cases/{case.pk}/")
    step = desk.locator("#step-decide")
    step.locator("summary").click()
    step.get_by_label("Ngày ban hành").fill(today)
    step.get_by_label("Số", exact=True).fill("15/QĐ-UBND")
    step.get_by_label("Kết quả").select_option(rules.outcomes_for(case.kind)[0])
    step.get_by_label("Nội dung quyết định, kết luận").fill("Giữ nguyên quyết định thu hồi đất.")
    step.get_by_role("button", name="Ghi").click()
    desk.get_by_text("Đã ghi: quyết định, kết luận.").wait_for()
    desk.context.close()
    assert "ket qua giai quyet" in gateway.received[-1]["text"]
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#status-label").inner_text() == "Đã có kết quả giải quyết"
    assert leader.full_name not in page.content()
    assert_accessible(page, axe)
    page.get_by_label("4 — Hài lòng").check()
    page.get_by_label("Nhận xét (không bắt buộc)").fill("Cán bộ giải thích rõ ràng.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.get_by_text("Cảm ơn bạn đã đánh giá.").wait_for()
    assert page.get_by_role("button", name="Gửi đánh giá").count() == 0
    page.goto("/cong-dan/huong-dan/")
    assert_accessible(page, axe)


def test_anonymous_denunciation_reaches_the_intake(
    page, gateway, ward: Unit, receptionist: User
) -> None:
    page.set_viewport_size(PHONE_VIEWPORT)
    page.goto("/cong-dan/gui-don/26734/")
    page.get_by_label("Tố cáo", exact=True).check()
    page.get_by_label("Nội dung đơn").fill(
        "Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục cấp giấy chứng nhận."
    )
    page.get_by_label("Gửi đơn không ghi tên (nặc danh)").check()
    page.get_by_role("button", name="Tiếp tục: xem lại và gửi").click()
    page.get_by_text("Không ghi tên (nặc danh)").wait_for()
    page.get_by_role("button", name="Gửi đơn", exact=True).click()
    code = page.locator("#tracking-code").inner_text()
    assert gateway.received == []  # nobody to text
    petition = Petition.objects.get()
    assert petition.anonymous
    assert petition.petition_type == "denunciation"
    assert not petition.senders.exists()

    # Code alone is enough to follow an anonymous petition.
    page.goto("/cong-dan/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code)
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#status-label").inner_text() == "Đã tiếp nhận đơn"

    # The desk sees it in the unit's intake, flagged online and anonymous.
    page.goto("/cong-dan/")
    login(page, "tiepdan", PASSWORD)
    page.goto("/petitions/")
    row = page.locator("tr", has_text="Tố cáo")
    assert "trực tuyến" in row.inner_text()
    assert "nặc danh" in row.inner_text()


def test_public_register_on_a_phone(page, ward: Unit) -> None:
    import datetime as dt

    from tiepdan.cases.models import Case

    for n in range(22):
        Case.objects.create(
            unit=ward,
            kind="denunciation" if n % 2 else "complaint_first",
            domain="admin.land_housing",
            summary=f"Nội dung số {n} về việc cấp giấy chứng nhận quyền sử dụng đất.",
            opened_on=dt.date(2026, 1, 5),
            status="resolved",
            outcome="den_partly" if n % 2 else "wrong",
            decided_on=dt.date(2026, 2, 1) + dt.timedelta(days=n),
            decision_number=f"{n}/KL-UBND",
            published_on=dt.date(2026, 3, 1),
        )
    axe = Axe()
    page.set_viewport_size(PHONE_VIEWPORT)
    page.goto("/cong-dan/")
    page.get_by_role("link", name="Công khai kết quả").click()
    assert_accessible(page, axe)
    page.get_by_label("Tên cơ quan, đơn vị").fill("bac son")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Xem quyết định, kết luận đã công khai").click()
    page.get_by_text("21/KL-UBND").wait_for()
    assert page.locator("article").count() == 20
    assert_accessible(page, axe)
    page.get_by_role("link", name="Trang sau").click()
    page.get_by_text("0/KL-UBND").first.wait_for()
    assert page.locator("article").count() == 2
    assert_accessible(page, axe)


def test_dashboard_with_the_citizens_ratings_is_accessible(
    page, ward: Unit, police: Unit, leader: User
) -> None:
    for unit, score in ((ward, 5), (police, 3), (police, 4)):
        submitted = portal_services.public_petition_submit(
            unit_code=unit.code,
            petition_type="proposal",
            content="Kiến nghị sửa đường dân sinh khu phố 3.",
            anonymous=True,
        )
        Rating.objects.create(submission=submitted.submission, unit=unit, score=score)
    login(page, "chutich", PASSWORD)
    page.goto("/monitoring/")
    panel = page.locator("section", has=page.locator("#ratings-h"))
    panel.wait_for()
    assert "Công an phường Bắc Sơn" in panel.locator("table").inner_text()
    assert "4" in panel.locator(".tile").first.inner_text()  # (5 + 3 + 4) / 3
    screenshot(page, "monitoring-dashboard-with-ratings")
    assert_accessible(page, Axe())
