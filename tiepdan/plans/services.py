"""Writes of plans, tasks and leave. Each is atomic and audited; the rosters' are in
`roster_services`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.constants import UnitKind
from tiepdan.plans import constants, selectors
from tiepdan.plans.constants import PlanStatus, TaskRole, TaskStatus
from tiepdan.plans.models import (
    Leave,
    Plan,
    PlanPhase,
    PlanTask,
    PlanTaskUnit,
    TaskReport,
)
from tiepdan.reception.models import ReceptionVenue
from tiepdan.workcalendar import selectors as calendar_selectors

if TYPE_CHECKING:
    from tiepdan.organizations.models import Unit, User

MAX_PLAN_DAYS = 366
_COUNCIL_KINDS = {UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ")


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _place_of(unit: Unit) -> str:
    for candidate in (unit, unit.parent):
        if candidate is not None and candidate.kind in _COUNCIL_KINDS:
            for prefix in _PREFIXES:
                if candidate.name.startswith(prefix):
                    return candidate.name[len(prefix) :]
            return candidate.name
    return ""


def agency_defaults(unit: Unit) -> dict[str, str]:
    """Header names of NĐ 30/2020 (ô 1): the issuing body and, for agencies, its parent."""
    if unit.kind in _COUNCIL_KINDS:
        return {
            "agency_name": f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
            "agency_parent_name": "",
            "place": _place_of(unit),
            "symbol": "KH-UBND",
        }
    parent = unit.parent
    parent_name = ""
    if parent is not None and parent.kind in _COUNCIL_KINDS:
        parent_name = f"ỦY BAN NHÂN DÂN {parent.name.upper()}"
    elif parent is not None:
        parent_name = parent.name.upper()
    return {
        "agency_name": unit.name.upper(),
        "agency_parent_name": parent_name,
        "place": _place_of(unit),
        "symbol": "KH",
    }


def _texts(values: Sequence[str] | None) -> list[str]:
    return [nfc(v) for v in (values or []) if v and nfc(v)]


def _validate_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        message = _(
            "Kỳ kế hoạch không hợp lệ: ngày kết thúc %(end)s trước ngày bắt đầu %(start)s."
        ) % {"end": dmy(ends_on), "start": dmy(starts_on)}
        raise DomainError(message, code="invalid_period", fields={"ends_on": [message]})
    if (ends_on - starts_on).days + 1 > MAX_PLAN_DAYS:
        message = _("Kỳ kế hoạch dài quá %(n)d ngày; hãy chia thành nhiều kế hoạch.") % {
            "n": MAX_PLAN_DAYS
        }
        raise DomainError(message, code="invalid_period", fields={"ends_on": [message]})
    # The roster and its compliance windows reach past the plan's ends: keep a year of the
    # working calendar on each side.
    first, last = calendar_selectors.FIRST_YEAR + 1, calendar_selectors.LAST_YEAR - 1
    if starts_on.year < first or ends_on.year > last:
        message = _("Kỳ kế hoạch phải nằm trong các năm %(first)d–%(last)d.") % {
            "first": first,
            "last": last,
        }
        raise DomainError(message, code="invalid_period", fields={"starts_on": [message]})


def _validate_phases(phases: Sequence[Mapping[str, Any]], starts_on: date, ends_on: date) -> None:
    ordered = sorted(phases, key=lambda p: p["from"])
    for index, phase in enumerate(ordered):
        name = phase.get("name") or "?"
        if phase["to"] < phase["from"]:
            raise DomainError(
                _("Giai đoạn «%(n)s»: ngày kết thúc trước ngày bắt đầu.") % {"n": name},
                code="invalid_phase",
                fields={"phases": [_("Giai đoạn không hợp lệ.")]},
            )
        if phase["from"] < starts_on or phase["to"] > ends_on:
            raise DomainError(
                _("Giai đoạn «%(n)s» (%(a)s–%(b)s) nằm ngoài kỳ kế hoạch %(c)s–%(d)s.")
                % {
                    "n": name,
                    "a": dmy(phase["from"]),
                    "b": dmy(phase["to"]),
                    "c": dmy(starts_on),
                    "d": dmy(ends_on),
                },
                code="invalid_phase",
                fields={"phases": [_("Giai đoạn nằm ngoài kỳ kế hoạch.")]},
            )
        if index and phase["from"] <= ordered[index - 1]["to"]:
            raise DomainError(
                _("Giai đoạn «%(n)s» chồng lên giai đoạn trước.") % {"n": name},
                code="invalid_phase",
                fields={"phases": [_("Các giai đoạn chồng lên nhau.")]},
            )


def default_phases(starts_on: date, ends_on: date) -> list[dict[str, Any]]:
    """Before / during / after the Tết break when the period contains it (S22)."""
    span = selectors.tet_break_in(starts_on, ends_on)
    if span is None:
        return []
    first, last = max(span[0], starts_on), min(span[1], ends_on)
    phases = []
    if starts_on < first:
        phases.append({"name": _("Trước Tết"), "from": starts_on, "to": first - timedelta(1)})
    phases.append({"name": _("Trong thời gian nghỉ Tết"), "from": first, "to": last})
    if last < ends_on:
        phases.append({"name": _("Sau Tết"), "from": last + timedelta(1), "to": ends_on})
    return phases


def _validate_parent(unit: Unit, parent_plan: Plan | None) -> None:
    if parent_plan is None:
        return
    superior = parent_plan.unit
    # The district level was abolished on 1/7/2025 and its wards moved under the province;
    # plans made before keep their link to the former district's plan.
    above = unit.path.startswith(superior.path) or superior.valid_to is not None
    if superior.pk == unit.pk or not above:
        message = _("Kế hoạch cấp trên phải là kế hoạch của một đơn vị cấp trên của %(u)s.") % {
            "u": unit.name
        }
        raise DomainError(message, code="invalid_parent_plan", fields={"parent_plan": [message]})


PLAN_TEXT_FIELDS = (
    "number",
    "symbol",
    "preamble",
    "contents_intro",
    "closing",
    "agency_name",
    "agency_parent_name",
    "place",
    "signer_authority",
    "signer_title",
    "signer_name",
)
PLAN_LIST_FIELDS = ("legal_basis", "purposes", "requirements", "contents", "recipients")


@transaction.atomic
def plan_create(
    *,
    unit: Unit,
    actor: User | None,
    title: str,
    starts_on: date,
    ends_on: date,
    phases: Sequence[Mapping[str, Any]] | None = None,
    parent_plan: Plan | None = None,
    issued_on: date | None = None,
    venues: Sequence[Any] | None = None,
    **fields: Any,
) -> Plan:
    """Create a plan; phases default to before/during/after the Tết break in the period."""
    _validate_period(starts_on, ends_on)
    _validate_parent(unit, parent_plan)
    phases = list(phases) if phases else default_phases(starts_on, ends_on)
    _validate_phases(phases, starts_on, ends_on)
    values: dict[str, Any] = agency_defaults(unit)
    values.update({k: nfc(str(v)) for k, v in fields.items() if k in PLAN_TEXT_FIELDS and v})
    values.update({k: _texts(v) for k, v in fields.items() if k in PLAN_LIST_FIELDS})
    unknown = set(fields) - set(PLAN_TEXT_FIELDS) - set(PLAN_LIST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    if not nfc(title):
        raise DomainError(_("Trích yếu kế hoạch là bắt buộc."), fields={"title": [_("Bắt buộc.")]})
    plan = Plan(
        unit=unit,
        parent_plan=parent_plan,
        title=nfc(title),
        starts_on=starts_on,
        ends_on=ends_on,
        issued_on=issued_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    plan.full_clean()
    plan.save()
    PlanPhase.objects.bulk_create(
        PlanPhase(plan=plan, name=nfc(p["name"]), starts_on=p["from"], ends_on=p["to"])
        for p in phases
    )
    if venues is None:
        venues = list(ReceptionVenue.objects.filter(unit=unit, is_active=True))
    plan.venues.set(venues)
    audit_services.audit_record(
        action=constants.PLAN_CREATED,
        target=plan,
        actor=actor,
        unit=unit,
        data={
            "title": plan.title,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "parent_plan": parent_plan.pk if parent_plan else None,
            "phases": len(phases),
        },
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    actor: User | None,
    phases: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Plan:
    """Change a plan's text, period or phases. A changed period keeps the roster, which the
    user regenerates (shifts outside the period are dropped now)."""
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    before = {k: getattr(plan, k) for k in fields}
    for key, value in fields.items():
        if key in PLAN_TEXT_FIELDS or key == "title":
            setattr(plan, key, nfc(str(value or "")))
        elif key in PLAN_LIST_FIELDS:
            setattr(plan, key, _texts(value))
        elif key in {"starts_on", "ends_on", "issued_on", "parent_plan"}:
            setattr(plan, key, value)
        else:
            raise TypeError(f"Unknown plan field: {key}")
    _validate_period(plan.starts_on, plan.ends_on)
    _validate_parent(plan.unit, plan.parent_plan)
    if phases is not None:
        _validate_phases(phases, plan.starts_on, plan.ends_on)
        plan.phases.all().delete()
        PlanPhase.objects.bulk_create(
            PlanPhase(plan=plan, name=nfc(p["name"]), starts_on=p["from"], ends_on=p["to"])
            for p in phases
        )
    plan.full_clean()
    plan.save()
    plan.shifts.exclude(date__gte=plan.starts_on, date__lte=plan.ends_on).delete()
    audit_services.audit_record(
        action=constants.PLAN_UPDATED,
        target=plan,
        actor=actor,
        unit=plan.unit,
        data={"changed": sorted(k for k in fields if before.get(k) != getattr(plan, k))},
    )
    return plan


@transaction.atomic
def plan_issue(*, plan: Plan, actor: User | None, number: str, issued_on: date) -> Plan:
    """Record the number and date given by the clerk (văn thư) on issue."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.number = nfc(number)
    plan.issued_on = issued_on
    plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["number", "issued_on", "status", "updated_at"])
    audit_services.audit_record(
        action=constants.PLAN_ISSUED,
        target=plan,
        actor=actor,
        unit=plan.unit,
        data={"number": plan.number_symbol, "issued_on": issued_on.isoformat()},
    )
    return plan


# -- copy into a new period ---------------------------------------------------------------

_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def can_chi(year: int) -> str:
    """The sexagenary name of a lunar year: 2025 → "Ất Tỵ", 2027 → "Đinh Mùi"."""
    return f"{_STEMS[(year - 4) % 10]} {_BRANCHES[(year - 4) % 12]}"


def retext(text: str, old_year: int, new_year: int) -> str:
    """Carry a text into another year: the lunar year's name and the Tết year (not other
    years, e.g. dates of laws), "Tết Nguyên đán Ất Tỵ năm 2025" → "… Đinh Mùi năm 2027"."""
    if old_year == new_year:
        return text
    text = text.replace(can_chi(old_year), can_chi(new_year))
    return re.sub(rf"\b(năm|Tết Dương lịch) {old_year}\b", rf"\g<1> {new_year}", text)


@transaction.atomic
def plan_copy(
    *,
    source: Plan,
    unit: Unit,
    starts_on: date,
    actor: User | None,
    title: str = "",
) -> Plan:
    """Start a plan from last year's plan or from the superior's plan: every date is shifted
    by the same number of days, year names are carried over. A copy of a superior's plan
    implements it (parent_plan); a copy of the unit's own plan implements nothing yet."""
    delta = starts_on - source.starts_on
    old_year, new_year = source.ends_on.year, (source.ends_on + delta).year
    from_superior = source.unit_id != unit.pk

    def shift(day: date | None) -> date | None:
        return day + delta if day else None

    fields: dict[str, Any] = {
        k: retext(getattr(source, k), old_year, new_year)
        for k in ("preamble", "contents_intro", "closing", "signer_authority", "signer_title")
    }
    fields.update(
        {
            k: [retext(v, old_year, new_year) for v in getattr(source, k)]
            for k in ("legal_basis", "purposes", "requirements", "contents", "recipients")
        }
    )
    if not from_superior:
        fields.update(
            {
                k: getattr(source, k)
                for k in ("symbol", "agency_name", "agency_parent_name", "place", "signer_name")
            }
        )
    plan = plan_create(
        unit=unit,
        actor=actor,
        title=title or retext(source.title, old_year, new_year),
        starts_on=starts_on,
        ends_on=source.ends_on + delta,
        phases=[
            {"name": p.name, "from": p.starts_on + delta, "to": p.ends_on + delta}
            for p in source.phases.all()
        ],
        parent_plan=source if from_superior else None,
        **fields,
    )
    plan.copied_from = source
    plan.save(update_fields=["copied_from"])
    for task in source.tasks.prefetch_related("assignees"):
        copy = PlanTask.objects.create(
            plan=plan,
            order=task.order,
            assignee_label=task.assignee_label,
            content=retext(task.content, old_year, new_year),
            due_on=shift(task.due_on),
        )
        if not from_superior:
            PlanTaskUnit.objects.bulk_create(
                PlanTaskUnit(task=copy, unit_id=a.unit_id, role=a.role)
                for a in task.assignees.all()
            )
    audit_services.audit_record(
        action=constants.PLAN_COPIED,
        target=plan,
        actor=actor,
        unit=unit,
        data={"source": source.pk, "days_shifted": delta.days, "from_superior": from_superior},
    )
    return plan


# -- tasks --------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    plan: Plan,
    actor: User | None,
    assignee_label: str,
    content: str,
    due_on: date | None = None,
    lead_unit: Unit | None = None,
    cooperating_units: Sequence[Unit] = (),
    order: int | None = None,
) -> PlanTask:
    if due_on and not plan.starts_on - timedelta(days=60) <= due_on <= plan.ends_on + timedelta(
        days=60
    ):
        raise DomainError(
            _("Hạn hoàn thành %(d)s quá xa kỳ kế hoạch.") % {"d": dmy(due_on)},
            fields={"due_on": [_("Hạn không hợp lệ.")]},
        )
    if order is None:
        order = plan.tasks.count() + 1
    task = PlanTask.objects.create(
        plan=plan,
        order=order,
        assignee_label=nfc(assignee_label),
        content=content.strip(),
        due_on=due_on,
    )
    units = [(lead_unit, TaskRole.LEAD)] if lead_unit else []
    units += [(u, TaskRole.COOPERATE) for u in cooperating_units if u != lead_unit]
    PlanTaskUnit.objects.bulk_create(PlanTaskUnit(task=task, unit=u, role=r) for u, r in units)
    audit_services.audit_record(
        action=constants.TASK_CREATED,
        target=task,
        actor=actor,
        unit=plan.unit,
        data={"plan": plan.pk, "units": [u.pk for u, _r in units]},
    )
    return task


@transaction.atomic
def task_report(
    *,
    task: PlanTask,
    actor: User | None,
    text: str,
    done: bool = False,
    unit: Unit | None = None,
    on: date | None = None,
) -> TaskReport:
    """A progress report from an assignee; a report marked done closes the task."""
    if not text.strip():
        raise DomainError(_("Nội dung báo cáo là bắt buộc."), fields={"text": [_("Bắt buộc.")]})
    report = TaskReport.objects.create(
        task=task,
        unit=unit,
        author=actor,
        reported_on=on or timezone.localdate(),
        text=text.strip(),
        done=done,
    )
    if done and task.status != TaskStatus.DONE:
        task.status = TaskStatus.DONE
        task.save(update_fields=["status", "updated_at"])
    audit_services.audit_record(
        action=constants.TASK_REPORTED,
        target=task,
        actor=actor,
        unit=unit or task.plan.unit,
        data={"report": report.pk, "done": done},
    )
    return report


@transaction.atomic
def leave_create(
    *, user: User, starts_on: date, ends_on: date, reason: str, actor: User | None
) -> Leave:
    if ends_on < starts_on:
        message = _("Ngày kết thúc nghỉ %(a)s trước ngày bắt đầu %(b)s.") % {
            "a": dmy(ends_on),
            "b": dmy(starts_on),
        }
        raise DomainError(message, code="invalid_period", fields={"ends_on": [message]})
    leave = Leave.objects.create(
        user=user, starts_on=starts_on, ends_on=ends_on, reason=nfc(reason), created_by=actor
    )
    audit_services.audit_record(
        action=constants.LEAVE_CREATED,
        target=leave,
        actor=actor,
        data={"user": user.pk, "from": starts_on.isoformat(), "to": ends_on.isoformat()},
    )
    return leave
