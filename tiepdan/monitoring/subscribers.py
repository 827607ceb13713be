"""What monitoring does when the apps below it publish an event (tiepdan/core/events.py):
raise the alert, routed and told to the leader on duty as `alert_raise` does."""

from typing import Any

from django.utils.translation import gettext as _

from tiepdan.cases.models import CaseKind
from tiepdan.core import events
from tiepdan.monitoring import services
from tiepdan.monitoring.models import AlertKind, AlertLevel


def on_mass_group_arrived(
    sender: Any, *, unit, visit, case, people_count: int, content: str, actor, **kwargs: Any
) -> int:
    """A group at the desk: critical above ten people, the police liaison told at once
    (S5, S13)."""
    # A denunciation's text may name its senders: the matter only, as the scan writes it.
    if case.kind == CaseKind.DENUNCIATION:
        content = _("Vụ việc tố cáo")
    alert = services.alert_raise(
        unit=unit,
        kind=AlertKind.MASS_GROUP,
        level=AlertLevel.CRITICAL if people_count > 10 else AlertLevel.WARNING,
        summary=_("Đoàn đông người (%(n)d người) tại %(unit)s: %(content)s")
        % {"n": people_count, "unit": unit.name, "content": content[:200]},
        subjects=[{"visit": visit.pk, "case": case.pk, "people": people_count}],
        source=visit,
        route_to=services.alert_partner_units(unit),
        actor=actor,
    )
    return alert.pk


def on_clock_missed(sender: Any, *, clock, description: str, **kwargs: Any) -> None:
    services.alert_raise(
        unit=clock.unit,
        kind=AlertKind.OVERDUE,
        level=AlertLevel.WARNING,
        summary=_("Quá hạn: %(d)s") % {"d": description},
        subjects=[{"clock": clock.pk, "rule": clock.rule_code}],
        source=clock,
    )


def on_directive_overdue(sender: Any, *, directive, unit, description: str, **kwargs: Any) -> None:
    services.alert_raise(
        unit=unit,
        kind=AlertKind.OVERDUE,
        level=AlertLevel.WARNING,
        summary=_("Quá hạn thực hiện chỉ đạo: %s") % description,
        subjects=[{"directive": directive.pk, "case": directive.case_id}],
        source=directive,
    )


def connect() -> None:
    events.mass_group_arrived.connect(on_mass_group_arrived, dispatch_uid="monitoring_mass_group")
    events.clock_missed.connect(on_clock_missed, dispatch_uid="monitoring_clock_missed")
    events.directive_overdue.connect(
        on_directive_overdue, dispatch_uid="monitoring_directive_overdue"
    )
