"""The denouncer identity vault (architecture rule 4; Luật TC Arts 8.3, 9.1.b, 47, 56).

How the vault relates to the petition's `senders`
-------------------------------------------------
The petition keeps its link to the person registry (`Petition.senders`): intake, duplicate
detection and the acceptance check of Luật TC Art 24 need it, and every reader of a petition
goes through the sealing rule `petitions.selectors.can_see_senders` / `sealed_q`. Whenever a
denunciation and its matter are linked (`vault_seal`, idempotent, run on every link by
`cases.sealing`, whatever the order of the calls), the vault:

- stores each denouncer's name, address, ID number and phone as Fernet tokens
  (`IdentityRecord`), with a key derived from `settings.TIEPDAN_FIELD_KEY` (HKDF-SHA256);
- stores encrypted copies of the petition's scans (`SealedFile`): they carry handwriting;
- removes the denouncers from `Case.citizens` (a denouncer never stays there), so no citizen
  history, search or register reached through the case shows them;
- replaces the case's working summary by a redacted copy (Luật TC Art 56.2: the verification
  team works on a file with the denouncer removed).

Who sees the identity (the sealing rule, implemented in `petitions.selectors`):
- before acceptance: the receiving unit's officers with a *direct* processing, resolving or
  leading role, who must check the denouncer and the acceptance conditions (Luật TC Art 24);
- after acceptance: only the case's resolver (when none is named, the unit's direct leaders,
  the head being the competent resolver, Art 49.1) and officers expressly granted by an active
  `IdentityGrant`;
- nobody else: not superior units, viewers, partners, unit administrators, superusers, nor
  reception officers without a processing role; a denouncer's waiver (Art 47.2) is recorded but
  does not widen access by itself.

Reading the vault is an explicit act with a reason (`identity_reveal`), audited as
`identity.revealed` with who, when and why — never with the values; showing a denouncer to an
allowed officer on a page, in the API or as a scan is audited as `identity.viewed`.
"""

import base64
import datetime as dt
from dataclasses import dataclass
from functools import cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseKind,
    IdentityGrant,
    IdentityRecord,
    SealedFile,
)
from tiepdan.core.classification import PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.organizations import permissions as org_permissions
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import User

IDENTITY_SEALED = "identity.sealed"
IDENTITY_REVEALED = "identity.revealed"
IDENTITY_VIEWED = "identity.viewed"
IDENTITY_FILE_REVEALED = "identity.file_revealed"
IDENTITY_WORKING_COPY = "identity.working_copy"
IDENTITY_GRANTED = "identity.granted"
IDENTITY_REVOKED = "identity.revoked"
IDENTITY_WAIVED = "identity.waived"


@cache
def _fernet(key_hex: str) -> Fernet:
    raw = bytes.fromhex(key_hex)
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tiepdan.cases.vault"
    ).derive(raw)
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _fernet(settings.TIEPDAN_FIELD_KEY).encrypt(data)


def decrypt(token: bytes | memoryview) -> bytes:
    return _fernet(settings.TIEPDAN_FIELD_KEY).decrypt(bytes(token))


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


def _denouncers(case: Case) -> list[tuple[object | None, object]]:
    """(petition or None, person) for everyone who brought a denunciation into this matter:
    senders of its denunciation petitions, attendees of its denunciation visits, and the
    persons of a matter whose kind is denunciation."""
    from tiepdan.reception.models import VisitCitizen

    found: dict[int, tuple[object | None, object]] = {}
    petitions = case.petitions.filter(petition_type=PetitionType.DENUNCIATION).prefetch_related(
        "senders"
    )
    for petition in petitions:
        for person in petition.senders.all():
            found.setdefault(person.pk, (petition, person))
    attendees = VisitCitizen.objects.filter(
        visit__case=case, visit__petition_type=PetitionType.DENUNCIATION
    ).select_related("citizen")
    for attendee in attendees:
        found.setdefault(attendee.citizen_id, (None, attendee.citizen))
    if case.kind == CaseKind.DENUNCIATION:
        for person in case.citizens.all():
            found.setdefault(person.pk, (None, person))
    return list(found.values())


def _redact(text: str, people: list) -> str:
    from tiepdan.petitions.redaction import redact

    return redact(text, people)


def _seal_files(record: IdentityRecord, case: Case) -> None:
    """Encrypted copies of the denunciation petitions' scans (they carry handwriting), each
    copied once, whenever it was attached."""
    from tiepdan.petitions.models import PetitionAttachment

    done = set(
        SealedFile.objects.filter(identity__case=case).values_list(
            "source_attachment_id", flat=True
        )
    )
    attachments = PetitionAttachment.objects.filter(
        petition__case=case, petition__petition_type=PetitionType.DENUNCIATION
    ).exclude(pk__in=[pk for pk in done if pk is not None])
    for attachment in attachments:
        with attachment.file.open("rb") as fh:
            content = fh.read()
        SealedFile.objects.create(
            identity=record,
            title_enc=encrypt(attachment.title),
            content_enc=encrypt(content),
            source_attachment_id=attachment.pk,
        )


def is_denunciation_matter(case: Case) -> bool:
    return (
        case.kind == CaseKind.DENUNCIATION
        or case.petitions.filter(petition_type=PetitionType.DENUNCIATION).exists()
        or case.visits.filter(petition_type=PetitionType.DENUNCIATION).exists()
    )


@transaction.atomic
def vault_seal(*, case: Case, actor: User | None = None) -> int:
    """Seal everyone who denounced in this matter (idempotent); returns how many were added.

    Run whenever a denunciation and its matter are linked, whatever the order of the calls
    (`cases.sealing` connects it to every link): a person's identity goes into the vault, the
    person leaves the matter's list of citizens, the matter's summary is redacted, the scans are
    copied encrypted."""
    if not is_denunciation_matter(case):
        return 0
    sealed_ids = set(case.identities.values_list("citizen_id", flat=True))
    added = 0
    denouncers = _denouncers(case)
    people = [person for _petition, person in denouncers]
    record = None
    for petition, person in denouncers:
        if person.pk in sealed_ids:
            continue
        record = IdentityRecord.objects.create(
            case=case,
            petition=petition,
            citizen=person,
            full_name_enc=encrypt(person.full_name or ""),
            address_enc=encrypt(person.address or ""),
            id_number_enc=encrypt(person.id_number or ""),
            phone_enc=encrypt(person.phone or ""),
        )
        sealed_ids.add(person.pk)
        added += 1
    record = record or case.identities.order_by("pk").first()
    if record is not None:
        _seal_files(record, case)
    if people:
        # m2m removal sends no further seal: the receiver listens to additions only.
        case.citizens.remove(*people)
        redacted = _redact(case.summary, people)
        if redacted != case.summary:
            case.summary, case.summary_key = redacted, search_key(redacted)
            case.save(update_fields=["summary", "summary_key", "updated_at"])
    if added:
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.IDENTITY_SEALED,
            on=timezone.localdate(),
            actor=actor,
            summary=_("Thông tin người tố cáo được niêm phong (%(n)s người).") % {"n": added},
        )
        audit_services.audit_record(
            action=IDENTITY_SEALED, target=case, actor=actor, unit=case.unit, data={"count": added}
        )
    return added


def unsealed_matters() -> list[int]:
    """Matters linked to a denunciation with someone not in the vault: must always be empty
    (`manage.py check_seals`, and a test, say so loudly)."""
    from tiepdan.petitions.models import Petition
    from tiepdan.reception.models import VisitCitizen

    ids = set(
        Petition.objects.filter(petition_type=PetitionType.DENUNCIATION, case__isnull=False)
        .annotate(sender=F("senders"))
        .filter(sender__isnull=False)
        .exclude(
            Exists(
                IdentityRecord.objects.filter(
                    case_id=OuterRef("case_id"), citizen_id=OuterRef("sender")
                )
            )
        )
        .values_list("case_id", flat=True)
    )
    ids |= set(
        VisitCitizen.objects.filter(
            visit__petition_type=PetitionType.DENUNCIATION, visit__case__isnull=False
        )
        .exclude(
            Exists(
                IdentityRecord.objects.filter(
                    case_id=OuterRef("visit__case_id"), citizen_id=OuterRef("citizen_id")
                )
            )
        )
        .values_list("visit__case_id", flat=True)
    )
    ids |= set(
        Case.objects.filter(kind=CaseKind.DENUNCIATION, citizens__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return sorted(ids)


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
    return [
        Identity(
            pk=r.pk,
            full_name=decrypt(r.full_name_enc).decode(),
            address=decrypt(r.address_enc).decode(),
            id_number=decrypt(r.id_number_enc).decode(),
            phone=decrypt(r.phone_enc).decode(),
            waived_on=r.waived_on,
            files=tuple(
                (f.pk, decrypt(f.title_enc).decode())
                for f in sorted(r.files.all(), key=lambda f: f.pk)
            ),
        )
        for r in records
    ]


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


def sealed_file_reveal(*, sealed: SealedFile, user: User, reason: str) -> tuple[str, bytes]:
    """One sealed scan (title, bytes) for the resolver or a granted officer, audited with the
    reason and the file (never its content)."""
    case = sealed.identity.case
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
    if not org_permissions.has_permission(user, org_permissions.Action.CASE_VIEW, case.unit):
        raise DomainError(
            _("Người được giao không thuộc đơn vị giải quyết vụ việc."),
            code="invalid",
            fields={"user": [_("Người được giao không hợp lệ.")]},
        )
    if has_grant(user, case):
        raise DomainError(_("Người này đã được giao quyền."), code="already_granted")
    grant = IdentityGrant.objects.create(case=case, user=user, granted_by=granted_by, reason=reason)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.IDENTITY_GRANTED,
        on=timezone.localdate(),
        actor=granted_by,
        summary=_("Giao quyền xem thông tin người tố cáo cho %(u)s.") % {"u": user.display_name},
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
    CaseEvent.objects.create(
        case=grant.case,
        kind=CaseEvent.Kind.IDENTITY_REVOKED,
        on=timezone.localdate(),
        actor=actor,
        summary=_("Thu hồi quyền xem thông tin người tố cáo."),
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
    if not is_resolver(actor, record.case):
        raise DomainError(_("Chỉ người giải quyết tố cáo ghi nhận việc này."), code="forbidden")
    if not note:
        raise DomainError(
            _("Ghi rõ văn bản, biên bản thể hiện ý kiến của người tố cáo."),
            code="invalid",
            fields={"note": [_("Cần ghi căn cứ.")]},
        )
    record.waived_on, record.waiver_note = on, note
    record.save(update_fields=["waived_on", "waiver_note", "updated_at"])
    CaseEvent.objects.create(
        case=record.case,
        kind=CaseEvent.Kind.IDENTITY_WAIVED,
        on=on,
        actor=actor,
        summary=_("Người tố cáo từ chối biện pháp giữ bí mật thông tin (đã lưu căn cứ)."),
    )
    audit_services.audit_record(
        action=IDENTITY_WAIVED, target=record.case, actor=actor, unit=record.case.unit, data={}
    )
    return record


WORKING_COPY_CODE = "case.working_copy"


@transaction.atomic
def working_copy_add(*, case: Case, user: User, title: str, upload) -> CaseDocument:
    """File the redacted working copy of a denunciation's scan (bản sao đã che thông tin người
    tố cáo) for the verification team (Luật TC Art 47.2; NĐ 31/2019). Only someone who sees
    the original can vouch that the masking is complete, so only they may file it; the copy
    then sits with the case's documents, which every officer on the case sees."""
    if case.kind != CaseKind.DENUNCIATION or not may_reveal(user, case):
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
        code=WORKING_COPY_CODE,
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
        action=IDENTITY_WORKING_COPY,
        target=case,
        actor=user,
        unit=case.unit,
        data={"document": document.pk},
    )
    return document
