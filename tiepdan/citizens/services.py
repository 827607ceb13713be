"""Writes to the person registry."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.citizens import constants
from tiepdan.citizens.models import Citizen, Gender
from tiepdan.citizens.validation import normalise_phone, parse_id_number
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.organizations.models import Unit, User


def citizen_clean(
    *,
    full_name: str,
    id_number: str = "",
    date_of_birth: dt.date | None = None,
    gender: str = "",
    address: str = "",
    phone: str = "",
) -> dict[str, Any]:
    """Validate and normalise a person's fields; raise one DomainError listing every problem."""
    errors: dict[str, list[str]] = {}
    full_name = nfc(full_name or "")
    if not full_name:
        errors["full_name"] = [_("Thiếu họ và tên.")]
    elif any(ch.isdigit() for ch in full_name):
        errors["full_name"] = [_("Họ và tên không được chứa chữ số.")]
    if date_of_birth and date_of_birth > timezone.localdate():
        errors["date_of_birth"] = [_("Ngày sinh ở tương lai.")]
    if date_of_birth and date_of_birth.year < 1900:
        errors["date_of_birth"] = [_("Ngày sinh trước năm 1900.")]
    if gender and gender not in Gender.values:
        errors["gender"] = [_("Giới tính không hợp lệ.")]
    ident = None
    try:
        ident = parse_id_number(id_number, date_of_birth if "date_of_birth" not in errors else None)
    except DomainError as exc:
        errors.update(exc.fields)
    try:
        phone = normalise_phone(phone)
    except DomainError as exc:
        errors.update(exc.fields)
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(first, code="invalid", fields=errors)
    address = nfc(address or "")
    return {
        "full_name": full_name,
        "name_key": search_key(full_name),
        "id_number": ident.number if ident else "",
        "id_kind": ident.kind if ident else "",
        "date_of_birth": date_of_birth,
        "gender": gender or "",
        "address": address,
        "address_key": search_key(address),
        "phone": phone,
    }


@transaction.atomic
def citizen_create(*, unit: Unit, actor: User | None, **fields: Any) -> Citizen:
    """Register a person at `unit`."""
    values = citizen_clean(**fields)
    citizen = Citizen.objects.create(unit=unit, created_by=actor, **values)
    audit_services.audit_record(
        action=constants.CITIZEN_CREATED,
        target=citizen,
        actor=actor,
        unit=unit,
        data={"full_name": values["full_name"], "id_number": values["id_number"]},
    )
    return citizen


@transaction.atomic
def citizen_update(*, citizen: Citizen, actor: User | None, **fields: Any) -> Citizen:
    values = citizen_clean(**fields)
    changed = [k for k, v in values.items() if getattr(citizen, k) != v and not k.endswith("_key")]
    for key, value in values.items():
        setattr(citizen, key, value)
    citizen.save()
    audit_services.audit_record(
        action=constants.CITIZEN_UPDATED,
        target=citizen,
        actor=actor,
        unit=citizen.unit,
        data={"changed": changed},
    )
    return citizen


@transaction.atomic
def citizen_merge(*, keep: Citizen, duplicate: Citizen, actor: User | None) -> Citizen:
    """Mark `duplicate` as the same person as `keep`. The duplicate row stays, with its history;
    readers follow `merged_into`. Missing fields of `keep` are filled from the duplicate."""
    if keep.pk == duplicate.pk:
        raise DomainError(_("Không thể gộp một hồ sơ với chính nó."))
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError(_("Một trong hai hồ sơ đã được gộp trước đó."))
    filled = []
    for name in (
        "id_number",
        "id_kind",
        "date_of_birth",
        "gender",
        "address",
        "address_key",
        "phone",
    ):
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
            filled.append(name)
    keep.save()
    # Records of the duplicate that were themselves merges now point at the survivor.
    Citizen.objects.filter(merged_into=duplicate).update(merged_into=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    audit_services.audit_record(
        action=constants.CITIZEN_MERGED,
        target=duplicate,
        actor=actor,
        unit=keep.unit,
        data={"into": keep.pk, "filled": filled},
    )
    return keep
