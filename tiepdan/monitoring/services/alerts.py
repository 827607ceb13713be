"""Raising alerts and handling them: acknowledge, assign, follow up, close.

Every state change is one transaction with its audit record. Nothing is auto-dismissed: an alert
is closed by a person, with an outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core import events
from tiepdan.core.db import analyse, insert_rows, instances, keys_checked_beside, meanwhile
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.monitoring import constants, selectors
from tiepdan.monitoring.models import (
    FOLLOW_UP_KINDS,
    LEVEL_RANK,
    ActionKind,
    Alert,
    AlertAction,
    AlertMail,
    AlertStatus,
    Hotspot,
)
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import roles_on


def alert_partner_units(unit: Unit) -> list[Unit]:
    """Police units directly under `unit`: the liaison told at once of a mass group (S5, S13)."""
    return alert_partner_units_of([unit])[unit.pk]


def alert_partner_units_of(units: Iterable[Unit]) -> dict[int, list[Unit]]:
    """`alert_partner_units` of each of `units` (unit id → its police units), in one query."""
    partners: dict[int, list[Unit]] = {u.pk: [] for u in units}
    for police in Unit.objects.filter(parent__in=list(partners), kind=UnitKind.POLICE):
        partners[police.parent_id].append(police)  # type: ignore[index]  # never null here
    return partners


def _routes(unit: Unit, route_to: Iterable[Unit]) -> list[Unit]:
    """The units an alert of `unit` is routed to: each once, never `unit` itself."""
    return list({u.pk: u for u in route_to if u.pk != unit.pk}.values())


def _create_alert(
    *,
    unit: Unit,
    kind: str,
    level: str,
    summary: str,
    subjects: list | None,
    source: models.Model | None,
    route_to: Iterable[Unit],
    actor: User | None,
    dedupe_key: str = "",
    hotspot: Hotspot | None = None,
    score: int | None = None,
    notify: list[User] | None = None,
) -> Alert:
    alert = Alert.objects.create(
        unit=unit,
        kind=kind,
        level=level,
        summary=summary[:500],
        subjects=subjects or [],
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        dedupe_key=dedupe_key,
        hotspot=hotspot,
        score=score,
    )
    routes = _routes(unit, route_to)
    if routes:
        alert.routed_to.add(*routes)
    leaders = (
        notify if notify is not None else selectors.leaders_on_duty(unit, timezone.localdate())
    )
    if leaders:
        alert.notify_users.add(*leaders)
    audit_services.audit_record(
        action=constants.ALERT_RAISED,
        target=alert,
        actor=actor,
        unit=unit,
        data={
            "kind": kind,
            "level": level,
            "routed_to": [u.code for u in routes],
            "notify": [u.username for u in leaders],
            "key": dedupe_key,
        },
    )
    events.alerts_raised.send(sender=Alert, alerts=[alert])  # mail to those told (fanout.py)
    return alert


@dataclass
class NewAlert:
    """An alert a scan raises, as alert_claim's arguments."""

    unit: Unit
    key: str
    kind: str
    level: str
    summary: str
    subjects: list
    route_to: list[Unit]
    hotspot_id: int | None
    score: int | None
    activity_on: date | None
    notify: list[User]


# A bulk raise of at least this many alerts refreshes the planner's statistics of the tables it
# filled once committed: the alert list and the dashboard's open count chose a nested loop
# over 73,000 rows estimated at 264 (0.45 s instead of 0.14 s) until the next ANALYZE.
ANALYSE_AFTER_RAISING = 1_000


def _analyse_alert_tables() -> None:
    """Once committed: run on a connection of its own (`core.db.meanwhile`), so a scan returns
    while PostgreSQL analyses (0.2-0.3 s after a province's first scan)."""
    analyse(Alert, Alert.routed_to.through, Alert.notify_users.through, AlertMail)


def _alerts_raise_many(
    fresh: list[NewAlert], *, before_checks: Callable[[], object] | None = None
) -> tuple[int, int]:
    """Raise the scan's new alerts in bulk: the same alerts, routes, people told and audit
    events as one `alert_claim` each, in a few queries per thousand. When a concurrent scan
    claimed one of them first (the partial unique constraint), each is claimed one by one.
    `before_checks` is called before their foreign keys are checked: the scan's hotspots may
    still be in a transaction of their own, which it waits for. Nothing before it may append an
    audit event: that transaction appends one and would wait for this one's chain lock.
    Returns (raised, kept)."""
    if not fresh:
        return 0, 0
    ready = before_checks or (lambda: None)
    try:
        with transaction.atomic():
            # COPY with reserved ids on PostgreSQL: a first scan raises tens of thousands.
            alerts = _insert_alerts(fresh)
            pairs = list(zip(alerts, fresh, strict=True))
            routes = {a.pk: _routes(n.unit, n.route_to) for a, n in pairs}
            _bulk_routes_and_notify(pairs, routes)
            events.alerts_raised.send(sender=Alert, alerts=alerts)  # one digest a person
            ready()
            # The keys of the rows just written (the mails' too) are checked while the audit
            # events are built: at commit only the audit events' are left.
            with keys_checked_beside(
                Alert, Alert.routed_to.through, Alert.notify_users.through, AlertMail
            ):
                audit_services.audit_record_many(
                    [_raised_event(a, n, routes[a.pk]) for a, n in pairs]
                )
        if len(alerts) >= ANALYSE_AFTER_RAISING:
            transaction.on_commit(lambda: meanwhile(_analyse_alert_tables))
        return len(alerts), 0
    except IntegrityError:
        pass  # claimed concurrently: each is claimed one by one
    ready()  # each is committed on its own
    return _claim_each(fresh)


# The columns of a raised alert the scan gives; the others take their defaults.
ALERT_COLUMNS = (
    "unit_id",
    "kind",
    "level",
    "summary",
    "subjects",
    "dedupe_key",
    "hotspot_id",
    "score",
    "created_at",
    "updated_at",
)


def _insert_alerts(fresh: list[NewAlert]) -> list[Alert]:
    """The new alerts written as plain rows (`insert_rows`), returned as the saved rows a query
    would read back: no model instance prepared field by field (a first scan raises 73,000)."""
    db = router.db_for_write(Alert)
    now = timezone.now()
    rows = [
        (
            n.unit.pk,
            n.kind,
            n.level,
            n.summary[:500],
            n.subjects or [],
            n.key,
            n.hotspot_id,
            n.score,
            now,
            now,
        )
        for n in fresh
    ]
    ids = insert_rows(Alert, ALERT_COLUMNS, rows, encode_json=True)
    names = [f.attname for f in Alert._meta.concrete_fields]
    # Every other column as the database sets it (status open, no outcome, the rest null); the
    # values of each row put in place by position, as a query's row is read.
    template: list = [None] * len(names)
    template[names.index("status")], template[names.index("outcome")] = AlertStatus.OPEN, ""
    at = [names.index(c) for c in ALERT_COLUMNS]
    at_id = names.index("id")
    full = []
    for row, pk in zip(rows, ids, strict=True):
        values = template.copy()
        values[at_id] = pk
        for i, value in zip(at, row, strict=True):
            values[i] = value
        full.append(values)
    return instances(Alert, names, full, db=db)


def _bulk_routes_and_notify(
    pairs: list[tuple[Alert, NewAlert]], routes: dict[int, list[Unit]]
) -> None:
    insert_rows(
        Alert.routed_to.through,
        ["alert_id", "unit_id"],
        [(a, u.pk) for a, units in routes.items() for u in units],
    )
    insert_rows(
        Alert.notify_users.through,
        ["alert_id", "user_id"],
        [(a.pk, user_id) for a, n in pairs for user_id in {u.pk: u for u in n.notify}],
    )


def _raised_event(alert: Alert, n: NewAlert, routes: list[Unit]) -> dict:
    """The audit event of an alert raised in bulk, as `_create_alert` records it."""
    return {
        "action": constants.ALERT_RAISED,
        "target": alert,
        "unit": n.unit,
        "data": {
            "kind": n.kind,
            "level": n.level,
            "routed_to": [u.code for u in routes],
            "notify": [u.username for u in n.notify],
            "key": n.key,
        },
    }


def _claim_each(fresh: list[NewAlert]) -> tuple[int, int]:
    raised = kept = 0
    for n in fresh:
        alert, created = alert_claim(
            unit=n.unit,
            key=n.key,
            kind=n.kind,
            level=n.level,
            summary=n.summary,
            subjects=n.subjects,
            route_to=n.route_to,
            hotspot=Hotspot(pk=n.hotspot_id) if n.hotspot_id else None,
            score=n.score,
            activity_on=n.activity_on,
            notify=n.notify,
        )
        raised += created
        kept += alert is not None and not created
    return raised, kept


@transaction.atomic
def alert_raise(
    *,
    unit: Unit,
    kind: str,
    level: str,
    summary: str,
    subjects: list | None = None,
    source: models.Model | None = None,
    route_to: Iterable[Unit] = (),
    actor: User | None = None,
) -> Alert:
    """Raise an alert in `unit`, routed to extra units (e.g. the police liaison) and told to the
    leader on duty."""
    return _create_alert(
        unit=unit,
        kind=kind,
        level=level,
        summary=summary,
        subjects=subjects,
        source=source,
        route_to=route_to,
        actor=actor,
    )


def _active(unit: Unit, key: str) -> Alert | None:
    return Alert.objects.filter(unit=unit, dedupe_key=key, status__in=AlertStatus.active()).first()


def _closed_without_news(unit: Unit, key: str, activity_on: date | None) -> Alert | None:
    """The last closed alert of `key` when nothing happened after it was closed."""
    closed = (
        Alert.objects.filter(unit=unit, dedupe_key=key, status=AlertStatus.CLOSED)
        .order_by("-closed_at")
        .first()
    )
    if (
        closed is not None
        and closed.closed_at is not None
        and (activity_on is None or activity_on <= timezone.localtime(closed.closed_at).date())
    ):
        return closed
    return None


def alert_claim(
    *,
    unit: Unit,
    key: str,
    kind: str,
    level: str,
    summary: str,
    subjects: list | None = None,
    source: models.Model | None = None,
    route_to: Iterable[Unit] = (),
    hotspot: Hotspot | None = None,
    score: int | None = None,
    activity_on: date | None = None,
    notify: list[User] | None = None,
) -> tuple[Alert | None, bool]:
    """Raise the alert of a computed signal once: (alert, created).

    The claim is the partial unique constraint (one active alert per unit and key): a second
    scan, or a concurrent one, finds the active alert and at most raises its level. A closed
    alert is not raised again unless there was activity after it was closed.
    """
    active = _active(unit, key)
    if active is None:
        closed = _closed_without_news(unit, key, activity_on)
        if closed is not None:
            return closed, False
        try:
            with transaction.atomic():
                alert = _create_alert(
                    unit=unit,
                    kind=kind,
                    level=level,
                    summary=summary,
                    subjects=subjects,
                    source=source,
                    route_to=route_to,
                    actor=None,
                    dedupe_key=key,
                    hotspot=hotspot,
                    score=score,
                    notify=notify,
                )
            return alert, True
        except IntegrityError:  # claimed by a concurrent scan
            active = _active(unit, key)
            if active is None:
                raise
    return _refresh_active(active, level=level, score=score, hotspot=hotspot), False


@transaction.atomic
def _refresh_active(
    active: Alert, *, level: str, score: int | None, hotspot: Hotspot | None
) -> Alert:
    """An active alert found again: its level only rises; its score and hotspot follow."""
    locked = Alert.objects.select_for_update().get(pk=active.pk)
    changed: list[str] = []
    if LEVEL_RANK[level] > LEVEL_RANK[locked.level]:
        audit_services.audit_record(
            action=constants.ALERT_ESCALATED,
            target=locked,
            unit=locked.unit,
            data={"from": locked.level, "to": level, "score": score},
        )
        locked.level = level
        changed.append("level")
    if score is not None and score != locked.score:
        locked.score = score
        changed.append("score")
    if hotspot is not None and locked.hotspot_id != hotspot.pk:
        locked.hotspot = hotspot
        changed.append("hotspot")
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
    return locked


# -- handling ----------------------------------------------------------------------------------


def _locked(alert: Alert) -> Alert:
    return Alert.objects.select_for_update().select_related("unit").get(pk=alert.pk)


def _action(
    alert: Alert, kind: str, actor: User, note: str = "", assignee: User | None = None
) -> AlertAction:
    return AlertAction.objects.create(
        alert=alert, kind=kind, at=timezone.now(), actor=actor, note=note, assignee=assignee
    )


def _ensure_active(alert: Alert) -> None:
    if alert.status == AlertStatus.CLOSED:
        raise DomainError(_("Cảnh báo đã kết thúc, không thể cập nhật."), code="alert_closed")


@transaction.atomic
def alert_acknowledge(*, alert: Alert, actor: User) -> Alert:
    """The leader (or unit administrator) takes note of the alert."""
    alert = _locked(alert)
    if alert.status == AlertStatus.OPEN:
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.acknowledged_by = actor
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "updated_at"])
        _action(alert, ActionKind.ACKNOWLEDGE, actor)
        audit_services.audit_record(
            action=constants.ALERT_ACKNOWLEDGED, target=alert, actor=actor, unit=alert.unit
        )
    return alert


@transaction.atomic
def alert_assign(*, alert: Alert, actor: User, assignee: User, note: str = "") -> Alert:
    """Give the alert to a person of the unit (or of a unit it is routed to) to follow up."""
    alert = _locked(alert)
    _ensure_active(alert)
    units = [alert.unit, *alert.routed_to.all()]
    if not assignee.is_active or not (
        assignee.is_superuser or any(roles_on(assignee, u) for u in units)
    ):
        raise DomainError(
            _("Người được giao phải thuộc đơn vị có cảnh báo hoặc đơn vị được báo."),
            code="assignee_not_member",
            fields={"assignee": [_("Người này không thuộc đơn vị liên quan.")]},
        )
    now = timezone.now()
    previous = alert.assigned_to_id
    if alert.status == AlertStatus.OPEN:
        alert.acknowledged_by, alert.acknowledged_at = actor, now
    alert.status = AlertStatus.ASSIGNED
    alert.assigned_to, alert.assigned_at = assignee, now
    alert.save(
        update_fields=[
            "status",
            "assigned_to",
            "assigned_at",
            "acknowledged_by",
            "acknowledged_at",
            "updated_at",
        ]
    )
    _action(alert, ActionKind.ASSIGN, actor, nfc(note), assignee)
    audit_services.audit_record(
        action=constants.ALERT_ASSIGNED,
        target=alert,
        actor=actor,
        unit=alert.unit,
        data={"from": previous, "to": assignee.pk},
    )
    return alert


@transaction.atomic
def alert_follow_up(*, alert: Alert, actor: User, kind: str, note: str) -> AlertAction:
    """Record what was done: a dialogue, a field visit, a report upward (S25, S27), a note."""
    alert = _locked(alert)
    _ensure_active(alert)
    note = nfc(note or "")
    errors: dict[str, list[str]] = {}
    if kind not in FOLLOW_UP_KINDS:
        errors["kind"] = [_("Chọn loại việc đã làm.")]
    if not note:
        errors["note"] = [_("Nhập nội dung việc đã làm.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    action = _action(alert, kind, actor, note)
    alert.save(update_fields=["updated_at"])
    audit_services.audit_record(
        action=constants.ALERT_FOLLOWED_UP,
        target=alert,
        actor=actor,
        unit=alert.unit,
        data={"kind": kind, "action": action.pk},
    )
    return action


@transaction.atomic
def alert_close(*, alert: Alert, actor: User, outcome: str) -> Alert:
    """Close the alert with its outcome (kết quả xử lý); never automatic."""
    alert = _locked(alert)
    _ensure_active(alert)
    outcome = nfc(outcome or "")
    if len(outcome) < 10:
        raise DomainError(
            _("Nhập kết quả xử lý (ít nhất 10 ký tự) trước khi kết thúc cảnh báo."),
            code="invalid",
            fields={"outcome": [_("Nhập kết quả xử lý.")]},
        )
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = actor, now
    alert.status = AlertStatus.CLOSED
    alert.closed_by, alert.closed_at, alert.outcome = actor, now, outcome
    alert.save(
        update_fields=[
            "status",
            "closed_by",
            "closed_at",
            "outcome",
            "acknowledged_by",
            "acknowledged_at",
            "updated_at",
        ]
    )
    _action(alert, ActionKind.CLOSE, actor, outcome)
    audit_services.audit_record(
        action=constants.ALERT_CLOSED, target=alert, actor=actor, unit=alert.unit
    )
    return alert
