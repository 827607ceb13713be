"""What the petition services share: the intake clocks, the audit row, the clocks of a petition."""

import datetime as dt
from typing import Any

from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.core.classification import PetitionType
from tiepdan.organizations.models import User
from tiepdan.petitions.models import Petition
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar import services as clock_services
from tiepdan.workcalendar.models import Clock

# Clocks started at intake: the citizen must be told how the petition is handled within
# 10 working days (Luật TCD Art 28.1); a denunciation must be registered, checked and decided
# on within 7 working days (Luật TC Art 24.1); from 1 July 2026 a petition left unprocessed
# 45 days is a disciplinary matter (NĐ 154/2026 Art 41.3.b) — that rule starts only where in force.
INTAKE_RULES: dict[str, list[str]] = {
    PetitionType.COMPLAINT: ["petition.notify"],
    PetitionType.PROPOSAL: ["petition.notify"],
    PetitionType.MIXED: ["petition.notify"],
    PetitionType.DENUNCIATION: ["petition.notify", "denunciation.intake"],
}
ALARM_RULE = "petition.unprocessed_alarm"
ALARM_FROM = dt.date(2026, 7, 1)


def today() -> dt.date:
    return timezone.localdate()


def audit(action: str, petition: Petition, actor: User | None, **data: Any) -> None:
    audit_services.audit_record(
        action=action, target=petition, actor=actor, unit=petition.unit, data=data
    )


def open_clocks(petition: Petition, rules: list[str], start: dt.date, actor: User | None) -> None:
    for rule in rules:
        clock_services.clock_start(
            target=petition, unit=petition.unit, rule_code=rule, start=start, actor=actor
        )


def stop_clocks(target: Any, rules: list[str], on: dt.date, actor: User | None) -> None:
    """Stop the target's open clocks of these rules: met or missed against their due date."""
    for clock in calendar_selectors.clock_list_for_target(target).filter(
        rule_code__in=rules, status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED]
    ):
        clock_services.clock_stop(clock=clock, met_on=max(on, clock.start), actor=actor)
