"""Sealing: a denunciation's senders, texts and scans into the vault once it meets its matter
(`vault_seal`), or before anything is written in plain (`vault_seal_intake`)."""

import functools
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.citizens.models import Citizen
from tiepdan.core import events
from tiepdan.core.text import search_key
from tiepdan.organizations.models import User
from tiepdan.vault.crypto import (
    IDENTITY_SEALED,
    decrypt,
    encrypt,
)
from tiepdan.vault.holders import Denouncer, all_links, holders
from tiepdan.vault.models import IdentityRecord, SealedFile, SealedText
from tiepdan.vault.people import fingerprint, model_label, person_of
from tiepdan.vault.redaction import redact

# A matter (`matters.Matter`, or its proxy `cases.Case`): the vault reads it through the
# holders and its own rows, never through the model.
Matter = Any


def _denouncers(case: Matter) -> list[Denouncer]:
    """Everyone who brought a denunciation into this matter and is still linked in plain,
    as each holder reports them: senders of its denunciation petitions, attendees of its
    denunciation visits, the persons of a matter whose kind is denunciation."""
    found: list[Denouncer] = []
    for holder in holders():
        found.extend(holder.denouncers(case))
    return found


def redact_people(text: str, people: list) -> str:
    return redact(text, people)


SEALED_TITLE = "Tài liệu niêm phong"


def _seal_files(record: IdentityRecord | None, case: Matter, people: list) -> int:
    """The denunciation petitions' scans (they carry handwriting) into the vault, encrypted,
    each once whenever it was attached; the plain file is deleted once the transaction
    commits, the attachment row keeps a redacted title and no file. With no identity (an
    anonymous denunciation) the sealed file belongs to the matter. Returns how many."""
    done = set(
        SealedFile.objects.filter(Q(identity__case_id=case.pk) | Q(case_id=case.pk)).values_list(
            "source_attachment_id", flat=True
        )
    )
    attachments = [a for holder in holders() for a in holder.scans(case)]
    sealed = 0
    for attachment in attachments:
        name = attachment.file.name
        if attachment.pk not in done:
            with attachment.file.open("rb") as fh:
                content = fh.read()
            SealedFile.objects.create(
                identity=record,
                case=None if record is not None else case,
                title_enc=encrypt(attachment.title),
                content_enc=encrypt(content),
                source_attachment_id=attachment.pk,
            )
        title = redact_people(attachment.title, people)
        # update(): no save signal (it would seal again); the row keeps no path to the file.
        type(attachment)._default_manager.filter(pk=attachment.pk).update(
            file="", title=title or SEALED_TITLE, updated_at=timezone.now()
        )
        storage = attachment.file.storage
        transaction.on_commit(functools.partial(storage.delete, name), robust=True)
        sealed += 1
    return sealed


def _seal_text(case: Matter, obj, field: str, people: list, key_field: str | None = None) -> None:
    """Keep `obj.field` as written in the vault when it names a denouncer, the redacted copy in
    the plain column; a sealed copy the text no longer matches (edited since) is dropped."""
    plain = getattr(obj, field) or ""
    redacted = redact_people(plain, people)
    label = model_label(obj)
    existing = SealedText.objects.filter(target=label, object_id=obj.pk, field=field)
    if redacted == plain:
        for row in existing:
            if redact_people(decrypt(row.text_enc).decode(), people) != plain:
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
    """The registry rows among `citizen_ids` that nothing links to any more (no holder's
    link, no merged row, no record of the vault)."""
    rows = Citizen.objects.filter(pk__in=citizen_ids)
    for link in all_links():
        rows = rows.exclude(
            Exists(link.model._default_manager.filter(**{link.person: OuterRef("pk")}))
        )
    return rows.exclude(Exists(Citizen.objects.filter(merged_into_id=OuterRef("pk")))).exclude(
        Exists(IdentityRecord.objects.filter(citizen_id=OuterRef("pk")))
    )


def drop_orphans(citizen_ids: set[int]) -> int:
    """Delete the registry rows that existed only for the denunciation (their data is in the
    vault); a person known to the unit for anything else keeps their row, which no longer
    points to the denunciation (and is shown again if it was hidden meanwhile). Run once the
    sealing has committed (callers of the service that sealed may still link the person, e.g.
    the desk records the visit's attendees after the matter), and by `check_seals --fix`.
    Returns how many were deleted."""
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


def sqlite_checkpoint() -> None:
    if connection.is_in_memory_db():  # type: ignore[attr-defined]  # SQLite's wrapper
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def is_denunciation_matter(case: Matter) -> bool:
    return any(holder.denounced(case) for holder in holders())


def intake_redact(text: str, people: list) -> str:
    """`text` with the identifiers of `people` masked, before it is written anywhere."""
    return redact_people(text, people)


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
        attachment = petition.attachments.create(
            title=redact_people(title, people)[:255] or SEALED_TITLE, file=""
        )
        # An anonymous denunciation's scan is sealed too, with no identity to hold it.
        SealedFile.objects.create(
            identity=records[0] if records else None,
            title_enc=encrypt(title),
            content_enc=encrypt(content),
            source_attachment_id=attachment.pk,
        )
        attachments.append(attachment)
    if connection.vendor == "sqlite" and (records or scans):
        transaction.on_commit(sqlite_checkpoint, robust=True)
    return attachments


def _adopt(case: Matter) -> int:
    """Attach to `case` what the vault received for its denunciations before they had a
    matter (online intake); returns how many identities."""
    adopted = 0
    for holder in holders():
        petition_ids = holder.intake_ids(case)
        if not petition_ids:
            continue
        _adopt_files(case, holder.attachment_ids(petition_ids))
        SealedText.objects.filter(
            case__isnull=True, target=holder.label, object_id__in=petition_ids
        ).update(case=case)
        adopted += IdentityRecord.objects.filter(
            case__isnull=True, petition_id__in=petition_ids
        ).update(case=case)
    return adopted


def _adopt_files(case: Matter, attachment_ids: Any) -> int:
    """The scans of anonymous denunciations sealed at intake (no identity holds them) join the
    matter their petition met; returns how many."""
    return SealedFile.objects.filter(
        identity__isnull=True, case__isnull=True, source_attachment_id__in=attachment_ids
    ).update(case=case)


def _record_identities(
    case: Matter, denouncers: list[Denouncer]
) -> tuple[list[IdentityRecord], int]:
    """The matter's identity records, with one added for each denouncer the vault does not
    hold yet (one per petition or visit and person); returns them and how many were added."""
    records = list(case.identities.order_by("pk"))
    known = {(r.petition_id, r.visit_id, fingerprint(person_of(r))) for r in records}
    known_citizens = {(r.petition_id, r.citizen_id) for r in records if r.citizen_id}
    added = 0
    for petition_id, visit_id, is_representative, person in denouncers:
        key = (petition_id, visit_id, fingerprint(person))
        if key in known or (visit_id is None and (petition_id, person.pk) in known_citizens):
            continue
        records.append(
            IdentityRecord.objects.create(
                case=case,
                petition_id=petition_id,
                visit_id=visit_id,
                is_representative=is_representative,
                full_name_enc=encrypt(person.full_name or ""),
                address_enc=encrypt(person.address or ""),
                id_number_enc=encrypt(person.id_number or ""),
                phone_enc=encrypt(person.phone or ""),
            )
        )
        known.add(key)
        added += 1
    return records, added


def _unlink(case: Matter, plain_ids: set[int]) -> None:
    """Only the vault links the denunciation to its senders now: each holder deletes its plain
    links (no signal: the receivers listen to additions only, and the matter's citizens are
    left by `remove`, as before)."""
    for holder in holders():
        holder.unlink(case, plain_ids)
    IdentityRecord.objects.filter(case_id=case.pk, citizen__isnull=False).update(citizen=None)
    if plain_ids:
        # Rows left with no link are hidden at once and deleted when the sealing commits.
        _unlinked(plain_ids).update(sealed=True)
        transaction.on_commit(functools.partial(drop_orphans, set(plain_ids)), robust=True)


def _seal_texts(case: Matter, people: list) -> None:
    """The texts that quote a denouncer (the summaries, the visits' content, as the holders
    list them), kept as written in the vault and stored redacted."""
    for holder in holders():
        for obj, field, key_field in holder.texts(case):
            _seal_text(case, obj, field, people, key_field)


def _sealed_logged(case: Matter, actor: User | None, added: int, scans: int) -> None:
    events.identity_step.send(
        sender=IdentityRecord,
        case=case,
        kind="identity_sealed",
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


def _people(denouncers: list[Denouncer], records: list[IdentityRecord]) -> tuple[list, set[int]]:
    """Everyone whose identifiers are masked in the texts (the registry's rows and the
    vault's), and the registry rows that the denunciation linked in plain."""
    people: list = [d.person for d in denouncers]
    people.extend(person_of(r) for r in records if r.citizen_id is None)
    plain_ids = {person.pk for person in people if person.pk is not None}
    plain_ids |= {r.citizen_id for r in records if r.citizen_id}
    return people, plain_ids


def _checkpoint_on_commit() -> None:
    if connection.vendor == "sqlite":
        # The write-ahead log still holds the pages as they were: fold it into the file
        # (overwritten there, PRAGMA secure_delete) and empty it.
        transaction.on_commit(sqlite_checkpoint, robust=True)


@transaction.atomic
def vault_seal(*, case: Matter, actor: User | None = None) -> int:
    """Seal everyone who denounced in this matter (idempotent); returns how many were added.

    Run whenever a denunciation and its matter are linked, whatever the order of the calls
    (each holder connects it to its links, in its AppConfig.ready). Afterwards nothing in
    plain links the denunciation to its senders: each sender's identity is in the vault (one
    record per petition and person), the petition's link to the registry is deleted and so
    is a registry row that existed only for it; the person leaves the matter's citizens; the
    summaries and the visits' content that quote them are kept encrypted and stored
    redacted; the scans are encrypted and their plain files deleted."""
    if not is_denunciation_matter(case):
        return 0
    adopted = _adopt(case)
    denouncers = _denouncers(case)
    records, added = _record_identities(case, denouncers)
    added += adopted
    people, plain_ids = _people(denouncers, records)
    _unlink(case, plain_ids)
    if people:
        _seal_texts(case, people)
    scans = _seal_files(records[-1] if records else None, case, people)
    if added or scans or plain_ids:
        _checkpoint_on_commit()
    if added or scans:
        _sealed_logged(case, actor, added, scans)
    return added


def unsealed_matters() -> list[int]:
    """Matters linked to a denunciation with something of a denouncer still in plain: a sender
    or an attendee linked to the registry, a person in the matter's citizens, a scan still in
    storage. Must always be empty (`manage.py check_seals`, and a test)."""
    ids = set(
        IdentityRecord.objects.filter(citizen__isnull=False).values_list("case_id", flat=True)
    )
    for holder in holders():
        ids |= holder.unsealed()
    return sorted(ids)


def vault_seal_copy(*, source, copy, texts: dict[str, str]) -> int:
    """A copy of a sealed denunciation (a part split from it, the copy a unit receives by
    transfer) carries its senders as the vault's records, never as registry links: each
    identity record the vault holds for `source` goes to `copy` as it is encrypted, with no
    matter yet (`vault_seal` adopts it when the copy meets one), and the texts as written
    (`texts`: field → original, for the fields whose stored copy is redacted) are sealed for the
    copy. The caller stores only redacted texts and links no sender. Returns how many records."""
    seen: set[tuple[str, str, str, str]] = set()
    added = 0
    for record in IdentityRecord.objects.filter(petition_id=source.pk).order_by("pk"):
        key = fingerprint(person_of(record))
        if key in seen:
            continue
        seen.add(key)
        IdentityRecord.objects.create(
            case=None,
            petition=copy,
            full_name_enc=bytes(record.full_name_enc),
            address_enc=bytes(record.address_enc),
            id_number_enc=bytes(record.id_number_enc),
            phone_enc=bytes(record.phone_enc),
        )
        added += 1
    label = copy._meta.label_lower
    for field, original in texts.items():
        if original != getattr(copy, field):
            SealedText.objects.update_or_create(
                target=label,
                object_id=copy.pk,
                field=field,
                defaults={"case": None, "text_enc": encrypt(original)},
            )
    if connection.vendor == "sqlite" and added:
        transaction.on_commit(sqlite_checkpoint, robust=True)
    return added


def hidden_leftovers() -> list[int]:
    """Registry rows hidden at sealing (`Citizen.sealed`) that are still there: the sealing
    committed but the deletion that follows it did not run (a crash, a killed worker). A row
    is hidden only inside the sealing's transaction and is deleted or shown again as it
    commits, so any left is an error (`manage.py check_seals`; `--fix` runs `drop_orphans`)."""
    return sorted(Citizen.objects.filter(sealed=True).values_list("pk", flat=True))
