"""The denouncer identity vault (architecture rule 4; Luật TC Arts 8.3, 9.1.b, 47, 56).

How the vault relates to the person registry (sealed at rest)
--------------------------------------------------------------
Until a denunciation meets its matter, the petition links its senders (`Petition.senders`) and
the visit its attendees like any other: intake, duplicate detection and the acceptance check of
Luật TC Art 24 need them, and every reader goes through the sealing rule
`petitions.selectors.can_see_senders` / `sealed_q` / `sealed_person_q`. Whenever a
denunciation and its matter are linked (`vault_seal`, idempotent, run on every link by
`cases.sealing`, whatever the order of the calls), nothing in plain links them any more:

- each denouncer's name, address, ID number and phone become Fernet tokens
  (`IdentityRecord`, one per petition or visit and person), encrypted with
  `settings.TIEPDAN_FIELD_KEY` (HKDF-SHA256; earlier keys in `TIEPDAN_FIELD_KEY_FALLBACKS`
  and the keys derived from `SECRET_KEY` and `SECRET_KEY_FALLBACKS` still decrypt,
  `manage.py rotate_field_key` re-encrypts);
- the petition's sender links and the visit's attendee rows are deleted, the person leaves the
  matter's citizens, and a registry row that existed only for the denunciation is hidden at
  once and deleted when the sealing commits (a person known for anything else keeps theirs);
- the petition's scans are encrypted (`SealedFile`) and their plain files deleted;
- the texts that quote the denouncer (the petition's and the matter's summaries, the visit's
  content) are kept as written in `SealedText` and stored redacted (Luật TC Art 56.2: the
  verification team works on a file with the denouncer removed).

A denunciation sent online with a name is sealed before anything is written in plain
(`vault_seal_intake`, called by the public channel): it never links a registry row, its texts
are stored redacted from the first write, and its records wait with no matter until
`vault_seal` adopts them.

Pages, documents and the national link read the senders, attendees and texts back with
`petition_people`, `visit_attendees`, `original_text` — only for someone the rule allows.

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
import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
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
    SealedText,
)
from tiepdan.cases.permissions import CaseAction
from tiepdan.core.classification import PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.matters.models import Matter
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


def derived_key(secret_key: str) -> str:
    """The field key derived from a secret key (config.settings.base, while
    `TIEPDAN_FIELD_KEY` is unset)."""
    return hashlib.sha256(f"field:{secret_key}".encode()).hexdigest()


@cache
def _fernet(key: str) -> Fernet:
    try:
        raw = bytes.fromhex(key)
    except ValueError:
        raw = key.encode()
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tiepdan.cases.vault"
    ).derive(raw)
    return Fernet(base64.urlsafe_b64encode(derived))


def field_keys() -> list[str]:
    """The current key first, then every key a sealed value may still be encrypted with: the
    field key's fallbacks and, so that rotating `SECRET_KEY` alone never loses data, the keys
    derived from the secret key and from each of its fallbacks (`SECRET_KEY_FALLBACKS`)."""
    keys = [settings.TIEPDAN_FIELD_KEY, *getattr(settings, "TIEPDAN_FIELD_KEY_FALLBACKS", [])]
    keys.append(derived_key(settings.SECRET_KEY))
    keys.extend(derived_key(old) for old in getattr(settings, "SECRET_KEY_FALLBACKS", []))
    return list(dict.fromkeys(k for k in keys if k))


@cache
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_fernet(k) for k in keys])


def encrypt(value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _fernet(settings.TIEPDAN_FIELD_KEY).encrypt(data)


def decrypt(token: bytes | memoryview) -> bytes:
    return _multi(tuple(field_keys())).decrypt(bytes(token))


def is_current(token: bytes | memoryview) -> bool:
    """Whether `token` is encrypted with the current key (`rotate_field_key` skips it)."""
    try:
        _fernet(settings.TIEPDAN_FIELD_KEY).decrypt(bytes(token))
    except InvalidToken:
        return False
    return True


def rotate(token: bytes | memoryview) -> bytes:
    """`token` re-encrypted with the current key (its timestamp kept, as MultiFernet does)."""
    return _multi(tuple(field_keys())).rotate(bytes(token))


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


@dataclass(frozen=True)
class SealedPerson:
    """A sender read back from the vault, shaped like a citizen for the pages and documents
    that show it to someone allowed to see (never saved, never linked to the registry)."""

    full_name: str
    address: str
    id_number: str
    phone: str
    pk: None = None
    gender: str = ""
    date_of_birth: None = None

    @property
    def name_key(self) -> str:
        return search_key(self.full_name)


def _person_of(record: IdentityRecord) -> SealedPerson:
    return SealedPerson(
        full_name=decrypt(record.full_name_enc).decode(),
        address=decrypt(record.address_enc).decode(),
        id_number=decrypt(record.id_number_enc).decode(),
        phone=decrypt(record.phone_enc).decode(),
    )


def _fingerprint(person) -> tuple[str, str, str, str]:
    return (
        search_key(person.full_name or ""),
        person.id_number or "",
        person.phone or "",
        search_key(person.address or ""),
    )


def sealed_senders(petitions) -> dict[int, list[SealedPerson]]:
    """The senders kept in the vault for each of `petitions` (one query; only denunciations
    linked to a matter have any). Callers show them only to someone `can_see_senders` allows,
    and audit it (`identity_viewed`)."""
    pks = [p.pk for p in petitions if p.petition_type == PetitionType.DENUNCIATION]
    found: dict[int, list[SealedPerson]] = {}
    if not pks:
        return found
    seen: set[tuple[int, tuple[str, str, str, str]]] = set()
    for record in IdentityRecord.objects.filter(petition_id__in=pks).order_by("pk"):
        person = _person_of(record)
        key = (record.petition_id, _fingerprint(person))
        if key not in seen:
            seen.add(key)
            found.setdefault(record.petition_id, []).append(person)
    return found


def petition_people(petition) -> list:
    """The petition's senders: the registry's rows while it is not sealed, the vault's copy
    once it is (for officers allowed to see, for authorised documents and transfers)."""
    people: list = list(petition.senders.all())
    people.extend(sealed_senders([petition]).get(petition.pk, []))
    return people


def people_by_petition(petitions) -> dict[int, list]:
    """`petition_people` for a page of petitions: senders prefetched, the vault read once."""
    sealed = sealed_senders(petitions)
    return {p.pk: [*p.senders.all(), *sealed.get(p.pk, [])] for p in petitions}


@dataclass(frozen=True)
class SealedAttendee:
    """A denouncer who came to the desk, read back from the vault, shaped like an attendee."""

    citizen: SealedPerson
    is_representative: bool
    pk: None = None


def sealed_attendees(visits) -> dict[int, list[SealedAttendee]]:
    """The attendees kept in the vault for each of `visits` (one query; only denunciation
    visits linked to a matter have any), representatives first. Same rule as
    `sealed_senders`: for someone allowed to see, audited by the caller."""
    pks = [v.pk for v in visits if v.petition_type == PetitionType.DENUNCIATION]
    found: dict[int, list[SealedAttendee]] = {}
    if not pks:
        return found
    seen: set[tuple[int, tuple[str, str, str, str]]] = set()
    records = IdentityRecord.objects.filter(visit_id__in=pks).order_by("-is_representative", "pk")
    for record in records:
        person = _person_of(record)
        key = (record.visit_id, _fingerprint(person))
        if key not in seen:
            seen.add(key)
            found.setdefault(record.visit_id, []).append(
                SealedAttendee(citizen=person, is_representative=record.is_representative)
            )
    return found


def visit_attendees(visit) -> list:
    """The visit's attendees: the registry's while not sealed, the vault's once sealed."""
    plain = list(
        visit.attendees.select_related("citizen").order_by("-is_representative", "pk")
    )
    return [*plain, *sealed_attendees([visit]).get(visit.pk, [])]


def _label(obj) -> str:
    # The concrete model: a matter is "matters.matter" whether it is read as `Case` or not.
    return obj._meta.concrete_model._meta.label_lower


def original_texts(objects, field: str) -> dict[int, str]:
    """The text as written (before redaction) of each of `objects` whose `field` quoted a
    denouncer, for someone allowed to see the denouncer; the others are not in the result."""
    objects = list(objects)
    if not objects:
        return {}
    rows = SealedText.objects.filter(
        target=_label(objects[0]), object_id__in=[o.pk for o in objects], field=field
    )
    return {row.object_id: decrypt(row.text_enc).decode() for row in rows}


def original_text(obj, field: str) -> str:
    return original_texts([obj], field).get(obj.pk, getattr(obj, field))


def _denouncers(case: Case) -> list[tuple[object | None, object | None, object]]:
    """(petition or None, attendee row or None, person) for everyone who brought a
    denunciation into this matter and is still linked in plain: senders of its denunciation
    petitions, attendees of its denunciation visits, and the persons of a matter whose kind is
    denunciation."""
    from tiepdan.reception.models import VisitCitizen

    found: dict[tuple[str, int, int], tuple[object | None, object | None, object]] = {}
    petitions = case.petitions.filter(petition_type=PetitionType.DENUNCIATION).prefetch_related(
        "senders"
    )
    for petition in petitions:
        for person in petition.senders.all():
            found.setdefault(("petition", petition.pk, person.pk), (petition, None, person))
    attendees = VisitCitizen.objects.filter(
        visit__case=case, visit__petition_type=PetitionType.DENUNCIATION
    ).select_related("citizen", "visit")
    for attendee in attendees:
        found.setdefault(
            ("visit", attendee.visit_id, attendee.citizen_id), (None, attendee, attendee.citizen)
        )
    if case.kind == CaseKind.DENUNCIATION:
        for person in case.citizens.all():
            found.setdefault(("case", 0, person.pk), (None, None, person))
    return list(found.values())


def _redact(text: str, people: list) -> str:
    from tiepdan.petitions.redaction import redact

    return redact(text, people)


SEALED_TITLE = "Tài liệu niêm phong"


def _seal_files(record: IdentityRecord, case: Case, people: list) -> int:
    """The denunciation petitions' scans (they carry handwriting) into the vault, encrypted,
    each once whenever it was attached; the plain file is deleted once the transaction
    commits, the attachment row keeps a redacted title and no file. Returns how many."""
    from tiepdan.petitions.models import PetitionAttachment

    done = set(
        SealedFile.objects.filter(identity__case=case).values_list(
            "source_attachment_id", flat=True
        )
    )
    attachments = (
        PetitionAttachment.objects.filter(
            petition__case=case, petition__petition_type=PetitionType.DENUNCIATION
        )
        .exclude(file="")
        .order_by("pk")
    )
    sealed = 0
    for attachment in attachments:
        name = attachment.file.name
        if attachment.pk not in done:
            with attachment.file.open("rb") as fh:
                content = fh.read()
            SealedFile.objects.create(
                identity=record,
                title_enc=encrypt(attachment.title),
                content_enc=encrypt(content),
                source_attachment_id=attachment.pk,
            )
        title = _redact(attachment.title, people)
        # update(): no save signal (it would seal again); the row keeps no path to the file.
        PetitionAttachment.objects.filter(pk=attachment.pk).update(
            file="", title=title or SEALED_TITLE, updated_at=timezone.now()
        )
        storage = attachment.file.storage
        transaction.on_commit(
            lambda storage=storage, name=name: storage.delete(name), robust=True
        )
        sealed += 1
    return sealed


def sealed_scan(attachment) -> SealedFile | None:
    """The vault's copy of a petition scan sealed in storage (its file deleted)."""
    return (
        SealedFile.objects.filter(source_attachment_id=attachment.pk).order_by("pk").first()
        if not attachment.file
        else None
    )


def _seal_text(case: Case, obj, field: str, people: list, key_field: str | None = None) -> None:
    """Keep `obj.field` as written in the vault when it names a denouncer, the redacted copy in
    the plain column; a sealed copy the text no longer matches (edited since) is dropped."""
    plain = getattr(obj, field) or ""
    redacted = _redact(plain, people)
    label = _label(obj)
    existing = SealedText.objects.filter(target=label, object_id=obj.pk, field=field)
    if redacted == plain:
        for row in existing:
            if _redact(decrypt(row.text_enc).decode(), people) != plain:
                row.delete()
        return
    SealedText.objects.update_or_create(
        target=label,
        object_id=obj.pk,
        field=field,
        defaults={"case": case, "text_enc": encrypt(plain)},
    )
    updates: dict[str, object] = {field: redacted}
    if key_field:
        updates[key_field] = search_key(redacted)
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        updates["updated_at"] = timezone.now()
    # update(): no save signal (it would seal again).
    type(obj).objects.filter(pk=obj.pk).update(**updates)
    for name, value in updates.items():
        setattr(obj, name, value)


def _unlinked(citizen_ids: set[int]):
    """The registry rows among `citizen_ids` that nothing links to any more."""
    from tiepdan.citizens.models import Citizen
    from tiepdan.petitions.models import Petition
    from tiepdan.reception.models import VisitCitizen

    return (
        Citizen.objects.filter(pk__in=citizen_ids)
        .exclude(Exists(Petition.senders.through.objects.filter(citizen_id=OuterRef("pk"))))
        .exclude(Exists(VisitCitizen.objects.filter(citizen_id=OuterRef("pk"))))
        .exclude(Exists(Case.citizens.through.objects.filter(citizen_id=OuterRef("pk"))))
        .exclude(Exists(Citizen.objects.filter(merged_into_id=OuterRef("pk"))))
        .exclude(Exists(IdentityRecord.objects.filter(citizen_id=OuterRef("pk"))))
    )


def drop_orphans(citizen_ids: set[int]) -> int:
    """Delete the registry rows that existed only for the denunciation (their data is in the
    vault); a person known to the unit for anything else keeps their row, which no longer
    points to the denunciation (and is shown again if it was hidden meanwhile). Run once the
    sealing has committed (callers of the service that sealed may still link the person, e.g.
    the desk records the visit's attendees after the matter), and by `check_seals --fix`.
    Returns how many were deleted."""
    from django.db.models import ProtectedError

    from tiepdan.citizens.models import Citizen

    if not citizen_ids:
        return 0
    orphans = set(_unlinked(citizen_ids).values_list("pk", flat=True))
    Citizen.objects.filter(pk__in=citizen_ids - orphans, sealed=True).update(sealed=False)
    dropped = 0
    for pk in sorted(orphans):
        try:
            with transaction.atomic():
                dropped += Citizen.objects.filter(pk=pk).delete()[0]
        except (ProtectedError, IntegrityError):
            Citizen.objects.filter(pk=pk).update(sealed=False)  # linked again meanwhile
    return dropped


def _sqlite_checkpoint() -> None:
    if connection.is_in_memory_db():
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def is_denunciation_matter(case: Case) -> bool:
    return (
        case.kind == CaseKind.DENUNCIATION
        or case.petitions.filter(petition_type=PetitionType.DENUNCIATION).exists()
        or case.visits.filter(petition_type=PetitionType.DENUNCIATION).exists()
    )


def intake_redact(text: str, people: list) -> str:
    """`text` with the identifiers of `people` masked, before it is written anywhere."""
    return _redact(text, people)


def vault_seal_intake(
    *, petition, people: list, texts: dict[str, str], scans: list[tuple[str, bytes]]
) -> list:
    """Seal a denunciation received online before its sender is written in plain: the caller
    stores only redacted copies; here the senders (`SealedPerson`s), the texts as written
    (`texts`: field → original, for the fields whose redacted copy differs) and the scans
    (title, bytes) go to the vault, encrypted, with no matter yet (`vault_seal` adopts them when
    the petition meets its matter). The petition's attachment rows keep a redacted title and no
    file. Readers go through `petition_people`, `original_text` and `sealed_scan`, as for any
    sealed denunciation. Returns the attachment rows created."""
    from tiepdan.petitions.models import PetitionAttachment

    records = [
        IdentityRecord.objects.create(
            case=None,
            petition=petition,
            full_name_enc=encrypt(person.full_name or ""),
            address_enc=encrypt(person.address or ""),
            id_number_enc=encrypt(person.id_number or ""),
            phone_enc=encrypt(person.phone or ""),
        )
        for person in people
    ]
    label = petition._meta.label_lower
    for field, original in texts.items():
        if original != getattr(petition, field):
            SealedText.objects.create(
                case=None,
                target=label,
                object_id=petition.pk,
                field=field,
                text_enc=encrypt(original),
            )
    attachments = []
    for title, content in scans:
        attachment = PetitionAttachment.objects.create(
            petition=petition, title=_redact(title, people)[:255] or SEALED_TITLE, file=""
        )
        if records:
            SealedFile.objects.create(
                identity=records[0],
                title_enc=encrypt(title),
                content_enc=encrypt(content),
                source_attachment_id=attachment.pk,
            )
        attachments.append(attachment)
    if connection.vendor == "sqlite" and records:
        transaction.on_commit(_sqlite_checkpoint, robust=True)
    return attachments


def _adopt(case: Case) -> int:
    """Attach to `case` what the vault received for its denunciations before they had a
    matter (online intake); returns how many identities."""
    from tiepdan.petitions.models import Petition

    petition_ids = list(
        case.petitions.filter(petition_type=PetitionType.DENUNCIATION).values_list(
            "pk", flat=True
        )
    )
    if not petition_ids:
        return 0
    SealedText.objects.filter(
        case__isnull=True, target=Petition._meta.label_lower, object_id__in=petition_ids
    ).update(case=case)
    return IdentityRecord.objects.filter(case__isnull=True, petition_id__in=petition_ids).update(
        case=case
    )


@transaction.atomic
def vault_seal(*, case: Matter, actor: User | None = None) -> int:
    """Seal everyone who denounced in this matter (idempotent); returns how many were added.

    Run whenever a denunciation and its matter are linked, whatever the order of the calls
    (`cases.sealing` connects it to every link). Afterwards nothing in plain links the
    denunciation to its senders: each sender's identity is in the vault (one record per
    petition and person), the petition's link to the registry is deleted and so is a registry
    row that existed only for it; the person leaves the matter's citizens; the summaries and
    the visits' content that quote them are kept encrypted and stored redacted; the scans are
    encrypted and their plain files deleted."""
    from tiepdan.petitions.models import Petition

    if not is_denunciation_matter(case):
        return 0
    from tiepdan.reception.models import VisitCitizen

    adopted = _adopt(case)
    records = list(case.identities.order_by("pk"))
    known = {(r.petition_id, r.visit_id, _fingerprint(_person_of(r))) for r in records}
    known_citizens = {(r.petition_id, r.citizen_id) for r in records if r.citizen_id}
    added = adopted
    denouncers = _denouncers(case)
    for petition, attendee, person in denouncers:
        petition_id = getattr(petition, "pk", None)
        visit_id = attendee.visit_id if attendee is not None else None
        fingerprint = (petition_id, visit_id, _fingerprint(person))
        if fingerprint in known:
            continue
        if attendee is None and (petition_id, person.pk) in known_citizens:
            continue
        records.append(
            IdentityRecord.objects.create(
                case=case,
                petition=petition,
                visit_id=visit_id,
                is_representative=bool(attendee is not None and attendee.is_representative),
                full_name_enc=encrypt(person.full_name or ""),
                address_enc=encrypt(person.address or ""),
                id_number_enc=encrypt(person.id_number or ""),
                phone_enc=encrypt(person.phone or ""),
            )
        )
        known.add(fingerprint)
        added += 1
    people: list = [person for _petition, _attendee, person in denouncers]
    people.extend(_person_of(r) for r in records if r.citizen_id is None)
    plain_ids = {person.pk for person in people if person.pk is not None}
    plain_ids |= {r.citizen_id for r in records if r.citizen_id}
    # Only the vault links the denunciation to its senders now (no signal: the receivers listen
    # to additions only, and the matter's citizens are left by `remove`, as before).
    petitions = list(case.petitions.filter(petition_type=PetitionType.DENUNCIATION))
    Petition.senders.through.objects.filter(petition__in=petitions).delete()
    VisitCitizen.objects.filter(
        visit__case=case, visit__petition_type=PetitionType.DENUNCIATION
    ).delete()
    IdentityRecord.objects.filter(case=case, citizen__isnull=False).update(citizen=None)
    if plain_ids:
        case.citizens.remove(*plain_ids)
    if plain_ids:
        # Rows left with no link are hidden at once and deleted when the sealing commits.
        _unlinked(plain_ids).update(sealed=True)
        transaction.on_commit(
            lambda ids=frozenset(plain_ids): drop_orphans(set(ids)), robust=True
        )
    if people:
        for petition in petitions:
            _seal_text(case, petition, "summary", people, "summary_key")
        _seal_text(case, case, "summary", people, "summary_key")
        for visit in case.visits.filter(petition_type=PetitionType.DENUNCIATION):
            _seal_text(case, visit, "content", people)
    record = records[-1] if records else None
    scans = _seal_files(record, case, people) if record is not None else 0
    if connection.vendor == "sqlite" and (added or scans or plain_ids):
        # The write-ahead log still holds the pages as they were: fold it into the file
        # (overwritten there, PRAGMA secure_delete) and empty it.
        transaction.on_commit(_sqlite_checkpoint, robust=True)
    if added or scans:
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.IDENTITY_SEALED,
            on=timezone.localdate(),
            actor=actor,
            summary=_("Thông tin người tố cáo được niêm phong (%(n)s người).") % {"n": added},
        )
        audit_services.audit_record(
            action=IDENTITY_SEALED,
            target=case,
            actor=actor,
            unit=case.unit,
            data={"count": added, "scans": scans},
        )
    return added


def unsealed_matters() -> list[int]:
    """Matters linked to a denunciation with something of a denouncer still in plain: a sender
    or an attendee linked to the registry, a person in the matter's citizens, a scan still in
    storage. Must always be empty (`manage.py check_seals`, and a test)."""
    from tiepdan.petitions.models import Petition, PetitionAttachment
    from tiepdan.reception.models import VisitCitizen

    ids = set(
        Petition.objects.filter(
            petition_type=PetitionType.DENUNCIATION, case__isnull=False, senders__isnull=False
        ).values_list("case_id", flat=True)
    )
    ids |= set(
        PetitionAttachment.objects.filter(
            petition__petition_type=PetitionType.DENUNCIATION, petition__case__isnull=False
        )
        .exclude(file="")
        .values_list("petition__case_id", flat=True)
    )
    ids |= set(
        IdentityRecord.objects.filter(citizen__isnull=False).values_list("case_id", flat=True)
    )
    ids |= set(
        VisitCitizen.objects.filter(
            visit__petition_type=PetitionType.DENUNCIATION, visit__case__isnull=False
        ).values_list("visit__case_id", flat=True)
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
    identities: list[Identity] = []
    by_person: dict[tuple[str, str, str, str], int] = {}
    for r in records:
        person = _person_of(r)
        files = tuple(
            (f.pk, decrypt(f.title_enc).decode()) for f in sorted(r.files.all(), key=lambda f: f.pk)
        )
        # One person who sent two petitions of the matter (or also came to the desk) is one
        # denouncer on the page.
        at = by_person.get(_fingerprint(person))
        if at is not None:
            first = identities[at]
            identities[at] = dataclasses.replace(first, files=first.files + files)
            continue
        by_person[_fingerprint(person)] = len(identities)
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
    if not org_permissions.has_permission(user, CaseAction.VIEW, case.unit):
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


# Encrypted columns that apps above this one keep (the data keys of sealed files, for one):
# `rotate_field_key` re-encrypts them with the vault's own.
EXTRA_SEALED: list[tuple[type, tuple[str, ...]]] = []


def register_sealed(model: type, *fields: str) -> None:
    """Have `rotate_field_key` re-encrypt these columns of `model` (called in AppConfig.ready)."""
    EXTRA_SEALED.append((model, fields))
