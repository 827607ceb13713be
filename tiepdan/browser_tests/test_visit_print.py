"""Receipts and slips printed as PDF in one click from the visit page."""

import pytest
from django.template.loader import render_to_string

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.citizens import services as citizen_services
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import documents, pdf, services
from tiepdan.reception.tests.conftest import at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_receipt_opens_as_pdf_from_the_visit_page(page, ward: Unit, receptionist: User) -> None:
    citizen = citizen_services.citizen_create(
        unit=ward, actor=None, full_name="Nguyễn Văn An", id_number="038085012345"
    )
    visit = services.visit_record(
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
            handling="appointment",
            appointment_at=at("2025-02-05", 9),
            appointment_place="Trụ sở tiếp công dân",
            documents=[{"title": "Quyết định thu hồi đất", "pages": 3, "kind": "bản sao"}],
            attendees=services.attendees_of([citizen]),
        ),
        actor=receptionist,
    ).visit
    login(page, "tiepdan", PASSWORD)
    page.goto(f"/reception/visits/{visit.pk}/")
    screenshot(page, "visit-print-buttons")
    link = page.get_by_role("link", name="In Giấy biên nhận tài liệu (PDF)")
    assert link.get_attribute("target") == "_blank"  # a tab of its own, the visit stays open
    with (
        page.context.expect_page() as opened,
        page.context.expect_event("response", lambda r: r.url.endswith("/pdf/")) as answered,
    ):
        link.click()
    response = answered.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    # The browser shows it in its PDF viewer, ready to print; the bytes are a PDF.
    assert page.request.get(response.url).body().startswith(b"%PDF")
    opened.value.close()

    # The printed layout, looked at in the browser (the PDF is rendered from this HTML).
    for code in ("reception.receipt", "reception.appointment_slip"):
        context, _day = documents.visit_document_context(visit, code)
        page.goto("about:blank")  # a page of its own: the application's policy is not the PDF's
        page.set_content(render_to_string(pdf.TEMPLATE, pdf.pdf_context(code, context)))
        screenshot(page, f"visit-{code.split('.')[1]}-pdf-layout")
