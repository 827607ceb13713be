"""Raising and handling alerts."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.monitoring import constants
from tiepdan.monitoring.models import Alert, AlertStatus
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit, User


def alert_partner_units(unit: Unit) -> list[Unit]:
    """Police units directly under `unit`: the liaison told at once of a mass group (S5, S13)."""
    return list(unit.children.filter(kind=UnitKind.POLICE))


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
    """Raise an alert in `unit`, routed to extra units (e.g. the police liaison)."""
    alert = Alert.objects.create(
        unit=unit,
        kind=kind,
        level=level,
        summary=summary[:500],
        subjects=subjects or [],
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
    )
    routes = list(route_to)
    if routes:
        alert.routed_to.add(*routes)
    audit_services.audit_record(
        action=constants.ALERT_RAISED,
        target=alert,
        actor=actor,
        unit=unit,
        data={"kind": kind, "level": level, "routed_to": [u.code for u in routes]},
    )
    return alert


@transaction.atomic
def alert_acknowledge(*, alert: Alert, actor: User) -> Alert:
    if alert.status == AlertStatus.OPEN:
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.acknowledged_by = actor
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "updated_at"])
        audit_services.audit_record(
            action=constants.ALERT_ACKNOWLEDGED, target=alert, actor=actor, unit=alert.unit
        )
    return alert
