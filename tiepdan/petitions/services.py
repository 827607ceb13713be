"""Petition intake (desk and other sources) with its legal clocks."""

import datetime as dt

from django.db import transaction

from tiepdan.audit import services as audit_services
from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import PetitionType
from tiepdan.core.sequences import next_number
from tiepdan.core.text import search_key
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import constants
from tiepdan.petitions.models import Petition
from tiepdan.workcalendar import services as clock_services

# Clocks started at intake: the citizen must be told how the petition is handled within
# 10 working days (Luật TCD Art 28.1); a denunciation must be registered, checked and decided
# on within 7 working days (Luật TC Art 24.1).
INTAKE_RULES = {
    PetitionType.COMPLAINT: ["petition.notify"],
    PetitionType.PROPOSAL: ["petition.notify"],
    PetitionType.MIXED: ["petition.notify"],
    PetitionType.DENUNCIATION: ["petition.notify", "denunciation.intake"],
}


@transaction.atomic
def petition_receive(
    *,
    unit: Unit,
    received_on: dt.date,
    source: str,
    petition_type: str,
    domain: str,
    summary: str,
    senders: list[Citizen],
    signatory_count: int = 1,
    anonymous: bool = False,
    case: Case | None = None,
    visit=None,
    actor: User | None = None,
) -> Petition:
    """Register a petition with the next number of the unit's year and start its clocks."""
    petition = Petition.objects.create(
        unit=unit,
        year=received_on.year,
        number=next_number(
            sequence=constants.NUMBER_SEQUENCE, unit_id=unit.pk, year=received_on.year
        ),
        received_on=received_on,
        source=source,
        petition_type=petition_type,
        domain=domain,
        summary=summary,
        summary_key=search_key(summary),
        signatory_count=max(signatory_count, len(senders), 1),
        anonymous=anonymous,
        case=case,
        visit=visit,
        created_by=actor,
    )
    if senders:
        petition.senders.add(*senders)
    for rule in INTAKE_RULES[petition_type]:
        clock_services.clock_start(
            target=petition, unit=unit, rule_code=rule, start=received_on, actor=actor
        )
    audit_services.audit_record(
        action=constants.PETITION_RECEIVED,
        target=petition,
        actor=actor,
        unit=unit,
        data={"number": petition.number, "source": source, "type": petition_type},
    )
    return petition
