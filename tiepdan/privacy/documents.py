"""The subject-access answer as a PDF a citizen can be handed (Luật 91/2025: the right to know
and to access one's data): the same content as the JSON export (`selectors.
subject_access_payload`, sealed items left out), laid out on A4 in Vietnamese and rendered from
HTML by WeasyPrint, as the reports' and the desk's PDF are."""

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from tiepdan.cases.models import CaseKind, CaseStatus
from tiepdan.citizens.models import Gender
from tiepdan.core.classification import PetitionType
from tiepdan.documents import formatting
from tiepdan.documents.agency import agency_context
from tiepdan.organizations.models import Unit
from tiepdan.privacy.models import RecordKind

TEMPLATE = "privacy/subject_access_pdf.html"
PDF_TYPE = "application/pdf"


def _label(choices: Any, code: str | None) -> str:
    try:
        return str(choices(code).label) if code else "—"
    except ValueError:
        return code or "—"


def _date(iso: str | None) -> str:
    return formatting.dmy(dt.date.fromisoformat(iso[:10])) if iso else "—"


def _moment(iso: str) -> str:
    """dd/mm/yyyy hh:mm in the local time of the desk."""
    moment = timezone.localtime(dt.datetime.fromisoformat(iso))
    return f"{formatting.dmy(moment.date())} {formatting.hm(moment)}"


def pdf_context(
    payload: dict[str, Any], unit: Unit, issued_on: dt.date, officer: str = ""
) -> dict[str, Any]:
    """The JSON answer with its codes as the words a citizen reads."""
    agency = agency_context(unit)
    person = dict(payload["person"])
    person.update(
        gender=_label(Gender, person["gender"]),
        date_of_birth=_date(person["date_of_birth"]),
        registered_on=_date(person["registered_on"]),
    )
    visits = [
        {
            **v,
            "received_at": _moment(v["received_at"]),
            "petition_type": _label(PetitionType, v["petition_type"]),
        }
        for v in payload["visits"]
    ]
    petitions = [
        {
            **p,
            "received_on": _date(p["received_on"]),
            "petition_type": _label(PetitionType, p["petition_type"]),
        }
        for p in payload["petitions"]
    ]
    cases = [
        {
            **k,
            "opened_on": _date(k["opened_on"]),
            "kind": _label(CaseKind, k["kind"]),
            "status": _label(CaseStatus, k["status"]),
        }
        for k in payload["cases"]
    ]
    retention = [
        {**r, "kind": _label(RecordKind, r["kind"]), "valid_from": _date(r["valid_from"])}
        for r in payload["retention"]
    ]
    return formatting.nfc_deep(
        {
            "parent_header": formatting.parent_name(agency["parent_name"]),
            "agency_header": formatting.header_name(agency["name"]),
            "place_date": f"{agency['place']}, {formatting.long_date(issued_on)}",
            "legal_basis": payload["legal_basis"],
            "person": person,
            "visits": visits,
            "petitions": petitions,
            "cases": cases,
            "retention": retention,
            "officer": officer,
        }
    )


def subject_access_pdf(
    payload: dict[str, Any], unit: Unit, issued_on: dt.date, officer: str = ""
) -> bytes:
    """The answer as a PDF, issued by `unit` (the officer's) on `issued_on`, signed by
    `officer` (their name)."""
    # Imported here, as in reports.pdf: WeasyPrint loads Pango's libraries at import.
    from weasyprint import HTML

    # The citizen's copy is Vietnamese whatever language the officer reads.
    with translation.override("vi"):
        html = render_to_string(TEMPLATE, pdf_context(payload, unit, issued_on, officer))
    return HTML(string=html).write_pdf()
