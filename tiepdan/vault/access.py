"""Who may read the vault, and reading it: reveals, views, grants, waivers — each audited with
who and why, never the values (the redacted working copy is filed by `cases`)."""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core import events
from tiepdan.core.classification import PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations import permissions as org_permissions
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import User
from tiepdan.vault.crypto import (
    IDENTITY_FILE_REVEALED,
    IDENTITY_GRANTED,
    IDENTITY_REVEALED,
    IDENTITY_REVOKED,
    IDENTITY_VIEWED,
    IDENTITY_WAIVED,
    decrypt,
)
from tiepdan.vault.models import IdentityGrant, IdentityRecord, SealedFile
from tiepdan.vault.people import fingerprint, person_of

# A matter (`matters.Matter`, or its proxy `cases.Case`), read by its fields only.
Case = Any

# The action that makes an officer one of the matter's unit (declared by the resolution,
# `cases.permissions.CaseAction.VIEW`): only such an officer may be granted the identity.
# Named here by its code: an undeclared action raises, so a rename cannot open the grant.
GRANTEE_ACTION = "case.view"

# The code of a redacted working copy among a matter's documents (`cases` files it).
WORKING_COPY_CODE = "case.working_copy"


def _timeline(case: Case, kind: str, on: dt.date, actor: User, summary: str) -> None:
    """A step on the matter's timeline, recorded by the resolution (`core.events`)."""
    events.identity_step.send(
        sender=IdentityRecord, case=case, kind=kind, on=on, actor=actor, summary=summary
    )


@dataclass(frozen=True)
class Identity:
    """A revealed denouncer (only ever built by `identity_reveal`)."""

    pk: int
    full_name: str
    address: str
    id_number: str
    phone: str
    waived_on: dt.date | None
    files: tuple[tuple[int, str], ...] = ()  # sealed scans: (pk, title)


def _direct_leader(user: User, case: Case) -> bool:
    return user.memberships.filter(unit_id=case.unit_id, role=Role.LEADER).exists()


def is_resolver(user: User, case: Case) -> bool:
    """The case's resolver; while none is named, the unit's head (a direct leader)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if case.resolver_id is not None:
        return case.resolver_id == user.pk
    return _direct_leader(user, case)


def has_grant(user: User, case: Case) -> bool:
    return IdentityGrant.objects.filter(case=case, user=user, revoked=False).exists()


def may_reveal(user: User, case: Case) -> bool:
    """Resolver or an expressly granted officer (domain.md §5)."""
    return is_resolver(user, case) or has_grant(user, case)


def _require_reveal(user: User, case: Case, reason: str) -> None:
    if not may_reveal(user, case):
        raise DomainError(
            _("Chỉ người giải quyết và cán bộ được giao mới được xem thông tin người tố cáo."),
            code="identity_forbidden",
        )
    if len(nfc(reason or "").strip()) < 5:
        raise DomainError(
            _("Ghi rõ lý do cần xem thông tin người tố cáo."),
            code="invalid",
            fields={"reason": [_("Cần ghi lý do.")]},
        )


def identity_reveal(*, case: Case, user: User, reason: str) -> list[Identity]:
    """Decrypt the case's denouncers for `user`, audited with the reason (never the values)."""
    reason = nfc(reason or "").strip()
    _require_reveal(user, case, reason)
    with transaction.atomic():
        records = list(case.identities.prefetch_related("files").order_by("pk"))
        audit_services.audit_record(
            action=IDENTITY_REVEALED,
            target=case,
            actor=user,
            unit=case.unit,
            data={"reason": reason, "records": [r.pk for r in records]},
        )
    identities: list[Identity] = []
    by_person: dict[tuple[str, str, str, str], int] = {}
    for r in records:
        person = person_of(r)
        files = tuple(
            (f.pk, decrypt(f.title_enc).decode()) for f in sorted(r.files.all(), key=lambda f: f.pk)
        )
        # One person who sent two petitions of the matter (or also came to the desk) is one
        # denouncer on the page.
        at = by_person.get(fingerprint(person))
        if at is not None:
            first = identities[at]
            identities[at] = dataclasses.replace(first, files=first.files + files)
            continue
        by_person[fingerprint(person)] = len(identities)
        identities.append(
            Identity(
                pk=r.pk,
                full_name=person.full_name,
                address=person.address,
                id_number=person.id_number,
                phone=person.phone,
                waived_on=r.waived_on,
                files=files,
            )
        )
    return identities


def identity_viewed(*, user: User, petitions: list, where: str) -> int:
    """Showing a denouncer to someone allowed to see (a petition page, a worklist row, the API,
    a scan) is a reveal too: audited with the page and the petitions, never the values.
    Callers pass only the petitions whose senders they are about to show."""
    shown = [
        p for p in petitions if p.petition_type == PetitionType.DENUNCIATION and not p.anonymous
    ]
    if not shown:
        return 0
    audit_services.audit_record(
        action=IDENTITY_VIEWED,
        target=shown[0],
        actor=user,
        unit=shown[0].unit,
        data={"where": where, "petitions": [p.pk for p in shown]},
    )
    return len(shown)


def attendees_viewed(*, user: User, visit, where: str) -> None:
    """A denunciation visit's attendees read from the vault and shown: audited like
    `identity_viewed` (the page and the visit, never the values)."""
    audit_services.audit_record(
        action=IDENTITY_VIEWED,
        target=visit,
        actor=user,
        unit=visit.unit,
        data={"where": where, "visit": visit.pk},
    )


def _case_of(record: IdentityRecord) -> Case:
    """The matter of an identity record; one still waiting for its matter (online intake) is
    nobody's to reveal yet."""
    if record.case is None:
        raise DomainError(_("Đơn tố cáo chưa gắn với vụ việc."), code="identity_forbidden")
    return record.case


def _matter_of(sealed: SealedFile) -> Case:
    """The matter of an anonymous denunciation's sealed scan (no identity holds it)."""
    if sealed.case is None:
        raise DomainError(_("Đơn tố cáo chưa gắn với vụ việc."), code="identity_forbidden")
    return sealed.case


def sealed_file_reveal(*, sealed: SealedFile, user: User, reason: str) -> tuple[str, bytes]:
    """One sealed scan (title, bytes) for the resolver or a granted officer, audited with the
    reason and the file (never its content)."""
    case = _case_of(sealed.identity) if sealed.identity is not None else _matter_of(sealed)
    _require_reveal(user, case, reason)
    audit_services.audit_record(
        action=IDENTITY_FILE_REVEALED,
        target=case,
        actor=user,
        unit=case.unit,
        data={"reason": nfc(reason).strip(), "file": sealed.pk, "record": sealed.identity_id},
    )
    return decrypt(sealed.title_enc).decode(), decrypt(sealed.content_enc)


@transaction.atomic
def identity_grant(*, case: Case, user: User, granted_by: User, reason: str) -> IdentityGrant:
    """Expressly assign an officer of the case's unit to see the denouncer (Luật TC Art 56)."""
    reason = nfc(reason or "").strip()
    if not is_resolver(granted_by, case):
        raise DomainError(
            _("Chỉ người giải quyết tố cáo mới giao quyền xem thông tin người tố cáo."),
            code="identity_forbidden",
        )
    if not reason:
        raise DomainError(
            _("Ghi rõ lý do giao quyền."), code="invalid", fields={"reason": [_("Cần ghi lý do.")]}
        )
    if not org_permissions.has_permission(user, GRANTEE_ACTION, case.unit):
        raise DomainError(
            _("Người được giao không thuộc đơn vị giải quyết vụ việc."),
            code="invalid",
            fields={"user": [_("Người được giao không hợp lệ.")]},
        )
    if has_grant(user, case):
        raise DomainError(_("Người này đã được giao quyền."), code="already_granted")
    grant = IdentityGrant.objects.create(case=case, user=user, granted_by=granted_by, reason=reason)
    _timeline(
        case,
        "identity_granted",
        timezone.localdate(),
        granted_by,
        _("Giao quyền xem thông tin người tố cáo cho %(u)s.") % {"u": user.display_name},
    )
    audit_services.audit_record(
        action=IDENTITY_GRANTED,
        target=case,
        actor=granted_by,
        unit=case.unit,
        data={"user": user.pk, "reason": reason},
    )
    return grant


@transaction.atomic
def identity_revoke(*, grant: IdentityGrant, actor: User) -> IdentityGrant:
    if not is_resolver(actor, grant.case):
        raise DomainError(
            _("Chỉ người giải quyết tố cáo mới thu hồi quyền."), code="identity_forbidden"
        )
    grant.revoked, grant.revoked_at, grant.revoked_by = True, timezone.now(), actor
    grant.save(update_fields=["revoked", "revoked_at", "revoked_by"])
    _timeline(
        grant.case,
        "identity_revoked",
        timezone.localdate(),
        actor,
        _("Thu hồi quyền xem thông tin người tố cáo."),
    )
    audit_services.audit_record(
        action=IDENTITY_REVOKED,
        target=grant.case,
        actor=actor,
        unit=grant.case.unit,
        data={"user": grant.user_id},
    )
    return grant


@transaction.atomic
def identity_waive(
    *, record: IdentityRecord, actor: User, on: dt.date, note: str
) -> IdentityRecord:
    """Record that the denouncer declines secrecy (Luật TC Art 47.2; NĐ 154/2026 Art 20.4)."""
    note = nfc(note or "").strip()
    case = _case_of(record)
    if not is_resolver(actor, case):
        raise DomainError(_("Chỉ người giải quyết tố cáo ghi nhận việc này."), code="forbidden")
    if not note:
        raise DomainError(
            _("Ghi rõ văn bản, biên bản thể hiện ý kiến của người tố cáo."),
            code="invalid",
            fields={"note": [_("Cần ghi căn cứ.")]},
        )
    record.waived_on, record.waiver_note = on, note
    record.save(update_fields=["waived_on", "waiver_note", "updated_at"])
    _timeline(
        case,
        "identity_waived",
        on,
        actor,
        _("Người tố cáo từ chối biện pháp giữ bí mật thông tin (đã lưu căn cứ)."),
    )
    audit_services.audit_record(
        action=IDENTITY_WAIVED, target=case, actor=actor, unit=case.unit, data={}
    )
    return record
