"""Generate the province-scale data set every benchmark runs on (`benchmark_all`), once.

At `--scale 1`: one province (code BENCH-PROV) with 100 wards (10 with a police unit),
500,000 citizens, 2,000,000 visits and 1,000,000 petitions over the last 365 days, a matter
(case) per six visits at every step (received, accepted with a running or paused legal clock,
suspended, resolved, closed), one in ten matters a denunciation (its visits and petitions are
sealed), planted hotspots (clusters of one clearance subject in one quarter, chronic matters,
escalations to the province, mass groups). The alerts come from the first hotspot scan, which
`benchmark_all` times. Users: `bench.ward` (leader and receptionist of the first ward) and
`bench.province` (leader of the province); `--password` sets their password.

Rows are written with bulk_create in batches of 20,000 in date order, then every loaded table is
analysed (VACUUM ANALYZE on PostgreSQL): a fresh bulk load has no statistics.

    DATABASE_URL=postgres://… python manage.py benchmark_data --scale 0.1
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tiepdan.cases.models import Case, SubjectCategory
from tiepdan.citizens.management.commands.benchmark_desk_search import FAMILY, GIVEN, MIDDLE
from tiepdan.citizens.models import Citizen
from tiepdan.core.db import analyse
from tiepdan.core.models import SequenceCounter
from tiepdan.core.text import search_key
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Membership, Unit, User
from tiepdan.petitions.constants import NUMBER_SEQUENCE
from tiepdan.petitions.models import Petition
from tiepdan.reception.constants import REGISTER_SEQUENCE
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.workcalendar.models import Clock

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "BENCH-PROV"
WARDS = 100
LOAD_UNITS = 20
FULL = {"citizens": 500_000, "visits": 2_000_000, "petitions": 1_000_000}
VISITS_PER_CASE = 6
BATCH = 20_000
DOMAINS = [
    "admin.land_housing",
    "admin.land_housing",
    "admin.land_housing",
    "admin.policy",
    "admin.civil_service",
    "admin.other",
    "judicial",
    "other",
]
SUBJECTS = [f"Lĩnh vực chi tiết {i}" for i in range(1, 20)] + ["Bồi thường, giải phóng mặt bằng"]
RULES = {
    "complaint_first": "complaint.resolve.first",
    "complaint_second": "complaint.resolve.second",
    "denunciation": "denunciation.resolve",
}
# (status, share): every step of a matter.
STEPS = [
    ("received", 0.15),
    ("accepted", 0.45),
    ("suspended", 0.05),
    ("resolved", 0.20),
    ("closed", 0.15),
]


def bench_province() -> Unit | None:
    return Unit.objects.filter(code=CODE).first()


class Command(BaseCommand):
    help = "Sinh bộ dữ liệu thử tải cấp tỉnh (một lần) cho benchmark_all."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--password", default="Do-hieu-nang-cap-tinh-2026")

    def handle(self, *args, scale: float, seed: int, password: str, **options) -> None:
        if not 0 < scale <= 1:
            raise CommandError("--scale must be in (0, 1].")
        if bench_province() is not None:
            self.stdout.write(f"{CODE} exists: reusing it (drop the database to regenerate).")
            return
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        n = {k: max(int(v * scale), 1000) for k, v in FULL.items()}
        started = time.perf_counter()
        with transaction.atomic():
            province = self._units(password)
            self._generate(province, n["citizens"], n["visits"], n["petitions"])
        loaded = time.perf_counter() - started
        analysed = time.perf_counter()
        analyse(
            Unit,
            Citizen,
            Case,
            Case.citizens.through,
            ReceptionVisit,
            VisitCitizen,
            Petition,
            Petition.senders.through,
            Clock,
            vacuum=True,
        )
        self.stdout.write(
            f"Generated {n} (scale {scale}) in {loaded:.1f} s; "
            f"analysed in {time.perf_counter() - analysed:.1f} s"
        )

    # -- units and users ------------------------------------------------------------------------

    def _units(self, password: str) -> Unit:
        province = org_services.unit_create(code=CODE, name="Tỉnh Thử Tải", kind=UnitKind.PROVINCE)
        for i in range(1, WARDS + 1):
            ward = org_services.unit_create(
                code=f"{CODE}-{i:03d}",
                name=f"Phường Thử Tải {i}",
                kind=UnitKind.WARD,
                parent=province,
            )
            if i <= 10:
                org_services.unit_create(
                    code=f"{CODE}-{i:03d}-CA",
                    name=f"Công an phường Thử Tải {i}",
                    kind=UnitKind.POLICE,
                    parent=ward,
                )
        first = Unit.objects.get(code=f"{CODE}-001")
        org_services.user_create(
            username="bench.ward",
            password=password,
            full_name="Cán bộ phường thử",
            memberships=[(first, Role.RECEPTIONIST), (first, Role.LEADER), (first, Role.PROCESSOR)],
        )
        hashed = org_services.user_create(
            username="bench.province",
            password=password,
            full_name="Lãnh đạo tỉnh thử",
            memberships=[(province, Role.LEADER), (province, Role.PROCESSOR)],
        ).password
        # The receptionists of the first LOAD_UNITS wards (the visit load), same password.
        for i in range(1, LOAD_UNITS + 1):
            user = User.objects.create(
                username=f"bench.ward{i:03d}", password=hashed, full_name=f"Cán bộ phường {i}"
            )
            Membership.objects.create(
                user=user, unit=Unit.objects.get(code=f"{CODE}-{i:03d}"), role=Role.RECEPTIONIST
            )
        return province

    # -- data -----------------------------------------------------------------------------------

    def _day_weights(self) -> tuple[list[date], list[float]]:
        from tiepdan.workcalendar import selectors as calendar_selectors

        cal = calendar_selectors.working_calendar()
        days = [self.today - timedelta(days=i) for i in range(365)]
        weights = [1.0 if cal.is_working_day(d) else 0.12 for d in days]
        return days, weights

    def _generate(self, province: Unit, n_citizens: int, n_visits: int, n_petitions: int) -> None:
        rng = self.rng
        wards = list(Unit.objects.filter(parent=province, kind=UnitKind.WARD).order_by("pk"))
        subjects = [
            SubjectCategory.objects.create(name=name, bucket="admin.land_housing", unit=province)
            for name in SUBJECTS
        ]
        days, weights = self._day_weights()
        cum = list(itertools.accumulate(weights))
        t = time.perf_counter()
        # Citizens: each lives in a quarter of a ward, with an ID number and a phone.
        citizen_ward: list[int] = []
        citizen_ids: list[int] = []
        for start in range(0, n_citizens, BATCH):
            objs = []
            for i in range(start, min(n_citizens, start + BATCH)):
                w = rng.randrange(len(wards))
                q = rng.randint(1, 30)
                address = f"Số {rng.randint(1, 300)}, Khu phố {q}, {wards[w].name}"
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                year = rng.randint(1940, 2006)
                objs.append(
                    Citizen(
                        unit=wards[w],
                        full_name=name,
                        name_key=search_key(name),
                        id_number=f"0{rng.randint(10, 96):02d}{int(year >= 2000) * 2}"
                        f"{year % 100:02d}{i:06d}",
                        id_kind="cccd",
                        phone=f"09{rng.randint(0, 99_999_999):08d}",
                        address=address,
                        address_key=search_key(address),
                    )
                )
                citizen_ward.append(w)
            citizen_ids.extend(c.pk for c in Citizen.objects.bulk_create(objs))
        self.stdout.write(f"  {n_citizens:,} citizens: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        # Matters, at every step; one in ten a denunciation.
        n_cases = max(n_visits // VISITS_PER_CASE, 1)
        statuses = [s for s, _ in STEPS]
        shares = list(itertools.accumulate(w for _, w in STEPS))
        case_ids: list[int] = []
        case_meta: list[tuple[int, int, str, int | None, str]] = []  # ward, citizen, domain, …
        clocks: list[Clock] = []
        case_ct = ContentType.objects.get_for_model(Case)
        for start in range(0, n_cases, BATCH):
            batch = []
            for _ in range(start, min(n_cases, start + BATCH)):
                ci = rng.randrange(n_citizens)
                w = citizen_ward[ci]
                domain = rng.choice(DOMAINS)
                subject = rng.choice(subjects).pk if domain == "admin.land_housing" else None
                kind = rng.choices(
                    ["complaint_first", "complaint_second", "denunciation", "proposal"],
                    cum_weights=[55, 65, 75, 100],
                )[0]
                status = rng.choices(statuses, cum_weights=shares)[0]
                opened = rng.choices(days, cum_weights=cum)[0]
                accepted = None if status == "received" else opened + timedelta(days=7)
                summary = f"Nội dung vụ việc thử {domain}"
                case = Case(
                    unit=wards[w],
                    kind=kind,
                    status=status,
                    domain=domain,
                    subject_id=subject,
                    summary=summary,
                    summary_key=search_key(summary),
                    opened_on=opened,
                    accepted_on=accepted,
                    decided_on=accepted + timedelta(days=30)
                    if accepted is not None and status in ("resolved", "closed")
                    else None,
                )
                if accepted is not None and status in ("accepted", "suspended"):
                    case.next_due = accepted + timedelta(days=rng.randint(20, 90))
                    case.next_rule = RULES.get(kind, RULES["complaint_first"])
                batch.append(case)
                case_meta.append((w, ci, domain, subject, kind))
            made = Case.objects.bulk_create(batch)
            case_ids.extend(c.pk for c in made)
            Case.citizens.through.objects.bulk_create(
                [
                    Case.citizens.through(
                        matter_id=c.pk, citizen_id=citizen_ids[case_meta[start + k][1]]
                    )
                    for k, c in enumerate(made)
                ],
                batch_size=BATCH,
            )
            for c in made:
                if c.accepted_on is None:
                    continue
                rule = RULES.get(c.kind, RULES["complaint_first"])
                open_clock = c.next_due is not None
                due = c.next_due or c.accepted_on + timedelta(days=45)
                clocks.append(
                    Clock(
                        content_type=case_ct,
                        object_id=c.pk,
                        unit_id=c.unit_id,
                        rule_code=rule,
                        rule_version=1,
                        start=c.accepted_on,
                        due=due,
                        status=("paused" if c.status == "suspended" else "running")
                        if open_clock
                        else "met",
                        met_on=None if open_clock else c.decided_on,
                        legal_basis="Bộ thử tải",
                    )
                )
            Clock.objects.bulk_create(clocks, batch_size=BATCH)
            clocks = []
        self.stdout.write(f"  {n_cases:,} cases with their clocks: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        counters: dict[tuple[int, int], int] = {}

        def number(unit_id: int, year: int) -> int:
            counters[(unit_id, year)] = counters.get((unit_id, year), 0) + 1
            return counters[(unit_id, year)]

        def at(day: date) -> datetime:
            return datetime(
                day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59), tzinfo=VN
            )

        def make_visit(unit: Unit, case_idx: int, when: datetime, people: int) -> ReceptionVisit:
            _w, _ci, domain, subject, kind = case_meta[case_idx]
            return ReceptionVisit(
                unit=unit,
                year=when.year,
                register_number=number(unit.pk, when.year),
                received_at=when,
                mode="regular",
                chaired_by="officer",
                channel="in_person",
                people_count=people,
                is_mass_group=people >= 5,
                case_id=case_ids[case_idx],
                petition_type="denunciation" if kind == "denunciation" else "complaint",
                domain=domain,
                subject_id=subject,
                content="Nội dung thử",
                handling="guided",
            )

        # Rows in date order, as a register is written (physical locality).
        visit_days = sorted(rng.choices(days, cum_weights=cum, k=n_visits))
        escalated = 0
        for start in range(0, n_visits, BATCH):
            visits: list[ReceptionVisit] = []
            attendees: list[int] = []
            for k in range(start, min(n_visits, start + BATCH)):
                case_idx = k if k < n_cases else rng.randrange(n_cases)
                w, ci, *_ = case_meta[case_idx]
                people = (
                    rng.randint(5, 25)
                    if rng.random() < 0.0005
                    else (2 if rng.random() < 0.1 else 1)
                )
                unit = wards[w]
                if rng.random() < 0.0002:  # the citizen goes to the province instead
                    unit, escalated = province, escalated + 1
                visits.append(make_visit(unit, case_idx, at(visit_days[k]), people))
                attendees.append(citizen_ids[ci])
            made_visits = ReceptionVisit.objects.bulk_create(visits)
            VisitCitizen.objects.bulk_create(
                [
                    VisitCitizen(visit_id=v.pk, citizen_id=c)
                    for v, c in zip(made_visits, attendees, strict=True)
                ],
                batch_size=BATCH,
            )
        self.stdout.write(
            f"  {n_visits:,} visits ({escalated} at the province): {time.perf_counter() - t:.1f} s"
        )
        t = time.perf_counter()
        petition_days = sorted(rng.choices(days, cum_weights=cum, k=n_petitions))
        for start in range(0, n_petitions, BATCH):
            petitions: list[Petition] = []
            senders: list[int] = []
            for k in range(start, min(n_petitions, start + BATCH)):
                case_idx = rng.randrange(n_cases)
                w, ci, domain, _subject, kind = case_meta[case_idx]
                day = petition_days[k]
                petitions.append(
                    Petition(
                        unit=wards[w],
                        year=day.year,
                        number=number(-wards[w].pk, day.year),
                        received_on=day,
                        source="post",
                        petition_type="denunciation" if kind == "denunciation" else "proposal",
                        domain=domain,
                        summary="Đơn thử",
                        summary_key="don thu",
                        status="received" if rng.random() < 0.2 else "decided",
                        case_id=case_ids[case_idx] if rng.random() < 0.5 else None,
                        signatory_count=rng.randint(5, 40) if rng.random() < 0.0002 else 1,
                    )
                )
                senders.append(citizen_ids[ci])
            made_petitions = Petition.objects.bulk_create(petitions)
            Petition.senders.through.objects.bulk_create(
                [
                    Petition.senders.through(petition_id=p.pk, citizen_id=c)
                    for p, c in zip(made_petitions, senders, strict=True)
                ],
                batch_size=BATCH,
            )
        self.stdout.write(f"  {n_petitions:,} petitions: {time.perf_counter() - t:.1f} s")
        self._plant(wards, subjects[-1], case_meta, case_ids, citizen_ids, make_visit, at)
        # The register and petition numbers go on from the loaded ones (core.sequences).
        SequenceCounter.objects.bulk_create(
            [
                SequenceCounter(
                    sequence=REGISTER_SEQUENCE if unit_id > 0 else NUMBER_SEQUENCE,
                    unit_id=abs(unit_id),
                    year=year,
                    last=last,
                )
                for (unit_id, year), last in counters.items()
            ]
        )

    def _plant(self, wards, clearance, case_meta, case_ids, citizen_ids, make_visit, at) -> None:
        """Hotspots the scan must find: clusters of one clearance subject in one quarter of a
        ward, and chronic matters (3–5 visits in the last 60 days), in proportion to the size."""
        rng = self.rng
        scale = len(case_ids) / (FULL["visits"] / VISITS_PER_CASE)
        planted, people = [], []
        for h in range(max(int(25 * scale), 3)):
            w, q = rng.randrange(len(wards)), rng.randint(1, 30)
            for j in range(rng.randint(6, 12)):
                address = f"Số {j + 1}, Khu phố {q}, {wards[w].name}"
                name = f"Hộ dân dự án {h}-{j}"
                person = Citizen.objects.create(
                    unit=wards[w],
                    full_name=name,
                    name_key=search_key(name),
                    address=address,
                    address_key=search_key(address),
                )
                case = Case.objects.create(
                    unit=wards[w],
                    kind="complaint_first",
                    domain="admin.land_housing",
                    subject=clearance,
                    summary="Bồi thường dự án",
                    summary_key="boi thuong du an",
                    opened_on=self.today,
                )
                case.citizens.add(person)
                case_meta.append((w, -1, "admin.land_housing", clearance.pk, "complaint_first"))
                case_ids.append(case.pk)
                when = at(self.today - timedelta(days=rng.randint(0, 10)))
                planted.append(make_visit(wards[w], len(case_ids) - 1, when, 1))
                people.append(person.pk)
        for _ in range(max(int(200 * scale), 10)):
            case_idx = rng.randrange(len(case_ids))
            w, ci, *_ = case_meta[case_idx]
            if ci < 0:
                continue
            for _visit in range(rng.randint(3, 5)):
                when = at(self.today - timedelta(days=rng.randint(0, 60)))
                planted.append(make_visit(wards[w], case_idx, when, 1))
                people.append(citizen_ids[ci])
        made = ReceptionVisit.objects.bulk_create(planted)
        VisitCitizen.objects.bulk_create(
            [VisitCitizen(visit_id=v.pk, citizen_id=c) for v, c in zip(made, people, strict=True)]
        )
