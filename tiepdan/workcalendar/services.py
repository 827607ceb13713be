"""Writes: the calendar of a year, and legal clocks on records. Each write is audited."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.workcalendar import constants, defaults, engine, selectors
from tiepdan.workcalendar.models import CalendarDay, CalendarYear, Clock, ClockPause
from tiepdan.workcalendar.rules import Catalogue, rule_catalogue

if TYPE_CHECKING:
    from tiepdan.organizations.models import Unit

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One line of a year's list as submitted (API body or calendar form)."""

    date: date
    name: str = ""
    source: str = ""


def _validate_year_lists(
    year: int, days_off: Sequence[DayEntry], working_days: Sequence[DayEntry]
) -> None:
    fields: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        fields.setdefault(name, []).append(message)

    if not selectors.FIRST_YEAR <= year <= selectors.LAST_YEAR:
        raise DomainError(
            _("Năm phải trong khoảng %(a)s–%(b)s.")
            % {"a": selectors.FIRST_YEAR, "b": selectors.LAST_YEAR},
            code="invalid_calendar",
            fields={"year": [_("Năm không hợp lệ.")]},
        )
    seen: set[date] = set()
    for key, entries, want_weekday in (
        ("days_off", days_off, True),
        ("working_days", working_days, False),
    ):
        for entry in entries:
            text = entry.date.strftime("%d/%m/%Y")
            if entry.date.year != year:
                add(key, _("Ngày %(d)s không thuộc năm %(y)s.") % {"d": text, "y": year})
            elif want_weekday and entry.date.weekday() >= 5:
                add(
                    key,
                    _("Ngày %(d)s là thứ Bảy/Chủ nhật; ngày nghỉ chỉ gồm thứ Hai–thứ Sáu.")
                    % {"d": text},
                )
            elif not want_weekday and entry.date.weekday() < 5:
                add(
                    key,
                    _("Ngày %(d)s không phải thứ Bảy/Chủ nhật; ngày làm bù phải là cuối tuần.")
                    % {"d": text},
                )
            if entry.date in seen:
                add(key, _("Ngày %(d)s bị lặp lại.") % {"d": text})
            seen.add(entry.date)
    if fields:
        first = next(iter(fields.values()))[0]
        raise DomainError(
            _("Lịch năm %(y)s không hợp lệ: %(first)s") % {"y": year, "first": first},
            code="invalid_calendar",
            fields=fields,
        )


@transaction.atomic
def _year_days_replace(
    calendar_year: CalendarYear,
    days_off: Sequence[DayEntry],
    working_days: Sequence[DayEntry],
) -> None:
    """Write the year's rows: the days off, the worked days, and a package holiday left out of
    the list as worked; a row keeps its decree's source when the new entry gives none."""
    year = calendar_year.year
    existing = {row.date: row for row in CalendarDay.objects.filter(calendar_year=calendar_year)}
    new_off = {e.date: e for e in days_off}
    new_work = {e.date: e for e in working_days}

    def row_of(entry: DayEntry, kind: str) -> CalendarDay:
        old = existing.get(entry.date)
        source = entry.source or (old.source if old and old.kind == kind else "")
        return CalendarDay(
            calendar_year=calendar_year, date=entry.date, kind=kind, name=entry.name, source=source
        )

    rows = [row_of(e, CalendarDay.Kind.DAY_OFF) for e in new_off.values()]
    rows += [row_of(e, CalendarDay.Kind.WORKING_DAY) for e in new_work.values()]
    # A package holiday left out of the list is worked: record that explicitly.
    rows += [
        CalendarDay(
            calendar_year=calendar_year,
            date=day,
            kind=CalendarDay.Kind.WORKING_DAY,
            name=_("Làm việc (không nghỉ: %(h)s)") % {"h": name},
        )
        for day, name in defaults.package_days_off(year).items()
        if day not in new_off
    ]
    # Weekend rows documenting a decreed break (e.g. Sat 25/01/2025 of Tết) stay: they change
    # neither list, and they keep the decree's source on the calendar page.
    keep = [
        row.pk
        for day, row in existing.items()
        if row.kind == CalendarDay.Kind.DAY_OFF and day.weekday() >= 5 and day not in new_work
    ]
    CalendarDay.objects.filter(calendar_year=calendar_year).exclude(pk__in=keep).delete()
    CalendarDay.objects.bulk_create(rows)


def _year_change_audit(
    calendar_year: CalendarYear,
    before: defaults.YearLists,
    after: defaults.YearLists,
    *,
    actor: Any,
) -> None:
    """The audit event of the change: the days added to and removed from each list."""

    def iso(days: set[date]) -> list[str]:
        return sorted(d.isoformat() for d in days)

    audit_services.audit_record(
        action=constants.CALENDAR_CHANGED,
        target=calendar_year,
        actor=actor,
        data={
            "year": calendar_year.year,
            "revision": calendar_year.revision,
            "days_off_added": iso(set(after.days_off) - set(before.days_off)),
            "days_off_removed": iso(set(before.days_off) - set(after.days_off)),
            "working_days_added": iso(set(after.working_days) - set(before.working_days)),
            "working_days_removed": iso(set(before.working_days) - set(after.working_days)),
        },
    )


def calendar_year_update(
    *,
    year: int,
    days_off: Sequence[DayEntry],
    working_days: Sequence[DayEntry],
    actor: Any = None,
    note: str = "",
) -> CalendarYear:
    """Replace the lists of `year`: afterwards its weekday days off and worked weekend days are
    exactly these. Every open clock is recomputed on the new calendar and each change audited.
    """
    _validate_year_lists(year, days_off, working_days)
    before = selectors.calendar_year_lists(year)

    calendar_year, _created = CalendarYear.objects.select_for_update().get_or_create(year=year)
    _year_days_replace(calendar_year, days_off, working_days)
    calendar_year.revision += 1
    calendar_year.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    if note:
        calendar_year.note = note
    calendar_year.save()
    selectors.working_calendar_clear()
    transaction.on_commit(selectors.working_calendar_clear)

    _year_change_audit(calendar_year, before, selectors.calendar_year_lists(year), actor=actor)
    clocks_recompute_open(actor=actor, reason=f"{constants.CALENDAR_CHANGED}:{year}")
    return calendar_year


# -- clocks ---------------------------------------------------------------------------------


def _due(
    clock: Clock,
    pauses: Sequence[ClockPause],
    *,
    calendar: engine.WorkingCalendar | None = None,
    catalogue: Catalogue | None = None,
    today: date | None = None,
) -> engine.Deadline:
    """The clock's due date on the current calendar. An open pause counts up to today, so a
    paused clock shows the due date it would have if resumed today."""
    catalogue = catalogue or rule_catalogue()
    rule = catalogue.get_version(clock.rule_code, clock.rule_version)
    today = today or timezone.localdate()
    paused = [(p.start, p.end or max(today, p.start)) for p in pauses]
    return engine.compute_deadline(
        rule,
        clock.start,
        calendar or selectors.working_calendar(),
        complexity=clock.complexity,
        remote_area=clock.remote_area,
        extensions=clock.extensions,
        paused=paused,
    )


def _lock(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().get(pk=clock.pk)


def _require_open(clock: Clock) -> None:
    if not clock.is_open:
        raise DomainError(
            _("Thời hạn đã kết thúc (%(s)s), không thể thay đổi.")
            % {"s": clock.get_status_display()},
            code="clock_closed",
        )


def refresh_next_clock(content_type_id: int, object_ids: Iterable[int]) -> None:
    """Copy the earliest due date of the open clocks (and its rule) onto the targets whose
    model keeps them (`tracks_next_clock`, e.g. a case), in one UPDATE: the lists of those
    records then sort by an indexed column."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    ids = sorted(set(object_ids))
    if model is None or not getattr(model, "tracks_next_clock", False) or not ids:
        return
    first = (
        Clock.objects.open()
        .filter(content_type_id=content_type_id, object_id=OuterRef("pk"))
        .order_by("due", "pk")
    )
    for offset in range(0, len(ids), 5000):
        model._default_manager.filter(pk__in=ids[offset : offset + 5000]).update(
            next_due=Subquery(first.values("due")[:1]),
            next_rule=Coalesce(Subquery(first.values("rule_code")[:1]), Value("")),
        )


def _refresh(clock: Clock) -> None:
    refresh_next_clock(clock.content_type_id, [clock.object_id])


def _audit(action: str, clock: Clock, actor: Any, **data: Any) -> None:
    audit_services.audit_record(
        action=action,
        target=clock,
        actor=actor,
        unit=clock.unit,
        data={"rule": clock.rule_code, "due": clock.due.isoformat(), **data},
    )


@transaction.atomic
def clock_start(
    *,
    target: models.Model,
    unit: Unit,
    rule_code: str,
    start: date,
    complexity: str = "normal",
    remote_area: bool = False,
    actor: Any = None,
) -> Clock:
    """Start the legal clock `rule_code` on `target` (a saved record) from `start`."""
    rule = rule_catalogue().get(rule_code, start)
    deadline = engine.compute_deadline(
        rule, start, selectors.working_calendar(), complexity=complexity, remote_area=remote_area
    )
    clock = Clock.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        unit=unit,
        rule_code=rule.code,
        rule_version=rule.version,
        start=start,
        complexity=complexity,
        remote_area=remote_area,
        due=deadline.due,
        legal_basis=rule.legal_basis,
    )
    _refresh(clock)
    _audit(constants.CLOCK_STARTED, clock, actor, start=start.isoformat(), version=rule.version)
    return clock


@transaction.atomic
def clock_pause(*, clock: Clock, on: date, actor: Any = None, reason: str = "") -> Clock:
    """Suspend a running clock from `on` (inclusive), e.g. a tạm đình chỉ decision."""
    clock = _lock(clock)
    _require_open(clock)
    if clock.status == Clock.Status.PAUSED:
        raise DomainError(_("Thời hạn đang tạm dừng."), code="clock_paused")
    if on < clock.start:
        raise DomainError(
            _("Ngày tạm dừng (%(on)s) trước ngày bắt đầu thời hạn (%(start)s).")
            % {"on": on.strftime("%d/%m/%Y"), "start": clock.start.strftime("%d/%m/%Y")},
            code="invalid_pause",
            fields={"on": [_("Ngày tạm dừng không hợp lệ.")]},
        )
    pauses = list(clock.pauses.all())
    if pauses and pauses[-1].end and on <= pauses[-1].end:
        raise DomainError(
            _("Ngày tạm dừng phải sau lần tạm dừng trước (%(end)s).")
            % {"end": pauses[-1].end.strftime("%d/%m/%Y")},
            code="invalid_pause",
            fields={"on": [_("Ngày tạm dừng không hợp lệ.")]},
        )
    pause = ClockPause.objects.create(clock=clock, start=on, reason=reason)
    clock.status = Clock.Status.PAUSED
    clock.due = _due(clock, [*pauses, pause]).due
    clock.save(update_fields=["status", "due", "updated_at"])
    _refresh(clock)
    _audit(constants.CLOCK_PAUSED, clock, actor, on=on.isoformat(), reason=reason)
    return clock


@transaction.atomic
def clock_resume(*, clock: Clock, on: date, actor: Any = None) -> Clock:
    """Resume a paused clock: the pause covers its start through `on` (the day of the decision
    to continue), and counting restarts the day after (NĐ 155/2026 Arts 28a–28b)."""
    clock = _lock(clock)
    _require_open(clock)
    pauses = list(clock.pauses.all())
    if clock.status != Clock.Status.PAUSED or not pauses or pauses[-1].end is not None:
        raise DomainError(_("Thời hạn không ở trạng thái tạm dừng."), code="clock_not_paused")
    pause = pauses[-1]
    if on < pause.start:
        raise DomainError(
            _("Ngày tiếp tục (%(on)s) trước ngày tạm dừng (%(start)s).")
            % {"on": on.strftime("%d/%m/%Y"), "start": pause.start.strftime("%d/%m/%Y")},
            code="invalid_pause",
            fields={"on": [_("Khoảng tạm dừng kết thúc trước khi bắt đầu.")]},
        )
    pause.end = on
    pause.save(update_fields=["end"])
    clock.status = Clock.Status.RUNNING
    clock.due = _due(clock, pauses).due
    clock.save(update_fields=["status", "due", "updated_at"])
    _refresh(clock)
    _audit(
        constants.CLOCK_RESUMED,
        clock,
        actor,
        on=on.isoformat(),
        paused_from=pause.start.isoformat(),
    )
    return clock


@transaction.atomic
def clock_extend(*, clock: Clock, actor: Any = None, reason: str = "") -> Clock:
    """Add one extension (gia hạn); refused beyond what the rule allows for the complexity."""
    clock = _lock(clock)
    _require_open(clock)
    clock.extensions += 1
    clock.due = _due(clock, list(clock.pauses.all())).due  # raises option_not_allowed
    clock.save(update_fields=["extensions", "due", "updated_at"])
    _refresh(clock)
    _audit(constants.CLOCK_EXTENDED, clock, actor, extensions=clock.extensions, reason=reason)
    return clock


@transaction.atomic
def clock_reclassify(
    *, clock: Clock, complexity: str, remote_area: bool, actor: Any = None, reason: str = ""
) -> Clock:
    """Change the complexity (or remote-area flag) of a running clock: the due date is computed
    again from the same start, pauses and extensions, as if so classified from the start.
    Extensions already granted beyond what the new class allows are refused."""
    clock = _lock(clock)
    _require_open(clock)
    before = (clock.complexity, clock.remote_area, clock.due)
    clock.complexity, clock.remote_area = complexity, remote_area
    clock.due = _due(clock, list(clock.pauses.all())).due  # raises option_not_allowed
    clock.save(update_fields=["complexity", "remote_area", "due", "updated_at"])
    _refresh(clock)
    _audit(
        constants.CLOCK_RECLASSIFIED,
        clock,
        actor,
        complexity_before=before[0],
        remote_area_before=before[1],
        due_before=before[2].isoformat(),
        reason=reason,
    )
    return clock


@transaction.atomic
def clock_stop(*, clock: Clock, met_on: date, actor: Any = None) -> Clock:
    """Stop a clock because its act was done on `met_on`: met when on or before due, else missed."""
    clock = _lock(clock)
    _require_open(clock)
    if met_on < clock.start:
        raise DomainError(
            _("Ngày hoàn thành (%(d)s) trước ngày bắt đầu thời hạn.")
            % {"d": met_on.strftime("%d/%m/%Y")},
            code="invalid",
            fields={"met_on": [_("Ngày không hợp lệ.")]},
        )
    open_pause = clock.pauses.filter(end__isnull=True).first()
    if open_pause is not None:
        open_pause.end = max(met_on, open_pause.start)
        open_pause.save(update_fields=["end"])
        clock.due = _due(clock, list(clock.pauses.all())).due
    clock.met_on = met_on
    clock.status = Clock.Status.MET if met_on <= clock.due else Clock.Status.MISSED
    clock.save(update_fields=["met_on", "status", "due", "updated_at"])
    _refresh(clock)
    _audit(constants.CLOCK_STOPPED, clock, actor, met_on=met_on.isoformat(), status=clock.status)
    return clock


@transaction.atomic
def clocks_recompute_open(*, actor: Any = None, reason: str = constants.CALENDAR_CHANGED) -> int:
    """Recompute the due date of every open clock on the current calendar (after a calendar
    change); each clock whose due date moves gets an audit event. Returns how many moved."""
    calendar = selectors.working_calendar()
    catalogue = rule_catalogue()
    today = timezone.localdate()
    clocks = list(
        Clock.objects.open()
        .select_for_update(of=("self",))
        .select_related("unit")
        .prefetch_related("pauses")
    )
    moved: list[Clock] = []
    now = timezone.now()
    for clock in clocks:
        try:
            due = _due(
                clock, list(clock.pauses.all()), calendar=calendar, catalogue=catalogue, today=today
            ).due
        except DomainError:
            logger.warning("Clock %s cannot be recomputed (rule %s)", clock.pk, clock.rule_code)
            continue
        if due == clock.due:
            continue
        old = clock.due
        clock.due, clock.updated_at = due, now
        moved.append(clock)
        _audit(constants.CLOCK_RECOMPUTED, clock, actor, old_due=old.isoformat(), reason=reason)
    Clock.objects.bulk_update(moved, ["due", "updated_at"])
    targets: dict[int, set[int]] = {}
    for clock in moved:
        targets.setdefault(clock.content_type_id, set()).add(clock.object_id)
    for content_type_id, object_ids in targets.items():
        refresh_next_clock(content_type_id, object_ids)
    return len(moved)
