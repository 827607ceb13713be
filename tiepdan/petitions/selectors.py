"""Reads of petitions: worklists, inbox, backlog, path across units, duplicate suggestions.

Sealing (architecture rule 4, Luật TC Art 8.3, 47): who may see a denunciation's senders is the
vault's rule (`tiepdan.vault.rule`: `can_see_senders`, `sealed_q`, `sealed_person_q`), which
every reader here asks.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tiepdan.core.text import search_key
from tiepdan.matters.models import Matter
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import has_permission
from tiepdan.petitions.constants import PetitionStatus, TransferStatus
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.petitions.permissions import PetitionAction
from tiepdan.vault import vault
from tiepdan.workcalendar.models import Clock


def petition_queryset(user: User) -> QuerySet[Petition]:
    """Petitions of the user's units, and those transferred to them inside the system: the
    receiving unit reads a transfer at the id the sender knows from the moment it is sent
    (api-contract.md, "Transfers between units")."""
    qs = Petition.objects.all()
    own = org_selectors.scope_q(user)
    if own is not None:
        received = org_selectors.scope_filter(
            user, Transfer.objects.filter(to_unit__isnull=False), "to_unit"
        ).values("petition_id")
        qs = qs.filter(own | Q(pk__in=received))
    return qs.select_related("unit", "case", "assignee", "duplicate_of", "origin")


def petition_units(petition: Petition) -> list[Unit]:
    """The units whose officers may read the petition: its own, and every unit it was
    transferred to inside the system (permissions are checked on these)."""
    received = Unit.objects.filter(incoming_transfers__petition=petition).distinct()
    return [petition.unit, *received]


def petition_viewable(user: User, petition: Petition) -> bool:
    """Whether the user may view the petition: in its own unit, or in a unit it was transferred
    to (which reads it, and the slip addressed to it, before acknowledging)."""
    # Its own unit first: the units it was transferred to are read only when that fails.
    if has_permission(user, PetitionAction.VIEW, petition.unit):
        return True
    return any(
        has_permission(user, PetitionAction.VIEW, unit) for unit in petition_units(petition)[1:]
    )


def transfer_to(petition: Petition, units: list[Unit]) -> Transfer | None:
    """The petition's transfer to one of `units`: the one still waiting for acknowledgement
    first, else the latest."""
    return (
        Transfer.objects.filter(petition=petition, to_unit__in=units)
        .select_related("to_unit", "received_copy")
        .annotate(done=models.Case(models.When(status=TransferStatus.SENT, then=0), default=1))
        .order_by("done", "-sent_on", "-pk")
        .first()
    )


def petition_get(user: User, pk: int, *, related: tuple[str, ...] | None = None) -> Petition:
    """A petition in the user's reach, or 404. `related`: the only relations joined, for a
    view that reads no other (a row of five joins is costly to build and to read)."""
    qs = petition_queryset(user)
    if related is not None:
        qs = qs.select_related(None).select_related(*related)
    petition = qs.filter(pk=pk).first()
    if petition is None:
        raise Http404
    return petition


def petition_page_get(user: User, pk: int) -> Petition:
    """`petition_get` for the petition's page: of the petition it is a duplicate of, only the
    number the page links to; the assignee and the origin it does not show are not joined."""
    shown = ("id", "number", "year")
    skipped = [
        f"duplicate_of__{field.name}"
        for field in Petition._meta.concrete_fields
        if field.name not in shown
    ]
    petition = (
        petition_queryset(user)
        .select_related(None)
        .select_related("unit", "case", "duplicate_of")
        .defer(*skipped)
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def _open_clock_exists(rule_filter: Q) -> Exists:
    return Exists(
        Clock.objects.filter(
            rule_filter,
            content_type__app_label="petitions",
            content_type__model="petition",
            object_id=OuterRef("pk"),
            status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED],
        )
    )


def petition_worklist(
    user: User,
    unit: Unit,
    *,
    view: str = "open",
    assignee: User | None = None,
    on: dt.date | None = None,
    due_within_days: int = 3,
) -> QuerySet[Petition]:
    """A unit's petitions to work on: `open`, `due_soon`, `overdue`, `waiting_reply`, `mine`."""
    on = on or timezone.localdate()
    qs = petition_queryset(user).filter(unit=unit)
    if view == "waiting_reply":
        return (
            qs.filter(
                transfers__from_unit=unit,
                transfers__reply_received_on__isnull=True,
                transfers__status__in=[TransferStatus.SENT, TransferStatus.ACKNOWLEDGED],
            )
            .distinct()
            .order_by("decided_on", "pk")
        )
    qs = qs.filter(status__in=[PetitionStatus.RECEIVED, PetitionStatus.PROPOSED])
    if view == "mine" and assignee is not None:
        qs = qs.filter(assignee=assignee)
    elif view == "due_soon":
        qs = qs.filter(
            _open_clock_exists(Q(due__gte=on, due__lte=on + dt.timedelta(days=due_within_days)))
        )
    elif view == "overdue":
        qs = qs.filter(_open_clock_exists(Q(due__lt=on)))
    return qs.order_by("received_on", "pk")


def next_due_by_petition(petitions: list[Petition]) -> dict[int, Clock]:
    """The earliest open clock of each petition, in one query."""
    clocks = (
        Clock.objects.filter(
            content_type__app_label="petitions",
            content_type__model="petition",
            object_id__in=[p.pk for p in petitions],
            status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED],
        )
        .order_by("object_id", "due")
        .only("object_id", "due", "rule_code", "status", "start")
    )
    first: dict[int, Clock] = {}
    for clock in clocks:
        first.setdefault(clock.object_id, clock)
    return first


def inbox(user: User, unit: Unit) -> QuerySet[Transfer]:
    """Petitions transferred to the unit inside the system, waiting to be acknowledged."""
    return (
        org_selectors.scope_filter(
            user, Transfer.objects.filter(to_unit=unit, status=TransferStatus.SENT), "to_unit"
        )
        .select_related("petition", "from_unit")
        .order_by("sent_on", "pk")
    )


def backlog(user: User, unit: Unit, *, on: dt.date | None = None) -> QuerySet[Petition]:
    """Tồn đọng: open petitions past a legal time limit or carried over from an earlier year."""
    on = on or timezone.localdate()
    qs = petition_queryset(user).filter(
        unit__path__startswith=unit.path,
        status__in=[PetitionStatus.RECEIVED, PetitionStatus.PROPOSED],
    )
    return (
        qs.filter(Q(_open_clock_exists(Q(due__lt=on))) | Q(received_on__year__lt=on.year))
        .annotate(reviews_count=Count("reviews"))
        .order_by("received_on", "pk")
    )


@dataclass
class PathStep:
    unit: Unit
    petition: Petition
    transfer: Transfer | None


def petition_path(user: User, petition: Petition) -> list[PathStep]:
    """The petition's way through the units, from its first receipt to every copy transferred
    on (one identity, S4/S8). The caller may open `petition`; every unit on the path is shown
    with its status and outcome only — the units it passed through already know of it."""
    root = petition
    while root.origin_id is not None:
        root = Petition.objects.select_related("unit", "origin").get(pk=root.origin_id)
    steps: list[PathStep] = []
    frontier = [root]
    while frontier:
        current = frontier.pop(0)
        transfers = list(current.transfers.select_related("to_unit", "received_copy__unit"))
        steps.append(PathStep(current.unit, current, None))
        frontier.extend(t.received_copy for t in transfers if t.received_copy is not None)
    return steps


def transfers_of(petition: Petition) -> list[Transfer]:
    return list(petition.transfers.select_related("to_unit").order_by("sent_on", "pk"))


def _tokens(text: str) -> set[str]:
    return {t for t in search_key(text).split() if len(t) > 1}


def similarity(a: str, b: str) -> float:
    """Token Jaccard similarity of two summaries (accent- and case-free)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@dataclass
class DuplicateSuggestion:
    petition: Petition
    same_sender: bool
    score: float


def _same_sender_q(senders: list) -> Q:
    """Petitions sent by any of `senders`: same ID number, phone, normalised name or row."""
    sender_q = Q(pk__in=[])
    ids = [c.id_number for c in senders if c.id_number]
    phones = [c.phone for c in senders if c.phone]
    names = [c.name_key for c in senders]
    rows = [c.pk for c in senders if c.pk]
    for lookup, values in (
        ("senders__id_number__in", ids),
        ("senders__phone__in", phones),
        ("senders__name_key__in", names),
        ("senders__in", rows),
    ):
        if values:
            sender_q |= Q(**{lookup: values})
    return sender_q


def _similar_candidates(
    base: QuerySet[Petition], petition: Petition, *, limit: int, threshold: float
) -> tuple[dict[int, Petition], dict[int, float]]:
    """Petitions with a similar summary and their scores: trigram similarity on PostgreSQL;
    elsewhere the last two years' petitions, scored by the caller."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        similar = list(
            base.annotate(sim=TrigramSimilarity("summary_key", petition.summary_key))
            .filter(sim__gte=threshold)
            .order_by("-sim")[:limit]
        )
        scores = {p.pk: p.sim for p in similar}
        return {p.pk: p for p in similar}, scores
    recent = base.filter(received_on__gte=petition.received_on - dt.timedelta(days=730))
    return {p.pk: p for p in recent.order_by("-received_on")[:2000]}, {}


_SUGGESTION_FIELDS = ("number", "year", "received_on", "summary", "summary_key", "unit__name")


def duplicate_suggestions(
    user: User,
    petition: Petition,
    *,
    limit: int = 10,
    threshold: float = 0.3,
    senders: list | None = None,
) -> list[DuplicateSuggestion]:
    """Likely duplicates across the user's scope: the same sender (ID number, phone or
    normalised name) and/or a similar summary (trigram similarity on PostgreSQL, token
    similarity elsewhere). `senders`: the petition's senders as this user may see them, when
    the caller has read them already."""
    # Only what a suggestion shows and scores: the candidates can be many (up to 2000 rows).
    base = (
        petition_queryset(user)
        .exclude(pk=petition.pk)
        .exclude(split_from=petition)
        .select_related(None)
        .select_related("unit")
        .only(*_SUGGESTION_FIELDS)
    )
    # A sealed sender is matched only for whom may see them: a "same sender" flag names them.
    if senders is None:
        visible = vault.can_see_senders(user, petition)
        senders = vault.petition_people(petition) if visible else []
    same_sender_q = _same_sender_q(senders)
    same_sender = {p.pk: p for p in base.filter(same_sender_q).distinct()[:200]}
    candidates, scores = _similar_candidates(base, petition, limit=limit, threshold=threshold)
    candidates.update(same_sender)
    suggestions = []
    for pk, other in candidates.items():
        score = scores.get(pk)
        if score is None:
            score = similarity(petition.summary, other.summary)
        if score >= threshold or (pk in same_sender and score >= threshold / 2):
            suggestions.append(DuplicateSuggestion(other, pk in same_sender, round(score, 2)))
    suggestions.sort(key=lambda s: (s.same_sender, s.score), reverse=True)
    return suggestions[:limit]


def case_get(user: User, pk: int) -> Matter:
    matters = org_selectors.scope_filter(user, Matter.objects.select_related("unit"))
    case = matters.filter(pk=pk).first()
    if case is None:
        raise Http404
    return case
