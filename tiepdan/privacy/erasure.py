"""What anonymisation reaches besides a record's own columns.

- The vault's copies (`tiepdan.vault`): the identity records of the petitions and visits
  anonymised are overwritten with the anonymised name and empty identifiers (the rows stay, so
  a matter still counts its denouncers), and their sealed texts and sealed scans are deleted
  (the plain column already holds the anonymised text; a scan is nothing but personal data).
- The copies kept by the apps above this one, through the erasers they register here in their
  `AppConfig.ready` (the public channel: a submission's request, contact details, look-up
  digests and the rating's comment).
"""

from collections.abc import Callable

from django.db.models import Q

from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.privacy import constants
from tiepdan.privacy.models import RecordKind
from tiepdan.reception.models import ReceptionVisit
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord, SealedFile, SealedText

Eraser = Callable[[list[int]], int]
_ERASERS: dict[str, list[Eraser]] = {}


def register(kind: str, eraser: Eraser) -> None:
    """Have `eraser(ids)` run on the ids of each batch of records of `kind` anonymised (in the
    same transaction); it returns how many of its rows it changed."""
    _ERASERS.setdefault(kind, []).append(eraser)


def _vault(records: Q, texts: Q, files: Q) -> int:
    identities = IdentityRecord.objects.filter(records)
    SealedFile.objects.filter(Q(identity__in=identities) | files).delete()
    SealedText.objects.filter(texts).delete()
    empty = vault.encrypt("")
    return identities.update(
        full_name_enc=vault.encrypt(constants.ANONYMISED_NAME),
        address_enc=empty,
        id_number_enc=empty,
        phone_enc=empty,
        waiver_note="",
    )


def erase_vault(kind: str, ids: list[int]) -> int:
    """The vault's copies of the petitions or visits `ids`; returns the identity records
    overwritten."""
    if kind == RecordKind.PETITION:
        attachments = PetitionAttachment.objects.filter(petition_id__in=ids).values("pk")
        return _vault(
            Q(petition_id__in=ids),
            Q(target=Petition._meta.label_lower, object_id__in=ids),
            Q(identity__isnull=True, source_attachment_id__in=attachments),
        )
    if kind == RecordKind.VISIT:
        return _vault(
            Q(visit_id__in=ids),
            Q(target=ReceptionVisit._meta.label_lower, object_id__in=ids),
            Q(pk__in=[]),
        )
    return 0


def erase(kind: str, ids: list[int]) -> None:
    erase_vault(kind, ids)
    for eraser in _ERASERS.get(kind, []):
        eraser(ids)
