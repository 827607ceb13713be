"""The national link's outbox at the end of a record's retention period (Luật Bảo vệ dữ liệu
cá nhân 91/2025).

A sync record keeps its payload, queued or as sent: the petition's summary, its people (name,
ID number, address) and its files' titles. When `privacy` anonymises a petition or a matter, it
runs the erasers registered here (`NatsyncConfig.ready`) in the same transaction: the payloads
of that petition's and that matter's records are anonymised the way the record's own columns
are (the summary replaced by the anonymised text, a person's name by the anonymised name and
their identifiers emptied, a scan's title made neutral and its file, deleted from storage,
dropped). The status, stage, revision, national id, dates, codes and figures stay; the hash is
that of the new payload. An unsent record is sent as it now reads.

The documents the agency issued (the resolution's decision) keep their title and file until
their own period (`privacy.erasure`); what was already sent is in the national database, under
its own rules.
"""

from typing import Any

from django.db import transaction

from tiepdan.natsync.constants import ObjectKind
from tiepdan.natsync.models import SyncRecord
from tiepdan.natsync.payloads import ANONYMOUS_NAME, payload_hash
from tiepdan.privacy import constants as privacy

# Free text of the petition, anonymised like `Petition.summary`.
TEXTS = ("NoiDungDon", "TomTatNoiDungXuLy")
# A person as `payloads.person` lists them, anonymised like a `Citizen` row.
PERSON = {
    "HoTen": privacy.ANONYMISED_NAME,
    "DiaChiChiTiet": "",
    "SoDinhDanhCaNhan": "",
    "NgayCapSoDinhDanh": None,
    "NoiCapSoDinhDanh": None,
}


def _person(person: Any) -> Any:
    if not isinstance(person, dict) or person.get("HoTen") == ANONYMOUS_NAME:
        return person
    return {**person, **{k: v for k, v in PERSON.items() if k in person}}


def _file(item: Any) -> Any:
    """A petition's scan: its title neutral, its file (deleted from storage) dropped."""
    if not isinstance(item, dict):
        return item
    return {
        **item,
        "TenHoSo": privacy.REMOVED_FILE_TITLE,
        "TenFileDinhKem": "",
        "FileDinhKem": None,
    }


def anonymised(payload: Any, *, files: bool) -> Any:
    """`payload` with the personal fields anonymised; `files`: the `Attachment` entries are a
    petition's scans (a matter's are its issued documents, kept)."""
    if isinstance(payload, list):
        return [anonymised(v, files=files) for v in payload]
    if not isinstance(payload, dict):
        return payload
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if key in TEXTS and value:
            out[key] = privacy.ANONYMISED_TEXT
        elif key == "DanhSach" and isinstance(value, list):
            out[key] = [_person(p) for p in value]
        elif key == "Attachment" and files and isinstance(value, list):
            out[key] = [_file(a) for a in value]
        else:
            out[key] = anonymised(value, files=files)
    return out


def _erase(kind: ObjectKind, ids: list[int]) -> int:
    changed = []
    records = SyncRecord.objects.select_for_update().filter(object_kind=kind, object_id__in=ids)
    with transaction.atomic():
        for record in records.only("pk", "payload", "payload_hash"):
            payload = anonymised(record.payload, files=kind == ObjectKind.PETITION)
            if payload != record.payload:
                record.payload, record.payload_hash = payload, payload_hash(payload)
                changed.append(record)
        SyncRecord.objects.bulk_update(changed, ["payload", "payload_hash"], batch_size=500)
    return len(changed)


def petitions_erase(ids: list[int]) -> int:
    """The payloads of the sync records of the petitions `ids` (registered with `privacy`)."""
    return _erase(ObjectKind.PETITION, ids)


def matters_erase(ids: list[int]) -> int:
    """The payloads of the sync records of the matters `ids` (registered with `privacy`)."""
    return _erase(ObjectKind.CASE, ids)
