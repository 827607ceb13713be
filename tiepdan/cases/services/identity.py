"""The redacted working copy of a denunciation's scan, filed among the matter's documents."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases.models import Case, CaseDocument, CaseEvent, CaseKind
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User
from tiepdan.vault import vault


@transaction.atomic
def working_copy_add(*, case: Case, user: User, title: str, upload) -> CaseDocument:
    """File the redacted working copy of a denunciation's scan (bản sao đã che thông tin người
    tố cáo) for the verification team (Luật TC Art 47.2; NĐ 31/2019). Only someone who sees
    the original can vouch that the masking is complete, so only they may file it; the copy
    then sits with the case's documents, which every officer on the case sees."""
    if case.kind != CaseKind.DENUNCIATION or not vault.may_reveal(user, case):
        raise DomainError(
            _("Chỉ người giải quyết và cán bộ được giao mới lập bản sao che thông tin."),
            code="identity_forbidden",
        )
    title = nfc(title or "").strip()
    if not title:
        raise DomainError(
            _("Ghi tên tài liệu."), code="invalid", fields={"title": [_("Cần ghi tên.")]}
        )
    on = timezone.localdate()
    document = CaseDocument(
        case=case,
        code=vault.WORKING_COPY_CODE,
        title=_("Bản sao che thông tin người tố cáo: %(t)s") % {"t": title},
        issued_on=on,
        created_by=user,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.WORKING_COPY,
        on=on,
        actor=user,
        summary=document.title,
        document=document,
    )
    audit_services.audit_record(
        action=vault.IDENTITY_WORKING_COPY,
        target=case,
        actor=user,
        unit=case.unit,
        data={"document": document.pk},
    )
    return document


def identity_step_recorded(
    sender: type, *, case, kind: str, on, actor: User | None, summary: str, **kwargs
) -> None:
    """A step of the seal (`core.events.identity_step`) on the matter's timeline."""
    CaseEvent.objects.create(
        case_id=case.pk, kind=CaseEvent.Kind(kind), on=on, actor=actor, summary=summary
    )
