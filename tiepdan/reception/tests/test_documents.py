import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from docx import Document

from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import services, session_services
from tiepdan.reception.tests.conftest import at

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def visit(ward: Unit, receptionist: User, leader: User, citizen: Citizen):
    return services.visit_record(
        services.VisitInput(
            unit=ward,
            received_at=at("2025-01-27"),
            mode="regular",
            chaired_by="officer",
            channel="in_person",
            people_count=1,
            petition_type="complaint",
            domain="admin.land_housing",
            content="Khiếu nại về bồi thường giải phóng mặt bằng",
            handling="guided",
            competent_body="UBND tỉnh Thanh Hóa",
            guidance="Gửi đơn đến UBND tỉnh",
            appointment_at=at("2025-02-05", 9),
            appointment_place="Trụ sở tiếp công dân",
            documents=[{"title": "Quyết định thu hồi đất", "pages": 3, "kind": "bản sao"}],
            attendees=services.attendees_of([citizen]),
        ),
        actor=receptionist,
    ).visit


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("reception.receipt", ["Quyết định thu hồi đất", "Nguyễn Văn An"]),
        ("reception.appointment_slip", ["Nguyễn Văn An", "Trụ sở tiếp công dân"]),
        ("reception.guidance_slip", ["UBND tỉnh Thanh Hóa", "Gửi đơn đến UBND tỉnh"]),
    ],
)
def test_visit_documents_render_with_the_visit_data(
    client: Client, receptionist: User, visit, code: str, expected: list[str]
) -> None:
    client.force_login(receptionist)
    page = client.get(f"/reception/visits/{visit.pk}/").content.decode()
    assert f"/print/{code}/" in page
    response = client.get(f"/reception/visits/{visit.pk}/print/{code}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(response.content)
    for fragment in expected:
        assert fragment in text
    assert "ỦY BAN NHÂN DÂN" in text
    assert "{{" not in text


def test_a_guided_visit_without_a_competent_body_offers_no_guidance_slip(
    client: Client, receptionist: User, visit
) -> None:
    """The slip would read "… thuộc thẩm quyền giải quyết của ." : the page says what is
    missing instead, and the address itself refuses."""
    visit.competent_body = ""
    visit.save(update_fields=["competent_body"])
    client.force_login(receptionist)
    page = client.get(f"/reception/visits/{visit.pk}/").content.decode()
    assert "/print/reception.guidance_slip/" not in page
    assert "/print/reception.receipt/" in page
    assert "Phiếu hướng dẫn: chưa in được vì lượt tiếp chưa ghi cơ quan có thẩm quyền" in page
    response = client.get(f"/reception/visits/{visit.pk}/print/reception.guidance_slip/")
    assert response.status_code == 302


def test_refusal_notice_is_signed_by_the_head_and_cites_the_ground(
    client: Client, ward: Unit, receptionist: User, leader: User, citizen: Citizen
) -> None:
    visit = services.visit_record(
        services.VisitInput(
            unit=ward,
            received_at=at("2026-07-09"),
            mode="regular",
            chaired_by="officer",
            channel="in_person",
            people_count=1,
            petition_type="complaint",
            domain="admin.other",
            content="Khiếu nại kéo dài",
            handling="refused",
            refusal_ground="art9.3",
            attendees=services.attendees_of([citizen]),
        ),
        actor=receptionist,
    ).visit
    client.force_login(receptionist)
    response = client.get(f"/reception/visits/{visit.pk}/print/reception.refusal_notice/")
    text = docx_text(response.content)
    assert "Nguyễn Văn Trường" in text
    assert "Điều 9" in text
    assert "Nguyễn Văn An" in text


def test_a_document_that_does_not_apply_is_explained(
    client: Client, receptionist: User, visit
) -> None:
    client.force_login(receptionist)
    response = client.get(
        f"/reception/visits/{visit.pk}/print/reception.refusal_notice/", follow=True
    )
    assert "không có văn bản loại này" in response.content.decode()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_register_exports_in_the_layout_in_force(
    client: Client, receptionist: User, visit, fmt: str
) -> None:
    client.force_login(receptionist)
    response = client.get(f"/reception/register.{fmt}?first=2025-01-01&last=2025-01-31")
    assert response.status_code == 200
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert "Khiếu nại về bồi thường giải phóng mặt bằng" in values
        assert sheet.merged_cells.ranges
    else:
        assert "Khiếu nại về bồi thường giải phóng mặt bằng" in docx_text(response.content)


def test_conclusion_notice_lists_the_directions(
    client: Client, ward: Unit, police: Unit, leader: User
) -> None:
    session = session_services.session_create(
        unit=ward,
        actor=leader,
        date=dt.date(2025, 1, 22),
        mode="periodic",
        chaired_by="head",
        chair=leader,
    )
    session_services.session_conclude(
        session=session,
        actor=leader,
        issued_on=dt.date(2025, 1, 23),
        number="12/TB-UBND",
        content="Kết luận buổi tiếp định kỳ",
        directions=[
            {"text": "Nắm tình hình trước Tết", "assignee": police, "due_on": dt.date(2025, 2, 5)}
        ],
    )
    client.force_login(leader)
    response = client.get(f"/reception/sessions/{session.pk}/conclusion.docx")
    text = docx_text(response.content)
    assert "Nắm tình hình trước Tết" in text
    assert "12/TB-UBND" in text
    assert "Công an phường Bắc Sơn" in text
    # A download that may name citizens is audited (Luật 91/2025).
    from tiepdan.audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="personal_data.exported").latest("pk")
    assert event.data["what"] == "session.conclusion"
    assert event.actor == leader


PDF_CODES = [
    ("reception.receipt", ["GIẤY BIÊN NHẬN", "Quyết định thu hồi đất", "Nguyễn Văn An"]),
    ("reception.appointment_slip", ["PHIẾU HẸN", "Trụ sở tiếp công dân", "09 giờ 30 phút"]),
    (
        "reception.guidance_slip",
        ["PHIẾU HƯỚNG DẪN", "UBND tỉnh Thanh Hóa", "Gửi đơn đến UBND tỉnh"],
    ),
]


@pytest.mark.parametrize(("code", "expected"), PDF_CODES)
def test_visit_pdf_carries_the_same_data_as_the_word_document(
    visit, code: str, expected: list[str]
) -> None:
    from django.template.loader import render_to_string

    from tiepdan.reception import documents, pdf

    context, _day = documents.visit_document_context(visit, code)
    html = render_to_string(pdf.TEMPLATE, pdf.pdf_context(code, context))
    for fragment in [*expected, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN"]:
        assert fragment in html
    assert "ngày 27 tháng 01 năm 2025" in html
    assert "{{" not in html


@pytest.mark.parametrize(("code", "expected"), PDF_CODES)
def test_visit_pdf_opens_in_the_browser_to_print(
    client: Client, receptionist: User, visit, code: str, expected: list[str], tmp_path
) -> None:
    import shutil
    import subprocess

    client.force_login(receptionist)
    page = client.get(f"/reception/visits/{visit.pk}/").content.decode()
    assert f"/print/{code}/pdf/" in page
    response = client.get(f"/reception/visits/{visit.pk}/print/{code}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Disposition"].endswith('-20250127.pdf"')
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):  # poppler-utils: installed by scripts/test
        source = tmp_path / "document.pdf"
        source.write_bytes(response.content)
        done = subprocess.run(
            ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, timeout=60
        )
        text = done.stdout.decode()
        for fragment in expected:
            assert fragment in text


def test_visit_pdf_of_a_document_the_visit_has_not_goes_back_to_the_visit(
    client: Client, receptionist: User, visit, monkeypatch
) -> None:
    import sys

    # Refused before WeasyPrint (and Pango's libraries) is loaded: importing it would fail.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    client.force_login(receptionist)
    response = client.get(f"/reception/visits/{visit.pk}/print/reception.refusal_notice/pdf/")
    assert response.status_code == 302
    assert response["Location"] == f"/reception/visits/{visit.pk}/"
