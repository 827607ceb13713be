import re

import pytest
from django.test import Client

from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import services
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reception.tests.conftest import at

pytestmark = pytest.mark.django_db

FORM = {
    "received_at": "2025-01-27T08:30",
    "mode": "regular",
    "chaired_by": "officer",
    "channel": "in_person",
    "people_count": "1",
    "case": "",
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "content": "Khiếu nại bồi thường",
    "handling": "guided",
    "within_competence": "unknown",
}


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [(None, 302), ("partner", 403), ("receptionist", 200), ("leader", 200)],
)
def test_desk_permissions(
    client: Client,
    request: pytest.FixtureRequest,
    user_fixture: str | None,
    status: int,
    ward: Unit,
    police: Unit,
) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    assert client.get("/reception/desk/").status_code == status


def test_desk_records_a_visit_and_redirects_to_it(
    client: Client, receptionist: User, citizen: Citizen
) -> None:
    client.force_login(receptionist)
    response = client.post("/reception/desk/", {**FORM, "citizen": [citizen.pk]})
    visit = ReceptionVisit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reception/visits/{visit.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Lượt tiếp số 1/2025" in page
    assert "Nguyễn Văn An" in page


def test_desk_errors_are_shown_in_vietnamese_and_nothing_is_saved(
    client: Client, receptionist: User, citizen: Citizen
) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/reception/desk/",
        {**FORM, "citizen": [citizen.pk], "people_count": "0", "received_at": "2099-01-01T08:00"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số người phải từ 1 trở lên" in html
    assert not ReceptionVisit.objects.exists()
    # The chosen citizen is kept on the re-rendered form: nothing typed is lost.
    assert f'name="citizen" value="{citizen.pk}"' in html


def test_desk_without_citizen_explains(client: Client, receptionist: User, ward: Unit) -> None:
    client.force_login(receptionist)
    html = client.post("/reception/desk/", FORM).content.decode()
    assert "Cần ít nhất một công dân" in html


def test_desk_search_and_pick_are_htmx_partials(
    client: Client, receptionist: User, citizen: Citizen
) -> None:
    client.force_login(receptionist)
    results = client.get("/reception/desk/search/?q=nguyen van", HTTP_HX_REQUEST="true")
    assert "Nguyễn Văn An" in results.content.decode()
    assert "<html" not in results.content.decode()
    picked = client.get(f"/reception/desk/pick/{citizen.pk}/", HTTP_HX_REQUEST="true")
    html = picked.content.decode()
    assert f'name="citizen" value="{citizen.pk}"' in html
    assert 'hx-swap-oob="beforeend:#history"' in html
    assert f'id="history-{citizen.pk}"' in html
    assert 'id="case-field" hx-swap-oob="true"' in html


def test_desk_new_citizen_with_bad_id_returns_the_form_with_errors(
    client: Client, receptionist: User, ward: Unit
) -> None:
    client.force_login(receptionist)
    response = client.post(
        "/reception/desk/new-citizen/",
        {"full_name": "Lê Văn Tám", "id_number": "12AB"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Retarget"] == "#new-citizen"
    assert "chỉ gồm chữ số" in response.content.decode()
    assert not Citizen.objects.exists()


def test_register_lists_the_period_in_line_order_with_constant_queries(
    client: Client,
    receptionist: User,
    citizen: Citizen,
    group: list[Citizen],
    django_assert_max_num_queries,
) -> None:
    for day in range(1, 21):
        services.visit_record(
            services.VisitInput(
                unit=receptionist.memberships.get().unit,
                received_at=at(f"2025-01-{day:02d}"),
                mode="regular",
                chaired_by="officer",
                channel="in_person",
                people_count=5 if day % 2 else 1,
                petition_type="complaint",
                domain="admin.other",
                content=f"Nội dung {day}",
                handling="guided",
                attendees=services.attendees_of(group if day % 2 else [citizen]),
            ),
            actor=receptionist,
        )
    client.force_login(receptionist)
    client.get("/reception/?first=2025-01-01&last=2025-01-31")
    # The totals of the period and its online and leaders' sessions: one query each.
    with django_assert_max_num_queries(14):
        response = client.get("/reception/?first=2025-01-01&last=2025-01-31")
    html = response.content.decode()
    assert len(re.findall(r"Nội dung \d+<", html)) == 20
    assert html.index("Nội dung 1<") < html.index("Nội dung 20<")
    assert "Mẫu số 03, Thông tư 04/2021/TT-TTCP" in html


def test_register_pages_with_the_totals_of_the_whole_period(
    client: Client,
    receptionist: User,
    citizen: Citizen,
    group: list[Citizen],
    monkeypatch,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tiepdan.reception import views

    monkeypatch.setattr(views, "REGISTER_PAGE", 7)
    for day in range(1, 21):
        services.visit_record(
            services.VisitInput(
                unit=receptionist.memberships.get().unit,
                received_at=at(f"2025-01-{day:02d}"),
                mode="regular",
                chaired_by="officer",
                channel="in_person",
                people_count=5 if day % 2 else 1,
                petition_type="complaint",
                domain="admin.other",
                content=f"Nội dung {day}",
                handling="guided",
                attendees=services.attendees_of(group if day % 2 else [citizen]),
            ),
            actor=receptionist,
        )
    client.force_login(receptionist)
    url = "/reception/?first=2025-01-01&last=2025-01-31"
    client.get(url)
    counts, pages = [], []
    for n in (1, 2, 3):
        with CaptureQueriesContext(connection) as ctx:
            pages.append(client.get(f"{url}&page={n}").content.decode())
        counts.append(len(ctx))
    assert len(set(counts)) == 1
    lines = [re.findall(r"Nội dung (\d+)<", html) for html in pages]
    assert [len(x) for x in lines] == [7, 7, 6]
    assert [int(n) for x in lines for n in x] == list(range(1, 21))
    groups = ReceptionVisit.objects.filter(is_mass_group=True).count()
    for html in pages:
        assert f"Cả kỳ: 20 lượt tiếp, 60 người, {groups} đoàn đông người." in html
        assert re.search(r"Trang \d/3", html)


def test_register_after_the_reform_uses_the_new_layout(
    client: Client, receptionist: User, ward: Unit
) -> None:
    client.force_login(receptionist)
    html = client.get("/reception/?first=2026-07-01&last=2026-07-31").content.decode()
    assert "Mẫu số 03/TCD" in html
    assert "Số người cùng nội dung" in html


def test_register_with_reversed_dates_explains(
    client: Client, receptionist: User, ward: Unit
) -> None:
    client.force_login(receptionist)
    html = client.get("/reception/?first=2025-02-01&last=2025-01-01").content.decode()
    assert "Ngày kết thúc trước ngày bắt đầu" in html


def test_desk_proposes_the_returning_citizens_open_matter(
    client: Client, receptionist: User, citizen: Citizen
) -> None:
    from tiepdan.cases.models import Case, CaseStatus

    client.force_login(receptionist)
    client.post("/reception/desk/", {**FORM, "citizen": [citizen.pk]})
    client.post(
        "/reception/desk/", {**FORM, "citizen": [citizen.pk], "received_at": "2025-02-03T08:30"}
    )
    older, newer = Case.objects.order_by("pk")
    Case.objects.filter(pk=newer.pk).update(status=CaseStatus.CLOSED)
    picked = client.get(f"/reception/desk/pick/{citizen.pk}/", HTTP_HX_REQUEST="true")
    field = re.search(r'<div id="case-field".*?</select>', picked.content.decode(), re.S).group(0)
    assert f'<option value="{older.pk}" selected>' in field  # the open one, not the closed one
    assert '<option value="" selected>' not in field
    page = client.get(f"/reception/desk/?citizen={citizen.pk}").content.decode()
    assert f'<option value="{older.pk}" selected>' in page


def test_desk_offers_a_new_matter_when_none_is_open(
    client: Client, receptionist: User, citizen: Citizen
) -> None:
    from tiepdan.cases.models import Case, CaseStatus

    client.force_login(receptionist)
    client.post("/reception/desk/", {**FORM, "citizen": [citizen.pk]})
    Case.objects.update(status=CaseStatus.CLOSED)
    picked = client.get(f"/reception/desk/pick/{citizen.pk}/", HTTP_HX_REQUEST="true")
    assert '<option value="" selected>' in picked.content.decode()


def test_desk_new_citizen_saved_after_an_error_returns_an_empty_form(
    client: Client, receptionist: User, ward: Unit
) -> None:
    client.force_login(receptionist)
    client.post(
        "/reception/desk/new-citizen/",
        {"full_name": "Lê Văn Tám", "id_number": "12AB"},
        HTTP_HX_REQUEST="true",
    )
    response = client.post(
        "/reception/desk/new-citizen/",
        {"full_name": "Lê Văn Tám", "id_number": "038085099999"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "HX-Retarget" not in response
    tam = Citizen.objects.get()
    assert f'id="chip-{tam.pk}"' in html
    form = re.search(r'<form id="new-citizen".*?</form>', html, re.S).group(0)
    assert 'hx-swap-oob="true"' in form
    assert "Lê Văn Tám" not in form
    assert "038085099999" not in form
    assert "field-error" not in form


def test_desk_keeps_the_history_of_every_picked_person(
    client: Client, receptionist: User, citizen: Citizen, group: list[Citizen]
) -> None:
    client.force_login(receptionist)
    other = group[0]
    page = client.get(f"/reception/desk/?citizen={citizen.pk}&citizen={other.pk}").content.decode()
    assert f'id="history-{citizen.pk}"' in page
    assert f'id="history-{other.pk}"' in page
    picked = client.get(
        f"/reception/desk/pick/{group[1].pk}/?citizen={citizen.pk}", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-swap-oob="beforeend:#history"' in picked  # added beside, not in place of


def test_desk_runs_no_inline_script(client: Client, receptionist: User, citizen: Citizen) -> None:
    client.force_login(receptionist)
    page = client.get(f"/reception/desk/?citizen={citizen.pk}").content.decode()
    assert "/static/js/desk.js" in page
    for inline in ("onclick=", 'onchange="this.value', "hx-on", "<script>", "style="):
        assert inline not in page.split("<main", 1)[1], inline


def test_register_reads_the_vault_once_for_a_page_of_denunciations(
    client: Client, receptionist: User, leader: User, citizen: Citizen
) -> None:
    """The denunciations on a matter keep their attendees and content in the vault: the page
    reads them for all its lines at once, so its queries do not grow with them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def record(day: int) -> ReceptionVisit:
        return services.visit_record(
            services.VisitInput(
                unit=receptionist.memberships.get().unit,
                received_at=at(f"2025-01-{day:02d}"),
                mode="regular",
                chaired_by="officer",
                channel="in_person",
                people_count=1,
                petition_type="denunciation",
                domain="admin.other",
                content=f"Tố cáo số {day}",
                handling="petition_received",
                within_competence=True,
                attendees=services.attendees_of([citizen]),
            ),
            actor=receptionist,
        ).visit

    def queries(user: User) -> int:
        client.force_login(user)
        client.get("/reception/?first=2025-01-01&last=2025-01-31")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/reception/?first=2025-01-01&last=2025-01-31")
        assert response.status_code == 200
        return len(captured.captured_queries)

    assert record(1).case_id is not None
    few = {user.pk: queries(user) for user in (receptionist, leader)}
    for day in range(2, 9):
        record(day)
    assert {user.pk: queries(user) for user in (receptionist, leader)} == few
