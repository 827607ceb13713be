"""Reads of the public channel: finding a submission by its code and the citizen's proof, the
status shown to them (derived from the petition's real state), unit search, unit scores.

What the citizen sees names no officer, no internal note and no other person: only dates,
fixed labels, and the names of the agencies the petition went to.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.cases.models import Case, CaseStatus
from tiepdan.citizens.validation import normalise_phone, parse_id_number
from tiepdan.core.errors import DomainError
from tiepdan.core.text import search_key
from tiepdan.organizations.models import Unit
from tiepdan.petitions.constants import Outcome, PetitionStatus
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.portal import constants
from tiepdan.portal.models import PublicSubmission, Rating
from tiepdan.portal.services import digest, normalise_code
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.models import Clock

# Internal clocks (a disciplinary alarm) are not the citizen's next legal time limit.
_INTERNAL_RULES = frozenset({"petition.unprocessed_alarm"})


def submission_find(code: str, *, id_number: str = "", phone: str = "") -> PublicSubmission | None:
    """The submission the code names, if the proof matches; None for every kind of mismatch.

    An anonymous petition is found by its code alone; any other needs the CCCD or the phone
    given with it."""
    code = normalise_code(code)
    if len(code) != constants.CODE_LENGTH:
        return None
    submission = (
        PublicSubmission.objects.select_related("petition", "petition__unit")
        .filter(tracking_code=code)
        .first()
    )
    if submission is None:
        return None
    if submission.petition.anonymous:
        return submission
    proofs = []
    try:
        ident = parse_id_number(id_number)
        if ident:
            proofs.append(submission.id_digest == digest(ident.number))
    except DomainError:
        pass  # a malformed proof proves nothing: the answer stays the same 404
    try:
        number = normalise_phone(phone)
        if number:
            proofs.append(submission.phone_digest == digest(number))
    except DomainError:
        pass  # a malformed proof proves nothing: the answer stays the same 404
    # Only non-empty digests can match: a submission without a phone is not found by "no phone".
    if proofs and any(proofs) and (submission.id_digest or submission.phone_digest):
        return submission
    return None


def _latest(petition: Petition) -> tuple[Petition, list[tuple[dt.date, str]]]:
    """Follow the petition along transfers acknowledged inside the system: the citizen follows
    one petition, wherever it went. Events of each step, in order."""
    events: list[tuple[dt.date, str]] = []
    current = petition
    for _step in range(10):
        transfer = (
            Transfer.objects.filter(petition=current)
            .select_related("to_unit", "received_copy", "received_copy__case")
            .order_by("-sent_on", "-pk")
            .first()
        )
        if current.decided_on:
            events.append((current.decided_on, _outcome_label(current, transfer)))
        if transfer is None or transfer.received_copy is None:
            break
        events.append(
            (
                transfer.acknowledged_on or transfer.sent_on,
                _("%(u)s đã tiếp nhận đơn chuyển đến")
                % {"u": transfer.to_unit.name if transfer.to_unit else transfer.to_body},
            )
        )
        current = transfer.received_copy
    return current, events


def _outcome_label(petition: Petition, transfer: Transfer | None) -> str:
    if petition.outcome == Outcome.TRANSFER and transfer is not None:
        where = transfer.to_unit.name if transfer.to_unit else transfer.to_body
        return _("Đã chuyển đơn đến %(w)s") % {"w": where}
    if petition.outcome == Outcome.ACCEPT:
        return _("Đã thụ lý giải quyết")
    labels: dict[str, str] = {
        Outcome.GUIDE: _("Đã hướng dẫn người gửi đơn đến cơ quan có thẩm quyền"),
        Outcome.RETURN: _("Đã trả lại đơn"),
        Outcome.FILE: _("Đã lưu đơn"),
        Outcome.URGE: _("Đã đôn đốc cơ quan có thẩm quyền giải quyết"),
        Outcome.REJECT: _("Không thụ lý giải quyết"),
    }
    return labels.get(petition.outcome, _("Đã xử lý đơn"))


def _status(petition: Petition) -> str:
    if petition.status in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        return "received" if petition.eligibility == "pending" else "processing"
    if petition.status == PetitionStatus.TRANSFERRED:
        return "transferred"
    outcome = petition.outcome
    if outcome == Outcome.ACCEPT:
        case = petition.case
        if case is not None and case.status in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
            return "resolved"
        return "accepted"
    if outcome in (Outcome.TRANSFER, Outcome.URGE):
        return "resolved" if petition.status == PetitionStatus.CLOSED else "transferred"
    statuses: dict[str, str] = {
        Outcome.GUIDE: "guided",
        Outcome.RETURN: "returned",
        Outcome.FILE: "filed",
        Outcome.REJECT: "rejected",
    }
    return statuses.get(
        outcome, "resolved" if petition.status == PetitionStatus.CLOSED else "processing"
    )


def _next_due(targets: list[Any]) -> dt.date | None:
    dues = [
        clock.due
        for target in targets
        for clock in calendar_selectors.clock_list_for_target(target)
        if clock.status == Clock.Status.RUNNING and clock.rule_code not in _INTERNAL_RULES
    ]
    return min(dues) if dues else None


def tracking(submission: PublicSubmission) -> dict[str, Any]:
    """The public view of a submission (api-contract.md "Citizens' public channel")."""
    petition = submission.petition
    current, steps = _latest(petition)
    events = [(petition.received_on, _("Đã nhận đơn gửi trực tuyến"))]
    events += steps
    case = current.case if current.case_id else None
    # The acceptance is the decision's own event (already listed); then the matter's decision.
    if case is not None and current.outcome == Outcome.ACCEPT and case.decided_on:
        events.append((case.decided_on, _("Đã có quyết định, kết luận giải quyết")))
    status = _status(current)
    targets: list[Any] = [current]
    if case is not None:
        targets.append(case)
    next_due = None if status in constants.CLOSED_STATUSES else _next_due(targets)
    events.sort(key=lambda e: e[0])
    return {
        "tracking_code": submission.tracking_code,
        "unit": petition.unit.code,
        "received_on": petition.received_on,
        "status": status,
        "status_label": str(constants.STATUS_LABELS[status]),
        "events": [{"date": d, "label": str(label)} for d, label in events],
        "next_due": next_due,
    }


def units_for_public(query: str, *, limit: int | None = 30) -> QuerySet[Unit]:
    """Agencies a citizen may send to, searched by name with or without diacritics."""
    today = timezone.localdate()
    qs = Unit.objects.filter(merged_into__isnull=True).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
    )
    key = search_key(query or "")
    if key:
        for word in key.split()[:6]:
            qs = qs.filter(name_key__contains=word)
    return qs.order_by("depth", "name")[:limit]


@dataclass
class ScoreRow:
    """One unit of the league table, its whole subtree rolled up."""

    unit: Unit
    ratings: int = 0
    score_sum: int = 0
    met: int = 0
    missed: int = 0

    @property
    def average(self) -> float | None:
        return round(self.score_sum / self.ratings, 2) if self.ratings else None

    @property
    def on_time(self) -> float | None:
        done = self.met + self.missed
        return round(100 * self.met / done, 1) if done else None


def unit_league(unit: Unit) -> list[ScoreRow]:
    """The unit and each direct child, with the citizens' ratings and the share of legal time
    limits met, each rolled up over its subtree (three queries whatever the tree's size)."""
    children = list(Unit.objects.filter(parent=unit).order_by("name"))
    rows = [ScoreRow(unit), *(ScoreRow(child) for child in children)]

    def owner(path: str) -> ScoreRow | None:
        for row in rows[1:]:
            if path.startswith(row.unit.path):
                return row
        return None

    ratings = (
        Rating.objects.filter(unit__path__startswith=unit.path)
        .values("unit__path")
        .annotate(n=Count("pk"), total=Sum("score"))
    )
    for r in ratings:
        for row in (rows[0], owner(r["unit__path"])):
            if row is not None:
                row.ratings += r["n"]
                row.score_sum += r["total"]
    clocks = (
        Clock.objects.filter(
            unit__path__startswith=unit.path, status__in=[Clock.Status.MET, Clock.Status.MISSED]
        )
        .values("unit__path", "status")
        .annotate(n=Count("pk"))
    )
    for c in clocks:
        for row in (rows[0], owner(c["unit__path"])):
            if row is not None:
                if c["status"] == Clock.Status.MET:
                    row.met += c["n"]
                else:
                    row.missed += c["n"]
    league = sorted(rows[1:], key=lambda r: (-(r.average or 0), -(r.on_time or 0), r.unit.name))
    return [rows[0], *league]


def ratings_panel(unit: Unit) -> dict[str, Any]:
    """The monitoring dashboard's panel: the unit's score and its direct children's league."""
    rows = unit_league(unit)
    return {"own": rows[0], "rows": rows[1:]}


# --------------------------------------------------------------------------- public register
# Luật Tố cáo 2018 Art 40: the conclusion of a denunciation is made public (40.1), by one of
# the forms of 40.2 (a portal among them), never with the denouncer's information (40.3).
# Luật Khiếu nại 2011 Art 41 (reading not verified against the consolidated text: the duty to
# publish the second-instance decision; Nghị định 124/2020 extends it to the first instance):
# complaint decisions are listed too. Which kinds and outcomes appear, and whether the unit's
# own record of publication (case.published_on) is required, are settings, so that a reading
# found wrong is corrected without a release.
REGISTER_OUTCOMES = (
    "right",
    "wrong",
    "partly",
    "uphold",
    "amend",
    "den_right",
    "den_wrong",
    "den_partly",
)
REGISTER_KINDS = ("complaint_first", "complaint_second", "denunciation")
REGISTER_PAGE_SIZE = 20


@dataclass(frozen=True)
class RegisterEntry:
    """One published decision or conclusion, as the public reads it: no person in it."""

    decided_on: dt.date
    number: str
    kind: str
    outcome: str
    agency: str
    summary: str


@dataclass(frozen=True)
class _Named:
    """An officer's name, shaped like a person for the redaction."""

    full_name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


def register_cases(unit: Unit) -> QuerySet[Case]:
    """The unit's matters whose decision or conclusion was issued (and, by default, recorded
    as published), newest first; served by the index cases_unit_decided."""
    qs = Case.objects.filter(
        unit=unit,
        decided_on__isnull=False,
        kind__in=getattr(settings, "TIEPDAN_PUBLIC_REGISTER_KINDS", REGISTER_KINDS),
        outcome__in=getattr(settings, "TIEPDAN_PUBLIC_REGISTER_OUTCOMES", REGISTER_OUTCOMES),
    )
    if getattr(settings, "TIEPDAN_PUBLIC_REGISTER_REQUIRES_PUBLICATION", True):
        qs = qs.filter(published_on__isnull=False)
    return (
        qs.select_related("unit", "resolver")
        .prefetch_related("citizens")
        .order_by("-decided_on", "-pk")
    )


def register_entries(cases: list[Case]) -> list[RegisterEntry]:
    """The page's matters with their summaries masked of every person the system links to
    them: the matter's citizens, the senders of its petitions (the vault's copy for a sealed
    denunciation), the attendees of its visits, and the officer who resolved it. A fixed
    number of queries whatever the page's size."""
    by_pk = {c.pk: c for c in cases}
    petitions = list(
        Petition.objects.filter(case_id__in=by_pk).prefetch_related("senders").order_by("pk")
    )
    sealed = vault.sealed_senders(petitions)
    visits = list(
        ReceptionVisit.objects.filter(case_id__in=by_pk)
        .prefetch_related(
            Prefetch("attendees", queryset=VisitCitizen.objects.select_related("citizen"))
        )
        .order_by("pk")
    )
    sealed_visits = vault.sealed_attendees(visits)
    people: dict[int, list[Any]] = {pk: [] for pk in by_pk}
    for case in cases:
        people[case.pk].extend(case.citizens.all())
        if case.resolver is not None:
            people[case.pk].append(_Named(case.resolver.full_name))
    for petition in petitions:
        assert petition.case_id is not None
        people[petition.case_id].extend(petition.senders.all())
        people[petition.case_id].extend(sealed.get(petition.pk, []))
    for visit in visits:
        people[visit.case_id].extend(a.citizen for a in visit.attendees.all())
        people[visit.case_id].extend(a.citizen for a in sealed_visits.get(visit.pk, []))
    return [
        RegisterEntry(
            decided_on=case.decided_on,
            number=case.decision_number,
            kind=str(case.get_kind_display()),
            outcome=str(case.get_outcome_display()),
            agency=case.unit.name,
            summary=redact(case.summary, people[case.pk]),
        )
        for case in cases
        if case.decided_on is not None
    ]
