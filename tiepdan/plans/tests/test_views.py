"""HTML pages: permission matrix, query counts, downloads, public page, iCalendar feed."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tiepdan.plans import outputs, roster_services, services
from tiepdan.plans.models import Plan, Shift
from tiepdan.plans.views import ical_token

D = dt.date


@pytest.fixture
def plan(ward, leader, deputy, officers) -> Plan:
    plan = services.plan_create(
        unit=ward,
        actor=leader,
        title="Tổ chức tiếp công dân phục vụ Tết Nguyên đán Ất Tỵ năm 2025",
        starts_on=D(2025, 1, 23),
        ends_on=D(2025, 2, 9),
        issued_on=D(2025, 1, 16),
        recipients=["UBND thị xã", "Lưu: VP"],
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn Trường",
    )
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader, deputy], actor=leader
    )
    return plan


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["unit_id"] = user.memberships.first().unit_id
    session.save()
    return client


def pages(plan: Plan) -> dict[str, str]:
    shift = plan.shifts.first()
    return {
        "detail": reverse("plans:detail", args=[plan.pk]),
        "roster": reverse("plans:roster", args=[plan.pk]),
        "xlsx": reverse("plans:roster_xlsx", args=[plan.pk]),
        "docx": reverse("plans:docx", args=[plan.pk]),
        "edit": reverse("plans:edit", args=[plan.pk]),
        "shift": reverse("plans:shift_edit", args=[plan.pk, shift.pk]),
    }


def test_anonymous_is_sent_to_login(client, plan):
    for url in [reverse("plans:list"), *pages(plan).values(), reverse("plans:my_shifts")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"]


def test_outsider_gets_404(plan, outsider):
    c = client_of(outsider)
    for name, url in pages(plan).items():
        assert c.get(url).status_code == 404, name


def test_wrong_role_gets_403(plan, processor, partner, police, leader):
    c = client_of(processor)
    urls = pages(plan)
    assert c.get(urls["detail"]).status_code == 200
    assert c.get(urls["roster"]).status_code == 200
    assert c.get(urls["edit"]).status_code == 403
    assert c.get(urls["shift"]).status_code == 403
    assert c.post(urls["roster"], {"head": leader.pk}).status_code == 403
    assert c.get(reverse("plans:create")).status_code == 403
    services.task_create(
        plan=plan, actor=leader, assignee_label="Công an phường", content="Nắm tình hình.",
        lead_unit=police,
    )  # fmt: skip
    p = client_of(partner)
    assert p.get(urls["detail"]).status_code == 200
    assert p.get(urls["roster"]).status_code == 403


def test_allowed_user_sees_everything(plan, leader):
    c = client_of(leader)
    for name, url in pages(plan).items():
        assert c.get(url).status_code == 200, name
    page = c.get(pages(plan)["roster"]).content.decode()
    assert "Chủ tịch UBND cấp xã tiếp công dân định kỳ ít nhất 1 ngày trong tuần" in page
    assert "Đạt" in page


def test_list_pages_query_counts(plan, leader, django_assert_max_num_queries, ward, officers):
    for i in range(5):
        services.plan_create(
            unit=ward, actor=leader, title=f"Kế hoạch quý {i + 1}",
            starts_on=D(2026, 1, 1), ends_on=D(2026, 3, 31),
        )  # fmt: skip
    c = client_of(leader)
    with django_assert_max_num_queries(12):
        assert c.get(reverse("plans:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert c.get(reverse("plans:leaves")).status_code == 200
    c2 = client_of(officers[0])
    with django_assert_max_num_queries(12):
        response = c2.get(reverse("plans:my_shifts") + "?all=1")
    assert response.status_code == 200
    with django_assert_max_num_queries(40):
        assert c.get(pages(plan)["roster"]).status_code == 200


def test_generate_from_the_page(ward, leader, deputy, officers):
    plan = services.plan_create(
        unit=ward, actor=leader, title="Tết 2027", starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 14)
    )
    c = client_of(leader)
    url = reverse("plans:roster", args=[plan.pk])
    response = c.post(url, {"head": leader.pk, "leaders": [deputy.pk], "officers": []})
    assert response.status_code == 200
    assert "Chưa chọn cán bộ trực" in response.content.decode()
    assert not plan.shifts.exists()
    response = c.post(
        url, {"head": leader.pk, "leaders": [deputy.pk], "officers": [u.pk for u in officers]}
    )
    assert response.status_code == 302
    assert plan.shifts.count() == 10 * 2 + 4


def test_compliance_partial(plan, leader):
    c = client_of(leader)
    response = c.get(pages(plan)["roster"] + "?part=compliance", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Quy định" in body


def test_xlsx_download(plan, leader):
    response = client_of(leader).get(pages(plan)["xlsx"])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Lịch trực"]
    values = [c.value for c in sheet[5]]
    assert values[:3] == ["STT", "Ngày", "Thứ"]
    assert sheet.max_row - 5 == plan.shifts.count()


def test_public_page_needs_no_login(client, plan, leader):
    roster_services.roster_publish(plan=plan, actor=leader, on=D(2025, 1, 16))
    response = client.get(reverse("plans:public", args=["26734"]))
    assert response.status_code == 200
    assert "Lịch tiếp công dân" in response.content.decode()
    assert client.get(reverse("plans:public", args=["khong-co"])).status_code == 404


def test_ical_feed(client, ward, leader, officers):
    user = officers[0]
    today = dt.date.today()
    upcoming = services.plan_create(
        unit=ward, actor=leader, title="Trực tháng này", starts_on=today,
        ends_on=today + dt.timedelta(days=6),
    )  # fmt: skip
    roster_services.roster_generate(
        plan=upcoming, officers=officers, leaders=[leader], actor=leader
    )
    assert Shift.objects.filter(assignments__user=user).exists()
    response = client.get(reverse("plans:ical", args=[ical_token(user)]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "BEGIN:VEVENT" in text
    assert client.get(reverse("plans:ical", args=["sai-token"])).status_code == 404


def test_create_and_copy_pages(ward, leader, plan):
    c = client_of(leader)
    response = c.post(
        reverse("plans:create"),
        {"title": "Kế hoạch Tết 2027", "starts_on": "2027-02-01", "ends_on": "2027-01-01"},
    )
    assert "trước ngày bắt đầu" in response.content.decode()
    response = c.post(
        reverse("plans:copy"), {"source": plan.pk, "starts_on": "2027-01-29", "title": ""}
    )
    assert response.status_code == 302
    assert Plan.objects.filter(title__contains="Đinh Mùi năm 2027").exists()


def test_a_new_plan_says_what_its_document_lacks_before_download(plan, leader, police):
    c = client_of(leader)
    page = c.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "nếu tải bây giờ sẽ chỉ là khung" in page
    assert "nội dung phần «I. MỤC ĐÍCH, YÊU CẦU»" in page
    assert "nội dung phần «III. TỔ CHỨC THỰC HIỆN»" in page
    services.plan_update(plan=plan, actor=leader, purposes=["Bảo đảm tiếp công dân dịp Tết."])
    services.task_create(
        plan=plan, actor=leader, assignee_label="Công an phường", content="Nắm tình hình.",
        lead_unit=police,
    )  # fmt: skip
    page = c.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "chỉ là khung" not in page


def test_file_names_are_cut_at_a_word(plan):
    plan.title = "Tổ chức tiếp công dân phục vụ Tết Dương lịch năm 2021 và Tết Nguyên đán Tân Sửu"
    name = outputs.plan_filename(plan, "ke-hoach", "docx")
    assert name == "ke-hoach-to-chuc-tiep-cong-dan-phuc-vu-tet-duong-lich-nam-2021-va-tet.docx"
    assert outputs.roster_filename(plan, "xlsx").startswith("lich-truc-to-chuc-")


def test_the_roster_form_offers_the_units_people_under_their_captions(plan, leader, province):
    from tiepdan.conftest import _user

    _user("canbo.tinh", province, "receptionist", "Cán Bộ Tỉnh")
    page = client_of(leader).get(reverse("plans:roster", args=[plan.pk])).content.decode()
    assert "Cán Bộ Tỉnh" not in page  # province staff are not the ward's duty officers
    form = page[page.index('id="roster-form"') :]
    leaders = form.index("<legend>Lãnh đạo trực khác</legend>")
    officers = form.index("<legend>Cán bộ trực</legend>")
    assert leaders < form.index('name="leaders"') < officers < form.index('name="officers"')


def test_a_province_user_cannot_be_put_on_the_wards_duty(plan, leader, province, officers):
    from tiepdan.conftest import _user
    from tiepdan.core.errors import DomainError

    stranger = _user("canbo.tinh", province, "receptionist", "Cán Bộ Tỉnh")
    with pytest.raises(DomainError, match="không thuộc"):
        roster_services.roster_generate(
            plan=plan, officers=[*officers, stranger], leaders=[leader], actor=leader
        )
