"""The statutory document each processing outcome produces (TT 05/2021; NĐ 124/2020;
NĐ 31/2019), rendered from the editable templates and kept with the petition.

It is issued inside the decision's transaction: if the document cannot be produced, the
decision is not recorded either.
"""

from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tiepdan.cases import vault
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context, head_signer
from tiepdan.documents.services import RenderedDocument
from tiepdan.organizations.models import User
from tiepdan.petitions.constants import Outcome
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.workcalendar import selectors as calendar_selectors

OUTCOME_DOCUMENTS = {
    Outcome.ACCEPT: "petition.acceptance_notice",
    Outcome.GUIDE: "petition.guidance",
    Outcome.TRANSFER: "petition.transfer_slip",
    Outcome.RETURN: "petition.return_notice",
    Outcome.REJECT: "petition.rejection_notice",
    Outcome.URGE: "petition.reminder",
}
# Days the urged unit has to report back (Luật TC Art 38: 5 working days for denunciations;
# the same is asked for other petitions — an administrative choice, configurable here).
REPORT_BY_WORKING_DAYS = 5


def _petition(p: Petition) -> dict[str, Any]:
    return {
        "number": p.number,
        "year": p.year,
        "received_on": p.received_on,
        "source": p.get_source_display(),
        "petition_type": p.get_petition_type_display(),
        "petition_type_code": p.petition_type,
        "domain": p.get_domain_display(),
        "summary": p.summary,
        "sender_body": p.sender_body,
    }


def _person(c) -> dict[str, str]:
    return {
        "full_name": c.full_name,
        "address": c.address,
        "id_number": c.id_number,
        "phone": c.phone,
    }


def _sealed(p: Petition) -> bool:
    # Documents that travel to other bodies never carry a denouncer's identity (Luật TC Art 8.3).
    return p.petition_type == "denunciation"


def outcome_context(petition: Petition, actor: User | None) -> tuple[str, dict[str, Any]]:
    """The form code and context of the document of the petition's decided outcome."""
    code = OUTCOME_DOCUMENTS[petition.outcome]
    # The notice goes to the sender: once sealed, read from the vault (the issued document is a
    # scan of the denunciation, sealed in its turn).
    senders = vault.petition_people(petition)
    citizen = _person(senders[0]) if senders else {"full_name": "", "address": ""}
    transfer = petition.transfers.select_related("to_unit").order_by("-pk").first()
    reminder = petition.reminders.select_related("to_unit").order_by("-pk").first()
    context: dict[str, Any] = {
        "agency": agency_context(petition.unit),
        "number": "",
        "issued_on": petition.decided_on,
        "signer": head_signer(petition.unit, actor),
        "recipients": [_("Như trên"), _("Lưu: VT, hồ sơ")],
        "petition": _petition(petition),
        "citizen": citizen,
    }
    if code == "petition.acceptance_notice":
        clocks = calendar_selectors.clock_list_for_target(petition.case).exclude(
            rule_code__endswith="notify_acceptance"
        )
        clock = clocks.order_by("-due").first()
        context.update(
            accepted_on=petition.decided_on,
            resolver=_("Người đứng đầu %(unit)s") % {"unit": petition.unit.name},
            due=clock.due if clock else None,
        )
    elif code == "petition.guidance":
        context.update(
            competent_body=transfer.to_body if transfer else "", guidance=petition.decision_reason
        )
    elif code == "petition.transfer_slip":
        context.update(
            to_body=(transfer.to_unit.name if transfer.to_unit else transfer.to_body),
            senders=[] if _sealed(petition) else [_person(c) for c in senders],
            identity_sealed=_sealed(petition),
            reason=petition.decision_reason or _("không thuộc thẩm quyền giải quyết"),
            request_reply=True,
        )
    elif code == "petition.return_notice":
        context.update(reason=petition.decision_reason, competent_body="")
    elif code == "petition.rejection_notice":
        context.update(
            reason=petition.decision_reason or petition.get_ineligible_reason_display(),
            legal_basis=_("Điều 11 Luật Khiếu nại")
            if petition.petition_type == "complaint"
            else _("Điều 29 Luật Tố cáo"),
        )
    elif code == "petition.reminder":
        context.update(
            to_unit=reminder.to_unit.name if reminder and reminder.to_unit else "",
            text=reminder.text if reminder else petition.decision_reason,
            report_by=calendar_selectors.working_day_add(
                start=petition.decided_on, days=REPORT_BY_WORKING_DAYS
            ),
        )
    return code, context


def issue_outcome_document(petition: Petition, actor: User | None) -> PetitionAttachment | None:
    """Render the outcome's document and keep it with the petition (None for "file")."""
    if petition.outcome not in OUTCOME_DOCUMENTS:
        return None
    code, context = outcome_context(petition, actor)
    document = document_services.document_render(
        code=code, on=petition.decided_on, context=context, unit=petition.unit
    )
    return PetitionAttachment.objects.create(
        petition=petition,
        title=document.version.title,
        file=ContentFile(document.content, name=document.filename),
        uploaded_by=actor,
    )


def proposal_document(petition: Petition) -> RenderedDocument:
    """Phiếu đề xuất xử lý đơn (TT 05/2021 Mẫu 01) of the current proposal."""
    senders = list(petition.senders.all())
    proposer = petition.proposed_by
    context = {
        "agency": agency_context(petition.unit),
        "number": "",
        "issued_on": petition.updated_at.date(),
        "signer": head_signer(petition.unit),
        "recipients": [],
        "petition": _petition(petition),
        "senders": [] if _sealed(petition) else [_person(c) for c in senders],
        "identity_sealed": _sealed(petition),
        "proposed_outcome": petition.get_proposed_outcome_display(),
        "proposal_note": petition.proposal_note,
        "proposer": {
            "full_name": proposer.display_name if proposer else "",
            "position": proposer.position if proposer else "",
        },
        "approval": head_signer(petition.unit),
    }
    return document_services.document_render(
        code="petition.acceptance_proposal",
        on=petition.received_on,
        context=context,
        unit=petition.unit,
    )
