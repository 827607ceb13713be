"""Writes of the personal-data rules: anonymising what has passed its retention period, and
the audit of a subject-access answer given out."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.matters.models import Matter
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
    matters: int = 0
    documents: int = 0


# What passes its period, per kind of record anonymised row by row.
_EXPIRED: dict[str, Callable[[dt.date], QuerySet[Any]]] = {
    RecordKind.CITIZEN: selectors.expired_citizens,
    RecordKind.VISIT: selectors.expired_visits,
    RecordKind.PETITION: selectors.expired_petitions,
    RecordKind.MATTER: selectors.expired_matters,
}


def _log(kind: str, ids: list[int], rule: RetentionRule, day: dt.date) -> None:
    Anonymisation.objects.bulk_create(
        [Anonymisation(kind=kind, object_id=pk, rule=rule, done_on=day) for pk in ids]
    )


def _audit(rule: RetentionRule, count: int, cutoff: dt.date) -> None:
    audit_services.audit_record(
        action=constants.ANONYMISED,
        target=rule,
        actor=None,
        data={"kind": rule.kind, "count": count, "cutoff": cutoff.isoformat()},
    )


def _records(rule: RetentionRule, cutoff: dt.date, day: dt.date, dry_run: bool, batch: int) -> int:
    ids = list(_EXPIRED[rule.kind](cutoff).order_by("pk").values_list("pk", flat=True))
    if dry_run or not ids:
        return len(ids)
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            _anonymise(rule.kind, chunk)
            erasure.erase(rule.kind, chunk)
            _log(rule.kind, chunk, rule, day)
    _audit(rule, len(ids), cutoff)
    return len(ids)


def _documents(rule: RetentionRule, cutoff: dt.date, dry_run: bool) -> int:
    """Issued documents past their own period (`erasure`): done once, their title says so."""
    cases = list(selectors.expired_case_documents(cutoff).values_list("pk", flat=True))
    petitions = list(selectors.expired_petition_documents(cutoff).values_list("pk", flat=True))
    count = len(cases) + len(petitions)
    if dry_run or not count:
        return count
    with transaction.atomic():
        erasure.erase_documents(cases, petitions)
    _audit(rule, count, cutoff)
    return count


def anonymise_expired(
    *, day: dt.date | None = None, dry_run: bool = False, batch: int = 500
) -> AnonymiseResult:
    """Remove the personal data of every record that has passed its retention period on `day`
    (the rules in force that day), keeping the records themselves: every count, date, type,
    unit, outcome and link the reports read stays as it was, only names, numbers, addresses
    and free text go, with the vault's copies of them, the files in storage, the public
    channel's and the national link's (`privacy.erasure`); issued documents go at the end of
    their own period. Idempotent (each record once, logged); one audit event per kind, with
    the count and the cutoff (never the ids or values)."""
    day = day or timezone.localdate()
    counts = dict.fromkeys(RecordKind.values, 0)
    for rule in selectors.rules_in_force(day):
        cutoff = retention.cutoff(rule, day)
        if rule.kind == RecordKind.DOCUMENT:
            counts[rule.kind] = _documents(rule, cutoff, dry_run)
        else:
            counts[rule.kind] = _records(rule, cutoff, day, dry_run, batch)
    return AnonymiseResult(
        citizens=counts[RecordKind.CITIZEN],
        visits=counts[RecordKind.VISIT],
        petitions=counts[RecordKind.PETITION],
        matters=counts[RecordKind.MATTER],
        documents=counts[RecordKind.DOCUMENT],
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
    elif kind == RecordKind.PETITION:
        Petition.objects.filter(pk__in=ids).update(
            summary=constants.ANONYMISED_TEXT,
            summary_key=search_key(constants.ANONYMISED_TEXT),
            updated_at=now,
        )
    elif kind == RecordKind.MATTER:
        Matter.objects.filter(pk__in=ids).update(
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
