"""Reads of the personal-data rules: the retention rules in force, what has passed its period,
and what the registry holds about one person (a subject-access answer)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tiepdan.cases.models import Case, CaseDocument, CaseKind
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import PetitionType
from tiepdan.matters.models import CaseStatus, Matter
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import User
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.privacy import constants, retention
from tiepdan.privacy.erasure import issued_titles
from tiepdan.privacy.models import Anonymisation, RecordKind, RetentionRule
from tiepdan.reception.models import ReceptionVisit, VisitCitizen


def rules_in_force(day: dt.date) -> list[RetentionRule]:
    """One rule per kind, the one in force on `day`."""
    rules = list(RetentionRule.objects.all())
    found = [retention.rule_for(rules, kind, day) for kind in RecordKind.values]
    return [r for r in found if isinstance(r, RetentionRule)]


def _not_done(kind: str) -> Q:
    return ~Q(Exists(Anonymisation.objects.filter(kind=kind, object_id=OuterRef("pk"))))


def expired_citizens(cutoff: dt.date) -> QuerySet[Citizen]:
    """Persons with no contact (visit, petition, registration) since `cutoff`, not yet done."""
    recent_visit = VisitCitizen.objects.filter(
        citizen_id=OuterRef("pk"), visit__received_at__date__gte=cutoff
    )
    recent_petition = Petition.senders.through.objects.filter(
        citizen_id=OuterRef("pk"), petition__received_on__gte=cutoff
    )
    open_case = Case.citizens.through.objects.filter(citizen_id=OuterRef("pk")).exclude(
        matter__status="closed"
    )
    return (
        Citizen.objects.filter(created_at__date__lt=cutoff)
        .exclude(Exists(recent_visit))
        .exclude(Exists(recent_petition))
        .exclude(Exists(open_case))
        .filter(_not_done(RecordKind.CITIZEN))
    )


def expired_visits(cutoff: dt.date) -> QuerySet[ReceptionVisit]:
    return (
        ReceptionVisit.objects.annotate(day=TruncDate("received_at"))
        .filter(day__lt=cutoff)
        .exclude(content="")
        .filter(_not_done(RecordKind.VISIT))
    )


def expired_petitions(cutoff: dt.date) -> QuerySet[Petition]:
    """Petitions received before `cutoff` whose matter, if any, is closed."""
    return (
        Petition.objects.filter(received_on__lt=cutoff)
        .filter(Q(case__isnull=True) | Q(case__status="closed"))
        .filter(_not_done(RecordKind.PETITION))
    )


def expired_matters(cutoff: dt.date) -> QuerySet[Matter]:
    """Closed matters that ended (executed, else decided, else opened) before `cutoff`."""
    return (
        Matter.objects.filter(status=CaseStatus.CLOSED)
        .annotate(ended=Coalesce("executed_on", "decided_on", "opened_on"))
        .filter(ended__lt=cutoff)
        .filter(_not_done(RecordKind.MATTER))
    )


def expired_case_documents(cutoff: dt.date) -> QuerySet[CaseDocument]:
    """A closed matter's documents issued before `cutoff`, not yet removed."""
    return CaseDocument.objects.filter(
        issued_on__lt=cutoff, case__status=CaseStatus.CLOSED
    ).exclude(title=constants.REMOVED_DOCUMENT_TITLE)


def expired_petition_documents(cutoff: dt.date) -> QuerySet[PetitionAttachment]:
    """The outcome notices of petitions decided before `cutoff` whose matter, if any, is
    closed, not yet removed."""
    return PetitionAttachment.objects.filter(
        title__in=issued_titles(), petition__decided_on__lt=cutoff
    ).filter(Q(petition__case__isnull=True) | Q(petition__case__status=CaseStatus.CLOSED))


@dataclass
class SubjectAccess:
    """What the registry holds about one person, for an officer answering their request."""

    citizen: Citizen
    visits: list[ReceptionVisit] = field(default_factory=list)
    petitions: list[Petition] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    last_contact: dt.date | None = None
    rules: list[RetentionRule] = field(default_factory=list)


def subject_access(user: User, citizen: Citizen, *, today: dt.date) -> SubjectAccess:
    """The person's visits, petitions and matters in the user's scope. Sealed items are left
    out: denunciations (their sender is sealed, Luật TC Art 47) and denunciation matters are
    never listed here, whoever asks."""
    visits = list(
        org_selectors.scope_filter(user, ReceptionVisit.objects.all())
        .filter(attendees__citizen=citizen)
        .exclude(petition_type=PetitionType.DENUNCIATION)
        .select_related("unit")
        .distinct()
        .order_by("-received_at")
    )
    petitions = list(
        org_selectors.scope_filter(user, Petition.objects.all())
        .filter(senders=citizen)
        .exclude(petition_type=PetitionType.DENUNCIATION)
        .select_related("unit")
        .distinct()
        .order_by("-received_on", "-pk")
    )
    cases = list(
        org_selectors.scope_filter(user, Case.objects.all())
        .filter(citizens=citizen)
        .exclude(kind=CaseKind.DENUNCIATION)
        .select_related("unit")
        .distinct()
        .order_by("-opened_on", "-pk")
    )
    days = [v.received_at.date() for v in visits] + [p.received_on for p in petitions]
    return SubjectAccess(
        citizen=citizen,
        visits=visits,
        petitions=petitions,
        cases=cases,
        last_contact=max(days, default=None),
        rules=rules_in_force(today),
    )


def subject_access_payload(access: SubjectAccess) -> dict[str, Any]:
    """The answer as plain data (the downloadable export)."""
    c = access.citizen
    return {
        "legal_basis": [str(constants.SUBJECT_ACCESS_BASIS), str(constants.PROCESSING_BASIS)],
        "person": {
            "full_name": c.full_name,
            "id_number": c.id_number,
            "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
            "gender": c.gender,
            "address": c.address,
            "phone": c.phone,
            "unit": c.unit.name,
            "registered_on": timezone.localdate(c.created_at).isoformat(),
        },
        "visits": [
            {
                "unit": v.unit.name,
                "received_at": v.received_at.isoformat(),
                "petition_type": v.petition_type,
                "content": v.content,
            }
            for v in access.visits
        ],
        "petitions": [
            {
                "unit": p.unit.name,
                "number": f"{p.number}/{p.year}",
                "received_on": p.received_on.isoformat(),
                "petition_type": p.petition_type,
                "summary": p.summary,
            }
            for p in access.petitions
        ],
        "cases": [
            {
                "unit": k.unit.name,
                "kind": k.kind,
                "status": k.status,
                "opened_on": k.opened_on.isoformat(),
                "summary": k.summary,
            }
            for k in access.cases
        ],
        "retention": [
            {
                "kind": r.kind,
                "years": r.years,
                "legal_basis": r.legal_basis,
                "valid_from": r.valid_from.isoformat(),
            }
            for r in access.rules
        ],
    }
