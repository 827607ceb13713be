"""Raising and handling alerts, partner notes, thresholds, the hotspot scan and the bulletin.

Every state change is one transaction with its audit record. Nothing is auto-dismissed: an alert
is closed by a person, with an outcome.
"""

from __future__ import annotations

import datetime as dt
import time as _time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.audit import services as audit_services
from tiepdan.core import events
from tiepdan.core.classification import Domain
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.monitoring import constants, scoring, selectors, signals
from tiepdan.monitoring.models import (
    FOLLOW_UP_KINDS,
    LEVEL_RANK,
    ActionKind,
    Alert,
    AlertAction,
    AlertKind,
    AlertLevel,
    AlertStatus,
    Bulletin,
    Hotspot,
    HotspotKind,
    NoteIntent,
    SituationNote,
    TargetLevel,
    Thresholds,
)
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import roles_on
from tiepdan.workcalendar.rules import Catalogue, rule_catalogue

# What an overdue clock belongs to, as an officer says it.
CLOCK_TARGETS = {
    "petition": gettext_lazy("đơn"),
    "case": gettext_lazy("vụ việc"),
    "visit": gettext_lazy("lượt tiếp"),
}


def _rule_name(catalogue: Catalogue, code: str, on: dt.date) -> str:
    """An overdue clock is named by its rule's Vietnamese name, never its code."""
    try:
        return str(catalogue.get(code, on).name)
    except DomainError:
        return code

def alert_partner_units(unit: Unit) -> list[Unit]:
    """Police units directly under `unit`: the liaison told at once of a mass group (S5, S13)."""
    return list(unit.children.filter(kind=UnitKind.POLICE))


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
    routes = list({u.pk: u for u in route_to if u.pk != unit.pk}.values())
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
class _NewAlert:
    """An alert a scan raises, as alert_claim's arguments."""

    unit: Unit
    key: str
    kind: str
    level: str
    summary: str
    subjects: list
    route_to: list[Unit]
    hotspot: Hotspot | None
    score: int | None
    activity_on: date | None
    notify: list[User]


def _alerts_raise_many(fresh: list[_NewAlert]) -> tuple[int, int]:
    """Raise the scan's new alerts in bulk: the same alerts, routes, people told and audit
    events as one `alert_claim` each, in a few queries per thousand. When a concurrent scan
    claimed one of them first (the partial unique constraint), each is claimed one by one.
    Returns (raised, kept)."""
    if not fresh:
        return 0, 0
    try:
        with transaction.atomic():
            alerts = Alert.objects.bulk_create(
                [
                    Alert(
                        unit=n.unit,
                        kind=n.kind,
                        level=n.level,
                        summary=n.summary[:500],
                        subjects=n.subjects or [],
                        dedupe_key=n.key,
                        hotspot=n.hotspot,
                        score=n.score,
                    )
                    for n in fresh
                ],
                batch_size=1000,
            )
            routes = {
                a.pk: list({u.pk: u for u in n.route_to if u.pk != n.unit.pk}.values())
                for a, n in zip(alerts, fresh, strict=True)
            }
            Route = Alert.routed_to.through
            Route.objects.bulk_create(
                [Route(alert_id=a, unit_id=u.pk) for a, units in routes.items() for u in units],
                batch_size=2000,
            )
            Notify = Alert.notify_users.through
            Notify.objects.bulk_create(
                [
                    Notify(alert_id=a.pk, user_id=u.pk)
                    for a, n in zip(alerts, fresh, strict=True)
                    for u in {u.pk: u for u in n.notify}.values()
                ],
                batch_size=2000,
            )
            audit_services.audit_record_many(
                [
                    {
                        "action": constants.ALERT_RAISED,
                        "target": a,
                        "unit": n.unit,
                        "data": {
                            "kind": n.kind,
                            "level": n.level,
                            "routed_to": [u.code for u in routes[a.pk]],
                            "notify": [u.username for u in n.notify],
                            "key": n.key,
                        },
                    }
                    for a, n in zip(alerts, fresh, strict=True)
                ]
            )
            events.alerts_raised.send(sender=Alert, alerts=alerts)  # one digest a person
        return len(alerts), 0
    except IntegrityError:
        pass  # claimed concurrently: each is claimed one by one
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
            hotspot=n.hotspot,
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
    active = Alert.objects.filter(
        unit=unit, dedupe_key=key, status__in=AlertStatus.active()
    ).first()
    if active is None:
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
            active = Alert.objects.filter(
                unit=unit, dedupe_key=key, status__in=AlertStatus.active()
            ).first()
            if active is None:
                raise
    with transaction.atomic():
        locked = Alert.objects.select_for_update().get(pk=active.pk)
        changed = []
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
    return locked, False


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


# -- thresholds --------------------------------------------------------------------------------


@transaction.atomic
def thresholds_update(*, unit: Unit, actor: User, **values: int) -> Thresholds:
    """Set the thresholds of `unit` (and of its subtree unless a lower unit sets its own)."""
    row = Thresholds.objects.select_for_update().filter(unit=unit).first()
    before = {}
    if row is None:
        row = Thresholds(
            unit=unit,
            **{f: getattr(selectors.limits_for(unit), f) for f in selectors._LIMIT_FIELDS},
        )
    else:
        before = {f: getattr(row, f) for f in values}
    for name, value in values.items():
        if name not in selectors._LIMIT_FIELDS:
            raise DomainError(_("Không có ngưỡng «%(n)s».") % {"n": name}, code="invalid")
        setattr(row, name, value)
    row.updated_by = actor
    try:
        row.full_clean(exclude=["unit"])
    except ValidationError as exc:
        fields = exc.message_dict
        if "__all__" in fields:
            fields["critical_score"] = fields.pop("__all__")
        raise DomainError(
            _("Ngưỡng không hợp lệ: %(m)s") % {"m": next(iter(fields.values()))[0]},
            code="invalid",
            fields=fields,
        ) from exc
    if row.critical_score < row.alert_score:
        msg = _("Điểm «khẩn» phải không nhỏ hơn điểm «cảnh báo».")
        raise DomainError(msg, code="invalid", fields={"critical_score": [msg]})
    row.save()
    audit_services.audit_record(
        action=constants.THRESHOLDS_UPDATED,
        target=row,
        actor=actor,
        unit=unit,
        data={"before": before, "after": dict(values)},
    )
    return row


# -- partner situation notes -------------------------------------------------------------------

RAISING_INTENTS = frozenset({NoteIntent.GO_HIGHER, NoteIntent.GATHER, NoteIntent.LEADER_HOME})


@transaction.atomic
def note_record(
    *,
    unit: Unit,
    author_unit: Unit,
    actor: User | None,
    observed_on: date,
    place: str,
    people: int,
    intent: str,
    text: str,
    target_level: str = TargetLevel.LOCAL,
    domain: str = "",
) -> SituationNote:
    """A partner's situation note (S13, S18). A group planning to go to a higher level, to the
    office or to a leader's home (S26), or a note of a mass group, raises an alert at once to
    the leader on duty and the police liaison; the note also feeds the hotspot scan."""
    place, text = nfc(place or ""), nfc(text or "")
    errors: dict[str, list[str]] = {}
    if not place:
        errors["place"] = [_("Nhập địa điểm, khu dân cư.")]
    if not text:
        errors["text"] = [_("Nhập nội dung tin.")]
    if people is None or people < 1:
        errors["people"] = [_("Số người phải từ 1 trở lên.")]
    if intent not in NoteIntent.values:
        errors["intent"] = [_("Chọn ý định.")]
    if target_level not in TargetLevel.values:
        errors["target_level"] = [_("Chọn nơi dự kiến đến.")]
    if domain and domain not in Domain.values:
        errors["domain"] = [_("Lĩnh vực không hợp lệ.")]
    if observed_on > timezone.localdate():
        errors["observed_on"] = [_("Ngày nắm tình hình không được sau hôm nay.")]
    if not unit.path.startswith(author_unit.path) and not author_unit.path.startswith(unit.path):
        errors["unit"] = [_("Chỉ báo tin cho đơn vị cấp trên hoặc cấp dưới của đơn vị mình.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    note = SituationNote.objects.create(
        unit=unit,
        author_unit=author_unit,
        author=actor,
        observed_on=observed_on,
        place=place,
        place_key=search_key(place),
        people=people,
        intent=intent,
        target_level=target_level,
        domain=domain,
        text=text,
    )
    limits = selectors.limits_for(unit)
    if (
        intent in RAISING_INTENTS
        or people >= limits.mass_group_people
        or target_level != TargetLevel.LOCAL
    ):
        critical = people > 10 or target_level in {TargetLevel.PROVINCE, TargetLevel.CENTRAL}
        note.alert = _create_alert(
            unit=unit,
            kind=AlertKind.PARTNER_NOTE,
            level=AlertLevel.CRITICAL if critical else AlertLevel.WARNING,
            summary=_("%(author)s báo: %(place)s, khoảng %(n)d người — %(intent)s (%(target)s)")
            % {
                "author": author_unit.name,
                "place": place,
                "n": people,
                "intent": NoteIntent(intent).label,
                "target": TargetLevel(target_level).label,
            },
            subjects=[{"note": note.pk, "people": people}],
            source=note,
            route_to=[*alert_partner_units(unit), author_unit],
            actor=actor,
        )
        note.save(update_fields=["alert", "updated_at"])
    audit_services.audit_record(
        action=constants.NOTE_RECORDED,
        target=note,
        actor=actor,
        unit=unit,
        data={"people": people, "intent": intent, "alert": note.alert_id},
    )
    return note


# -- the hotspot scan --------------------------------------------------------------------------


@dataclass
class Candidate:
    unit_id: int
    key: str
    kind: str
    title: str
    evidence: scoring.Evidence
    alert_kind: str
    always_alert: bool = False  # contract signals (mass group, escalation…) alert at any score
    domain: str = ""
    place: str = ""
    subjects: list = field(default_factory=list)
    route_unit_ids: list[int] = field(default_factory=list)
    last: date | None = None


@dataclass
class ScanResult:
    hotspots: int = 0
    alerts_raised: int = 0
    alerts_kept: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def _matter_title(info: dict) -> str:
    # Denunciations: the matter, never the person (Luật Tố cáo Art 47; architecture rule 4).
    domain = Domain(info["domain"]).label if info["domain"] in Domain.values else info["domain"]
    if info["kind"] == "denunciation":
        return _("Vụ việc tố cáo số %(id)d — %(domain)s") % {"id": info["pk"], "domain": domain}
    return _("Vụ việc số %(id)d: %(text)s") % {"id": info["pk"], "text": info["summary"][:150]}


def _collect(
    root: Unit, today: date, resolver: selectors.LimitsResolver, timings: dict
) -> list[Candidate]:
    window = max(limit.window_days for limit in resolver.all())
    repeat_window = max(limit.repeat_window_days for limit in resolver.all())
    first = today - timedelta(days=window - 1)
    trend_first = today - timedelta(days=13)
    first_all = min(first, trend_first)
    out: list[Candidate] = []

    def tick(name: str, started: float) -> None:
        timings[name] = round(_time.perf_counter() - started, 3)

    # Matters: many citizens on one matter; visits again and again (repeat_visits).
    t = _time.perf_counter()
    citizens = signals.matter_citizens(root, first, today, resolver.minimum("cluster_citizens"))
    repeats = signals.matter_repeats(
        root, today - timedelta(days=repeat_window - 1), today, resolver.minimum("repeat_visits")
    )
    tick("matters", t)
    t = _time.perf_counter()
    escalation_rows = signals.escalations(root, first, today)
    tick("escalations", t)
    escalated_cases: dict[int, int] = {}
    for row in escalation_rows:
        escalated_cases[row["case"]] = (
            escalated_cases.get(row["case"], 0) + row["visits"] + row["petitions"]
        )
    case_ids = set(citizens) | set(repeats)
    t = _time.perf_counter()
    activity = signals.matter_activity(root, first_all, today, case_ids)
    daily = signals.matter_daily(root, trend_first, today, case_ids)
    info = signals.cases_info(case_ids | {r["case"] for r in escalation_rows})
    tick("matter_details", t)
    for case_id in case_ids:
        if case_id not in info:
            continue
        i = info[case_id]
        a = activity.get(case_id, signals.Activity())
        ev = scoring.Evidence(
            citizens=citizens.get(case_id, 0),
            people=a.people,
            largest_group=a.largest,
            visits=a.visits,
            petitions=a.petitions,
            repeat_visits=repeats.get(case_id, 0),
            escalations=escalated_cases.get(case_id, 0),
            daily=daily.get(case_id, {}),
        )
        limits = resolver.for_unit(i["unit_id"])
        is_repeat = ev.repeat_visits >= limits.repeat_visits
        if ev.citizens < limits.cluster_citizens and not is_repeat:
            continue
        if ev.visits + ev.petitions <= 1 and not is_repeat:
            continue  # one group at one visit: the mass-group alert already covers it
        out.append(
            Candidate(
                unit_id=i["unit_id"],
                key=f"case:{case_id}",
                kind=HotspotKind.MATTER,
                title=_matter_title(i),
                evidence=ev,
                alert_kind=AlertKind.HOTSPOT
                if ev.citizens >= limits.cluster_citizens
                else AlertKind.REPEAT_VISITS,
                always_alert=is_repeat,
                domain=i["domain"],
                subjects=[{"case": case_id}],
                last=a.last,
            )
        )

    # Places: the same domain and subject raised by many citizens of one quarter.
    t = _time.perf_counter()
    places = signals.place_citizens(root, first, today, resolver.minimum("cluster_citizens"), today)
    place_keys = {k for k, p in places.items() if p["matters"] > 1}
    notes = signals.note_groups(root, first, today)
    tick("places", t)
    subject_names = _subject_names({k[2] for k in place_keys})
    unit_names = dict(
        Unit.objects.filter(
            pk__in={k[0] for k in place_keys} | {n["unit_id"] for n in notes}
        ).values_list("pk", "name")
    )
    place_candidates: dict[tuple, Candidate] = {}
    for key in place_keys:
        unit_id, domain, subject, quarter = key
        act = places[key]
        n = act["citizens"]
        if n < resolver.for_unit(unit_id).cluster_citizens:
            continue
        label = act["label"]
        where = f"{label}, {unit_names.get(unit_id, '')}" if label else unit_names.get(unit_id, "")
        what = subject_names.get(subject) or (
            Domain(domain).label if domain in Domain.values else domain
        )
        ev = scoring.Evidence(
            citizens=n,
            largest_group=act.get("largest", 0),
            visits=act.get("visits", 0),
            petitions=act.get("petitions", 0),
            daily=act.get("daily", {}),
        )
        c = Candidate(
            unit_id=unit_id,
            key=f"place:{unit_id}:{domain}:{subject or 0}:{quarter}",
            kind=HotspotKind.PLACE,
            title=_("%(what)s — %(where)s") % {"what": what, "where": where},
            evidence=ev,
            alert_kind=AlertKind.HOTSPOT,
            domain=domain,
            place=label,
            subjects=[{"unit": unit_id, "domain": domain, "subject": subject, "quarter": quarter}],
            last=act.get("last"),
        )
        place_candidates[key] = c
        out.append(c)
    for note in notes:
        quarter = signals.quarter_of(note["place_key"])
        match = next(
            (
                c
                for k, c in place_candidates.items()
                if k[0] == note["unit_id"] and quarter and k[3] == quarter
            ),
            None,
        )
        if match is not None:
            match.evidence.notes += note["n"]
            match.evidence.notes_higher += note["higher"]
            continue
        out.append(
            Candidate(
                unit_id=note["unit_id"],
                key=f"note:{note['unit_id']}:{note['place_key'][:150]}",
                kind=HotspotKind.PARTNER_NOTE,
                title=_("Tin phối hợp: %(place)s, %(unit)s")
                % {"place": note["place"], "unit": unit_names.get(note["unit_id"], "")},
                evidence=scoring.Evidence(
                    notes=note["n"], notes_higher=note["higher"], largest_group=note["people"] or 0
                ),
                alert_kind=AlertKind.PARTNER_NOTE,
                domain=note["domain"] or "",
                place=note["place"],
                last=note["last"],
            )
        )

    # Escalation: a matter of a lower unit raised at a higher one (vượt cấp).
    recv_names = dict(
        Unit.objects.filter(pk__in={r["unit"] for r in escalation_rows}).values_list("pk", "name")
    )
    for row in escalation_rows:
        i = info.get(row["case"])
        if i is None:
            continue
        ev = scoring.Evidence(
            escalations=row["visits"] + row["petitions"],
            largest_group=row["largest"],
            visits=row["visits"],
            petitions=row["petitions"],
        )
        out.append(
            Candidate(
                unit_id=i["unit_id"],
                key=f"escalation:{row['case']}:{row['unit']}",
                kind=HotspotKind.ESCALATION,
                title=_("Vượt cấp lên %(to)s: %(matter)s")
                % {"to": recv_names.get(row["unit"], ""), "matter": _matter_title(i)},
                evidence=ev,
                alert_kind=AlertKind.ESCALATION,
                always_alert=True,
                domain=i["domain"],
                subjects=[{"case": row["case"], "received_at_unit": row["unit"]}],
                route_unit_ids=[row["unit"]],
                last=row["last"],
            )
        )

    # One petition, many agencies; petitions of a group; overdue clocks.
    t = _time.perf_counter()
    multi = signals.multi_agency(root, first, today, resolver.minimum("agencies"))
    from tiepdan.petitions.models import Petition

    roots = {
        p["pk"]: p
        for p in Petition.objects.filter(pk__in=multi).values(
            "pk", "unit_id", "petition_type", "domain", "summary", "received_on"
        )
    }
    for root_id, units in multi.items():
        p = roots.get(root_id)
        if p is None or units < resolver.for_unit(p["unit_id"]).agencies:
            continue
        out.append(
            Candidate(
                unit_id=p["unit_id"],
                key=f"petition:{root_id}:agencies",
                kind=HotspotKind.MULTI_AGENCY,
                title=_("Đơn số hiệu %(id)d gửi %(n)d cơ quan") % {"id": root_id, "n": units},
                evidence=scoring.Evidence(agencies=units, petitions=units),
                alert_kind=AlertKind.MULTI_AGENCY,
                always_alert=True,
                domain=p["domain"],
                subjects=[{"petition": root_id, "agencies": units}],
                last=p["received_on"],
            )
        )
    for p in signals.mass_petitions(root, first, today, resolver.minimum("mass_group_people")):
        if p["signatory_count"] < resolver.for_unit(p["unit_id"]).mass_group_people:
            continue
        text = (
            _("Đơn tố cáo nhiều người đứng tên")
            if p["petition_type"] == "denunciation"
            else p["summary"][:150]
        )
        out.append(
            Candidate(
                unit_id=p["unit_id"],
                key=f"petition:{p['pk']}:mass",
                kind=HotspotKind.MASS_PETITION,
                title=_("Đơn %(n)d người đứng tên: %(text)s")
                % {"n": p["signatory_count"], "text": text},
                evidence=scoring.Evidence(
                    largest_group=p["signatory_count"], people=p["signatory_count"], petitions=1
                ),
                alert_kind=AlertKind.MASS_GROUP,
                always_alert=True,
                domain=p["domain"],
                subjects=[
                    {"petition": p["pk"], "people": p["signatory_count"], "case": p["case_id"]}
                ],
                last=p["received_on"],
            )
        )
    for v in signals.mass_visits_without_alert(root, first, today):
        text = _("Vụ việc tố cáo") if v["petition_type"] == "denunciation" else v["content"][:150]
        out.append(
            Candidate(
                unit_id=v["unit_id"],
                key=f"visit:{v['pk']}:mass",
                kind=HotspotKind.MATTER,
                title=_("Đoàn đông người (%(n)d người): %(text)s")
                % {"n": v["people_count"], "text": text},
                evidence=scoring.Evidence(
                    largest_group=v["people_count"], people=v["people_count"], visits=1
                ),
                alert_kind=AlertKind.MASS_GROUP,
                always_alert=True,
                domain=v["domain"],
                subjects=[{"visit": v["pk"], "case": v["case_id"], "people": v["people_count"]}],
                last=timezone.localtime(v["received_at"]).date(),
            )
        )
    catalogue = rule_catalogue()
    out.extend(
        Candidate(
            unit_id=c["unit_id"],
            key=f"clock:{c['pk']}",
            kind=HotspotKind.OVERDUE,
            title=_("Quá hạn: %(rule)s (hạn %(due)s) — %(what)s số %(id)d")
            % {
                "rule": _rule_name(catalogue, c["rule_code"], c["due"]),
                "due": c["due"].strftime("%d/%m/%Y"),
                "what": CLOCK_TARGETS.get(c["content_type__model"], c["content_type__model"]),
                "id": c["object_id"],
            },
            evidence=scoring.Evidence(overdue_clocks=1),
            alert_kind=AlertKind.OVERDUE,
            always_alert=True,
            subjects=[{"clock": c["pk"], c["content_type__model"]: c["object_id"]}],
            last=c["due"],
        )
        for c in signals.overdue_clocks(root, today, first)
    )
    tick("petitions_clocks", t)
    return out


def _subject_names(ids) -> dict:
    from tiepdan.cases.models import SubjectCategory

    ids = {i for i in ids if i}
    return dict(SubjectCategory.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def hotspot_scan(*, root: Unit, today: date | None = None, actor: User | None = None) -> ScanResult:
    """Run every signal over `root`'s subtree, score the candidates, keep them as hotspots and
    raise each alert once (idempotent: run it as often as you like)."""
    from tiepdan.workcalendar import selectors as calendar_selectors

    started = _time.perf_counter()
    today = today or timezone.localdate()
    result = ScanResult()
    resolver = selectors.LimitsResolver(root)
    candidates = _collect(root, today, resolver, result.timings)
    result.timings["signals"] = round(_time.perf_counter() - started, 3)

    cal = calendar_selectors.working_calendar()
    horizon = max(limit.sensitive_days for limit in resolver.all())
    sensitive = scoring.next_sensitive(
        today, cal.names, lambda d: not cal.is_working_day(d), horizon
    )
    now = timezone.now()
    scored: list[tuple[Candidate, scoring.Score]] = [
        (c, scoring.score(c.evidence, resolver.for_unit(c.unit_id), today, sensitive))
        for c in candidates
    ]

    t = _time.perf_counter()
    fields = [
        "kind",
        "title",
        "domain",
        "place",
        "score",
        "level",
        "people",
        "citizens",
        "explanation",
        "signals",
        "trend",
        "subjects",
        "last_activity_on",
        "scanned_at",
        "updated_at",
    ]
    rows = [
        Hotspot(
            unit_id=c.unit_id,
            key=c.key,
            kind=c.kind,
            title=c.title[:300],
            domain=c.domain,
            place=c.place[:120],
            score=s.score,
            level=s.level,
            people=max(c.evidence.people, c.evidence.largest_group),
            citizens=c.evidence.citizens,
            explanation=s.explanation,
            signals=_signals_of(c.evidence),
            trend=s.trend,
            subjects=c.subjects,
            last_activity_on=c.last,
            scanned_at=now,
            created_at=now,
            updated_at=now,
        )
        for c, s in scored
    ]
    ids = signals.subtree_ids(root)
    # Only what changed is written: read the current state in one query, compare.
    current = {
        (unit_id, key): state
        for unit_id, key, *state in Hotspot.objects.filter(
            unit_id__in=ids, score__gt=0
        ).values_list("unit_id", "key", "score", "level", "citizens", "explanation", "trend")
    }
    seen = {(h.unit_id, h.key) for h in rows}
    changed = [
        h
        for h in rows
        if current.get((h.unit_id, h.key)) != [h.score, h.level, h.citizens, h.explanation, h.trend]
    ]
    gone = [k for k in current if k not in seen]
    with transaction.atomic():
        # One upsert per batch on the (unit, key) constraint: concurrent scans cannot collide.
        Hotspot.objects.bulk_create(
            changed,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["unit", "key"],
            update_fields=fields,
        )
        # Candidates no longer found have calmed down: kept for the record, ranked last.
        calmed = 0
        for unit_id in {u for u, _ in gone}:
            calmed += Hotspot.objects.filter(
                unit_id=unit_id, key__in=[k for u, k in gone if u == unit_id]
            ).update(score=0, level=scoring.LEVEL_INFO, updated_at=now)
        audit_services.audit_record(
            action=constants.HOTSPOT_SCORED,
            target=root,
            actor=actor,
            unit=root,
            data={"candidates": len(scored), "calmed": calmed, "day": today.isoformat()},
        )
    result.hotspots = len(scored)
    result.timings["hotspots_saved"] = round(_time.perf_counter() - t, 3)

    t = _time.perf_counter()
    to_alert = [(c, s) for c, s in scored if c.always_alert or s.level != scoring.LEVEL_INFO]
    if to_alert:
        saved = {
            (h.unit_id, h.key): h
            for h in Hotspot.objects.filter(
                unit_id__in=signals.subtree_ids(root), key__in={c.key for c, _ in to_alert}
            ).only("pk", "unit_id", "key")
        }
        units = Unit.objects.in_bulk(
            {c.unit_id for c, _ in to_alert} | {u for c, _ in to_alert for u in c.route_unit_ids}
        )
        keys = {c.key for c, _ in to_alert}
        # What is already claimed, read in two queries: the steady state writes nothing.
        active = {
            (a["unit_id"], a["dedupe_key"]): a
            for a in Alert.objects.filter(
                unit_id__in=signals.subtree_ids(root),
                dedupe_key__in=keys,
                status__in=AlertStatus.active(),
            ).values("pk", "unit_id", "dedupe_key", "level", "score")
        }
        closed: dict[tuple[int, str], date] = {}
        for a in Alert.objects.filter(
            unit_id__in=signals.subtree_ids(root), dedupe_key__in=keys, status=AlertStatus.CLOSED
        ).values("unit_id", "dedupe_key", "closed_at"):
            day = timezone.localtime(a["closed_at"]).date()
            k = (a["unit_id"], a["dedupe_key"])
            closed[k] = max(closed.get(k, day), day)
        rescored: list[Alert] = []
        fresh: list[_NewAlert] = []
        partners: dict[int, list[Unit]] = {}
        leaders: dict[int, list[User]] = {}
        for c, s in to_alert:
            level = s.level
            if c.always_alert and level == scoring.LEVEL_INFO:
                level = AlertLevel.CRITICAL if c.evidence.largest_group > 10 else AlertLevel.WARNING
            current = active.get((c.unit_id, c.key))
            if current is not None and LEVEL_RANK[level] <= LEVEL_RANK[current["level"]]:
                if current["score"] != s.score:
                    rescored.append(Alert(pk=current["pk"], score=s.score))
                result.alerts_kept += 1
                continue
            was_closed = closed.get((c.unit_id, c.key))
            if current is None and was_closed and (c.last is None or c.last <= was_closed):
                continue  # closed by a person, nothing new since: not raised again
            unit = units[c.unit_id]
            if unit.pk not in partners:
                partners[unit.pk] = alert_partner_units(unit)
                leaders[unit.pk] = selectors.leaders_on_duty(unit, today)
            summary = f"{c.title} — {s.score}/100"
            if s.explanation:
                summary += f": {s.explanation[0]}"
            if current is None:
                # New: raised with the others in bulk below (the first scan raises thousands).
                fresh.append(
                    _NewAlert(
                        unit=unit,
                        key=c.key,
                        kind=c.alert_kind,
                        level=level,
                        summary=summary,
                        subjects=c.subjects,
                        route_to=[*partners[unit.pk], *(units[u] for u in c.route_unit_ids)],
                        hotspot=saved.get((c.unit_id, c.key)),
                        score=s.score,
                        activity_on=c.last,
                        notify=leaders[unit.pk],
                    )
                )
                continue
            alert, created = alert_claim(
                unit=unit,
                key=c.key,
                kind=c.alert_kind,
                level=level,
                summary=summary,
                subjects=c.subjects,
                route_to=[*partners[unit.pk], *(units[u] for u in c.route_unit_ids)],
                hotspot=saved.get((c.unit_id, c.key)),
                score=s.score,
                activity_on=c.last,
                notify=leaders[unit.pk],
            )
            if created:
                result.alerts_raised += 1
            elif alert is not None:
                result.alerts_kept += 1
        raised, kept = _alerts_raise_many(fresh)
        result.alerts_raised += raised
        result.alerts_kept += kept
        Alert.objects.bulk_update(rescored, ["score"], batch_size=1000)
    result.timings["alerts"] = round(_time.perf_counter() - t, 3)
    result.timings["total"] = round(_time.perf_counter() - started, 3)
    return result


def _signals_of(e: scoring.Evidence) -> dict:
    return {
        k: v
        for k, v in {
            "citizens": e.citizens,
            "people": e.people,
            "largest_group": e.largest_group,
            "visits": e.visits,
            "petitions": e.petitions,
            "repeat_visits": e.repeat_visits,
            "escalations": e.escalations,
            "agencies": e.agencies,
            "notes": e.notes,
            "notes_higher": e.notes_higher,
            "overdue_clocks": e.overdue_clocks,
        }.items()
        if v
    }


# -- the daily bulletin ------------------------------------------------------------------------


def bulletin_context(unit: Unit, content: dict) -> dict:
    """The context of the administrative DOCX (documents.administrative_docx) from the figures."""
    from tiepdan.documents.agency import agency_context

    f = content["figures"]
    day = date.fromisoformat(content["day"])
    yesterday = date.fromisoformat(content["yesterday"])
    leaders = content.get("leaders") or []
    sections = [
        {
            "heading": _("1. Tình hình tiếp công dân ngày %(d)s")
            % {"d": yesterday.strftime("%d/%m/%Y")},
            "paragraphs": [
                _(
                    "Tiếp %(v)d lượt, %(p)d người; %(g)d đoàn đông người; %(r)d lượt tiếp nhiều "
                    "lần; nhận %(pe)d đơn."
                )
                % {
                    "v": f["visits"],
                    "p": f["people"],
                    "g": f["groups"],
                    "r": f["repeat"],
                    "pe": f["petitions"],
                }
            ],
            "items": [],
        },
        {
            "heading": _("2. Cảnh báo mới"),
            "paragraphs": [] if content["new_alerts"] else [_("Không phát sinh cảnh báo mới.")],
            "items": [
                f"[{a['level']}] {a['kind']} — {a['unit']}: {a['summary']}"
                for a in content["new_alerts"]
            ],
        },
        {
            "heading": _("3. Điểm nóng tiềm ẩn cần theo dõi"),
            "paragraphs": [] if content["hotspots"] else [_("Chưa phát hiện điểm nóng tiềm ẩn.")],
            "items": [
                f"{h['title']} ({h['unit']}), điểm rủi ro {h['score']}/100"
                for h in content["hotspots"]
            ],
        },
        {
            "heading": _("4. Việc đến hạn"),
            "paragraphs": [
                _(
                    "%(d)d thời hạn đến hạn trong 3 ngày tới; %(o)d thời hạn đã quá hạn; %(a)d "
                    "cảnh báo đang xử lý."
                )
                % {"d": content["due"], "o": content["overdue"], "a": content["active_alerts"]}
            ],
            "items": [],
        },
    ]
    return {
        "agency": agency_context(unit),
        "number": "",
        "issued_on": day,
        "signer": {"title": _("NGƯỜI TỔNG HỢP"), "name": ""},
        "recipients": [*(f"{name};" for name in leaders), _("Lưu: VT.")],
        "title": _("BẢN TIN TÌNH HÌNH TIẾP CÔNG DÂN"),
        "subtitle": _("Ngày %(d)s") % {"d": day.strftime("%d/%m/%Y")},
        "preamble": _(
            "Phục vụ lãnh đạo nắm tình hình, chủ động xử lý, không để phát sinh điểm nóng "
            "(Kế hoạch tiếp công dân dịp Tết, mục III.1)."
        ),
        "sections": sections,
    }


def bulletin_render(bulletin: Bulletin):
    from tiepdan.documents import services as document_services

    return document_services.administrative_docx(
        on=bulletin.day,
        context=bulletin_context(bulletin.unit, bulletin.content),
        unit=bulletin.unit,
    )


def _jsonable(figures: dict) -> dict:
    out = dict(figures)
    out["day"] = figures["day"].isoformat()
    out["yesterday"] = figures["yesterday"].isoformat()
    return out


def bulletin_issue(*, unit: Unit, day: date, actor: User | None = None) -> tuple[Bulletin, bool]:
    """The bulletin of `unit` for `day`, made once (idempotent per unit and day) and given to
    the leaders on duty: (bulletin, created)."""
    existing = Bulletin.objects.filter(unit=unit, day=day).first()
    if existing is not None:
        return existing, False
    leaders = selectors.leaders_on_duty(unit, day)
    content = _jsonable(selectors.bulletin_figures(unit, day))
    content["leaders"] = [u.display_name for u in leaders]
    try:
        with transaction.atomic():
            bulletin = Bulletin.objects.create(unit=unit, day=day, content=content)
            if leaders:
                bulletin.sent_to.add(*leaders)
            audit_services.audit_record(
                action=constants.BULLETIN_ISSUED,
                target=bulletin,
                actor=actor,
                unit=unit,
                data={"day": day.isoformat(), "sent_to": [u.username for u in leaders]},
            )
    except IntegrityError:  # made meanwhile by another run
        return Bulletin.objects.get(unit=unit, day=day), False
    return bulletin, True
