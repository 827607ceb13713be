"""Test data for the reports: a generated data set of known composition.

Records are written with bulk_create directly (the fields are the report's contract); each
record is also kept as a plain dict so the tests can count every column independently.
"""

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from tiepdan.cases.models import Case
from tiepdan.monitoring.models import Alert
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.reception.models import ReceptionSession, ReceptionVisit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_numbers = itertools.count(1)

TYPES = ["complaint", "denunciation", "proposal"]
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
    "court",
    "denunciation_overdue",
    "denunciation_concluded",
]
OUTCOMES = ["accept", "guide", "transfer", "urge"]
CASE_STATUSES = ["received", "accepted", "resolved", "closed"]


@dataclass
class DataSet:
    visits: list[dict] = field(default_factory=list)
    petitions: list[dict] = field(default_factory=list)
    transfers: list[dict] = field(default_factory=list)
    cases: dict[int, dict] = field(default_factory=dict)


def case_create(
    unit: Unit, *, kind: str = "complaint_first", status: str = "received", **kw
) -> Case:
    return Case.objects.create(
        unit=unit,
        kind=kind,
        status=status,
        domain=kw.pop("domain", "admin.policy"),
        summary="Vụ việc thử nghiệm",
        opened_on=kw.pop("opened_on", dt.date(2024, 1, 1)),
        **kw,
    )


def visit_build(unit: Unit, case: Case, at: dt.datetime, **kw) -> ReceptionVisit:
    people = kw.pop("people_count", 1)
    return ReceptionVisit(
        unit=unit,
        year=at.year,
        register_number=next(_numbers),
        received_at=at,
        mode=kw.pop("mode", "regular"),
        chaired_by=kw.pop("chaired_by", "officer"),
        channel="in_person",
        people_count=people,
        is_mass_group=people >= 5,
        case=case,
        petition_type=kw.pop("petition_type", "complaint"),
        domain=kw.pop("domain", "admin.policy"),
        content="Nội dung",
        handling="guided",
        **kw,
    )


def petition_build(unit: Unit, received_on: dt.date, **kw) -> Petition:
    return Petition(
        unit=unit,
        year=received_on.year,
        number=next(_numbers),
        received_on=received_on,
        source="direct",
        petition_type=kw.pop("petition_type", "complaint"),
        domain=kw.pop("domain", "admin.policy"),
        summary=kw.pop("summary", "Nội dung đơn"),
        **kw,
    )


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def dataset_build(
    units: list[Unit], *, start: dt.date, end: dt.date, seed: int = 7, size: int = 60
) -> DataSet:
    """Visits, petitions and transfers around [start, end] in `units`, with edge cases:
    local-midnight boundaries, matters first seen before the period, split and duplicate
    petitions, carried-over petitions decided inside, after or never."""
    rng = random.Random(seed)
    data = DataSet()
    span = (end - start).days
    day = lambda: start + dt.timedelta(days=rng.randint(-40, span + 30))  # noqa: E731

    cases = []
    for i in range(size):
        unit = rng.choice(units)
        kind = rng.choice(["complaint_first", "complaint_second", "denunciation", "proposal"])
        known_first = None
        if i % 4 == 0:  # first seen long before the period, recorded on the case
            known_first = _local(start - dt.timedelta(days=200), 9)
        case = case_create(
            unit, kind=kind, status=rng.choice(CASE_STATUSES), first_visit_at=known_first
        )
        cases.append(case)
        data.cases[case.pk] = {
            "unit": unit,
            "kind": kind,
            "status": case.status,
            "first": known_first,
        }

    sessions = {}
    for unit in units:
        for chair in ("head", "delegate"):
            sessions[(unit.pk, chair)] = [
                ReceptionSession.objects.create(
                    unit=unit,
                    date=start + dt.timedelta(days=k * 20),
                    mode="periodic",
                    chaired_by=chair,
                )
                for k in range(3)
            ]

    visits = []
    boundary_times = [
        _local(start, 0, 5),
        _local(start - dt.timedelta(days=1), 23, 55),
        _local(end, 23, 50),
        _local(end + dt.timedelta(days=1), 0, 10),
    ]
    for i in range(size * 3):
        case = rng.choice(cases)
        unit = data.cases[case.pk]["unit"]
        at = boundary_times[i] if i < len(boundary_times) else _local(day(), rng.randint(7, 17))
        group = rng.choice(["regular", "regular", "head", "delegate"])
        kw = {"people_count": rng.choice([1, 1, 2, 3, 5, 8])}
        session = None
        if group == "regular":
            kw.update(mode="regular", chaired_by="officer")
        else:
            kw.update(mode=rng.choice(["periodic", "adhoc"]), chaired_by=group)
            if rng.random() < 0.9:
                session = rng.choice(sessions[(unit.pk, group)])
        visits.append(visit_build(unit, case, at, session=session, **kw))
    ReceptionVisit.objects.bulk_create(visits)
    # The reception service keeps each matter's first visit ever on the matter; so must we.
    for case in cases:
        firsts = [v.received_at for v in visits if v.case_id == case.pk]
        if firsts and (case.first_visit_at is None or min(firsts) < case.first_visit_at):
            case.first_visit_at = min(firsts)
            case.save(update_fields=["first_visit_at"])
    data.visits = [
        {
            "unit": v.unit,
            "at": v.received_at,
            "mode": v.mode,
            "chaired_by": v.chaired_by,
            "people": v.people_count,
            "mass": v.is_mass_group,
            "case": v.case_id,
            "session": v.session_id,
        }
        for v in visits
    ]

    petitions = []
    for _ in range(size * 4):
        unit = rng.choice(units)
        received = day()
        decided = rng.choice([None, received + dt.timedelta(days=rng.randint(0, 60))])
        eligible = rng.random() < 0.75
        case = rng.choice(cases + [None] * 10)
        petitions.append(
            petition_build(
                unit,
                received,
                petition_type=rng.choice(TYPES),
                domain=rng.choice(DOMAINS),
                signatory_count=rng.choice([1, 1, 2, 6]),
                anonymous=rng.random() < 0.1,
                case=case,
                eligibility="eligible" if eligible else rng.choice(["ineligible", "pending"]),
                prior_resolution=rng.choice(PRIORS),
                outcome=rng.choice(OUTCOMES) if decided else "",
                decided_on=decided,
            )
        )
    Petition.objects.bulk_create(petitions)
    # A mixed petition split into two parts: only the parts count.
    mixed = petition_build(units[0], start + dt.timedelta(days=3), petition_type="mixed")
    mixed.save()
    parts = [
        petition_build(
            units[0],
            start + dt.timedelta(days=3),
            petition_type=t,
            split_from=mixed,
            eligibility="eligible",
            decided_on=start + dt.timedelta(days=5),
            outcome="accept",
        )
        for t in ("complaint", "denunciation")
    ]
    Petition.objects.bulk_create(parts)
    # An eligible-looking duplicate of the first petition: not đủ điều kiện.
    duplicate = petition_build(
        units[0],
        start + dt.timedelta(days=4),
        duplicate_of=parts[0],
        eligibility="eligible",
        decided_on=start + dt.timedelta(days=6),
        outcome="guide",
    )
    duplicate.save()
    for p in [*petitions, *parts, duplicate]:
        data.petitions.append(
            {
                "pk": p.pk,
                "unit": p.unit,
                "received": p.received_on,
                "type": p.petition_type,
                "domain": p.domain,
                "signers": p.signatory_count,
                "anonymous": p.anonymous,
                "case": p.case_id,
                "case_kind": data.cases[p.case_id]["kind"] if p.case_id else None,
                "case_status": data.cases[p.case_id]["status"] if p.case_id else None,
                "case_decided": None,  # the cases here are never decided
                "eligible": p.eligibility == "eligible" and p.duplicate_of_id is None,
                "prior": p.prior_resolution,
                "outcome": p.outcome,
                "decided": p.decided_on,
            }
        )

    transfers = []
    for p in petitions[:size]:
        reply = rng.choice([None, day()])
        transfers.append(
            Transfer(
                petition=p,
                from_unit=p.unit,
                to_body="Cơ quan khác",
                sent_on=p.received_on,
                reply_received_on=reply,
            )
        )
    Transfer.objects.bulk_create(transfers)
    data.transfers = [
        {"from_unit": t.from_unit, "reply": t.reply_received_on, "type": t.petition.petition_type}
        for t in transfers
    ]
    return data


def alerts_create(units: list[Unit]) -> None:
    """Two alerts per unit, one closed, one still open (created now)."""
    for unit in units:
        for kind, status in (("mass_group", "closed"), ("repeat_visits", "open")):
            Alert.objects.create(unit=unit, kind=kind, level="warning", status=status, summary="x")
