"""Writes to the person registry."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.citizens import constants
from tiepdan.citizens.models import Citizen, Gender
from tiepdan.citizens.validation import normalise_phone, parse_id_number
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.organizations import permissions
from tiepdan.organizations.models import Unit, User

ID_NUMBER_CONSTRAINT = "citizens_one_person_per_id_number"


def _personal_errors(
    full_name: str, date_of_birth: dt.date | None, gender: str
) -> dict[str, list[str]]:
    """The name, the date of birth and the gender, each checked on its own."""
    errors: dict[str, list[str]] = {}
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
    return errors


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
    full_name = nfc(full_name or "")
    errors = _personal_errors(full_name, date_of_birth, gender)
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


def _duplicate_id_number(id_number: str) -> DomainError:
    message = _(
        "Sổ công dân của đơn vị đã có người mang số giấy tờ %(n)s. Tìm theo số giấy tờ và "
        "chọn người đó thay vì đăng ký mới; nếu đây là hai hồ sơ của cùng một người, gộp "
        "chúng tại trang hồ sơ công dân (mục «Hồ sơ có thể trùng»)."
    ) % {"n": id_number}
    return DomainError(message, code="duplicate_citizen", fields={"id_number": [message]})


def _refuse_same_id_number(unit: Unit, id_number: str, exclude_pk: int | None = None) -> None:
    """One person per ID number in a unit's registry (the constraint
    `citizens_one_person_per_id_number` backs this up under concurrent saves). The message does
    not name the person: the registry may hold a denouncer the officer may not know of."""
    if not id_number:
        return
    taken = Citizen.objects.filter(unit=unit, id_number=id_number, merged_into__isnull=True)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise _duplicate_id_number(id_number)


def _is_id_number_clash(exc: IntegrityError) -> bool:
    """Whether the constraint `exc` broke is the one person per ID number."""
    diag = getattr(exc.__cause__, "diag", None)  # PostgreSQL names the constraint
    if diag is not None and diag.constraint_name:
        return diag.constraint_name == ID_NUMBER_CONSTRAINT
    return "citizens_citizen.id_number" in str(exc)  # SQLite names the columns


def _save_unique(citizen: Citizen) -> None:
    """Save; a concurrent registration of the same ID number answers as the check above. No
    savepoint: the error fails the caller's transaction (or its savepoint), as it propagates."""
    try:
        citizen.save()
    except IntegrityError as exc:
        if citizen.id_number and _is_id_number_clash(exc):
            raise _duplicate_id_number(citizen.id_number) from exc
        raise


def _create(
    unit: Unit, actor: User | None, values: dict[str, Any], *, id_number_free: bool = False
) -> Citizen:
    """Register the person of `values` (cleaned), in the caller's transaction;
    `id_number_free`: the caller has just looked for the ID number in the unit's registry."""
    if not id_number_free:
        _refuse_same_id_number(unit, values["id_number"])
    citizen = Citizen(unit=unit, created_by=actor, **values)
    _save_unique(citizen)
    audit_services.audit_record(
        action=constants.CITIZEN_CREATED,
        target=citizen,
        actor=actor,
        unit=unit,
        data={"full_name": values["full_name"], "id_number": values["id_number"]},
    )
    return citizen


@transaction.atomic
def citizen_create(*, unit: Unit, actor: User | None, **fields: Any) -> Citizen:
    """Register a person at `unit`; refused when the unit already has someone with the same
    ID number (pick that person, or merge the two records)."""
    return _create(unit, actor, citizen_clean(**fields))


def _update(citizen: Citizen, actor: User | None, values: dict[str, Any]) -> Citizen:
    """Change the person to `values` (cleaned), in the caller's transaction."""
    _refuse_same_id_number(citizen.unit, values["id_number"], exclude_pk=citizen.pk)
    changed = [k for k, v in values.items() if getattr(citizen, k) != v and not k.endswith("_key")]
    for key, value in values.items():
        setattr(citizen, key, value)
    _save_unique(citizen)
    audit_services.audit_record(
        action=constants.CITIZEN_UPDATED,
        target=citizen,
        actor=actor,
        unit=citizen.unit,
        data={"changed": changed},
    )
    return citizen


@transaction.atomic
def citizen_update(*, citizen: Citizen, actor: User | None, **fields: Any) -> Citizen:
    return _update(citizen, actor, citizen_clean(**fields))


def _match_covers_unit(user: User | None, unit: Unit) -> bool:
    """Whether `selectors.citizen_match` looks through the whole of `unit`'s registry (the
    user's units, or the unit's subtree without a user): then not finding an ID number there
    means the unit has no one holding it."""
    if user is None or user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path, _role in permissions.memberships(user))


def _find_or_create(unit: Unit, actor: User | None, fields: dict[str, Any]) -> Citizen:
    """`citizen_find_or_create` in the caller's transaction."""
    from tiepdan.citizens.selectors import citizen_match

    values = citizen_clean(**fields)
    found = citizen_match(
        actor,
        unit,
        id_number=values["id_number"],
        phone=values["phone"],
        name_key=values["name_key"],
    )
    if found is None:
        # The look-up by ID number found no one: asking the unit's registry again is needless.
        searched = bool(values["id_number"]) and _match_covers_unit(actor, unit)
        return _create(unit, actor, values, id_number_free=searched)
    if values["id_number"] and not found.id_number:
        _update(
            found,
            actor,
            citizen_clean(
                full_name=found.full_name,
                id_number=values["id_number"],
                date_of_birth=found.date_of_birth,
                gender=found.gender,
                address=found.address or values["address"],
                phone=found.phone or values["phone"],
            ),
        )
    return found


@transaction.atomic
def citizen_find_or_create(
    *, unit: Unit, actor: User | None, full_name: str, **fields: Any
) -> Citizen:
    """The person a new petition or visit names: the registered one when the desk's look-up
    finds them (same ID number; otherwise same name and phone), else a new registration.

    A match without an ID number on record takes the one typed now, so the next look-up by
    ID number finds the same person.
    """
    return _find_or_create(unit, actor, {"full_name": full_name, **fields})


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
    # The duplicate steps aside first: the survivor may take over its ID number.
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    keep.save()
    # Records of the duplicate that were themselves merges now point at the survivor.
    Citizen.objects.filter(merged_into=duplicate).update(merged_into=keep)
    audit_services.audit_record(
        action=constants.CITIZEN_MERGED,
        target=duplicate,
        actor=actor,
        unit=keep.unit,
        data={"into": keep.pk, "filled": filled},
    )
    return keep


def citizens_find_or_create(*, unit: Unit, actor: User, people: list[dict]) -> list[Citizen]:
    """Find each person as the desk does (ID number, else name and phone) among the citizens
    the user may see; register the rest. In the caller's transaction without savepoints (a
    visit or a petition and its people are written in one): an error fails the whole write."""
    found: list[Citizen] = []
    with transaction.atomic(savepoint=False):
        for index, person in enumerate(people):
            try:
                found.append(_find_or_create(unit, actor, person))
            except DomainError as exc:
                raise DomainError(
                    exc.message,
                    code="invalid",
                    fields={f"citizens[{index}].{k}": v for k, v in exc.fields.items()},
                ) from exc
    return found


def personal_data_exported(
    *, actor: User, unit: Unit | None, target: Any, what: str, rows: int = 0
) -> None:
    """Audit one download of a document that carries citizens' personal data: who, which
    document, how many rows (never the values)."""
    audit_services.audit_record(
        action=constants.PERSONAL_DATA_EXPORTED,
        target=target,
        actor=actor,
        unit=unit,
        data={"what": what, "rows": rows},
    )
