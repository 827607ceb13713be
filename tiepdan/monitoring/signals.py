"""The signals of situation monitoring, aggregated in SQL over a unit's subtree (S3, S9).

Every function here is a read: it returns aggregates (one row per candidate or per day), never
one row per visit or petition, so that a province with millions of records is scanned in
seconds. The scan (services.hotspot_scan) turns them into candidates (`candidates`) and scores them
with `scoring`.

The place of a citizen is the residential quarter (khu phố, tổ dân phố, thôn, ấp…) found in the
accent-free address key (`QuarterKey`): the same regular expression runs in PostgreSQL and, as a
registered function, in SQLite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, F, Func, IntegerField, Max, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tiepdan.cases.models import Case
from tiepdan.core.db import any_of
from tiepdan.core.text import nfc, search_key
from tiepdan.monitoring.models import Alert, AlertKind, NoteIntent, SituationNote
from tiepdan.organizations.constants import PARTNER_KINDS
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.workcalendar.models import Clock

QUARTER_PATTERN = r"(?:^|[ ,.;])((?:khu pho|to dan pho|thon|ap|khom|xom|kp) ?[0-9a-z]+)"
_QUARTER_RE = re.compile(QUARTER_PATTERN)


def quarter_of(address_key: str | None) -> str:
    """The residential quarter in an accent-free address ("khu pho 3"), or ""."""
    match = _QUARTER_RE.search(address_key or "")
    return match.group(1) if match else ""


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: the SQLite twin of PostgreSQL's substring(… from re)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("tiepdan_quarter", 1, quarter_of, deterministic=True)


class QuarterKey(Func):
    """SQL: the residential quarter of an address key (see `quarter_of`)."""

    output_field = CharField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        arg_sql, arg_params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"COALESCE(substring({arg_sql} from %s), '')", [*arg_params, QUARTER_PATTERN]
        return f"COALESCE(tiepdan_quarter({arg_sql}), '')", list(arg_params)


class CitizenQuarter(QuarterKey):
    """The quarter of a citizen's address (`CitizenQuarter("citizen__address_key")`): on
    PostgreSQL the column the database keeps from `address_key` (monitoring migration 0004),
    read beside it instead of running the pattern on every row; computed in the query
    elsewhere."""

    def as_sql(self, compiler, connection, **extra):
        if connection.vendor != "postgresql":
            return super().as_sql(compiler, connection, **extra)
        arg_sql, arg_params = compiler.compile(self.source_expressions[0])
        column = connection.ops.quote_name("address_key")
        if not arg_sql.endswith(f".{column}"):
            raise ValueError(f"CitizenQuarter reads a citizen's address_key, not {arg_sql}")
        stored = connection.ops.quote_name("quarter_key")
        return arg_sql[: -len(column)] + stored, list(arg_params)


def bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Aware datetimes [first 00:00, last+1 00:00) in the system time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
    )


def subtree_ids(root: Unit) -> list[int]:
    """Ids of the units of `root`'s subtree: filtering on `unit_id IN (…)` lets PostgreSQL use
    the (unit, date) indexes of visits and petitions, which a join on the path cannot."""
    return list(Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True))


def _visits(root: Unit, first: date, last: date):
    start, end = bounds(first, last)
    return ReceptionVisit.objects.filter(
        unit_id__in=subtree_ids(root), received_at__gte=start, received_at__lt=end
    )


def _petitions(root: Unit, first: date, last: date):
    # A copy received by transfer is the same petition: count it at the unit that first got it.
    return Petition.objects.filter(
        unit_id__in=subtree_ids(root),
        received_on__gte=first,
        received_on__lte=last,
        origin__isnull=True,
    )


def _citizen_rows(
    root: Unit,
    first: date,
    last: date,
    *,
    with_subject: bool = False,
    with_address: bool = False,
    with_activity: bool = False,
    **group,
):
    """UNION ALL of (group columns…, citizen) from visits' attendees and petitions' senders."""
    start, end = bounds(first, last)
    ids = subtree_ids(root)
    visit_side = VisitCitizen.objects.filter(
        visit__unit_id__in=ids,
        visit__received_at__gte=start,
        visit__received_at__lt=end,
    )
    petition_side = Petition.senders.through.objects.filter(
        petition__unit_id__in=ids,
        petition__received_on__gte=first,
        petition__received_on__lte=last,
        petition__origin__isnull=True,
    )
    if with_subject:  # a place cluster needs a normalised subject, not a whole domain
        visit_side = visit_side.filter(visit__subject__isnull=False)
        petition_side = petition_side.filter(petition__case__subject__isnull=False)
    names = list(group)
    a = visit_side.annotate(**{k: v[0] for k, v in group.items()}, g_citizen=F("citizen_id"))
    b = petition_side.annotate(**{k: v[1] for k, v in group.items()}, g_citizen=F("citizen_id"))
    # The address (for a readable place name) costs a join to the citizens: only when grouped
    # by place.
    addr = F("citizen__address") if with_address else Value("")
    a = a.annotate(g_case=F("visit__case_id"), g_addr=addr)
    b = b.annotate(g_case=F("petition__case_id"), g_addr=addr)
    extra: list[str] = []
    if with_activity:  # what the scan needs of a place cluster, in the same pass
        none = Value(None, output_field=IntegerField())
        a = a.annotate(
            g_visit=F("visit_id"),
            g_petition=none,
            g_people=F("visit__people_count"),
            g_day=TruncDate("visit__received_at"),
        )
        b = b.annotate(
            g_visit=none,
            g_petition=F("petition_id"),
            g_people=F("petition__signatory_count"),
            g_day=F("petition__received_on"),
        )
        extra = ["g_visit", "g_petition", "g_people", "g_day"]
    union = a.values(*names, "g_citizen", "g_case", "g_addr", *extra).union(
        b.values(*names, "g_citizen", "g_case", "g_addr", *extra), all=True
    )
    return union, names


def _distinct_citizens(
    root: Unit,
    first: date,
    last: date,
    minimum: int,
    *,
    with_subject: bool = False,
    with_address: bool = False,
    trend_days: list[date] | None = None,
    **group,
) -> list[tuple]:
    """Groups with at least `minimum` distinct citizens: [(group values…, citizens, matters,
    one address of the group)]; with `trend_days`, also (visits, petitions, largest group,
    last day, rows on each of the trend days…)."""
    union, names = _citizen_rows(
        root,
        first,
        last,
        with_subject=with_subject,
        with_address=with_address,
        with_activity=trend_days is not None,
        **group,
    )
    sql, params = union.query.sql_with_params()
    cols = ", ".join(names)
    activity, day_params = "", []
    if trend_days is not None:
        activity = (
            ", COUNT(DISTINCT g_visit), COUNT(DISTINCT g_petition), MAX(g_people), MAX(g_day)"
        )
        activity += "".join(", SUM(CASE WHEN g_day = %s THEN 1 ELSE 0 END)" for _ in trend_days)
        day_params = [connection.ops.adapt_datefield_value(d) for d in trend_days]
    query = (
        f"SELECT {cols}, COUNT(DISTINCT g_citizen), COUNT(DISTINCT g_case), MAX(g_addr)"
        f"{activity} FROM ({sql}) AS rows_ "
        f"GROUP BY {cols} HAVING COUNT(DISTINCT g_citizen) >= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*day_params, *params, minimum])
        return [tuple(row) for row in cursor.fetchall()]


# -- matters (vụ việc) -----------------------------------------------------------------------


def matter_citizens(root: Unit, first: date, last: date, minimum: int) -> dict[int, int]:
    """case id → distinct citizens who came or wrote about it in [first, last]."""
    rows = _distinct_citizens(
        root, first, last, minimum, g_matter=(F("visit__case_id"), F("petition__case_id"))
    )
    return {case: n for case, n, _, _ in rows if case is not None}


def matter_repeats(root: Unit, first: date, last: date, minimum: int) -> dict[int, int]:
    """case id → visits about it in [first, last], for cases visited `minimum` times or more."""
    rows = (
        _visits(root, first, last)
        .values("case_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=minimum)
        .values_list("case_id", "n")
    )
    return dict(rows)


def _ids(ids: Iterable[int | None]) -> list[int]:
    """The ids as one array parameter (`any_of`): a scan asks about tens of thousands of
    matters, which one placeholder each would cost seconds to build and parse."""
    return sorted({i for i in ids if i is not None})


@dataclass
class Activity:
    visits: int = 0
    petitions: int = 0
    people: int = 0
    largest: int = 0
    last: date | None = None


def matter_activity(root: Unit, first: date, last: date, case_ids) -> dict[int, Activity]:
    """Visits, people, largest group and last day per case, for the given cases."""
    out: dict[int, Activity] = {}
    tz = timezone.get_current_timezone()  # once: localtime() looks it up on every call
    for case, n, people, largest, last_at in (
        _visits(root, first, last)
        .filter(any_of(ReceptionVisit, "case", _ids(case_ids)))
        .values("case_id")
        .annotate(n=Count("pk"), p=Sum("people_count"), m=Max("people_count"), l=Max("received_at"))
        .values_list("case_id", "n", "p", "m", "l")
    ):
        out[case] = Activity(n, 0, people or 0, largest or 0, last_at.astimezone(tz).date())
    for case, n, people, largest, last_on in (
        _petitions(root, first, last)
        .filter(any_of(Petition, "case", _ids(case_ids)))
        .values("case_id")
        .annotate(
            n=Count("pk"), p=Sum("signatory_count"), m=Max("signatory_count"), l=Max("received_on")
        )
        .values_list("case_id", "n", "p", "m", "l")
    ):
        a = out.setdefault(case, Activity())
        a.petitions, a.people = n, a.people + (people or 0)
        a.largest = max(a.largest, largest or 0)
        a.last = max(filter(None, [a.last, last_on]))
    return out


def matter_daily(root: Unit, first: date, last: date, case_ids) -> dict[int, dict[date, int]]:
    out: dict[int, dict[date, int]] = {}
    for case, day, n in (
        _visits(root, first, last)
        .filter(any_of(ReceptionVisit, "case", _ids(case_ids)))
        .annotate(day=TruncDate("received_at"))
        .values("case_id", "day")
        .annotate(n=Count("pk"))
        .values_list("case_id", "day", "n")
    ):
        out.setdefault(case, {})[day] = n
    for case, day, n in (
        _petitions(root, first, last)
        .filter(any_of(Petition, "case", _ids(case_ids)))
        .values("case_id", "received_on")
        .annotate(n=Count("pk"))
        .values_list("case_id", "received_on", "n")
    ):
        series = out.setdefault(case, {})
        series[day] = series.get(day, 0) + n
    return out


def cases_info(case_ids: Iterable[int]) -> dict[int, Mapping[str, Any]]:
    return {
        row["pk"]: row
        for row in Case.objects.filter(any_of(Case, "id", _ids(case_ids)))
        .order_by()  # read into a dict: no sort of 60,000 rows
        .values("pk", "unit_id", "kind", "domain", "summary", "subject__name")
    }


# -- places (khu dân cư × lĩnh vực × nội dung) -----------------------------------------------

PlaceKey = tuple[int, str, int | None, str]  # (unit id, domain, subject id, quarter)


def place_citizens(root: Unit, first: date, last: date, minimum: int, today: date) -> dict:
    """(receiving unit, domain, subject, quarter) → {citizens, matters, label, visits,
    petitions, largest, last, daily} for clusters of at least `minimum` citizens, one pass."""
    trend = [today - timedelta(days=13 - i) for i in range(14)]
    rows = _distinct_citizens(
        root,
        first,
        last,
        minimum,
        with_subject=True,
        with_address=True,
        trend_days=trend,
        g_unit=(F("visit__unit_id"), F("petition__unit_id")),
        g_domain=(F("visit__domain"), F("petition__domain")),
        g_subject=(F("visit__subject_id"), F("petition__case__subject_id")),
        g_quarter=(CitizenQuarter("citizen__address_key"), CitizenQuarter("citizen__address_key")),
    )
    out = {}
    for u, d, s, q, n, m, addr, visits, petitions, largest, last_day, *per_day in rows:
        if isinstance(last_day, str):
            last_day = date.fromisoformat(last_day[:10])
        elif isinstance(last_day, datetime):
            last_day = last_day.date()
        out[(u, d, s, q)] = {
            "citizens": n,
            "matters": m,
            "label": place_label(q, addr),
            "visits": visits,
            "petitions": petitions,
            "largest": largest or 0,
            "last": last_day,
            "daily": {day: c for day, c in zip(trend, per_day, strict=True) if c},
        }
    return out


def place_label(quarter: str, address: str | None) -> str:
    """The quarter as written in an address that contains it ("Khu phố 3"), else the key."""
    if not quarter:
        return ""
    address = nfc(address or "")
    key = search_key(address)
    at = key.find(quarter)
    if at >= 0 and len(key) == len(address):
        return address[at : at + len(quarter)]
    return quarter


# -- escalation (vượt cấp) -------------------------------------------------------------------


def escalations(root: Unit, first: date, last: date) -> list[dict]:
    """Visits and petitions at a unit about a matter of a unit below it: a citizen of a matter
    known to a lower unit comes to, or writes to, one of its ancestors (seed 000 §III.1; S8).

    Returns one row per (matter, receiving unit): events, people, first and last day.
    """
    upper = _upper_units(root)
    # Two steps keep the plan driven by the (few) events at upper units, never by the matters.
    start, end = bounds(first, last)
    visit_ids = list(
        ReceptionVisit.objects.filter(
            unit_id__in=upper, received_at__gte=start, received_at__lt=end
        ).values_list("pk", flat=True)
    )
    petition_ids = list(
        Petition.objects.filter(
            unit_id__in=upper, received_on__gte=first, received_on__lte=last, origin__isnull=True
        ).values_list("pk", flat=True)
    )
    visit_citizens = sorted(
        set(
            VisitCitizen.objects.filter(visit_id__in=visit_ids).values_list("citizen_id", flat=True)
        )
    )
    petition_citizens = sorted(
        set(
            Petition.senders.through.objects.filter(petition_id__in=petition_ids).values_list(
                "citizen_id", flat=True
            )
        )
    )
    rows: dict[tuple[int, int], dict] = {}
    _add_visit_escalations(rows, visit_ids, visit_citizens)
    _add_petition_escalations(rows, petition_ids, petition_citizens)
    return list(rows.values())


def _upper_units(root: Unit) -> list[int]:
    """Units of the subtree with units below them that hold matters (police, Front and
    quarters hold none): only they can receive an escalation."""
    return sorted(
        set(
            Unit.objects.filter(path__startswith=root.path, parent__path__startswith=root.path)
            .exclude(kind__in=list(PARTNER_KINDS))
            .values_list("parent_id", flat=True)
        )
    )


def _add_visit_escalations(
    rows: dict[tuple[int, int], dict], visit_ids: list[int], citizens: list[int]
) -> None:
    # One filter() call: every condition applies to the same (citizen, matter) join, so the
    # pair is "this visit" × "a matter of a strictly lower unit known before the visit".
    pairs = (
        VisitCitizen.objects.filter(
            visit_id__in=visit_ids,
            citizen_id__in=citizens,
            citizen__cases__unit__path__startswith=F("visit__unit__path"),
            citizen__cases__unit__depth__gt=F("visit__unit__depth"),
            citizen__cases__opened_on__lte=TruncDate("visit__received_at"),
        )
        .values("citizen__cases__id", "visit__unit_id")
        .annotate(
            n=Count("visit_id", distinct=True),
            people=Max("visit__people_count"),
            first=Max("visit__received_at"),
        )
        .values_list("citizen__cases__id", "visit__unit_id", "n", "people", "first")
    )
    for case, unit_id, n, people, last_at in pairs:
        rows[(case, unit_id)] = {
            "case": case,
            "unit": unit_id,
            "visits": n,
            "petitions": 0,
            "largest": people or 0,
            "last": timezone.localtime(last_at).date(),
        }


def _add_petition_escalations(
    rows: dict[tuple[int, int], dict], petition_ids: list[int], citizens: list[int]
) -> None:
    pairs = (
        Petition.senders.through.objects.filter(
            petition_id__in=petition_ids,
            citizen_id__in=citizens,
            citizen__cases__unit__path__startswith=F("petition__unit__path"),
            citizen__cases__unit__depth__gt=F("petition__unit__depth"),
            citizen__cases__opened_on__lte=F("petition__received_on"),
        )
        .values("citizen__cases__id", "petition__unit_id")
        .annotate(
            n=Count("petition_id", distinct=True),
            people=Max("petition__signatory_count"),
            l=Max("petition__received_on"),
        )
        # The stubs do not see annotations on an auto-created through model.
        .values_list(  # type: ignore[misc]
            "citizen__cases__id", "petition__unit_id", "n", "people", "l"
        )
    )
    for case, unit_id, n, people, last_on in pairs:
        r = rows.setdefault(
            (case, unit_id),
            {
                "case": case,
                "unit": unit_id,
                "visits": 0,
                "petitions": 0,
                "largest": 0,
                "last": last_on,
            },
        )
        r["petitions"] += n
        r["largest"] = max(r["largest"], people or 0)
        r["last"] = max(r["last"], last_on)


# -- one petition, many agencies ---------------------------------------------------------------


def multi_agency(root: Unit, first: date, last: date, minimum: int) -> dict[int, int]:
    """root petition id → distinct units that received it (duplicates and copies sent on)."""
    return dict(
        Petition.objects.filter(
            unit_id__in=subtree_ids(root), received_on__gte=first, received_on__lte=last
        )
        .annotate(root=Coalesce("duplicate_of_id", "origin_id", "id", output_field=IntegerField()))
        .values("root")
        .annotate(units=Count("unit_id", distinct=True))
        .filter(units__gte=minimum)
        .values_list("root", "units")
    )


def mass_petitions(root: Unit, first: date, last: date, minimum: int) -> list[dict]:
    """Petitions signed by `minimum` people or more (đơn đông người, Luật TCD Art 29)."""
    return list(
        _petitions(root, first, last)
        .filter(signatory_count__gte=minimum)
        .values(
            "pk",
            "unit_id",
            "petition_type",
            "domain",
            "summary",
            "signatory_count",
            "received_on",
            "case_id",
        )
    )


def mass_visits_without_alert(root: Unit, first: date, last: date) -> list[dict]:
    """Mass-group visits that have no mass-group alert yet (e.g. imported ones)."""
    ct = ContentType.objects.get_for_model(ReceptionVisit)
    alerted = Alert.objects.filter(source_type=ct, kind=AlertKind.MASS_GROUP).values("source_id")
    return list(
        _visits(root, first, last)
        .filter(is_mass_group=True)
        .exclude(pk__in=alerted)
        .values(
            "pk",
            "unit_id",
            "petition_type",
            "domain",
            "content",
            "people_count",
            "received_at",
            "case_id",
        )
    )


# -- clocks, notes, daily counts ---------------------------------------------------------------


def overdue_clocks(root: Unit, today: date, since: date) -> list[dict[str, Any]]:
    """Legal clocks missed (running past due, or marked missed) that fell due since `since`.

    A matter's clock says "case", the name its hotspots and alerts have always used."""
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Clock.objects.filter(unit__path__startswith=root.path, due__gte=since)
        .filter(Q(status=Clock.Status.RUNNING, due__lt=today) | Q(status=Clock.Status.MISSED))
        .values("pk", "unit_id", "rule_code", "due", "content_type__model", "object_id")
    ]
    for row in rows:
        if row["content_type__model"] == "matter":
            row["content_type__model"] = "case"
    return rows


def note_groups(root: Unit, first: date, last: date) -> list[dict]:
    return list(
        SituationNote.objects.filter(
            unit__path__startswith=root.path, observed_on__gte=first, observed_on__lte=last
        )
        .values("unit_id", "place_key")
        .annotate(
            n=Count("pk"),
            higher=Count("pk", filter=Q(intent__in=[NoteIntent.GO_HIGHER, NoteIntent.LEADER_HOME])),
            people=Max("people"),
            last=Max("observed_on"),
            place=Max("place"),
            domain=Max("domain"),
        )
    )
