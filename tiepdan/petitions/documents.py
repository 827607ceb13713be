"""The statutory document each processing outcome produces (TT 05/2021; NĐ 124/2020;
NĐ 31/2019), rendered from the editable templates and kept with the petition.

The decision checks that its document can be made (form in force, nothing required missing)
and files it pending; the DOCX is rendered once the decision commits, by a task that retries
(`documents.rendering`): a template that fails leaves the decision recorded and the document
marked failed on the petition's page until a retry renders it.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.documents import rendering
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context, head_signer
from tiepdan.documents.constants import RenderStatus
from tiepdan.documents.services import RenderedDocument
from tiepdan.ops.tasks import enqueue_on_commit, retrying_task
from tiepdan.organizations.models import User
from tiepdan.petitions.constants import Outcome
from tiepdan.petitions.models import Petition, PetitionAttachment, Transfer
from tiepdan.vault import vault
from tiepdan.vault.redaction import patterns_for, redact, redact_with
from tiepdan.workcalendar import selectors as calendar_selectors

OUTCOME_DOCUMENTS = {
    Outcome.ACCEPT: "petition.acceptance_notice",
    Outcome.GUIDE: "petition.guidance",
    Outcome.TRANSFER: "petition.transfer_slip",
    Outcome.RETURN: "petition.return_notice",
    Outcome.REJECT: "petition.rejection_notice",
    Outcome.URGE: "petition.reminder",
}
# Documents addressed to another body, not to the sender: for a denunciation every text typed
# before acceptance (its summary, the officer's reason) may still name the denouncer.
SENT_ELSEWHERE = frozenset({"petition.transfer_slip", "petition.reminder"})
# Days the urged unit has to report back (Luật TC Art 38: 5 working days for denunciations;
# the same is asked for other petitions — an administrative choice, configurable here).
REPORT_BY_WORKING_DAYS = 5
DOCUMENT_RETRIED = "petition.document_retried"


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


def _acceptance(petition: Petition, senders: list, actor: User | None) -> dict[str, Any]:
    clock = None
    if petition.case is not None:
        clocks = calendar_selectors.clock_list_for_target(petition.case).exclude(
            rule_code__endswith="notify_acceptance"
        )
        clock = clocks.order_by("-due").first()
    return {
        "accepted_on": petition.decided_on,
        "resolver": _("Người đứng đầu %(unit)s") % {"unit": petition.unit.name},
        "due": clock.due if clock else None,
    }


def _last_transfer(petition: Petition) -> Transfer | None:
    return petition.transfers.select_related("to_unit").order_by("-pk").first()


def _guidance(petition: Petition, senders: list, actor: User | None) -> dict[str, Any]:
    transfer = _last_transfer(petition)
    return {
        "competent_body": transfer.to_body if transfer else "",
        "guidance": petition.decision_reason,
    }


def _transfer_slip(petition: Petition, senders: list, actor: User | None) -> dict[str, Any]:
    transfer = _last_transfer(petition)
    to_body = ""
    if transfer is not None:
        to_body = transfer.to_unit.name if transfer.to_unit else transfer.to_body
    return {
        "to_body": to_body,
        "senders": [] if _sealed(petition) else [_person(c) for c in senders],
        "identity_sealed": _sealed(petition),
        "reason": petition.decision_reason or _("không thuộc thẩm quyền giải quyết"),
        "request_reply": True,
    }


def _return_notice(petition: Petition, senders: list, actor: User | None) -> dict[str, Any]:
    return {"reason": petition.decision_reason, "competent_body": ""}


def _rejection(petition: Petition, senders: list, actor: User | None) -> dict[str, Any]:
    return {
        "reason": petition.decision_reason or petition.get_ineligible_reason_display(),
        "legal_basis": _("Điều 11 Luật Khiếu nại")
        if petition.petition_type == "complaint"
        else _("Điều 29 Luật Tố cáo"),
    }


def _reminder(petition: Petition, senders: list, actor: User | None) -> dict[str, Any]:
    reminder = petition.reminders.select_related("to_unit").order_by("-pk").first()
    return {
        "to_unit": reminder.to_unit.name if reminder and reminder.to_unit else "",
        "text": reminder.text if reminder else petition.decision_reason,
        "report_by": calendar_selectors.working_day_add(
            start=_decided_on(petition), days=REPORT_BY_WORKING_DAYS
        ),
    }


# What each outcome's document adds to the common context.
OUTCOME_CONTEXTS: dict[str, Callable[[Petition, list, User | None], dict[str, Any]]] = {
    "petition.acceptance_notice": _acceptance,
    "petition.guidance": _guidance,
    "petition.transfer_slip": _transfer_slip,
    "petition.return_notice": _return_notice,
    "petition.rejection_notice": _rejection,
    "petition.reminder": _reminder,
}


def _decided_on(petition: Petition) -> dt.date:
    if petition.decided_on is None:
        raise ValueError("the petition has no decision yet")
    return petition.decided_on


def outcome_context(petition: Petition, actor: User | None) -> tuple[str, dict[str, Any]]:
    """The form code and context of the document of the petition's decided outcome."""
    code = OUTCOME_DOCUMENTS[Outcome(petition.outcome)]
    # The notice goes to the sender: once sealed, read from the vault (the issued document is a
    # scan of the denunciation, sealed in its turn).
    senders = vault.petition_people(petition)
    citizen = _person(senders[0]) if senders else {"full_name": "", "address": ""}
    context: dict[str, Any] = {
        "agency": agency_context(petition.unit),
        "number": "",
        "issued_on": petition.decided_on,
        "signer": head_signer(petition.unit, actor),
        "recipients": [_("Như trên"), _("Lưu: VT, hồ sơ")],
        "petition": _petition(petition),
        "citizen": citizen,
    }
    context.update(OUTCOME_CONTEXTS[code](petition, senders, actor))
    if code in SENT_ELSEWHERE and _sealed(petition):
        _redact_texts(context, senders)
    return code, context


def _redact_texts(context: dict[str, Any], people: list) -> None:
    """Mask the denouncers in the free texts of a document that leaves the unit (Luật TC Art
    8.3): the senders block is left empty already, but a summary or a reason typed as
    "Tôi là …, CCCD …" would carry them all the same."""
    patterns = patterns_for(people)
    petition = context["petition"] = dict(context["petition"])
    petition["summary"] = redact_with(petition["summary"], patterns)
    for key in ("reason", "text"):
        if key in context:
            context[key] = redact_with(str(context[key]), patterns)


def issue_outcome_document(petition: Petition, actor: User | None) -> PetitionAttachment | None:
    """Keep the outcome's document with the petition (None for "file"): checked now, inside
    the decision, and rendered once the decision commits. Its context is built again then,
    never stored: a denunciation's notice names the denouncer."""
    if petition.outcome not in OUTCOME_DOCUMENTS:
        return None
    code, context = outcome_context(petition, actor)
    version = rendering.form_checked(code, _decided_on(petition), context)
    attachment = PetitionAttachment.objects.create(
        petition=petition,
        title=version.title,
        file="",
        uploaded_by=actor,
        status=RenderStatus.PENDING,
    )
    enqueue_on_commit(outcome_document_task, attachment.pk)
    return attachment


def _render(attachment: PetitionAttachment) -> RenderedDocument:
    petition = Petition.objects.select_related("unit", "case").get(pk=attachment.petition_id)
    code, context = outcome_context(petition, attachment.uploaded_by)
    return document_services.document_render(
        code=code, on=_decided_on(petition), context=context, unit=petition.unit
    )


def outcome_document_render(*, attachment_id: int) -> bool:
    """Render a pending or failed outcome document; False when it was rendered already. The
    file is saved like any scan of the petition: a denunciation's is sealed at once."""
    return rendering.render_into(PetitionAttachment, attachment_id, _render)


@retrying_task(attempts=5, base_delay_seconds=60)
def outcome_document_task(attachment_id: int) -> bool:
    return outcome_document_render(attachment_id=attachment_id)


@transaction.atomic
def outcome_document_retry(*, attachment: PetitionAttachment, actor: User) -> PetitionAttachment:
    """The officer asks again for an outcome document whose rendering failed."""
    attachment = PetitionAttachment.objects.select_for_update(of=("self",)).get(pk=attachment.pk)
    rendering.mark_retry(attachment)
    attachment.save(update_fields=["status", "error", "updated_at"])
    audit_services.audit_record(
        action=DOCUMENT_RETRIED,
        target=attachment.petition,
        actor=actor,
        unit=attachment.petition.unit,
        data={"attachment": attachment.pk},
    )
    enqueue_on_commit(outcome_document_task, attachment.pk)
    return attachment


def proposal_document(petition: Petition) -> RenderedDocument:
    """Phiếu đề xuất xử lý đơn (TT 05/2021 Mẫu 01) of the current proposal."""
    senders = list(petition.senders.all())
    proposer = petition.proposed_by
    sealed = _sealed(petition)
    fields = _petition(petition)
    note = petition.proposal_note
    if sealed:  # a denunciation not yet accepted still has its summary as typed, names and all
        people = vault.petition_people(petition)
        fields["summary"], note = redact(fields["summary"], people), redact(note, people)
    context = {
        "agency": agency_context(petition.unit),
        "number": "",
        "issued_on": petition.updated_at.date(),
        "signer": head_signer(petition.unit),
        "recipients": [],
        "petition": fields,
        "senders": [] if sealed else [_person(c) for c in senders],
        "identity_sealed": sealed,
        "proposed_outcome": petition.get_proposed_outcome_display(),
        "proposal_note": note,
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
