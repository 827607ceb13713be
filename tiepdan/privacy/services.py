"""Writes of the personal-data rules: anonymising what has passed its retention period, and
the audit of a subject-access answer given out."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.organizations.models import User
from tiepdan.petitions.models import Petition
from tiepdan.privacy import constants, erasure, retention, selectors
from tiepdan.privacy.models import Anonymisation, RecordKind, RetentionRule
from tiepdan.reception.models import ReceptionVisit


@dataclass(frozen=True)
class AnonymiseResult:
    citizens: int = 0
    visits: int = 0
    petitions: int = 0


def _log(kind: str, ids: list[int], rule: RetentionRule, day: dt.date) -> None:
    Anonymisation.objects.bulk_create(
        [Anonymisation(kind=kind, object_id=pk, rule=rule, done_on=day) for pk in ids]
    )


def anonymise_expired(
    *, day: dt.date | None = None, dry_run: bool = False, batch: int = 500
) -> AnonymiseResult:
    """Remove the personal data of every record that has passed its retention period on `day`
    (the rules in force that day), keeping the records themselves: every count, date, type,
    unit, outcome and link the reports read stays as it was, only names, numbers, addresses
    and free text go, with the vault's copies of them and the public channel's
    (`privacy.erasure`). Idempotent (each record once, logged); one audit event per kind, with
    the count and the cutoff (never the ids or values)."""
    day = day or timezone.localdate()
    counts = {RecordKind.CITIZEN: 0, RecordKind.VISIT: 0, RecordKind.PETITION: 0}
    for rule in selectors.rules_in_force(day):
        cutoff = retention.cutoff(rule, day)
        qs: QuerySet[Any]
        if rule.kind == RecordKind.CITIZEN:
            qs = selectors.expired_citizens(cutoff)
        elif rule.kind == RecordKind.VISIT:
            qs = selectors.expired_visits(cutoff)
        else:
            qs = selectors.expired_petitions(cutoff)
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
        counts[RecordKind(rule.kind)] = len(ids)
        if dry_run or not ids:
            continue
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            with transaction.atomic():
                _anonymise(rule.kind, chunk)
                erasure.erase(rule.kind, chunk)
                _log(rule.kind, chunk, rule, day)
        audit_services.audit_record(
            action=constants.ANONYMISED,
            target=rule,
            actor=None,
            data={"kind": rule.kind, "count": len(ids), "cutoff": cutoff.isoformat()},
        )
    return AnonymiseResult(
        citizens=counts[RecordKind.CITIZEN],
        visits=counts[RecordKind.VISIT],
        petitions=counts[RecordKind.PETITION],
    )


def _anonymise(kind: str, ids: list[int]) -> None:
    now = timezone.now()
    if kind == RecordKind.CITIZEN:
        # A unique ID number is dropped; the row stays, so links and counts stay.
        Citizen.objects.filter(pk__in=ids).update(
            full_name=constants.ANONYMISED_NAME,
            name_key=search_key(constants.ANONYMISED_NAME),
            id_number="",
            date_of_birth=None,
            address="",
            address_key="",
            phone="",
            updated_at=now,
        )
    elif kind == RecordKind.VISIT:
        ReceptionVisit.objects.filter(pk__in=ids).update(content=constants.ANONYMISED_TEXT)
    else:
        Petition.objects.filter(pk__in=ids).update(
            summary=constants.ANONYMISED_TEXT,
            summary_key=search_key(constants.ANONYMISED_TEXT),
            updated_at=now,
        )


def subject_access_given(*, citizen: Citizen, actor: User, exported: bool) -> None:
    """Audit that an officer read (or downloaded) what the registry holds about a person."""
    audit_services.audit_record(
        action=constants.SUBJECT_ACCESS_EXPORTED if exported else constants.SUBJECT_ACCESS_VIEWED,
        target=citizen,
        actor=actor,
        unit=citizen.unit,
        data={"citizen": citizen.pk},
    )

