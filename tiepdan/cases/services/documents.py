"""The documents a resolution step issues (decisions, invitations, minutes).

The step writes the document's row, pending, with the context it was issued with; the DOCX is
rendered once the step commits (`documents.rendering`), so a template that fails to render never
undoes the step and is retried until it renders.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases.models import Case, CaseDocument, CaseKind, RenderStatus
from tiepdan.cases.services.common import mask_denouncers
from tiepdan.documents import rendering
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context, head_signer
from tiepdan.documents.services import RenderedDocument
from tiepdan.ops.tasks import enqueue_on_commit, retrying_task
from tiepdan.organizations.models import User

DOCUMENT_RETRIED = "case.document_retried"

# Decisions whose last article names who carries them out ("Nơi nhận: Như Điều 3").
DECISIONS_WITH_ARTICLE_3 = frozenset(
    {
        "case.verification_assignment",
        "case.complaint_decision",
        "case.extension_decision",
        "case.suspension_decision",
        "case.resumption_decision",
    }
)


def case_context(case: Case) -> dict[str, Any]:
    """The case as documents see it; a denunciation's summary is the vault-redacted copy and
    no document of the case ever names the denouncer (Luật TC Arts 8.3, 40.3)."""
    return {
        "id": case.pk,
        "kind": case.get_kind_display(),
        "kind_code": case.kind,
        "domain": case.get_domain_display(),
        "summary": case.summary,
        "accepted_on": case.accepted_on,
        "identity_sealed": case.kind == CaseKind.DENUNCIATION,
    }


def issue_document(
    case: Case, code: str, on: dt.date, context: dict[str, Any], actor: User | None
) -> CaseDocument:
    """Keep form `code` with the case, rendered once the step commits; a form that is not in
    force or lacks what it must name refuses the step now."""
    base = {
        "agency": agency_context(case.unit),
        "number": "",
        "issued_on": on,
        "signer": head_signer(case.unit, actor if case.resolver_id is None else case.resolver),
        "recipients": [
            _("Như Điều 3") if code in DECISIONS_WITH_ARTICLE_3 else _("Như trên"),
            _("Lưu: VT, hồ sơ"),
        ],
        "case": case_context(case),
    }
    # What the step adds (its texts typed by officers) never names a denouncer.
    full = {**base, **mask_denouncers(case, context)}
    version = rendering.form_checked(code, on, full)
    document = CaseDocument.objects.create(
        case=case,
        code=code,
        title=version.title,
        issued_on=on,
        created_by=actor,
        status=RenderStatus.PENDING,
        context=rendering.to_json(full),
    )
    enqueue_on_commit(case_document_task, document.pk)
    return document


def _render(document: CaseDocument) -> RenderedDocument:
    return document_services.document_render(
        code=document.code,
        on=document.issued_on,
        context=rendering.from_json(document.context),
        unit=document.case.unit,
    )


def case_document_render(*, document_id: int) -> bool:
    """Render a pending or failed case document; False when it was rendered already."""
    return rendering.render_into(CaseDocument, document_id, _render)


@retrying_task(attempts=5, base_delay_seconds=60)
def case_document_task(document_id: int) -> bool:
    return case_document_render(document_id=document_id)


@transaction.atomic
def case_document_retry(*, document: CaseDocument, actor: User) -> CaseDocument:
    """The officer asks again for a document whose rendering failed (after the template was
    fixed, for one)."""
    document = (
        CaseDocument.objects.select_for_update(of=("self",))
        .select_related("case__unit")
        .get(pk=document.pk)
    )
    rendering.mark_retry(document)
    document.save(update_fields=["status", "error", "updated_at"])
    audit_services.audit_record(
        action=DOCUMENT_RETRIED,
        target=document.case,
        actor=actor,
        unit=document.case.unit,
        data={"document": document.pk, "code": document.code},
    )
    enqueue_on_commit(case_document_task, document.pk)
    return document
