"""What anonymisation reaches besides a record's own columns.

- The vault's copies (`tiepdan.vault`): the identity records of the petitions, visits and
  matters anonymised are overwritten with the anonymised name and empty identifiers (the rows
  stay, so a matter still counts its denouncers), and their sealed texts and sealed scans are
  deleted (the plain column already holds the anonymised text; a scan is nothing but personal
  data). A matter reaches the identity records tied to it alone (a person added to a
  denunciation matter, linked to neither a petition nor a visit), its own sealed summary and
  the sealed files it adopted without a person.
- The files in storage of a petition (`PetitionAttachment`): the scans and files the citizen
  handed in (a complaint, a proposal and their evidence) are deleted from storage when the
  petition is anonymised; the row stays with a neutral title and no file, so every count
  stays. The outcome's notice the agency issued (`petitions.documents.OUTCOME_DOCUMENTS`) is
  not a scan: it is a document (below).
- The documents the agency issued (a matter's `CaseDocument`, a petition's outcome notice)
  have a period of their own (`RecordKind.DOCUMENT`, from the date of issue, the matter or
  petition closed). Why apart: such a document is the agency's own record of its decision
  (Luật Lưu trữ 2024), which the archive keeps for its own, often longer, period, not a copy
  of what the citizen sent; removing it with the petition would destroy the record of the
  State's act before its time. When that period ends, its file is deleted from storage, its
  title made neutral and the data it was rendered from (`context`) emptied; the row, its form
  code, its date and its status stay.
- The copies kept by the apps above this one, through the erasers they register here in their
  `AppConfig.ready`: the public channel's (a submission's request, contact details, look-up
  digests and the rating's comment) and the national link's outbox (the payloads of the
  petition's and the matter's sync records).

Files are deleted from storage once the transaction commits, so a rollback loses nothing.
"""

import functools
from collections.abc import Callable
from functools import cache
from typing import Any

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tiepdan.cases.models import CaseDocument
from tiepdan.documents.registry import FORM_VERSIONS
from tiepdan.matters.models import Matter
from tiepdan.petitions.documents import OUTCOME_DOCUMENTS
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


@cache
def issued_titles() -> frozenset[str]:
    """The titles of the notices a petition's outcome files with it (an issued document, not a
    scan the citizen handed in)."""
    codes = set(OUTCOME_DOCUMENTS.values())
    return frozenset(v.title for v in FORM_VERSIONS if v.code in codes)


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
    """The vault's copies of the petitions, visits or matters `ids`; returns the identity
    records overwritten."""
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
    if kind == RecordKind.MATTER:
        return _vault(
            Q(case_id__in=ids, petition__isnull=True, visit__isnull=True),
            Q(target=Matter._meta.label_lower, object_id__in=ids),
            Q(identity__isnull=True, case_id__in=ids),
        )
    return 0


def _delete_on_commit(model: type[models.Model], names: list[str]) -> None:
    storage = model._meta.get_field("file").storage  # type: ignore[union-attr]
    for name in names:
        if name:
            # After commit, each on its own: a file the storage fails to delete is left (logged).
            transaction.on_commit(functools.partial(storage.delete, name), robust=True)


def _remove_files(rows: QuerySet[Any], title: str, **more: Any) -> int:
    """Delete the files of `rows` from storage (after commit); the rows stay, with `title`."""
    names = list(rows.exclude(file="").values_list("file", flat=True))
    _delete_on_commit(rows.model, names)
    return rows.update(title=title, file="", error="", updated_at=timezone.now(), **more)


def erase_petition_files(ids: list[int]) -> int:
    """The scans and files handed in with the petitions `ids`, deleted from storage (their
    outcome notices are documents, kept for their own period)."""
    rows = PetitionAttachment.objects.filter(petition_id__in=ids).exclude(title__in=issued_titles())
    return _remove_files(rows, constants.REMOVED_FILE_TITLE)


def erase_documents(case_documents: list[int], petition_documents: list[int]) -> int:
    """Issued documents past their own period: files deleted, titles neutral, the data they
    were rendered from emptied."""
    title = constants.REMOVED_DOCUMENT_TITLE
    count = _remove_files(CaseDocument.objects.filter(pk__in=case_documents), title, context={})
    return count + _remove_files(
        PetitionAttachment.objects.filter(pk__in=petition_documents), title
    )


def erase(kind: str, ids: list[int]) -> None:
    erase_vault(kind, ids)
    if kind == RecordKind.PETITION:
        erase_petition_files(ids)
    for eraser in _ERASERS.get(kind, []):
        eraser(ids)
