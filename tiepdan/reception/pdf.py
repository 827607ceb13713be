"""Receipts, slips and the refusal notice as PDF, for desks without a word processor.

The same data as the Word documents (reception.documents.visit_document_context), laid out on
A4 in the NĐ 30/2020 presentation and rendered from HTML by WeasyPrint, as the reports' PDF are.
The wording follows the Word templates of the same form version.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from tiepdan.documents import formatting
from tiepdan.documents.registry import form_version_for
from tiepdan.documents.services import RenderedDocument, document_filename
from tiepdan.reception.documents import visit_document_context
from tiepdan.reception.models import ReceptionVisit

TEMPLATE = "reception/visit_document_pdf.html"
PDF_TYPE = "application/pdf"

# code: (number suffix, title, subtitle), as in the Word templates.
HEADINGS = {
    "reception.receipt": ("GBN", "GIẤY BIÊN NHẬN", "Thông tin, tài liệu, bằng chứng"),
    "reception.appointment_slip": ("PH", "PHIẾU HẸN", "Thời gian, địa điểm tiếp công dân"),
    "reception.guidance_slip": (
        "PHD",
        "PHIẾU HƯỚNG DẪN",
        "Gửi đơn đến cơ quan có thẩm quyền giải quyết",
    ),
    "reception.refusal_notice": ("TB", "THÔNG BÁO", "Về việc từ chối tiếp công dân"),
}


def _dotted(values: dict[str, Any]) -> dict[str, Any]:
    """Blank fields print as dots to be filled in by hand, never as nothing."""
    return {key: formatting.or_dots(value) for key, value in values.items()}


def pdf_context(code: str, context: dict[str, Any]) -> dict[str, Any]:
    """The Word context with every value formatted as the printed form shows it."""
    agency = context["agency"]
    suffix, title, subtitle = HEADINGS[code]
    shown = dict(context)
    shown.update(
        code=code,
        title=title,
        subtitle=subtitle,
        parent_header=formatting.parent_name(agency["parent_name"]),
        agency_header=formatting.header_name(agency["name"]),
        agency_text=formatting.agency_name(agency),
        number_text=formatting.doc_number(context["number"], suffix),
        place_date=f"{agency['place']}, {formatting.long_date(context['issued_on'])}",
        citizen=_dotted(context["citizen"]),
    )
    if "officer" in context:
        shown["officer"] = _dotted(context["officer"])
    for name in ("received_at", "appointment_at"):
        if name in context:
            moment = context[name]
            shown[f"{name}_text"] = f"{formatting.time_vi(moment)}, {formatting.long_date(moment)}"
    for name in ("place", "competent_body", "content", "details"):
        if name in context:
            shown[name] = formatting.or_dots(context[name])
    if code == "reception.refusal_notice":
        shown["ground_text"] = str(context["ground"]["text"]).strip().rstrip(".")
    return formatting.nfc_deep(shown)


def visit_pdf(visit: ReceptionVisit, code: str) -> RenderedDocument:
    """One of the visit's documents as a PDF in the form version in force on the visit's day."""
    # Checked first: a document the visit cannot produce is refused without loading Pango.
    context, day = visit_document_context(visit, code)
    # Imported here, as in reports.pdf: WeasyPrint loads Pango's libraries at import.
    from weasyprint import HTML

    version = form_version_for(code, day)
    # The form is Vietnamese whatever language the requesting user reads.
    with translation.override("vi"):
        html = render_to_string(TEMPLATE, pdf_context(code, context))
    content = HTML(string=html).write_pdf()
    return RenderedDocument(content, document_filename(version, day, "pdf"), PDF_TYPE, version)
