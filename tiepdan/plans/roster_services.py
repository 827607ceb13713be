"""Writes of the duty roster (lịch trực): generated, edited shift by shift, swapped,
posted, and the shift notices e-mailed. Each is atomic and audited."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.ops.mail import mail_queue
from tiepdan.plans import constants, roster, selectors
from tiepdan.plans.constants import AssignmentRole, ShiftKind
from tiepdan.plans.models import Leave, Plan, Shift, ShiftAssignment
from tiepdan.plans.services import dmy
from tiepdan.workcalendar import selectors as calendar_selectors

if TYPE_CHECKING:
    from tiepdan.organizations.models import User

logger = logging.getLogger(__name__)


def _unique(users: Sequence[User]) -> list[User]:
    seen: dict[int, User] = {}
    for u in users:
        seen.setdefault(u.pk, u)
    return list(seen.values())


def _check_members(plan: Plan, users: Sequence[User], field: str) -> None:
    allowed = set(selectors.eligible_people(plan.unit).values_list("pk", flat=True))
    strangers = [u.display_name for u in users if u.pk not in allowed]
    if strangers:
        message = _("%(names)s không thuộc %(unit)s nên không xếp lịch trực được.") % {
            "names": ", ".join(strangers),
            "unit": plan.unit.name,
        }
        raise DomainError(message, code="not_member", fields={field: [message]})


def default_publish_on(plan: Plan, today: date | None = None) -> date:
    """When the schedule is posted: today, or the plan's issue date for a period that has
    already begun (plans entered after the fact)."""
    today = today or timezone.localdate()
    if plan.issued_on and plan.starts_on <= today:
        return plan.issued_on
    return today


@transaction.atomic
def roster_generate(
    *,
    plan: Plan,
    officers: Sequence[User],
    leaders: Sequence[User],
    actor: User | None,
    publish_on: date | None = None,
    staffing: Mapping[str, int] | None = None,
) -> roster.RosterResult:
    """Replace the plan's roster with a generated one (nothing is saved if it fails).

    The first leader listed is the head of the unit who holds the periodic sessions."""
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    officers, leaders = _unique(officers), _unique(leaders)
    _check_members(plan, officers, "officers")
    _check_members(plan, leaders, "leaders")
    publish_on = publish_on or default_publish_on(plan)
    request = _roster_request(plan, officers, leaders, publish_on, staffing or roster.STAFFING)
    result = roster.generate(request)
    shifts = _roster_save(plan, result, {u.username: u for u in [*officers, *leaders]})
    plan.roster_officers = [u.username for u in officers]
    plan.roster_leaders = [u.username for u in leaders]
    plan.roster_report = {**result.report, "notes": result.notes}
    plan.roster_generated_at = timezone.now()
    plan.roster_published_on = None  # a new schedule has to be posted again
    plan.save(
        update_fields=[
            "roster_officers",
            "roster_leaders",
            "roster_report",
            "roster_generated_at",
            "roster_published_on",
            "updated_at",
        ]
    )
    audit_services.audit_record(
        action=constants.ROSTER_GENERATED,
        target=plan,
        actor=actor,
        unit=plan.unit,
        data={
            "officers": plan.roster_officers,
            "leaders": plan.roster_leaders,
            "shifts": len(shifts),
            "periodic": sum(1 for s in result.shifts if s.kind == ShiftKind.PERIODIC),
            "publish_on": publish_on.isoformat(),
        },
    )
    return result


def _roster_request(
    plan: Plan,
    officers: list[User],
    leaders: list[User],
    publish_on: date,
    staffing: Mapping[str, int],
) -> roster.RosterRequest:
    """What the generator needs: the days, the people and when each is away or busy, and
    the periodic sessions whose schedule can still be posted in time."""
    people = [*officers, *leaders]
    windows = selectors.plan_windows(plan)
    needs_periodic = {d for w in windows if w.required for d in w.plan_days}
    publishable = {
        d
        for d in needs_periodic
        if calendar_selectors.latest_publication_date(session_date=d) >= publish_on
    }
    return roster.RosterRequest(
        days=selectors.plan_days(plan.starts_on, plan.ends_on),
        officers=[u.username for u in officers],
        leaders=[u.username for u in leaders],
        names={u.username: u.display_name for u in people},
        unavailable=selectors.leave_days(people, plan.starts_on, plan.ends_on),
        busy=selectors.busy_slots(people, plan.starts_on, plan.ends_on, exclude_plan=plan),
        windows=windows,
        publishable=publishable.__contains__,
        staffing=staffing,
    )


def _assignment(shift: Shift, user: User, role: str) -> ShiftAssignment:
    return ShiftAssignment(shift=shift, user=user, role=role, date=shift.date, slot=shift.slot)


def _roster_save(
    plan: Plan, result: roster.RosterResult, by_username: dict[str, User]
) -> list[Shift]:
    """Replace the plan's shifts and their people by the generated ones."""
    plan.shifts.all().delete()
    shifts = Shift.objects.bulk_create(
        Shift(plan=plan, date=s.date, slot=s.slot, kind=s.kind) for s in result.shifts
    )
    assignments = []
    for shift, spec in zip(shifts, result.shifts, strict=True):
        if spec.leader:
            assignments.append(_assignment(shift, by_username[spec.leader], AssignmentRole.LEADER))
        assignments += [
            _assignment(shift, by_username[p], AssignmentRole.OFFICER) for p in spec.officers
        ]
    ShiftAssignment.objects.bulk_create(assignments)
    return shifts


def _conflicts(user: User, day: date, slot: str, *, ignore_shift: Shift) -> str | None:
    if Leave.objects.filter(user=user, starts_on__lte=day, ends_on__gte=day).exists():
        return _("%(n)s nghỉ phép ngày %(d)s.") % {"n": user.display_name, "d": dmy(day)}
    other = (
        ShiftAssignment.objects.filter(user=user, date=day, slot=slot)
        .exclude(shift=ignore_shift)
        .select_related("shift__plan")
        .first()
    )
    if other is not None:
        return _("%(n)s đã có lịch trực cùng ca ngày %(d)s (kế hoạch «%(p)s»).") % {
            "n": user.display_name,
            "d": dmy(day),
            "p": other.shift.plan.title,
        }
    return None


@transaction.atomic
def shift_update(
    *,
    shift: Shift,
    officers: Sequence[User],
    leader: User | None,
    actor: User | None,
    note: str = "",
) -> Shift:
    """Replace the people of one shift by hand; the same rules as the generator hold."""
    shift = Shift.objects.select_for_update().select_related("plan__unit").get(pk=shift.pk)
    officers = _unique(officers)
    if not officers:
        raise DomainError(
            _("Ca trực phải có ít nhất một cán bộ."),
            code="no_officers",
            fields={"officers": [_("Chọn ít nhất một cán bộ.")]},
        )
    if leader is None:
        raise DomainError(
            _("Ngày nào cũng phải có lãnh đạo trực."),
            code="no_leaders",
            fields={"leader": [_("Chọn lãnh đạo trực.")]},
        )
    if leader.pk in {u.pk for u in officers}:
        raise DomainError(
            _("Lãnh đạo trực không đồng thời là cán bộ trực của cùng ca."),
            code="officer_is_leader",
            fields={"leader": [_("Trùng với cán bộ trực.")]},
        )
    _check_members(shift.plan, [*officers, leader], "officers")
    problems = [
        p
        for u in [*officers, leader]
        if (p := _conflicts(u, shift.date, shift.slot, ignore_shift=shift))
    ]
    if problems:
        raise DomainError(" ".join(problems), code="conflict", fields={"officers": problems})
    before = sorted(shift.assignments.values_list("user__username", "role"))
    shift.assignments.all().delete()
    ShiftAssignment.objects.bulk_create(
        [
            _assignment(shift, leader, AssignmentRole.LEADER),
            *(_assignment(shift, u, AssignmentRole.OFFICER) for u in officers),
        ]
    )
    shift.edited = True
    shift.note = nfc(note)[:255] if note else shift.note
    shift.save(update_fields=["edited", "note"])
    audit_services.audit_record(
        action=constants.SHIFT_EDITED,
        target=shift,
        actor=actor,
        unit=shift.plan.unit,
        data={
            "plan": shift.plan_id,
            "date": shift.date.isoformat(),
            "slot": shift.slot,
            "before": [f"{u}:{r}" for u, r in before],
            "after": [f"{leader.username}:leader", *(f"{u.username}:officer" for u in officers)],
            "note": note,
        },
    )
    return shift


@transaction.atomic
def shift_swap(
    *, first: ShiftAssignment, second: ShiftAssignment, actor: User | None, note: str = ""
) -> None:
    """Two people of the same role exchange their shifts (đổi ca)."""
    ids = sorted([first.pk, second.pk])
    locked = {
        a.pk: a
        for a in ShiftAssignment.objects.select_for_update()
        .select_related("shift__plan__unit", "user")
        .filter(pk__in=ids)
    }
    first, second = locked[first.pk], locked[second.pk]
    if first.shift.plan_id != second.shift.plan_id or first.shift_id == second.shift_id:
        raise DomainError(_("Chỉ đổi ca giữa hai ca khác nhau của cùng một kế hoạch."))
    if first.role != second.role:
        raise DomainError(_("Chỉ đổi ca giữa hai người cùng vai trò (cán bộ với cán bộ)."))
    problems = []
    for person, target in ((first.user, second.shift), (second.user, first.shift)):
        if target.assignments.filter(user=person).exists():
            problems.append(
                _("%(n)s đã có mặt trong ca %(s)s.") % {"n": person.display_name, "s": target}
            )
        elif problem := _conflicts(person, target.date, target.slot, ignore_shift=target):
            problems.append(problem)
    if problems:
        raise DomainError(" ".join(problems), code="conflict")
    first_user, second_user = first.user, second.user
    # Move one side out of the way first: (user, date, slot) is unique.
    first.delete()
    second.user = first_user
    second.notified_at = None
    second.save(update_fields=["user", "notified_at"])
    ShiftAssignment.objects.create(
        shift=first.shift, user=second_user, role=first.role, date=first.date, slot=first.slot
    )
    Shift.objects.filter(pk__in=[first.shift_id, second.shift_id]).update(edited=True)
    audit_services.audit_record(
        action=constants.SHIFTS_SWAPPED,
        target=first.shift.plan,
        actor=actor,
        unit=first.shift.plan.unit,
        data={
            "first": {"shift": first.shift_id, "user": first_user.username},
            "second": {"shift": second.shift_id, "user": second_user.username},
            "note": note,
        },
    )


@transaction.atomic
def roster_publish(*, plan: Plan, actor: User | None, on: date | None = None) -> Plan:
    """Record that the schedule was posted (at the office and on the website, Art 24)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.shifts.exists():
        raise DomainError(_("Chưa có lịch trực để niêm yết."), code="no_roster")
    plan.roster_published_on = on or timezone.localdate()
    plan.save(update_fields=["roster_published_on", "updated_at"])
    audit_services.audit_record(
        action=constants.ROSTER_PUBLISHED,
        target=plan,
        actor=actor,
        unit=plan.unit,
        data={"on": plan.roster_published_on.isoformat()},
    )
    return plan


def shift_notices_send(*, today: date | None = None, days_ahead: int = 14) -> dict[str, int]:
    """E-mail each person the shifts of the coming days not yet notified; idempotent.

    Each person is one transaction: a failed e-mail leaves their shifts to the next run."""
    today = today or timezone.localdate()
    pending = (
        ShiftAssignment.objects.filter(
            notified_at__isnull=True, date__gte=today, date__lte=today + timedelta(days_ahead)
        )
        .select_related("user", "shift__plan__unit")
        .order_by("user_id", "date", "slot")
    )
    by_user: dict[int, list[ShiftAssignment]] = defaultdict(list)
    for assignment in pending:
        by_user[assignment.user_id].append(assignment)
    counts = {"people": 0, "emails": 0, "shifts": 0, "failed": 0}
    for items in by_user.values():
        user = items[0].user
        try:
            with transaction.atomic():
                ids = [a.pk for a in items]
                marked = ShiftAssignment.objects.filter(
                    pk__in=ids, notified_at__isnull=True
                ).update(notified_at=timezone.now())
                if marked != len(ids):  # another run got there first
                    transaction.set_rollback(True)
                    continue
                if user.email:
                    body = render_to_string(
                        "plans/email_shifts.txt", {"user": user, "assignments": items}
                    )
                    mail_queue(_("Lịch trực tiếp công dân của bạn"), body, [user.email])
                    counts["emails"] += 1
                audit_services.audit_record(
                    action=constants.SHIFT_NOTICE_SENT,
                    target=user,
                    actor=None,
                    unit=items[0].shift.plan.unit,
                    data={"shifts": ids, "emailed": bool(user.email)},
                )
        except Exception:
            logger.exception("Shift notice to user %s failed", user.pk)
            counts["failed"] += 1
            continue
        counts["people"] += 1
        counts["shifts"] += len(items)
    return counts
