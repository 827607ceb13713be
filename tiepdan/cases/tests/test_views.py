"""Case pages: permission matrix, query counts, a step through the form, bad input."""

import datetime as dt
import re

import pytest
from django.test import Client

from tiepdan.cases.models import Case

pytestmark = pytest.mark.django_db
D = dt.date


def _client(user, ward=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        if ward is not None:
            client.post("/units/switch/", {"unit": ward.pk})
    return client


@pytest.mark.parametrize(
    ("who", "page", "step"),
    [
        ("anonymous", 302, 302),
        ("outsider", 404, 404),
        ("partner", 404, 404),  # police is below the ward: the case is outside its scope
        ("receptionist", 200, 403),
        ("processor", 200, 403),
        ("resolver", 200, 400),
        ("leader", 200, 400),
        ("unit_admin", 200, 403),
    ],
)
def test_case_page_permission_matrix(request, open_case, ward, who, page, step) -> None:
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = _client(user)
    assert client.get(f"/cases/{case.pk}/").status_code == page
    # An empty step form: allowed roles get the form back with errors (400), nothing saved.
    assert client.post(f"/cases/{case.pk}/steps/verify/", {}).status_code == step
    assert not case.events.exists()


def test_case_list_and_page_query_counts(
    open_case, leader, ward, django_assert_max_num_queries
) -> None:
    for day in range(5):
        open_case(received_on=D(2025, 3, 3 + day), accepted_on=D(2025, 3, 10 + day))
    client = _client(leader, ward)
    with django_assert_max_num_queries(12):
        response = client.get("/cases/")
    assert response.status_code == 200
    assert response.content.decode().count("/cases/") >= 5
    case = Case.objects.order_by("pk").first()
    with django_assert_max_num_queries(25):
        assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_case_list_pages_by_next_due_in_constant_queries(
    open_case, leader, ward, monkeypatch
) -> None:
    """The next due date is kept on the case by the clock services; the list sorts on it a page
    at a time, and the number of queries does not grow with the number of cases."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tiepdan.cases import views
    from tiepdan.workcalendar import services as clock_services
    from tiepdan.workcalendar.models import Clock

    monkeypatch.setattr(views, "CASE_PAGE", 2)
    client = _client(leader, ward)

    def queries(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    for day in range(2):
        open_case(received_on=D(2025, 3, 3 + day), accepted_on=D(2025, 3, 10 + day))
    few = queries("/cases/")
    for day in range(2, 7):
        open_case(received_on=D(2025, 3, 3 + day), accepted_on=D(2025, 3, 10 + day))
    assert queries("/cases/") == few
    assert queries("/cases/?page=3") == few
    for case in Case.objects.all():
        first = Clock.objects.open().filter(object_id=case.pk).order_by("due", "pk").first()
        assert first is not None
        assert (case.next_due, case.next_rule) == (first.due, first.rule_code)
    # Stopping the earliest clock moves its case to its next clock, in the same transaction.
    earliest = Case.objects.order_by("next_due", "-accepted_on", "-pk").first()
    clock = Clock.objects.open().filter(object_id=earliest.pk).order_by("due", "pk").first()
    clock_services.clock_stop(clock=clock, met_on=clock.start)
    earliest.refresh_from_db()
    after = Clock.objects.open().filter(object_id=earliest.pk).order_by("due", "pk").first()
    assert earliest.next_due == (after.due if after else None)
    order = list(
        Case.objects.exclude(status="received")
        .order_by("next_due", "-accepted_on", "-pk")
        .values_list("pk", flat=True)
    )
    pages = [client.get(f"/cases/?page={n}").content.decode() for n in (1, 2, 3, 4)]
    shown = [pk for page in pages for pk in map(int, re.findall(r'href="/cases/(\d+)/"', page))]
    assert shown == order
    assert "Trang sau" in pages[0]
    assert "Trang sau" not in pages[3]
    # Filtered by status (read from the index on status and due date): the same order.
    Case.objects.filter(pk__in=order[::2]).update(status="suspended")
    for status in ("accepted", "suspended"):
        wanted = list(
            Case.objects.filter(status=status)
            .order_by("next_due", "-accepted_on", "-pk")
            .values_list("pk", flat=True)
        )
        pages = [client.get(f"/cases/?status={status}&page={n}").content.decode() for n in (1, 2)]
        shown = [pk for page in pages for pk in map(int, re.findall(r'href="/cases/(\d+)/"', page))]
        assert shown == wanted


def test_step_form_saves_and_bad_input_gets_a_vietnamese_message(
    open_case, leader, ward, django_capture_on_commit_callbacks
) -> None:
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    client = _client(leader, ward)
    bad = client.post(
        f"/cases/{case.pk}/steps/verify/",
        {"verify-on": "2025-01-23", "verify-team": "Một người", "verify-content": "Giá đất"},
    )
    assert bad.status_code == 400
    assert "Tổ xác minh phải có ít nhất 2 người." in bad.content.decode()
    assert not case.documents.exists()
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(
            f"/cases/{case.pk}/steps/verify/",
            {
                "verify-on": "2025-01-23",
                "verify-team": "Đỗ Thị Thủy, tổ trưởng\nLương Văn Hải",
                "verify-content": "Giá đất",
            },
        )
    assert ok.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Quyết định giao nhiệm vụ xác minh" in page
    doc = case.documents.get()
    assert client.get(f"/cases/documents/{doc.pk}/").status_code == 200


def test_case_api_contract(open_case, leader, client_for) -> None:
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    body = client_for(leader).get(f"/api/v1/cases/{case.pk}/").json()
    assert {"id", "kind", "status", "accepted_on", "clocks"} <= set(body)
    assert body["clocks"][0]["rule"] == "complaint.resolve.first"
    assert body["kind"] == "complaint_first"


def test_overdue_clock_shows_as_overdue_without_the_scan(open_case, leader, client_for) -> None:
    """A running clock whose due date has passed is "Quá hạn" on the page and in the API, even
    when scan_deadlines never ran (the stored status is still `running`)."""
    from tiepdan.workcalendar.models import Clock

    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    clock = Clock.objects.get(object_id=case.pk, rule_code="complaint.resolve.first")
    assert clock.status == Clock.Status.RUNNING
    assert clock.due < dt.date.today()
    page_client = Client()
    page_client.force_login(leader)
    page = page_client.get(f"/cases/{case.pk}/").content.decode()
    assert "Quá hạn" in page
    assert "Đang chạy" not in page
    clocks = client_for(leader).get(f"/api/v1/cases/{case.pk}/").json()["clocks"]
    assert clocks[0]["state"] == "missed"
    assert clocks[0]["state_label"] == "Quá hạn"
    assert clocks[0]["status"] == "running"


def test_case_amounts_are_written_the_vietnamese_way(open_case, leader) -> None:
    """A refund of 48.6 million is "48,6 triệu đồng" on the case page, not "48,600"."""
    from decimal import Decimal

    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    Case.objects.filter(pk=case.pk).update(
        status="resolved",
        decision_money_returned=Decimal("48.600"),
        decision_land_to_state=Decimal("1250.50"),
        money_returned=Decimal("48.600"),
    )
    client = Client()
    client.force_login(leader)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "trả lại 48,6 triệu đồng" in page
    assert "1.250,5 m²" in page
    assert "48,600" not in page


def test_a_finished_case_asks_for_nothing_more() -> None:
    """The demo's land complaint is decided, sent, in effect and executed: no reminder to hold
    a dialogue, no step panels; an accepted case still gets its panels."""
    from django.core.management import call_command

    from tiepdan.organizations.models import User

    call_command("load_demo", fixed=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    finished = Case.objects.get(unit__code="26734", kind="complaint_first", outcome="partly")
    running = Case.objects.get(unit__code="26734", kind="denunciation", status="accepted")
    client = _client(User.objects.get(username="chutich.bacson"))
    page = client.get(f"/cases/{finished.pk}/").content.decode()
    assert "bắt buộc đối thoại" not in page
    assert 'id="step-' not in page
    assert "Không còn việc phải làm." in page
    assert 'id="step-decide"' in client.get(f"/cases/{running.pk}/").content.decode()
