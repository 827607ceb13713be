"""The first step of the hotspot scan: what the signals found, as candidates to score.

Reads only. Each family of signal (matters, places and partner notes, escalations, petitions,
mass groups, overdue clocks) becomes candidates keyed for the hotspot and its alert; the scan
(services.scan) scores them, keeps them as hotspots and raises the alerts.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.cases.models import SubjectCategory
from tiepdan.core.classification import Domain
from tiepdan.core.db import beside, without_jit
from tiepdan.core.errors import DomainError
from tiepdan.monitoring import scoring, selectors, signals
from tiepdan.monitoring.models import AlertKind, HotspotKind
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition
from tiepdan.workcalendar.rules import Catalogue, rule_catalogue

# What an overdue clock belongs to, as an officer says it.
CLOCK_TARGETS: dict[str, Promise] = {
    "petition": gettext_lazy("đơn"),
    "case": gettext_lazy("vụ việc"),
    "visit": gettext_lazy("lượt tiếp"),
}


@dataclass
class Candidate:
    unit_id: int
    key: str
    kind: str
    title: str
    evidence: scoring.Evidence
    alert_kind: str
    always_alert: bool = False  # contract signals (mass group, escalation…) alert at any score
    domain: str = ""
    place: str = ""
    subjects: list = field(default_factory=list)
    route_unit_ids: list[int] = field(default_factory=list)
    last: date | None = None


@dataclass(frozen=True)
class Span:
    """The days the signals look at, the widest any unit of the subtree asks for."""

    today: date
    first: date  # the alert window
    repeat_first: date  # the window of repeat visits
    trend_first: date  # the 14 days of the trend

    @classmethod
    def of(cls, today: date, resolver: selectors.LimitsResolver) -> Span:
        window = max(limit.window_days for limit in resolver.all())
        repeat_window = max(limit.repeat_window_days for limit in resolver.all())
        return cls(
            today=today,
            first=today - timedelta(days=window - 1),
            repeat_first=today - timedelta(days=repeat_window - 1),
            trend_first=today - timedelta(days=13),
        )


@dataclass
class MatterSignals:
    """What the matter signals found: citizens and repeat visits per case, the escalation rows,
    and the activity, daily series and details of those cases."""

    citizens: dict[int, int]
    repeats: dict[int, int]
    escalations: list[dict]
    activity: dict[int, signals.Activity]
    daily: dict[int, dict[date, int]]
    info: dict[int, Mapping[str, Any]]


def _tick(timings: dict[str, float], name: str, started: float) -> None:
    timings[name] = round(time.perf_counter() - started, 3)


def collect(
    root: Unit, today: date, resolver: selectors.LimitsResolver, timings: dict[str, float]
) -> list[Candidate]:
    """Every candidate of `root`'s subtree; the seconds each family of signal took go to
    `timings`."""
    span = Span.of(today, resolver)
    # The signals of places, petitions and clocks do not depend on the matters': on PostgreSQL
    # their queries run on a second connection while this one reads the matters (two cores).
    others = beside(lambda: _other_signals(root, span, resolver, timings))
    matters = _matter_signals(root, span, resolver, timings)
    out = _matter_candidates(matters, resolver)
    places, rest = others()
    return [*out, *places, *_escalation_candidates(matters.escalations, matters.info), *rest]


def _other_signals(
    root: Unit, span: Span, resolver: selectors.LimitsResolver, timings: dict[str, float]
) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates of places and partner notes; of petitions, mass groups and clocks."""
    with without_jit():
        places = _place_and_note_candidates(root, span, resolver, timings)
        t = time.perf_counter()
        rest = _multi_agency_candidates(root, span, resolver)
        rest += _mass_petition_candidates(root, span, resolver)
        rest += _mass_visit_candidates(root, span)
        rest += _clock_candidates(root, span)
        _tick(timings, "petitions_clocks", t)
    return places, rest


# -- matters: many citizens on one matter; visits again and again -------------------------------


def _matter_signals(
    root: Unit, span: Span, resolver: selectors.LimitsResolver, timings: dict[str, float]
) -> MatterSignals:
    today = span.today
    t = time.perf_counter()
    citizens = signals.matter_citizens(
        root, span.first, today, resolver.minimum("cluster_citizens")
    )
    repeats = signals.matter_repeats(
        root, span.repeat_first, today, resolver.minimum("repeat_visits")
    )
    _tick(timings, "matters", t)
    t = time.perf_counter()
    escalation_rows = signals.escalations(root, span.first, today)
    _tick(timings, "escalations", t)
    case_ids = set(citizens) | set(repeats)
    t = time.perf_counter()
    activity = signals.matter_activity(root, min(span.first, span.trend_first), today, case_ids)
    daily = signals.matter_daily(root, span.trend_first, today, case_ids)
    info = signals.cases_info(case_ids | {r["case"] for r in escalation_rows})
    _tick(timings, "matter_details", t)
    return MatterSignals(citizens, repeats, escalation_rows, activity, daily, info)


@dataclass(frozen=True)
class MatterTexts:
    """The texts of a matter's title in the active language, translated once per scan (a scan
    names tens of thousands of matters)."""

    domains: dict[str, str]
    denunciation: str
    matter: str

    @classmethod
    def active(cls) -> MatterTexts:
        return cls(
            domains={value: str(label) for value, label in Domain.choices},
            denunciation=_("Vụ việc tố cáo số %(id)d — %(domain)s"),
            matter=_("Vụ việc số %(id)d: %(text)s"),
        )


def _matter_title(info: Mapping[str, Any], texts: MatterTexts) -> str:
    # Denunciations: the matter, never the person (Luật Tố cáo Art 47; architecture rule 4).
    if info["kind"] == "denunciation":
        domain = texts.domains.get(info["domain"], info["domain"])
        return texts.denunciation % {"id": info["pk"], "domain": domain}
    return texts.matter % {"id": info["pk"], "text": info["summary"][:150]}


def _matter_candidates(m: MatterSignals, resolver: selectors.LimitsResolver) -> list[Candidate]:
    escalated: dict[int, int] = {}
    for row in m.escalations:
        escalated[row["case"]] = escalated.get(row["case"], 0) + row["visits"] + row["petitions"]
    texts = MatterTexts.active()
    out: list[Candidate] = []
    for case_id in set(m.citizens) | set(m.repeats):
        if case_id not in m.info:
            continue
        i = m.info[case_id]
        a = m.activity.get(case_id, signals.Activity())
        ev = scoring.Evidence(
            citizens=m.citizens.get(case_id, 0),
            people=a.people,
            largest_group=a.largest,
            visits=a.visits,
            petitions=a.petitions,
            repeat_visits=m.repeats.get(case_id, 0),
            escalations=escalated.get(case_id, 0),
            daily=m.daily.get(case_id, {}),
        )
        limits = resolver.for_unit(i["unit_id"])
        is_repeat = ev.repeat_visits >= limits.repeat_visits
        if ev.citizens < limits.cluster_citizens and not is_repeat:
            continue
        if ev.visits + ev.petitions <= 1 and not is_repeat:
            continue  # one group at one visit: the mass-group alert already covers it
        out.append(
            Candidate(
                unit_id=i["unit_id"],
                key=f"case:{case_id}",
                kind=HotspotKind.MATTER,
                title=_matter_title(i, texts),
                evidence=ev,
                alert_kind=AlertKind.HOTSPOT
                if ev.citizens >= limits.cluster_citizens
                else AlertKind.REPEAT_VISITS,
                always_alert=is_repeat,
                domain=i["domain"],
                subjects=[{"case": case_id}],
                last=a.last,
            )
        )
    return out


# -- places: the same domain and subject raised by many citizens of one quarter ----------------


def _subject_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(SubjectCategory.objects.filter(pk__in=wanted).values_list("pk", "name"))


def _place_and_note_candidates(
    root: Unit, span: Span, resolver: selectors.LimitsResolver, timings: dict[str, float]
) -> list[Candidate]:
    t = time.perf_counter()
    places = signals.place_citizens(
        root, span.first, span.today, resolver.minimum("cluster_citizens"), span.today
    )
    place_keys = {k for k, p in places.items() if p["matters"] > 1}
    notes = signals.note_groups(root, span.first, span.today)
    _tick(timings, "places", t)
    subject_names = _subject_names({k[2] for k in place_keys})
    unit_names = dict(
        Unit.objects.filter(
            pk__in={k[0] for k in place_keys} | {n["unit_id"] for n in notes}
        ).values_list("pk", "name")
    )
    by_place: dict[tuple, Candidate] = {}
    for key in place_keys:
        c = _place_candidate(key, places[key], resolver, subject_names, unit_names)
        if c is not None:
            by_place[key] = c
    return [*by_place.values(), *_note_candidates(notes, by_place, unit_names)]


def _place_candidate(
    key: tuple,
    act: dict,
    resolver: selectors.LimitsResolver,
    subject_names: dict[int, str],
    unit_names: dict[int, str],
) -> Candidate | None:
    unit_id, domain, subject, quarter = key
    n = act["citizens"]
    if n < resolver.for_unit(unit_id).cluster_citizens:
        return None
    label = act["label"]
    where = f"{label}, {unit_names.get(unit_id, '')}" if label else unit_names.get(unit_id, "")
    what = subject_names.get(subject) or (
        Domain(domain).label if domain in Domain.values else domain
    )
    ev = scoring.Evidence(
        citizens=n,
        largest_group=act.get("largest", 0),
        visits=act.get("visits", 0),
        petitions=act.get("petitions", 0),
        daily=act.get("daily", {}),
    )
    return Candidate(
        unit_id=unit_id,
        key=f"place:{unit_id}:{domain}:{subject or 0}:{quarter}",
        kind=HotspotKind.PLACE,
        title=_("%(what)s — %(where)s") % {"what": what, "where": where},
        evidence=ev,
        alert_kind=AlertKind.HOTSPOT,
        domain=domain,
        place=label,
        subjects=[{"unit": unit_id, "domain": domain, "subject": subject, "quarter": quarter}],
        last=act.get("last"),
    )


def _note_candidates(
    notes: list[dict], by_place: dict[tuple, Candidate], unit_names: dict[int, str]
) -> list[Candidate]:
    """Partner notes add to the place they are about; a note about no known place is a
    candidate of its own."""
    out: list[Candidate] = []
    for note in notes:
        quarter = signals.quarter_of(note["place_key"])
        match = next(
            (
                c
                for k, c in by_place.items()
                if k[0] == note["unit_id"] and quarter and k[3] == quarter
            ),
            None,
        )
        if match is not None:
            match.evidence.notes += note["n"]
            match.evidence.notes_higher += note["higher"]
            continue
        out.append(
            Candidate(
                unit_id=note["unit_id"],
                key=f"note:{note['unit_id']}:{note['place_key'][:150]}",
                kind=HotspotKind.PARTNER_NOTE,
                title=_("Tin phối hợp: %(place)s, %(unit)s")
                % {"place": note["place"], "unit": unit_names.get(note["unit_id"], "")},
                evidence=scoring.Evidence(
                    notes=note["n"], notes_higher=note["higher"], largest_group=note["people"] or 0
                ),
                alert_kind=AlertKind.PARTNER_NOTE,
                domain=note["domain"] or "",
                place=note["place"],
                last=note["last"],
            )
        )
    return out


# -- escalation: a matter of a lower unit raised at a higher one (vượt cấp) --------------------


def _escalation_candidates(rows: list[dict], info: dict[int, Mapping[str, Any]]) -> list[Candidate]:
    recv_names = dict(
        Unit.objects.filter(pk__in={r["unit"] for r in rows}).values_list("pk", "name")
    )
    texts = MatterTexts.active()
    out: list[Candidate] = []
    for row in rows:
        i = info.get(row["case"])
        if i is None:
            continue
        ev = scoring.Evidence(
            escalations=row["visits"] + row["petitions"],
            largest_group=row["largest"],
            visits=row["visits"],
            petitions=row["petitions"],
        )
        out.append(
            Candidate(
                unit_id=i["unit_id"],
                key=f"escalation:{row['case']}:{row['unit']}",
                kind=HotspotKind.ESCALATION,
                title=_("Vượt cấp lên %(to)s: %(matter)s")
                % {"to": recv_names.get(row["unit"], ""), "matter": _matter_title(i, texts)},
                evidence=ev,
                alert_kind=AlertKind.ESCALATION,
                always_alert=True,
                domain=i["domain"],
                subjects=[{"case": row["case"], "received_at_unit": row["unit"]}],
                route_unit_ids=[row["unit"]],
                last=row["last"],
            )
        )
    return out


# -- one petition, many agencies; petitions of a group; mass groups; overdue clocks ------------


def _multi_agency_candidates(
    root: Unit, span: Span, resolver: selectors.LimitsResolver
) -> list[Candidate]:
    multi = signals.multi_agency(root, span.first, span.today, resolver.minimum("agencies"))
    roots = {
        p["pk"]: p
        for p in Petition.objects.filter(pk__in=multi).values(
            "pk", "unit_id", "petition_type", "domain", "summary", "received_on"
        )
    }
    out: list[Candidate] = []
    for root_id, units in multi.items():
        p = roots.get(root_id)
        if p is None or units < resolver.for_unit(p["unit_id"]).agencies:
            continue
        out.append(
            Candidate(
                unit_id=p["unit_id"],
                key=f"petition:{root_id}:agencies",
                kind=HotspotKind.MULTI_AGENCY,
                title=_("Đơn số hiệu %(id)d gửi %(n)d cơ quan") % {"id": root_id, "n": units},
                evidence=scoring.Evidence(agencies=units, petitions=units),
                alert_kind=AlertKind.MULTI_AGENCY,
                always_alert=True,
                domain=p["domain"],
                subjects=[{"petition": root_id, "agencies": units}],
                last=p["received_on"],
            )
        )
    return out


def _mass_petition_candidates(
    root: Unit, span: Span, resolver: selectors.LimitsResolver
) -> list[Candidate]:
    out: list[Candidate] = []
    minimum = resolver.minimum("mass_group_people")
    for p in signals.mass_petitions(root, span.first, span.today, minimum):
        if p["signatory_count"] < resolver.for_unit(p["unit_id"]).mass_group_people:
            continue
        text = (
            _("Đơn tố cáo nhiều người đứng tên")
            if p["petition_type"] == "denunciation"
            else p["summary"][:150]
        )
        out.append(
            Candidate(
                unit_id=p["unit_id"],
                key=f"petition:{p['pk']}:mass",
                kind=HotspotKind.MASS_PETITION,
                title=_("Đơn %(n)d người đứng tên: %(text)s")
                % {"n": p["signatory_count"], "text": text},
                evidence=scoring.Evidence(
                    largest_group=p["signatory_count"], people=p["signatory_count"], petitions=1
                ),
                alert_kind=AlertKind.MASS_GROUP,
                always_alert=True,
                domain=p["domain"],
                subjects=[
                    {"petition": p["pk"], "people": p["signatory_count"], "case": p["case_id"]}
                ],
                last=p["received_on"],
            )
        )
    return out


def _mass_visit_candidates(root: Unit, span: Span) -> list[Candidate]:
    out: list[Candidate] = []
    for v in signals.mass_visits_without_alert(root, span.first, span.today):
        text = _("Vụ việc tố cáo") if v["petition_type"] == "denunciation" else v["content"][:150]
        out.append(
            Candidate(
                unit_id=v["unit_id"],
                key=f"visit:{v['pk']}:mass",
                kind=HotspotKind.MATTER,
                title=_("Đoàn đông người (%(n)d người): %(text)s")
                % {"n": v["people_count"], "text": text},
                evidence=scoring.Evidence(
                    largest_group=v["people_count"], people=v["people_count"], visits=1
                ),
                alert_kind=AlertKind.MASS_GROUP,
                always_alert=True,
                domain=v["domain"],
                subjects=[{"visit": v["pk"], "case": v["case_id"], "people": v["people_count"]}],
                last=timezone.localtime(v["received_at"]).date(),
            )
        )
    return out


def _rule_name(catalogue: Catalogue, code: str, on: date) -> str:
    """An overdue clock is named by its rule's Vietnamese name, never its code."""
    try:
        return str(catalogue.get(code, on).name)
    except DomainError:
        return code


def _clock_candidates(root: Unit, span: Span) -> list[Candidate]:
    catalogue = rule_catalogue()
    return [
        Candidate(
            unit_id=c["unit_id"],
            key=f"clock:{c['pk']}",
            kind=HotspotKind.OVERDUE,
            title=_("Quá hạn: %(rule)s (hạn %(due)s) — %(what)s số %(id)d")
            % {
                "rule": _rule_name(catalogue, c["rule_code"], c["due"]),
                "due": c["due"].strftime("%d/%m/%Y"),
                "what": CLOCK_TARGETS.get(c["content_type__model"], c["content_type__model"]),
                "id": c["object_id"],
            },
            evidence=scoring.Evidence(overdue_clocks=1),
            alert_kind=AlertKind.OVERDUE,
            always_alert=True,
            subjects=[{"clock": c["pk"], c["content_type__model"]: c["object_id"]}],
            last=c["due"],
        )
        for c in signals.overdue_clocks(root, span.today, span.first)
    ]
