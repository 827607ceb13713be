"""Writes to units, users and memberships. Each service is one transaction with its audit."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.organizations import constants
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import PATH_STEP, Membership, Unit, User


def _path_for(unit: Unit) -> str:
    base = unit.parent.path if unit.parent else ""
    return f"{base}{unit.pk:0{PATH_STEP}d}/"


def _validate_unit_fields(
    *, code: str, name: str, kind: str, valid_from: dt.date | None, valid_to: dt.date | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("Thiếu mã đơn vị.")]
    elif not all((ch.isalnum() and ch.isascii()) or ch in "_.-" for ch in code):
        errors["code"] = [_("Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch.")]
    elif len(code) > 32:
        errors["code"] = [_("Mã đơn vị dài tối đa 32 ký tự.")]
    if not name:
        errors["name"] = [_("Thiếu tên đơn vị.")]
    if kind not in UnitKind.values:
        errors["kind"] = [_("Loại đơn vị không hợp lệ: %(kind)s.") % {"kind": kind}]
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = [_("Ngày hết hiệu lực trước ngày bắt đầu hiệu lực.")]
    return errors


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    actor: User | None = None,
) -> Unit:
    """Create a unit under `parent` with its materialised path."""
    code, name = nfc(code), nfc(name)
    errors = _validate_unit_fields(
        code=code, name=name, kind=kind, valid_from=valid_from, valid_to=valid_to
    )
    if not errors.get("code") and Unit.objects.filter(code=code).exists():
        errors["code"] = [_("Mã đơn vị %(code)s đã tồn tại.") % {"code": code}]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    unit = Unit.objects.create(
        code=code,
        name=name,
        name_key=search_key(name),
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        path="",
        depth=(parent.depth + 1) if parent else 0,
    )
    unit.path = _path_for(unit)
    unit.save(update_fields=["path"])
    audit_services.audit_record(
        action=constants.UNIT_CREATED,
        target=unit,
        actor=actor,
        unit=parent or unit,
        data={"code": code, "kind": kind, "parent": parent.code if parent else None},
    )
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, parent: Unit | None, actor: User | None = None) -> Unit:
    """Put `unit` under another parent, rewriting the paths of its whole subtree in SQL."""
    if parent and parent.path.startswith(unit.path):
        raise DomainError(_("Không thể đặt đơn vị dưới chính nó hoặc đơn vị cấp dưới của nó."))
    old_path, old_depth = unit.path, unit.depth
    unit.parent = parent
    new_path = _path_for(unit)
    shift = (parent.depth + 1 if parent else 0) - old_depth
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + shift,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    audit_services.audit_record(
        action=constants.UNIT_UPDATED,
        target=unit,
        actor=actor,
        unit=unit,
        data={"parent": parent.code if parent else None},
    )
    return unit


@transaction.atomic
def unit_merge(*, unit: Unit, into: Unit, on: dt.date, actor: User | None = None) -> Unit:
    """Merge `unit` into `into` from date `on`: the old unit ends the day before and keeps its
    records; statistics by the new unit include it through `selectors.unit_lineage_ids`."""
    if unit.pk == into.pk:
        raise DomainError(_("Không thể sáp nhập đơn vị vào chính nó."))
    if unit.merged_into_id:
        raise DomainError(_("Đơn vị này đã được sáp nhập trước đó."))
    unit.merged_into = into
    unit.valid_to = on - dt.timedelta(days=1)
    if unit.valid_from and unit.valid_to < unit.valid_from:
        raise DomainError(_("Ngày sáp nhập trước ngày đơn vị bắt đầu hiệu lực."))
    unit.save(update_fields=["merged_into", "valid_to", "updated_at"])
    audit_services.audit_record(
        action=constants.UNIT_MERGED,
        target=unit,
        actor=actor,
        unit=into,
        data={"into": into.code, "on": on.isoformat()},
    )
    return unit


@dataclass
class ImportReport:
    """Outcome of a CSV import: what was created and which lines were rejected, and why."""

    created: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


CSV_COLUMNS = ["code", "name", "kind", "parent_code", "valid_from", "valid_to"]


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise ValueError(text)


def units_import_csv(
    *, data: str, actor: User | None = None, dry_run: bool = False
) -> ImportReport:
    """Import units from CSV (code, name, kind, parent_code, valid_from, valid_to).

    Each good line is created; each bad line is reported with its number and reason and changes
    nothing. Parents may be earlier lines of the same file or existing units. `dry_run` checks
    everything and rolls back.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(data.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise DomainError(
            _("Tệp CSV thiếu cột: %(cols)s. Cần các cột: %(need)s.")
            % {"cols": ", ".join(missing), "need": ", ".join(CSV_COLUMNS)},
            code="bad_csv",
        )
    with transaction.atomic():
        for line_no, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k}
            try:
                valid_from = _parse_date(row.get("valid_from", ""))
                valid_to = _parse_date(row.get("valid_to", ""))
            except ValueError as exc:
                report.rejected.append((line_no, _("ngày không hợp lệ: %(v)s") % {"v": exc}))
                continue
            parent = None
            if row.get("parent_code"):
                parent = Unit.objects.filter(code=row["parent_code"]).first()
                if parent is None:
                    report.rejected.append(
                        (
                            line_no,
                            _("không tìm thấy đơn vị cấp trên %(code)s")
                            % {"code": row["parent_code"]},
                        )
                    )
                    continue
            try:
                with transaction.atomic():
                    unit_create(
                        code=row.get("code", ""),
                        name=row.get("name", ""),
                        kind=row.get("kind", ""),
                        parent=parent,
                        valid_from=valid_from,
                        valid_to=valid_to,
                        actor=actor,
                    )
            except DomainError as exc:
                report.rejected.append((line_no, exc.message))
                continue
            report.created.append(row["code"])
        if dry_run:
            transaction.set_rollback(True)
    return report


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    full_name: str = "",
    memberships: list[tuple[Unit, str]] | None = None,
    actor: User | None = None,
    email: str = "",
) -> User:
    """Create a user with memberships; the password is checked by Django's validators."""
    username = nfc(username)
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("Thiếu tên đăng nhập.")]
    elif User.objects.filter(username=username).exists():
        errors["username"] = [_("Tên đăng nhập %(u)s đã tồn tại.") % {"u": username}]
    try:
        validate_password(password, User(username=username, full_name=full_name))
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    for _unit, role in memberships or []:
        if role not in Role.values:
            errors.setdefault("memberships", []).append(
                _("Vai trò không hợp lệ: %(r)s.") % {"r": role}
            )
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    user = User.objects.create_user(
        username=username, password=password, full_name=nfc(full_name), email=email
    )
    for unit, role in memberships or []:
        Membership.objects.create(user=user, unit=unit, role=role)
    audit_services.audit_record(
        action=constants.USER_CREATED,
        target=user,
        actor=actor,
        unit=memberships[0][0] if memberships else None,
        data={"username": username, "memberships": [[u.code, r] for u, r in memberships or []]},
    )
    return user


@transaction.atomic
def membership_add(*, user: User, unit: Unit, role: str, actor: User | None = None) -> Membership:
    if role not in Role.values:
        raise DomainError(_("Vai trò không hợp lệ: %(r)s.") % {"r": role})
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    audit_services.audit_record(
        action=constants.MEMBERSHIP_ADDED,
        target=user,
        actor=actor,
        unit=unit,
        data={"unit": unit.code, "role": role},
    )
    return membership
