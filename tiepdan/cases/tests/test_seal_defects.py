"""One test per way a denouncer used to show (the audit of the running system as every role):
an unsealed acceptance, redaction misses, the guidance slip, Django admin, unaudited views, the
second factor, a year-1 date taking the register down, formulas in exported workbooks."""

import datetime as dt
import io
import zipfile

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.petitions import services as petition_services
from tiepdan.reception import services as reception_services
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reception.tests.conftest import at
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord
from tiepdan.vault.redaction import MASK, redact

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, PHONE = "Quách Thị Niềm", "038190054321", "0903111222"
ADDRESS = "Ngõ Kín Đáo, phường Bắc Sơn"


@pytest.fixture
def denouncer(ward):
    return citizen_services.citizen_create(
        unit=ward, actor=None, full_name=NAME, id_number=ID_NUMBER, phone=PHONE, address=ADDRESS
    )


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode()


def _letter(ward, processor, denouncer, summary: str):
    """A denunciation letter received by post from the denouncer."""
    return petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 3, 3),
        source="post",
        petition_type="denunciation",
        domain="corruption",
        summary=summary,
        senders=[denouncer],
        actor=processor,
    )


def _visit(ward, receptionist, denouncer, *, petition_type: str, content: str, **extra):
    """A visit guided at the desk on 03/03/2025."""
    data = reception_services.VisitInput(
        unit=ward,
        received_at=at("2025-03-03"),
        mode="regular",
        chaired_by="officer",
        channel="in_person",
        people_count=1,
        attendees=reception_services.attendees_of([denouncer]),
        case=None,
        petition_type=petition_type,
        domain="corruption" if petition_type == "denunciation" else "admin.land_housing",
        content=content,
        handling="guided",
        **extra,
    )
    return reception_services.visit_record(data, actor=receptionist)


def test_a_letter_received_by_post_and_accepted_is_sealed(ward, processor, leader, denouncer):
    petition = _letter(ward, processor, denouncer, f"{NAME}, {ADDRESS}, tố cáo cán bộ địa chính")
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 3, 5)
    )
    petition.refresh_from_db()
    case = Case.objects.get(pk=petition.case_id)
    # The vault holds the sender; nothing in plain links them to the denunciation.
    assert IdentityRecord.objects.filter(case=case, petition=petition).count() == 1
    assert not IdentityRecord.objects.filter(citizen__isnull=False).exists()
    assert not petition.senders.exists()
    assert [p.full_name for p in vault.petition_people(petition)] == [denouncer.full_name]
    assert not case.citizens.exists()
    assert NAME not in case.summary
    assert "Kín Đáo" not in case.summary


def test_redaction_finds_the_name_typed_without_diacritics_and_the_address(denouncer):
    text = (
        "Ba QUACH THI NIEM, o ngo kin dao (gần chợ phường Bắc Sơn); ĐT 0903 111 222, "
        "CCCD 038.190.054.321 tố cáo Quách Thị Niềm"
    )
    out = redact(text, [denouncer])
    for value in ("QUACH", "Quách", "kin dao", "111 222", "054.321"):
        assert value not in out, out
    assert out.count(MASK) == 5
    assert "phường Bắc Sơn" in out  # the administrative unit says where, not who


def test_the_api_summary_of_a_sealed_letter_names_nobody(
    ward, processor, receptionist, denouncer, client_for
):
    petition = _letter(ward, processor, denouncer, "Quach Thi Niem o Ngõ Kín Đáo tố cáo cán bộ")
    body = client_for(receptionist).get(f"/api/v1/petitions/{petition.pk}/").json()
    assert body["identity_sealed"] is True
    assert "Quach" not in body["summary"]
    assert "Kín Đáo" not in body["summary"]


def test_the_guidance_slip_of_a_sealed_visit_prints_no_denouncer(ward, receptionist, denouncer):
    result = _visit(
        ward,
        receptionist,
        denouncer,
        petition_type="denunciation",
        content=f"Bà {NAME} tố cáo chủ tịch xã",
        competent_body="Ủy ban nhân dân tỉnh Thanh Hóa",
        guidance="Gửi đơn đến Ủy ban nhân dân tỉnh",
    )
    client = Client()
    client.force_login(receptionist)
    response = client.get(f"/reception/visits/{result.visit.pk}/print/reception.guidance_slip/")
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "Quách" not in text
    assert "Kín Đáo" not in text
    assert "giữ bí mật" in text


def test_the_superuser_finds_no_denouncer_in_django_admin(
    ward, processor, leader, denouncer, django_user_model
):
    test_a_letter_received_by_post_and_accepted_is_sealed(ward, processor, leader, denouncer)
    root = django_user_model.objects.create_superuser("goc", "", "x-Mat-khau-2026")
    client = Client()
    client.force_login(root)
    for url in ("/admin/citizens/citizen/", f"/admin/citizens/citizen/?q={ID_NUMBER}"):
        page = client.get(url)
        assert page.status_code == 200
        assert NAME not in page.content.decode()
    change = client.get(f"/admin/citizens/citizen/{denouncer.pk}/change/", follow=True)
    assert NAME not in change.content.decode()


def test_viewing_a_denouncer_is_audited(ward, processor, leader, denouncer, client_for):
    petition = _letter(ward, processor, denouncer, "Tố cáo cán bộ địa chính")
    client = Client()
    client.force_login(leader)
    assert NAME in client.get(f"/petitions/{petition.pk}/").content.decode()
    client_for(leader).get(f"/api/v1/petitions/{petition.pk}/")
    client.get("/petitions/?view=open")
    where = list(
        AuditEvent.objects.filter(action=vault.IDENTITY_VIEWED).values_list(
            "data__where", flat=True
        )
    )
    assert sorted(where) == ["api", "petition page", "worklist"]


def test_the_admin_sign_in_asks_for_the_second_factor(django_user_model):
    root = django_user_model.objects.create_superuser("goc", "", "x-Mat-khau-2026")
    TOTPDevice.objects.create(user=root, name="điện thoại", confirmed=True)
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "goc", "password": "x-Mat-khau-2026"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    # A session that proved only the password (any sign-in path) is sent back to sign in.
    client.force_login(root)
    blocked = client.get("/admin/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/login/")
    assert client.get("/").status_code == 302  # signed out: the session opens nothing


def test_the_desk_refuses_a_visit_dated_year_one(receptionist, denouncer):
    client = Client()
    client.force_login(receptionist)
    form = {
        "mode": "regular",
        "chaired_by": "officer",
        "channel": "in_person",
        "people_count": "1",
        "case": "",
        "citizen": [denouncer.pk],
        "petition_type": "complaint",
        "domain": "admin.land_housing",
        "content": "Khiếu nại bồi thường",
        "handling": "guided",
        "within_competence": "unknown",
    }
    for field, value in (
        ("received_at", "0001-01-01T00:00"),
        ("appointment_at", "9999-12-31T08:00"),
    ):
        data = {"received_at": "2025-01-27T08:30", **form, field: value}
        response = client.post("/reception/desk/", data)
        assert response.status_code == 200
        assert "không hợp lệ" in response.content.decode()
    assert not ReceptionVisit.objects.exists()


def test_exported_workbooks_hold_formulas_as_text(ward, receptionist, denouncer):
    _visit(
        ward,
        receptionist,
        denouncer,
        petition_type="complaint",
        content='=HYPERLINK("http://example.invalid","bấm vào")',
        guidance="=cmd|' /C calc'!A0",
    )
    client = Client()
    client.force_login(receptionist)
    response = client.get("/reception/register.xlsx?first=2025-01-01&last=2025-12-31")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    assert any(str(c.value).startswith("=HYPERLINK") for c in values)
