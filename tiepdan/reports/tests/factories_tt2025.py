"""A generated data set spanning 30/09/2025 for the TT 06/2025 tables: visits, the reception
schedule (sessions held, planned, cancelled, some that received no one), petitions, cases with
their decisions, conclusions and execution, and the units' 06/QLKNTC figures.

Records go in with bulk_create (their fields are the reports' contract); each is also kept as a
plain dict so that the tests can count every column independently of the SQL.
"""

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from tiepdan.cases.models import Case
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionSession, ReceptionVisit
from tiepdan.reports.forms_tt2025 import MANAGEMENT_FIELDS
from tiepdan.reports.models import ManagementFigures
from tiepdan.reports.periods import Period
from tiepdan.reports.tests.factories import TZ, case_create, petition_build, visit_build

FIRST_DAY, LAST_DAY = dt.date(2024, 11, 1), dt.date(2026, 4, 30)
DOMAINS = [
    "admin.policy",
    "admin.land_housing",
    "admin.civil_service",
    "admin.other",
    "judicial",
    "party_mass_org",
    "corruption",
    "other",
]
PRIORS = [
    "unresolved",
    "resolving",
    "first",
    "repeated",
    "denunciation_overdue",
    "denunciation_concluded",
]
KIND_TYPE = {
    "complaint_first": "complaint",
    "complaint_second": "complaint",
    "denunciation": "denunciation",
    "proposal": "proposal",
}
DECISION_OUTCOMES = {
    "complaint_first": ["right", "wrong", "partly"],
    "complaint_second": ["uphold", "amend"],
    "denunciation": ["den_right", "den_wrong", "den_partly"],
    "proposal": ["answered"],
}
MONEY_FIELDS = (
    "decision_money_to_state",
    "decision_money_returned",
    "money_to_state",
    "money_returned",
)
LAND_FIELDS = ("decision_land_to_state", "decision_land_returned", "land_to_state", "land_returned")
# (whole, part): the part is drawn no larger than the whole.
COUNT_FIELDS = (
    ("decision_restored_orgs", None),
    ("decision_restored_persons", None),
    ("proposed_disciplined", "proposed_disciplined_officials"),
    ("proposed_disciplined_orgs", None),
    ("referred_persons", "referred_officials"),
    ("referred_cases", None),
    ("persons_disciplined", "disciplined_officials"),
    ("orgs_disciplined", None),
    ("prosecuted_persons", "prosecuted_officials"),
    ("prosecuted_cases", None),
)
_numbers = itertools.count(1)


@dataclass
class Data2025:
    visits: list[dict] = field(default_factory=list)
    petitions: list[dict] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)


def _day(rng: random.Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _case_row(rng: random.Random, unit: Unit, kind: str, previous: Case | None) -> dict:
    accepted = None if rng.random() < 0.08 else _day(rng, last=dt.date(2026, 3, 31))
    row: dict = {
        "unit": unit,
        "kind": kind,
        "accepted_on": accepted,
        "outcome": "",
        "decided_on": None,
        "executed_on": None,
        "previous": previous,
    }
    if accepted is None:
        return row
    roll = rng.random()
    if roll < 0.6:
        row["outcome"] = rng.choice(DECISION_OUTCOMES[kind])
    elif roll < 0.75:
        row["outcome"] = rng.choice(["withdrawn", "terminated"])
    if row["outcome"]:
        row["decided_on"] = accepted + dt.timedelta(days=rng.randint(5, 120))
        if row["outcome"] not in ("withdrawn", "terminated") and rng.random() < 0.5:
            row["executed_on"] = row["decided_on"] + dt.timedelta(days=rng.randint(0, 150))
    for name in MONEY_FIELDS:
        row[name] = Decimal(rng.randint(0, 40000)) / 1000 if rng.random() < 0.5 else Decimal(0)
    for name in LAND_FIELDS:
        row[name] = Decimal(rng.randint(0, 90000)) / 100 if rng.random() < 0.4 else Decimal(0)
    for whole, part in COUNT_FIELDS:
        row[whole] = rng.choice([0, 0, 1, 2, 5])
        if part:
            row[part] = rng.randint(0, row[whole])
    return row


def _cases(rng: random.Random, units: list[Unit], data: Data2025, size: int) -> list[Case]:
    cases: list[Case] = []
    for _ in range(size):
        unit = rng.choice(units)
        kind = rng.choice(list(KIND_TYPE))
        earlier = [c for c in cases if c.kind == "denunciation" and c.unit_id == unit.pk]
        previous = (
            rng.choice(earlier)
            if kind == "denunciation" and earlier and rng.random() < 0.4
            else None
        )
        row = _case_row(rng, unit, kind, previous)
        fields = {k: v for k, v in row.items() if k not in ("unit", "kind")}
        case = case_create(unit, kind=kind, status="accepted", **fields)
        cases.append(case)
        data.cases.append({**row, "pk": case.pk})
    return cases


def _petitions(rng: random.Random, units: list[Unit], cases: list[Case], data: Data2025) -> None:
    petitions: list[Petition] = []
    # The petitions a matter was accepted from (thụ lý on the day of the decision).
    for case, row in zip(cases, data.cases, strict=True):
        for _ in range(rng.choice([1, 1, 2])):
            decided = row["accepted_on"] or _day(rng)
            prior = (
                "first"
                if row["kind"] == "complaint_second" and rng.random() < 0.5
                else rng.choice(PRIORS)
            )
            petitions.append(
                petition_build(
                    case.unit,
                    decided - dt.timedelta(days=rng.randint(0, 20)),
                    petition_type=KIND_TYPE[row["kind"]],
                    domain=rng.choice(DOMAINS),
                    case=case,
                    eligibility="eligible",
                    within_jurisdiction=True,
                    prior_resolution=prior,
                    outcome="accept",
                    decided_on=decided,
                )
            )
    # Petitions without a matter of their own: guided, transferred, urged, refused, pending.
    for _ in range(len(cases) * 3):
        received = _day(rng)
        decided = rng.choice([None, received + dt.timedelta(days=rng.randint(0, 60))])
        eligible = rng.random() < 0.8
        outcome = ""
        within = None
        if decided:
            outcome = rng.choice(["guide", "transfer", "urge", "reject"]) if eligible else "file"
            within = outcome == "reject" or None
            if outcome in ("guide", "transfer"):
                within = False
        petitions.append(
            petition_build(
                rng.choice(units),
                received,
                petition_type=rng.choice(["complaint", "denunciation", "proposal"]),
                domain=rng.choice(DOMAINS),
                eligibility="eligible" if eligible else "ineligible",
                within_jurisdiction=within,
                prior_resolution=rng.choice(PRIORS),
                outcome=outcome,
                decided_on=decided,
            )
        )
    Petition.objects.bulk_create(petitions)
    by_case = {row["pk"]: row for row in data.cases}
    for p in petitions:
        case = by_case.get(p.case_id)
        data.petitions.append(
            {
                "pk": p.pk,
                "unit": p.unit,
                "received": p.received_on,
                "type": p.petition_type,
                "domain": p.domain,
                "case": p.case_id,
                "case_row": case,
                "eligible": p.eligibility == "eligible",
                "within": p.within_jurisdiction,
                "prior": p.prior_resolution,
                "outcome": p.outcome,
                "decided": p.decided_on,
            }
        )


def _visits(
    rng: random.Random, units: list[Unit], cases: list[Case], data: Data2025, n: int
) -> None:
    sessions: dict[tuple, ReceptionSession] = {}
    visits = []
    for _ in range(n):
        day = _day(rng)
        at = dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), tzinfo=TZ)
        case = rng.choice(cases)  # every visit is about a matter
        unit = case.unit
        mode, chair = rng.choice(
            [
                ("regular", "officer"),
                ("regular", "officer"),
                ("regular", "head"),
                ("periodic", "head"),
                ("adhoc", "head"),
                ("periodic", "delegate"),
                ("adhoc", "delegate"),
            ]
        )
        session = None
        if mode != "regular" and rng.random() < 0.85:
            key = (unit.pk, day, chair)
            if key not in sessions:
                sessions[key] = ReceptionSession.objects.create(
                    unit=unit, date=day, mode=mode, chaired_by=chair
                )
            session = sessions[key]
        visits.append(
            visit_build(
                unit,
                case,
                at,
                mode=mode,
                chaired_by=chair,
                session=session,
                people_count=rng.choice([1, 1, 2, 4, 5, 9]),
            )
        )
    ReceptionVisit.objects.bulk_create(visits)
    _schedule(rng, units, list(sessions.values()), data)
    data.visits = [
        {
            "unit": v.unit,
            "day": v.received_at.astimezone(TZ).date(),
            "mode": v.mode,
            "chair": v.chaired_by,
            "people": v.people_count,
            "mass": v.is_mass_group,
            "case": v.case_id,
        }
        for v in visits
    ]


def _schedule(
    rng: random.Random, units: list[Unit], held: list[ReceptionSession], data: Data2025
) -> None:
    """Sessions beside those that received visits: announced ones no one came to, cancelled
    ones, regular-desk ones, some on a day the unit already has a session."""
    extra = []
    for i in range(len(held) + 40):
        if held and i % 3 == 0:
            other = rng.choice(held)
            unit, day = other.unit, other.date
        else:
            unit, day = rng.choice(units), _day(rng)
        mode = rng.choice(["periodic", "adhoc", "regular"])
        extra.append(
            ReceptionSession(
                unit=unit,
                date=day,
                mode=mode,
                chaired_by=rng.choice(["head", "delegate", "officer"]),
                status=rng.choice(["planned", "held", "cancelled"]),
                channel=rng.choice(["in_person", "online"]),
            )
        )
    ReceptionSession.objects.bulk_create(extra)
    data.sessions = [
        {"unit": s.unit, "day": s.date, "mode": s.mode, "chair": s.chaired_by, "status": s.status}
        for s in [*held, *extra]
    ]


def _figures(
    rng: random.Random, units: list[Unit], periods: list[Period], user: User, data: Data2025
) -> None:
    for period in periods:
        for unit in units[: len(units) - 1]:
            values = {name: rng.randint(0, 30) for name in MANAGEMENT_FIELDS}
            values["inspections_concluded"] = rng.randint(0, values["inspections"])
            ManagementFigures.objects.create(
                unit=unit,
                period_start=period.start,
                period_end=period.end,
                source_note="Sổ theo dõi công tác thanh tra",
                entered_by=user,
                **values,
            )
            data.figures.append({"unit": unit, "start": period.start, "end": period.end, **values})


def data2025_build(
    units: list[Unit], periods: list[Period], user: User, *, seed: int = 11, size: int = 50
) -> Data2025:
    rng = random.Random(seed)
    data = Data2025()
    cases = _cases(rng, units, data, size)
    _petitions(rng, units, cases, data)
    _visits(rng, units, cases, data, size * 4)
    _figures(rng, units, periods, user, data)
    return data
