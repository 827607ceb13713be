"""Time the hotspot scan over one year of a province: 1,000,000 petitions and 2,000,000 visits
(target: under 5 s on PostgreSQL).

The data are generated once with bulk_create in a dedicated province unit (code BENCH-HOT, with
150 wards) and reused by later runs. Most matters are visited once or twice a year; a few
deliberate hotspots are planted (clusters of one clearance subject in one quarter, chronic
matters, escalations to the province, mass groups). Then the real scan runs twice (the first
raises the alerts, the second is the steady state), and the dashboard's reads are timed.

    DATABASE_URL=postgres://… python manage.py benchmark_hotspots
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from tiepdan.cases.models import Case, SubjectCategory
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.monitoring import dashboard_figures, forecast, selectors, services
from tiepdan.monitoring.models import Alert
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.workcalendar import selectors as calendar_selectors

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "BENCH-HOT"
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
BATCH = 20_000


@dataclass
class _People:
    """The generated citizens: their ids and the index of the ward each lives in."""

    ids: list[int] = field(default_factory=list)
    ward: list[int] = field(default_factory=list)


class Command(BaseCommand):
    help = "Đo thời gian quét điểm nóng trên một tỉnh 1.000.000 đơn, 2.000.000 lượt tiếp."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--visits", type=int, default=2_000_000)
        parser.add_argument("--petitions", type=int, default=1_000_000)
        parser.add_argument("--citizens", type=int, default=200_000)
        parser.add_argument("--wards", type=int, default=150)
        parser.add_argument("--seed", type=int, default=20250129)

    def handle(self, *args, visits, petitions, citizens, wards, seed, **options) -> None:
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        province = self._units(wards)
        have = ReceptionVisit.objects.filter(unit__path__startswith=province.path).count()
        if have < visits:
            started = time.perf_counter()
            self._generate(province, visits, petitions, citizens)
            self.stdout.write(f"Generated in {time.perf_counter() - started:.1f} s")
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("ANALYZE")
        else:
            self.stdout.write(f"Reusing {have} visits under {CODE}")
        counts = {
            "visits": ReceptionVisit.objects.filter(unit__path__startswith=province.path).count(),
            "petitions": Petition.objects.filter(unit__path__startswith=province.path).count(),
        }
        self.stdout.write(f"Data: {counts} on {connection.vendor}")
        for run in (1, 2):
            started = time.perf_counter()
            result = services.hotspot_scan(root=province, today=self.today)
            total = time.perf_counter() - started
            self.stdout.write(
                f"Scan {run}: {total:.2f} s — {result.hotspots} hotspots, "
                f"{result.alerts_raised} alerts raised, {result.alerts_kept} kept; {result.timings}"
            )
        user = User.objects.get(username="bench-hot-leader")
        started = time.perf_counter()
        selectors.dashboard(user, province, self.today)
        self.stdout.write(f"Dashboard reads: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        rows = forecast.forecast_visits(
            province, self.today + timedelta(days=1), self.today + timedelta(days=30)
        )
        self.stdout.write(
            f"Forecast 30 days: {time.perf_counter() - started:.2f} s, first day {rows[0]}"
        )
        started = time.perf_counter()
        grid = dashboard_figures.place_grid(province, self.today - timedelta(days=29), self.today)
        self.stdout.write(
            f"Place grid: {time.perf_counter() - started:.2f} s, {len(grid)} cells; "
            f"alerts: {Alert.objects.filter(unit__path__startswith=province.path).count()}"
        )

    # -- data -----------------------------------------------------------------------------------

    def _units(self, wards: int) -> Unit:
        province = Unit.objects.filter(code=CODE).first()
        if province is None:
            province = org_services.unit_create(
                code=CODE, name="Tỉnh Thử Nghiệm Điểm Nóng", kind=UnitKind.PROVINCE
            )
            for i in range(1, wards + 1):
                ward = org_services.unit_create(
                    code=f"{CODE}-{i:03d}",
                    name=f"Phường Thử {i}",
                    kind=UnitKind.WARD,
                    parent=province,
                )
                if i <= 10:
                    org_services.unit_create(
                        code=f"{CODE}-{i:03d}-CA",
                        name=f"Công an phường Thử {i}",
                        kind=UnitKind.POLICE,
                        parent=ward,
                    )
            org_services.user_create(
                username="bench-hot-leader",
                password="Bench-Hot-2025!",
                full_name="Lãnh đạo thử nghiệm",
                memberships=[(province, Role.LEADER)],
            )
        return province

    def _day_weights(self) -> tuple[list[date], list[float]]:
        cal = calendar_selectors.working_calendar()
        days = [self.today - timedelta(days=i) for i in range(365)]
        weights = []
        for d in days:
            w = 1.0 if cal.is_working_day(d) else 0.12
            name = cal.names.get(d, "")
            if not name and any(
                "tet" in search_key(cal.names.get(d + timedelta(days=k), "")) for k in range(1, 8)
            ):
                w *= 1.3  # the week before Tết
            weights.append(w)
        return days, weights

    @transaction.atomic
    def _generate(self, province: Unit, n_visits: int, n_petitions: int, n_citizens: int) -> None:
        # The random draws come in a fixed order (the seed gives the same data on every run).
        wards = list(Unit.objects.filter(parent=province, kind=UnitKind.WARD).order_by("pk"))
        subjects = [
            SubjectCategory.objects.get_or_create(
                name=name, bucket="admin.land_housing", unit=province
            )[0]
            for name in SUBJECTS
        ]
        self.days, weights = self._day_weights()
        self.cum = list(itertools.accumulate(weights))
        self.counters: dict[tuple[int, int], int] = {}
        people = self._citizens(wards, n_citizens)
        n_cases = n_visits // 2  # one per first visit; the second half of the visits come back
        self._cases(wards, subjects, people, n_cases)
        # Rows are written in date order, as a register is in production (physical locality).
        visit_days = sorted(self.rng.choices(self.days, cum_weights=self.cum, k=n_visits))
        petition_days = sorted(self.rng.choices(self.days, cum_weights=self.cum, k=n_petitions))
        province_visits = self._visits(province, wards, people, visit_days, n_cases)
        self._petitions(wards, people, petition_days)
        self.stdout.write("planted hotspots…")
        self._plant_clusters(wards, clearance=subjects[-1])
        self._plant_chronic(wards, people, n_cases)
        self.stdout.write(f"{province_visits} visits at the province level")

    def _number(self, unit_id: int, year: int) -> int:
        self.counters[(unit_id, year)] = self.counters.get((unit_id, year), 0) + 1
        return self.counters[(unit_id, year)]

    def _at(self, day: date) -> datetime:
        rng = self.rng
        return datetime(
            day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59), tzinfo=VN
        )

    def _make_visit(self, unit: Unit, case_idx: int, when: datetime, people: int) -> ReceptionVisit:
        _w, _ci, domain, subject = self.case_meta[case_idx]
        return ReceptionVisit(
            unit=unit,
            year=when.year,
            register_number=self._number(unit.pk, when.year),
            received_at=when,
            mode="regular",
            chaired_by="officer",
            channel="in_person",
            people_count=people,
            is_mass_group=people >= 5,
            case_id=self.case_ids[case_idx],
            petition_type="complaint",
            domain=domain,
            subject_id=subject,
            content="Nội dung thử",
            handling="guided",
        )

    def _citizens(self, wards: list[Unit], n_citizens: int) -> _People:
        """Citizens, each living in a quarter of a ward."""
        rng = self.rng
        self.stdout.write("citizens…")
        people = _People()
        objs = []
        for i in range(n_citizens):
            w = rng.randrange(len(wards))
            q = rng.randint(1, 30)
            address = f"Số {rng.randint(1, 300)}, Khu phố {q}, {wards[w].name}"
            name = f"Công dân thử {i}"
            objs.append(
                Citizen(
                    unit=wards[w],
                    full_name=name,
                    name_key=search_key(name),
                    address=address,
                    address_key=search_key(address),
                )
            )
            people.ward.append(w)
        people.ids = [c.pk for c in Citizen.objects.bulk_create(objs, batch_size=BATCH)]
        return people

    def _cases(
        self, wards: list[Unit], subjects: list[SubjectCategory], people: _People, n_cases: int
    ) -> None:
        rng = self.rng
        self.stdout.write("cases…")
        self.case_ids: list[int] = []
        # (ward index, citizen index, domain, subject)
        self.case_meta: list[tuple[int, int, str, int | None]] = []
        for start in range(0, n_cases, BATCH):
            batch = []
            for _ in range(start, min(n_cases, start + BATCH)):
                ci = rng.randrange(len(people.ward))
                w = people.ward[ci]
                domain = rng.choice(DOMAINS)
                subject = rng.choice(subjects).pk if domain == "admin.land_housing" else None
                day = rng.choices(self.days, cum_weights=self.cum)[0]
                summary = f"Nội dung vụ việc thử {domain}"
                batch.append(
                    Case(
                        unit=wards[w],
                        kind="complaint_first",
                        domain=domain,
                        subject_id=subject,
                        summary=summary,
                        summary_key=search_key(summary),
                        opened_on=day,
                    )
                )
                self.case_meta.append((w, ci, domain, subject))
            made = Case.objects.bulk_create(batch, batch_size=BATCH)
            self.case_ids.extend(c.pk for c in made)
            Case.citizens.through.objects.bulk_create(
                [
                    Case.citizens.through(
                        matter_id=c.pk, citizen_id=people.ids[self.case_meta[start + k][1]]
                    )
                    for k, c in enumerate(made)
                ],
                batch_size=BATCH,
            )

    def _visits(
        self,
        province: Unit,
        wards: list[Unit],
        people: _People,
        visit_days: list[date],
        n_cases: int,
    ) -> int:
        """The visits in date order; returns how many went to the province (vượt cấp)."""
        rng = self.rng
        self.stdout.write("visits…")
        n_visits = len(visit_days)
        province_visits = 0
        for start in range(0, n_visits, BATCH):
            batch: list[ReceptionVisit] = []
            attendees: list[int] = []
            for k in range(start, min(n_visits, start + BATCH)):
                case_idx = k if k < n_cases else rng.randrange(n_cases)
                w, ci, *_ = self.case_meta[case_idx]
                count = (
                    rng.randint(5, 25)
                    if rng.random() < 0.0005
                    else (2 if rng.random() < 0.1 else 1)
                )
                unit = wards[w]
                if rng.random() < 0.0002:  # the citizen goes to the province instead (vượt cấp)
                    unit, province_visits = province, province_visits + 1
                batch.append(self._make_visit(unit, case_idx, self._at(visit_days[k]), count))
                attendees.append(people.ids[ci])
            made = ReceptionVisit.objects.bulk_create(batch, batch_size=BATCH)
            VisitCitizen.objects.bulk_create(
                [
                    VisitCitizen(visit_id=v.pk, citizen_id=c)
                    for v, c in zip(made, attendees, strict=True)
                ],
                batch_size=BATCH,
            )
        return province_visits

    def _petitions(self, wards: list[Unit], people: _People, petition_days: list[date]) -> None:
        rng = self.rng
        self.stdout.write("petitions…")
        n_petitions = len(petition_days)
        for start in range(0, n_petitions, BATCH):
            batch: list[Petition] = []
            senders: list[int] = []
            for _ in range(start, min(n_petitions, start + BATCH)):
                ci = rng.randrange(len(people.ward))
                w = people.ward[ci]
                day = petition_days[len(batch) + start]
                domain = rng.choice(DOMAINS)
                signatories = rng.randint(5, 40) if rng.random() < 0.0002 else 1
                batch.append(
                    Petition(
                        unit=wards[w],
                        year=day.year,
                        number=self._number(-wards[w].pk, day.year),
                        received_on=day,
                        source="post",
                        petition_type="proposal",
                        domain=domain,
                        summary="Đơn thử",
                        summary_key="don thu",
                        signatory_count=signatories,
                    )
                )
                senders.append(people.ids[ci])
            made = Petition.objects.bulk_create(batch, batch_size=BATCH)
            Petition.senders.through.objects.bulk_create(
                [
                    Petition.senders.through(petition_id=p.pk, citizen_id=c)
                    for p, c in zip(made, senders, strict=True)
                ],
                batch_size=BATCH,
            )

    def _plant_clusters(self, wards: list[Unit], *, clearance: SubjectCategory) -> None:
        """25 clusters: one clearance subject, one quarter, 6–12 citizens each."""
        rng = self.rng
        planted: list[ReceptionVisit] = []
        persons: list[Citizen] = []
        for h in range(25):
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
                when = self._at(self.today - timedelta(days=rng.randint(0, 10)))
                planted.append(
                    ReceptionVisit(
                        unit=wards[w],
                        year=when.year,
                        register_number=self._number(wards[w].pk, when.year),
                        received_at=when,
                        mode="regular",
                        chaired_by="officer",
                        channel="in_person",
                        people_count=1,
                        case=case,
                        petition_type="complaint",
                        domain="admin.land_housing",
                        subject=clearance,
                        content="Bồi thường dự án",
                        handling="guided",
                    )
                )
                persons.append(person)
        made = ReceptionVisit.objects.bulk_create(planted)
        VisitCitizen.objects.bulk_create(
            [
                VisitCitizen(visit_id=v.pk, citizen_id=p.pk)
                for v, p in zip(made, persons, strict=True)
            ]
        )

    def _plant_chronic(self, wards: list[Unit], people: _People, n_cases: int) -> None:
        """200 chronic matters: 3–5 visits in the last 60 days."""
        rng = self.rng
        chronic: list[tuple[ReceptionVisit, int]] = []
        for _ in range(200):
            case_idx = rng.randrange(n_cases)
            w, ci, *_ = self.case_meta[case_idx]
            chronic.extend(
                (
                    self._make_visit(
                        wards[w],
                        case_idx,
                        self._at(self.today - timedelta(days=rng.randint(0, 60))),
                        1,
                    ),
                    people.ids[ci],
                )
                for _visit in range(rng.randint(3, 5))
            )
        made = ReceptionVisit.objects.bulk_create([v for v, _ in chronic])
        VisitCitizen.objects.bulk_create(
            [
                VisitCitizen(visit_id=v.pk, citizen_id=c)
                for v, (_, c) in zip(made, chronic, strict=True)
            ]
        )
