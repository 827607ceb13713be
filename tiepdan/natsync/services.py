"""Writes of the national database link: sync records for each reportable change (inside the
change's own transaction), unit settings, mapping imports, retries."""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.matters.models import Matter
from tiepdan.natsync import constants, payloads
from tiepdan.natsync.constants import UNSENT, CodeList, ObjectKind, Stage, Status
from tiepdan.natsync.models import CodeMapping, NationalMatter, SyncRecord, UnitSyncSetting
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition


# Its own transaction when a caller writes outside one (a scan filed in autocommit): the row
# lock below needs one.
@transaction.atomic
def stage_record_for(
    *,
    matter: NationalMatter,
    stage: Stage,
    kind: ObjectKind,
    object_id: int,
    unit_id: int,
    payload: dict,
) -> SyncRecord | None:
    """Carry `payload` for (matter, stage): rewrite the unsent record, or open the next
    revision when the last one was sent with other data; None when nothing changed."""
    digest = payloads.payload_hash(payload)
    # Locked: a sender finishing this record at the same moment sees the new data (send.py).
    latest = (
        SyncRecord.objects.select_for_update()
        .filter(matter=matter, stage=stage)
        .order_by("-revision")
        .first()
    )
    if latest is not None and latest.payload_hash == digest:
        return None
    if latest is not None and latest.status in UNSENT:
        latest.payload, latest.payload_hash = payload, digest
        latest.save(update_fields=["payload", "payload_hash", "updated_at"])
        return latest
    return SyncRecord.objects.create(
        matter=matter,
        unit_id=unit_id,
        stage=stage,
        stage_order=constants.STAGE_ORDER[stage],
        object_kind=kind,
        object_id=object_id,
        revision=latest.revision + 1 if latest else 1,
        payload=payload,
        payload_hash=digest,
        national_id=matter.national_id,
    )


def _record(matter: NationalMatter, stage: Stage, obj: Petition | Matter) -> SyncRecord | None:
    """The stage's record rebuilt from the petition or case as it is now."""
    kind = ObjectKind.PETITION if isinstance(obj, Petition) else ObjectKind.CASE
    return stage_record_for(
        matter=matter,
        stage=stage,
        kind=kind,
        object_id=obj.pk,
        unit_id=obj.unit_id,
        payload=payloads.BUILDERS[stage](obj),
    )


def _matter_for(petition: Petition) -> NationalMatter:
    matter, created = NationalMatter.objects.get_or_create(
        petition=petition, defaults={"unit_id": petition.unit_id}
    )
    if created:
        _record(matter, Stage.MATTER, petition)
    return matter


def petition_changed(*, petition: Petition, stages: list[Stage]) -> None:
    """A reportable change of a petition: its matter and, once decided, its processing result."""
    matter = _matter_for(petition)
    for stage in stages:
        _record(matter, stage, petition)


def case_matter(case: Matter) -> NationalMatter | None:
    """The national matter of a case: that of its first petition (None for a matter opened at
    the desk with no petition yet; acceptance always comes from a petition)."""
    petition = case.petitions.order_by("pk").first()
    return _matter_for(petition) if petition is not None else None


def case_changed(*, case: Matter, stages: list[Stage]) -> None:
    """A reportable change of a case at acceptance, resolution or execution."""
    matter = case_matter(case)
    if matter is None:
        return
    for stage in stages:
        _record(matter, stage, case)


# --------------------------------------------------------------------------- administration


@transaction.atomic
def setting_update(
    *, unit: Unit, actor: User, enabled: bool, send_denouncer_identity: bool
) -> UnitSyncSetting:
    """Switch the link for a unit, and whether a denouncer's identity is sent."""
    setting, _created = UnitSyncSetting.objects.select_for_update().get_or_create(unit=unit)
    setting.enabled = enabled
    setting.send_denouncer_identity = send_denouncer_identity
    setting.save()
    audit_services.audit_record(
        action=constants.SETTING_UPDATED,
        target=setting,
        actor=actor,
        unit=unit,
        data={"enabled": enabled, "send_denouncer_identity": send_denouncer_identity},
    )
    return setting


@transaction.atomic
def record_retry(*, record: SyncRecord, actor: User) -> SyncRecord:
    """Make a failed record due now (its earlier attempts stay recorded)."""
    record = SyncRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != Status.FAILED:
        raise DomainError(_("Chỉ gửi lại bản ghi đang lỗi."), code="not_failed")
    record.next_attempt_at = None
    record.save(update_fields=["next_attempt_at", "updated_at"])
    audit_services.audit_record(
        action=constants.RECORD_RETRIED, target=record, actor=actor, unit=record.unit
    )
    return record


def _parse_mapping_csv(content: str) -> list[tuple[str, str, str, str]]:
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    missing = {"danh_muc", "gia_tri", "ma_quoc_gia"} - set(reader.fieldnames or [])
    if missing:
        raise DomainError(
            _("Tệp CSV thiếu cột: %(c)s.") % {"c": ", ".join(sorted(missing))}, code="invalid"
        )
    rows, errors = [], []
    for line, row in enumerate(reader, start=2):
        code_list = (row.get("danh_muc") or "").strip()
        value = nfc((row.get("gia_tri") or "").strip())
        national = nfc((row.get("ma_quoc_gia") or "").strip())
        if not national:
            continue  # an exported gap not filled in yet
        if code_list not in CodeList.values:
            errors.append(_("dòng %(n)d: danh mục «%(l)s» không có") % {"n": line, "l": code_list})
        elif not value:
            errors.append(_("dòng %(n)d: thiếu giá trị") % {"n": line})
        elif len(value) > 64 or len(national) > 64:
            errors.append(_("dòng %(n)d: giá trị hoặc mã dài quá 64 ký tự") % {"n": line})
        else:
            rows.append((code_list, value, national, nfc((row.get("ghi_chu") or "").strip())))
    if errors:
        raise DomainError(
            _("Tệp CSV có lỗi, chưa nhập dòng nào: %(e)s.") % {"e": "; ".join(errors[:10])},
            code="invalid",
        )
    return rows


@transaction.atomic
def mapping_import(*, content: str, actor: User) -> tuple[int, int]:
    """Import mappings from CSV (the export's format); all or nothing. Returns (new, changed)."""
    rows = _parse_mapping_csv(content)
    existing = {(m.code_list, m.local_value): m for m in CodeMapping.objects.select_for_update()}
    created = changed = 0
    for code_list, value, national, note in rows:
        current = existing.get((code_list, value))
        if current is None:
            existing[(code_list, value)] = CodeMapping.objects.create(
                code_list=code_list, local_value=value, national_code=national, note=note
            )
            created += 1
        elif (current.national_code, current.note) != (national, note):
            current.national_code, current.note = national, note
            current.save(update_fields=["national_code", "note", "updated_at"])
            changed += 1
    audit_services.audit_record(
        action=constants.MAPPING_IMPORTED,
        target=actor,
        actor=actor,
        data={"created": created, "changed": changed, "at": timezone.now().isoformat()},
    )
    return created, changed
