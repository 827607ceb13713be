"""Personal data (Luật 91/2025): retention as data, anonymisation that keeps the statistics,
a subject-access answer with sealed items left out, every personal-data download audited."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
from tiepdan.privacy import constants, retention, selectors, services
from tiepdan.privacy.models import Anonymisation, RetentionRule
from tiepdan.reception import services as reception_services
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reception.tests.conftest import at

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, PHONE = "Đinh Thị Mận Hảo", "038190246813", "0913579246"
LATER = dt.date(2037, 1, 1)  # past every seeded period for records of 2025–2026
REPORT = "/api/v1/reports/01-TCD/?unit=38&from=2024-12-15&to=2025-03-14"


@pytest.fixture
def person(ward, receptionist) -> Citizen:
    return citizen_services.citizen_create(
        unit=ward,
        actor=receptionist,
        full_name=NAME,
        id_number=ID_NUMBER,
        phone=PHONE,
        address="Số 9 ngõ Mận Hảo",
    )


@pytest.fixture
def records(ward, receptionist, processor, person):
    visit = reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward,
            received_at=at("2025-01-27"),
            mode="regular",
            chaired_by="officer",
            channel="in_person",
            people_count=1,
            petition_type="complaint",
            domain="admin.land_housing",
            content=f"Bà {NAME} khiếu nại về bồi thường giải phóng mặt bằng",
            handling="guided",
            competent_body="UBND tỉnh Thanh Hóa",
            guidance="Gửi đơn đến UBND tỉnh",
            attendees=reception_services.attendees_of([person]),
        ),
        actor=receptionist,
    ).visit
    petition = petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 2, 3),
        source="post",
        petition_type="proposal",
        domain="other",
        summary=f"Bà {NAME} kiến nghị sửa đường",
        senders=[person],
        actor=processor,
    )
    denunciation = petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 2, 4),
        source="post",
        petition_type="denunciation",
        domain="other",
        summary="Tố cáo cán bộ thu tiền sai quy định",
        senders=[person],
        actor=processor,
    )
    return visit, petition, denunciation


def test_retention_rules_are_data_with_basis_and_dates() -> None:
    rules = selectors.rules_in_force(dt.date(2026, 6, 1))
    assert {r.kind for r in rules} == {"citizen", "visit", "petition", "matter", "document"}
    assert all(r.legal_basis and r.valid_from == dt.date(2026, 1, 1) for r in rules)
    assert selectors.rules_in_force(dt.date(2025, 6, 1)) == []
    # A newer rule takes over from its date; the old one keeps its history.
    citizen_rule = next(r for r in rules if r.kind == "citizen")
    citizen_rule.valid_to = dt.date(2027, 12, 31)
    citizen_rule.save()
    RetentionRule.objects.create(
        kind="citizen", years=5, legal_basis="Quy định mới", valid_from=dt.date(2028, 1, 1)
    )
    later = {r.kind: r.years for r in selectors.rules_in_force(dt.date(2028, 6, 1))}
    assert later["citizen"] == 5
    assert retention.years_before(dt.date(2028, 2, 29), 5) == dt.date(2023, 2, 28)


def test_anonymise_keeps_the_report_figures(records, unit_admin, client_for, person) -> None:
    visit, petition, _denunciation = records
    client = client_for(unit_admin)
    before = client.get(REPORT)
    assert before.status_code == 200, before.content
    # Not yet past the period: nothing changes.
    assert services.anonymise_expired(day=dt.date(2030, 1, 1)).citizens == 0
    # A person with a matter still open keeps their data whatever the period.
    assert services.anonymise_expired(day=LATER, dry_run=True).citizens == 0
    Case.objects.update(status="closed")
    dry = services.anonymise_expired(day=LATER, dry_run=True)
    assert (dry.citizens, dry.visits) == (1, 1)
    assert not Anonymisation.objects.exists()
    call_command("anonymise_expired", "--on", LATER.isoformat())
    person.refresh_from_db()
    assert person.full_name == constants.ANONYMISED_NAME
    assert (person.id_number, person.phone, person.address) == ("", "", "")
    visit.refresh_from_db()
    assert NAME not in visit.content
    petition.refresh_from_db()
    assert NAME not in petition.summary
    # The rows and their links stay: every figure of the report is the same.
    assert Citizen.objects.filter(pk=person.pk).exists()
    assert ReceptionVisit.objects.count() == 1
    assert Petition.objects.count() == 2
    after = client.get(REPORT)
    assert after.json()["rows"] == before.json()["rows"]
    assert after.json().get("totals") == before.json().get("totals")
    assert AuditEvent.objects.filter(action=constants.ANONYMISED).exists()
    # Idempotent.
    again = services.anonymise_expired(day=LATER)
    assert (again.citizens, again.visits, again.petitions) == (0, 0, 0)


def test_the_dry_run_says_what_it_reaches() -> None:
    import io

    out = io.StringIO()
    call_command("anonymise_expired", "--on", LATER.isoformat(), "--dry-run", stdout=out)
    text = out.getvalue()
    assert text.startswith("Sẽ xóa dữ liệu cá nhân: 0 công dân")
    for reach in ("vụ việc", "văn bản đã ban hành", "tệp đơn", "Cơ sở dữ liệu quốc gia", "kho"):
        assert reach in text, reach


def test_bad_date_for_the_command() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("anonymise_expired", "--on", "2037-13-01")


def test_subject_access_page_and_export_leave_sealed_items_out(
    records, processor, receptionist, person
) -> None:
    _visit, petition, _denunciation = records
    client = Client()
    # The desk without a processing role does not even learn the person denounced something.
    client.force_login(receptionist)
    assert client.get(f"/privacy/citizens/{person.pk}/").status_code == 404
    client.force_login(processor)
    page = client.get(f"/privacy/citizens/{person.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert NAME in text
    assert "Luật Bảo vệ dữ liệu cá nhân" in text
    assert "kiến nghị sửa đường" in text
    assert "Tố cáo cán bộ" not in text
    response = client.get(f"/privacy/citizens/{person.pk}/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["person"]["id_number"] == ID_NUMBER
    assert [p["number"] for p in data["petitions"]] == [f"{petition.number}/{petition.year}"]
    assert len(data["visits"]) == 1
    assert "91/2025" in data["legal_basis"][0]
    assert {r["kind"] for r in data["retention"]} == {
        "citizen",
        "visit",
        "petition",
        "matter",
        "document",
    }
    assert "Tố cáo cán bộ" not in response.content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert constants.SUBJECT_ACCESS_VIEWED in actions
    assert constants.SUBJECT_ACCESS_EXPORTED in actions
    assert "personal_data.exported" in actions


def test_subject_access_is_scoped(records, person, province) -> None:
    from tiepdan.conftest import _user
    from tiepdan.organizations import services as org_services
    from tiepdan.organizations.constants import Role, UnitKind

    other = org_services.unit_create(
        code="26737", name="Phường Khác", kind=UnitKind.WARD, parent=province
    )
    client = Client()
    client.force_login(_user("tiepdankhac", other, Role.RECEPTIONIST))
    assert client.get(f"/privacy/citizens/{person.pk}/").status_code == 404
    assert client.get(f"/privacy/citizens/{person.pk}/export.json").status_code == 404


def test_subject_access_in_few_queries(records, processor, person) -> None:
    client = Client()
    client.force_login(processor)
    client.get(f"/privacy/citizens/{person.pk}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/privacy/citizens/{person.pk}/").status_code == 200
    assert len(queries) <= 25


def test_rules_page_and_menu(receptionist) -> None:
    client = Client()
    client.force_login(receptionist)
    page = client.get("/privacy/").content.decode()
    assert "Thời hạn lưu" in page
    assert 'href="/privacy/"' in page


def test_register_and_visit_downloads_are_audited(records, receptionist) -> None:
    visit, _petition, _denunciation = records
    client = Client()
    client.force_login(receptionist)
    response = client.get("/reception/register.xlsx?first=2025-01-01&last=2025-01-31")
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="personal_data.exported").latest("pk")
    assert event.data["what"] == "register.xlsx"
    assert event.data["rows"] == 1
    assert event.actor == receptionist
    response = client.get(f"/reception/visits/{visit.pk}/print/reception.guidance_slip/")
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="personal_data.exported").latest("pk")
    assert event.data["what"] == "visit.reception.guidance_slip"
