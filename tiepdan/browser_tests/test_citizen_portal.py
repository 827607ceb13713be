"""The citizens' channel on a phone: send a complaint with an attachment, keep the code, get
the SMS, follow it while the unit accepts and decides it, rate the handling; an anonymous
denunciation reaches the intake. axe-core checks every public page on the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.cases import rules
from tiepdan.cases import services as case_services
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
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


def test_complaint_sent_tracked_and_rated_on_a_phone(
    page, gateway, ward: Unit, leader: User, tmp_path
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

    # The unit classifies and accepts it; the citizen follows it.
    petition_services.petition_classify(
        petition=petition,
        actor=leader,
        petition_type="complaint",
        domain="admin.land_housing",
        eligibility="eligible",
        within_jurisdiction=True,
    )
    page.goto("/cong-dan/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_label(re.compile("Số CCCD hoặc số điện thoại")).fill("038085012345")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#status-label").inner_text() == "Đang xem xét, phân loại đơn"
    assert_accessible(page, axe)
    petition.refresh_from_db()
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=timezone.localdate()
    )
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#status-label").inner_text() == "Đã thụ lý giải quyết"
    assert "thu ly" in gateway.received[-1]["text"]

    # The decision closes it: the citizen is told and may rate the handling, once.
    petition.refresh_from_db()
    case = petition.case
    case_services.case_decide(
        case=case,
        on=timezone.localdate(),
        outcome=rules.outcomes_for(case.kind)[0],
        text="Giữ nguyên quyết định thu hồi đất.",
        actor=leader,
    )
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
