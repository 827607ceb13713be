"""Reads of the reception register and of a citizen's history at the desk."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from tiepdan.citizens.models import Citizen
from tiepdan.matters.models import CaseStatus, Matter
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import (
    Direction,
    OnlinePoint,
    ReceptionSession,
    ReceptionVisit,
    VisitCitizen,
)
from tiepdan.vault.vault import sealed_visit_q

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _Sealing(TypedDict):
        is_sealed: Any

    # A visit read with `sealed_visit_q` for its reader: whether its denouncer is withheld.
    SealableVisit = WithAnnotations[ReceptionVisit, _Sealing]


def _day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def visit_register(
    user: User,
    unit: Unit,
    *,
    first: dt.date,
    last: dt.date,
    mode: str = "",
    petition_type: str = "",
    handling: str = "",
    mass_group_only: bool = False,
) -> QuerySet[ReceptionVisit]:
    """The register of `unit` (its own lines, not its subtree's) for a period, in line order."""
    qs = _register_lines(
        user,
        unit,
        first=first,
        last=last,
        mode=mode,
        petition_type=petition_type,
        handling=handling,
        mass_group_only=mass_group_only,
    )
    return (
        qs.select_related("unit", "officer", "case", "refusal", "subject", "session")
        .prefetch_related(
            Prefetch(
                "attendees",
                queryset=VisitCitizen.objects.select_related("citizen").order_by(
                    "-is_representative", "pk"
                ),
            ),
            Prefetch("petitions", queryset=Petition.objects.only("pk", "number", "visit_id")),
        )
        .annotate(is_sealed=ExpressionWrapper(sealed_visit_q(user), output_field=BooleanField()))
        .order_by("year", "register_number")
    )


def visit_register_totals(user: User, unit: Unit, **filters) -> dict[str, int]:
    """Totals of the whole filtered period (not of one page), in one aggregate query: lines,
    people received, mass groups."""
    # Columns of the covering index (unit, received_at) INCLUDE (people_count, is_mass_group…)
    # only: counting the key would read every line's heap page (0.56 s for a ward-year).
    totals = _register_lines(user, unit, **filters).aggregate(
        visits=Count("*"),
        people=Sum("people_count"),
        groups=Count("received_at", filter=Q(is_mass_group=True)),
    )
    return {k: v or 0 for k, v in totals.items()}


def _register_lines(
    user: User,
    unit: Unit,
    *,
    first: dt.date,
    last: dt.date,
    mode: str = "",
    petition_type: str = "",
    handling: str = "",
    mass_group_only: bool = False,
) -> QuerySet[ReceptionVisit]:
    start, end = _day_bounds(first, last)
    qs = org_selectors.scope_filter(user, ReceptionVisit.objects.filter(unit=unit))
    qs = qs.filter(received_at__gte=start, received_at__lt=end)
    if mode:
        qs = qs.filter(mode=mode)
    if petition_type:
        qs = qs.filter(petition_type=petition_type)
    if handling:
        qs = qs.filter(handling=handling)
    if mass_group_only:
        qs = qs.filter(is_mass_group=True)
    return qs


def visit_get(user: User, pk: int) -> "SealableVisit":
    visit = (
        org_selectors.scope_filter(user, ReceptionVisit.objects.all())
        .select_related("unit", "officer", "case", "session", "subject")
        .annotate(is_sealed=ExpressionWrapper(sealed_visit_q(user), output_field=BooleanField()))
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    return visit


@dataclass
class CitizenHistory:
    """What the desk must see at once about a person: visits, matters, petitions, refusals."""

    visits: list[ReceptionVisit]
    cases: list[Matter]
    petitions: list[Petition]

    @property
    def refusals(self) -> list[ReceptionVisit]:
        return [v for v in self.visits if getattr(v, "refusal", None) is not None]


def citizen_history(user: User, citizen: Citizen, unit: Unit, limit: int = 50) -> CitizenHistory:
    """The citizen's history in `unit` and its subtree, in three queries whatever its size."""
    ids = [citizen.pk, *citizen.merged_records.values_list("pk", flat=True)]
    in_tree = {"unit__path__startswith": unit.path}
    visits = list(
        org_selectors.scope_filter(
            user, ReceptionVisit.objects.filter(attendees__citizen_id__in=ids, **in_tree)
        )
        .select_related("unit", "case", "refusal")
        .distinct()
        .order_by("-received_at")[:limit]
    )
    cases = list(
        org_selectors.scope_filter(user, Matter.objects.filter(citizens__in=ids, **in_tree))
        .select_related("unit")
        .distinct()
        .order_by("-opened_on")[:limit]
    )
    petitions = list(
        org_selectors.scope_filter(user, Petition.objects.filter(senders__in=ids, **in_tree))
        .select_related("unit")
        .distinct()
        .order_by("-received_on")[:limit]
    )
    return CitizenHistory(visits=visits, cases=cases, petitions=petitions)


# A matter is still open while it is received, accepted or suspended (not yet decided or closed).
OPEN_CASE_STATUSES = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.SUSPENDED)


def open_case(cases: QuerySet[Matter]) -> int | None:
    """The most recently opened matter among `cases` that is still open, if any."""
    return (
        cases.filter(status__in=OPEN_CASE_STATUSES)
        .order_by("-opened_on", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def case_choices_for(user: User, unit: Unit, citizens: list[Citizen]) -> QuerySet[Matter]:
    """Matters of these citizens in the unit's subtree: candidates for a repeat visit."""
    return (
        org_selectors.scope_filter(
            user, Matter.objects.filter(citizens__in=citizens, unit__path__startswith=unit.path)
        )
        .distinct()
        .order_by("-opened_on")
    )


def session_list(user: User, unit: Unit) -> QuerySet[ReceptionSession]:
    return (
        org_selectors.scope_filter(user, ReceptionSession.objects.filter(unit=unit))
        .select_related("chair", "venue", "conclusion")
        .order_by("-date", "-pk")
    )


def session_get(user: User, pk: int) -> ReceptionSession:
    from django.http import Http404

    session = (
        org_selectors.scope_filter(user, ReceptionSession.objects.all())
        .select_related("unit", "chair", "venue")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


def direction_open_list(user: User, unit: Unit) -> QuerySet[Direction]:
    """Directions of leaders' sessions still open, assigned inside the unit's subtree."""
    return (
        org_selectors.scope_filter(
            user, Direction.objects.filter(assignee__path__startswith=unit.path), "assignee"
        )
        .filter(status="open")
        .select_related("assignee", "conclusion__session")
        .order_by("due_on", "pk")
    )


def direction_get(user: User, pk: int) -> Direction:
    """A direction assigned to a unit the user sees, or 404."""
    direction = (
        org_selectors.scope_filter(user, Direction.objects.all(), "assignee")
        .select_related("assignee", "conclusion__session")
        .filter(pk=pk)
        .first()
    )
    if direction is None:
        raise Http404
    return direction


# -- online sessions -----------------------------------------------------------------------


def session_lead_times(session: ReceptionSession, *, now: dt.datetime | None = None) -> list:
    """The statutory lead times of an online session as clocks, counted on the current working
    calendar (a make-up Saturday counts, a decreed day off does not)."""
    from tiepdan.reception import online
    from tiepdan.workcalendar import selectors as calendar_selectors
    from tiepdan.workcalendar.rules import rule_catalogue

    rule = online.rule_for(session.date)
    catalogue = rule_catalogue()
    start_at = None
    if session.start_time is not None:
        start_at = dt.datetime.combine(
            session.date, session.start_time, tzinfo=timezone.get_current_timezone()
        )
    return online.lead_times(
        notice_due=calendar_selectors.latest_publication_date(
            session_date=session.date, rule_code=rule.notice_rule
        ),
        test_due=calendar_selectors.latest_publication_date(
            session_date=session.date, rule_code=rule.test_rule
        ),
        start_at=start_at,
        rule=rule,
        notice_basis=catalogue.get(rule.notice_rule, session.date).legal_basis,
        test_basis=catalogue.get(rule.test_rule, session.date).legal_basis,
        notified_on=session.notified_on,
        tested_on=session.tested_on,
        connected_at=session.connected_at,
        now=timezone.localtime(now or timezone.now()),
    )


@dataclass
class PointView:
    point: object
    citizens: list[Citizen]
    sealed_count: int


def session_points(user: User, session: ReceptionSession) -> list[PointView]:
    """The points of an online session with the citizens received at each; a person whose
    denunciation the user may not see is counted, never named."""
    from tiepdan.reception.models import OnlinePoint

    points = list(
        OnlinePoint.objects.filter(session=session).select_related("unit").order_by("kind", "pk")
    )
    visits = (
        ReceptionVisit.objects.filter(online__point__in=points)
        .annotate(is_sealed=ExpressionWrapper(sealed_visit_q(user), output_field=BooleanField()))
        .prefetch_related(
            Prefetch("attendees", queryset=VisitCitizen.objects.select_related("citizen"))
        )
        .select_related("online")
        .order_by("register_number")
    )
    by_point: dict[int, PointView] = {p.pk: PointView(p, [], 0) for p in points}
    for visit in visits:
        view = by_point[visit.online.point_id]
        if visit.is_sealed:
            view.sealed_count += len(visit.attendees.all())
            continue
        for attendee in visit.attendees.all():
            if attendee.citizen not in view.citizens:
                view.citizens.append(attendee.citizen)
    return list(by_point.values())


def sessions_for_register(
    user: User, unit: Unit, *, first: dt.date, last: dt.date
) -> QuerySet[ReceptionSession]:
    """Online sessions and the leaders' sessions of `unit` in a period, with their visit counts
    (the register's sessions section and the leaders' reception log).

    The counts are one sub-query each per session: joining both tables and counting distinct
    rows made the planner expect some 200,000 rows for a ward and compile the query (JIT,
    35 ms) even for a period with no session."""
    return (
        org_selectors.scope_filter(
            user, ReceptionSession.objects.filter(unit=unit, date__gte=first, date__lte=last)
        )
        .exclude(mode="regular", channel="in_person")
        .select_related("chair", "conclusion", "recording")
        .annotate(
            visit_count=_count_of(ReceptionVisit.objects.filter(session=OuterRef("pk"))),
            point_count=_count_of(OnlinePoint.objects.filter(session=OuterRef("pk"))),
        )
        .order_by("date", "pk")
    )


def _count_of(rows: QuerySet) -> Coalesce:
    """The number of `rows` (a query on `session`, correlated to the outer session) as a
    scalar sub-query."""
    counted = rows.order_by().values("session").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0, output_field=IntegerField())


def online_periodic_days(
    unit: Unit, *, first: dt.date, last: dt.date, chair_username: str | None = None
) -> list[dt.date]:
    """Days of online periodic sessions chaired by the head (`chair_username` when given) that
    count toward the head's periodic reception minimum.

    Reading (reception.online.OnlineRule.counts_toward_leader_minimum): from 1 July 2026 an
    online session is a way of holding the head's periodic reception (Luật TCD Art 3a), so it
    counts like a session at the office; a delegate's session never counts (Luật 136/2025
    allows no delegation), nor one before the law. Unverified against the Công báo text:
    the setting TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM turns the counting off or on.
    """
    from tiepdan.reception import online

    qs = ReceptionSession.objects.filter(
        unit=unit,
        channel="online",
        mode="periodic",
        chaired_by="head",
        date__gte=max(first, online.NEW_LAW),
        date__lte=last,
    ).exclude(status="cancelled")
    if chair_username:
        qs = qs.filter(chair__username=chair_username)
    days = sorted(set(qs.values_list("date", flat=True)))
    return [d for d in days if online.counts_toward_leader_minimum(d)]


def session_visits(user: User, session: ReceptionSession) -> list["SealableVisit"]:
    """The visits of a session in register order; a denunciation whose denouncer the user may
    not see shows its content redacted of the attendees' names and numbers."""
    from tiepdan.vault.redaction import redact

    visits = list(
        session.visits.annotate(
            is_sealed=ExpressionWrapper(sealed_visit_q(user), output_field=BooleanField())
        )
        .prefetch_related(
            Prefetch("attendees", queryset=VisitCitizen.objects.select_related("citizen"))
        )
        .order_by("register_number")
    )
    for visit in visits:
        if visit.is_sealed:
            visit.content = redact(visit.content, [a.citizen for a in visit.attendees.all()])
    return visits
