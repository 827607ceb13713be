"""Contexts of the reception documents (receipt, slips, refusal notice, conclusion notice,
register) for the documents engine; the form version in force on the visit's date is used."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.documents import required
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context, head_signer
from tiepdan.documents.services import RenderedDocument
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.constants import Handling
from tiepdan.reception.models import ReceptionSession, ReceptionVisit
from tiepdan.reception.register import SEALED, register_rows
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact

# Which documents a visit can produce, by what happened at the desk.
VISIT_DOCUMENTS = {
    "reception.receipt": _("Giấy biên nhận tài liệu"),
    "reception.appointment_slip": _("Phiếu hẹn"),
    "reception.guidance_slip": _("Phiếu hướng dẫn"),
    "reception.refusal_notice": _("Thông báo từ chối tiếp"),
}


def documents_for(visit: ReceptionVisit) -> dict[str, str]:
    """The documents that make sense for this visit."""
    codes = []
    if visit.documents:
        codes.append("reception.receipt")
    if visit.appointment_at:
        codes.append("reception.appointment_slip")
    if _guided_elsewhere(visit) and visit.competent_body.strip():
        codes.append("reception.guidance_slip")
    refusal = getattr(visit, "refusal", None)
    # Grounds 9.1–9.2 are explained orally; the written notice is for Art 9.3 and NĐ 154 point h.
    if refusal is not None and refusal.notice_required:
        codes.append("reception.refusal_notice")
    return {code: str(VISIT_DOCUMENTS[code]) for code in codes}


def _guided_elsewhere(visit: ReceptionVisit) -> bool:
    return visit.handling in (Handling.GUIDED, Handling.TRANSFERRED)


def documents_lacking(visit: ReceptionVisit) -> dict[str, list[str]]:
    """Documents the visit calls for that cannot be printed yet, with what they lack: a
    guidance slip names the competent body, so without one it is not offered."""
    if _guided_elsewhere(visit) and not visit.competent_body.strip():
        code = "reception.guidance_slip"
        return {str(VISIT_DOCUMENTS[code]): [required.label(code, "competent_body")]}
    return {}


def _person(citizen) -> dict[str, str]:
    return {
        "full_name": citizen.full_name,
        "id_number": citizen.id_number,
        "address": citizen.address,
        "phone": citizen.phone,
    }


# What a document prints in place of a denouncer the reader may not see (Luật TC Art 8.3).
_SEALED_PERSON = {"full_name": SEALED, "id_number": "", "address": "", "phone": ""}


def _officer(user: User | None) -> dict[str, str]:
    if user is None:
        return {"full_name": "", "position": ""}
    return {"full_name": user.display_name, "position": user.position}


def visit_document(visit: ReceptionVisit, code: str) -> RenderedDocument:
    """Render one of the visit's documents in the form version in force on the visit's day."""
    context, day = visit_document_context(visit, code)
    return document_services.document_render(code=code, on=day, context=context, unit=visit.unit)


def visit_document_context(visit: ReceptionVisit, code: str) -> tuple[dict[str, Any], dt.date]:
    """The data of one of the visit's documents and the day whose form version applies; the
    same for the Word document and the PDF."""
    if code not in documents_for(visit):
        raise DomainError(_("Lượt tiếp này không có văn bản loại này."), code="not_applicable")
    day = timezone.localtime(visit.received_at).date()
    # A sealed denunciation's attendees and content as written are in the vault.
    attendees = vault.visit_attendees(visit)
    people = [a.citizen for a in attendees]
    # Fails closed: a visit read without the sealing annotation counts as sealed.
    sealed = getattr(visit, "is_sealed", visit.petition_type == PetitionType.DENUNCIATION)
    citizen = _SEALED_PERSON if sealed else _person(people[0])
    content = redact(visit.content, people) if sealed else vault.original_text(visit, "content")
    officer = _officer(visit.officer)
    context: dict[str, Any] = {
        "agency": agency_context(visit.unit),
        "number": "",
        "issued_on": day,
        "citizen": citizen,
        "signer": {"title": _("NGƯỜI TIẾP CÔNG DÂN").upper(), "name": officer["full_name"]},
        "recipients": [_("Công dân"), _("Lưu: hồ sơ")],
    }
    if code == "reception.receipt":
        context.update(
            received_at=timezone.localtime(visit.received_at),
            documents=[
                {"title": d["title"], "pages": d.get("pages") or "", "kind": d.get("kind", "")}
                for d in visit.documents
            ],
            officer=officer,
            visit_number=visit.register_number,
        )
    elif code == "reception.appointment_slip":
        context.update(
            appointment_at=timezone.localtime(visit.appointment_at),
            place=visit.appointment_place,
            content=content,
            officer=officer,
        )
    elif code == "reception.guidance_slip":
        context.update(
            content=content,
            competent_body=visit.competent_body,
            guidance=visit.guidance,
            officer=officer,
        )
    else:
        refusal = visit.refusal
        context.update(
            ground={"text": refusal.ground_text, "legal_basis": refusal.legal_basis},
            details=refusal.details,
            signer=head_signer(visit.unit),
            recipients=[_("Ông/Bà %(name)s") % {"name": citizen["full_name"]}, _("Lưu: VT, hồ sơ")],
        )
    return context, day


def _conclusion_people(
    visits: list[ReceptionVisit],
) -> tuple[list[Citizen | vault.SealedPerson], list[dict[str, str]]]:
    """The denouncers to redact from the notice, and the citizens it names: it goes to every
    assignee, so denouncers are never named in it (Luật TC Art 8.3)."""
    denunciations = [v for v in visits if v.petition_type == PetitionType.DENUNCIATION]
    in_vault = vault.sealed_attendees(denunciations)
    sealed: list[Citizen | vault.SealedPerson] = []
    for v in denunciations:
        sealed.extend(a.citizen for a in v.attendees.all())
        sealed.extend(a.citizen for a in in_vault.get(v.pk, []))
    citizens = {
        a.citizen.pk: {"full_name": a.citizen.full_name, "address": a.citizen.address}
        for v in visits
        if v.petition_type != PetitionType.DENUNCIATION
        for a in v.attendees.all()
    }
    if sealed:
        citizens[0] = {"full_name": SEALED, "address": ""}
    return sealed, list(citizens.values())


def conclusion_content(session: ReceptionSession) -> str:
    """The conclusion's content as its notice prints it, for every reader: the notice goes to
    every assignee, so the session's denouncers are never named in it (Luật TC Art 8.3)."""
    visits = list(session.visits.prefetch_related("attendees__citizen"))
    sealed, _citizens = _conclusion_people(visits)
    return redact(session.conclusion.content, sealed)


def conclusion_document(session: ReceptionSession) -> RenderedDocument:
    """The "Thông báo kết luận việc tiếp công dân" of a leader's session."""
    conclusion = session.conclusion
    chair = session.chair
    visits = list(session.visits.prefetch_related("attendees__citizen"))
    sealed, citizens = _conclusion_people(visits)
    signer = head_signer(session.unit)
    if chair is not None:
        signer["name"] = chair.display_name
    context = {
        "agency": agency_context(session.unit),
        "number": conclusion.number,
        "issued_on": conclusion.issued_on,
        "signer": signer,
        "recipients": [d.assignee.name for d in conclusion.directions.select_related("assignee")]
        + [_("Lưu: VT")],
        "session": {
            "date": session.date,
            "chair_name": chair.display_name if chair else "",
            "chair_title": chair.position if chair else session.get_chaired_by_display(),
            "venue": session.venue.name if session.venue else "",
        },
        "citizens": citizens,
        "content": redact(conclusion.content, sealed),
        "directions": [
            {"text": d.text, "assignee": d.assignee.name, "due": d.due_on}
            for d in conclusion.directions.select_related("assignee")
        ],
    }
    return document_services.document_render(
        code="reception.conclusion_notice",
        on=conclusion.issued_on,
        context=context,
        unit=session.unit,
    )


def register_document(
    unit: Unit, visits: list[ReceptionVisit], first: dt.date, last: dt.date, fmt: str
) -> RenderedDocument:
    """The register of a period in the layout in force at its end, as DOCX or XLSX."""
    context = {
        "agency": agency_context(unit),
        "number": "",
        "issued_on": timezone.localdate(),
        "signer": head_signer(unit),
        "recipients": [],
        "unit_name": unit.name,
        "period": {"from": first, "to": last},
        "rows": register_rows(visits),
    }
    if fmt == "xlsx":
        return document_services.register_xlsx(on=last, context=context)
    return document_services.document_render(
        code="reception.register", on=last, context=context, unit=unit
    )
