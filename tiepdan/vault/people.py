"""Reading the vault back: the senders, attendees, texts and scans of a sealed denunciation, for
someone the sealing rule allows (the caller checks and audits)."""

from dataclasses import dataclass

from tiepdan.core.classification import PetitionType
from tiepdan.core.text import search_key
from tiepdan.vault.crypto import (
    decrypt,
)
from tiepdan.vault.models import (
    IdentityRecord,
    SealedFile,
    SealedText,
)


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


def model_label(obj) -> str:
    # The concrete model: a matter is "matters.matter" whether it is read as `Case` or not.
    return obj._meta.concrete_model._meta.label_lower


def person_of(record: IdentityRecord) -> SealedPerson:
    return SealedPerson(
        full_name=decrypt(record.full_name_enc).decode(),
        address=decrypt(record.address_enc).decode(),
        id_number=decrypt(record.id_number_enc).decode(),
        phone=decrypt(record.phone_enc).decode(),
    )


def matter_people(case) -> list[SealedPerson]:
    """Everyone sealed for the matter (its identity records, read back): whose identifiers a
    text written about the matter after sealing must not carry. Empty for any other matter."""
    seen: dict[tuple[str, str, str, str], SealedPerson] = {}
    for record in IdentityRecord.objects.filter(case_id=case.pk).order_by("pk"):
        person = person_of(record)
        seen.setdefault(fingerprint(person), person)
    return list(seen.values())


def fingerprint(person) -> tuple[str, str, str, str]:
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
        person, petition_id = person_of(record), record.petition_id
        key = (petition_id or 0, fingerprint(person))
        if petition_id is not None and key not in seen:
            seen.add(key)
            found.setdefault(petition_id, []).append(person)
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
        person, visit_id = person_of(record), record.visit_id
        key = (visit_id or 0, fingerprint(person))
        if visit_id is not None and key not in seen:
            seen.add(key)
            found.setdefault(visit_id, []).append(
                SealedAttendee(citizen=person, is_representative=record.is_representative)
            )
    return found


def visit_attendees(visit) -> list:
    """The visit's attendees: the registry's while not sealed, the vault's once sealed."""
    plain = list(visit.attendees.select_related("citizen").order_by("-is_representative", "pk"))
    return [*plain, *sealed_attendees([visit]).get(visit.pk, [])]


def original_texts(objects, field: str) -> dict[int, str]:
    """The text as written (before redaction) of each of `objects` whose `field` quoted a
    denouncer, for someone allowed to see the denouncer; the others are not in the result."""
    objects = list(objects)
    if not objects:
        return {}
    rows = SealedText.objects.filter(
        target=model_label(objects[0]), object_id__in=[o.pk for o in objects], field=field
    )
    return {row.object_id: decrypt(row.text_enc).decode() for row in rows}


def original_text(obj, field: str) -> str:
    return original_texts([obj], field).get(obj.pk, getattr(obj, field))


def sealed_scan(attachment) -> SealedFile | None:
    """The vault's copy of a petition scan sealed in storage (its file deleted)."""
    return (
        SealedFile.objects.filter(source_attachment_id=attachment.pk).order_by("pk").first()
        if not attachment.file
        else None
    )
