"""Generate the province-scale data set every benchmark runs on (`benchmark_all`), once.

At `--scale 1`: one province (code BENCH-PROV) with 100 wards (10 with a police unit),
500,000 citizens, 2,000,000 visits and 1,000,000 petitions over the last 365 days, a matter
(case) per six visits at every step (received, accepted with a running or paused legal clock,
suspended, resolved, closed), one in ten matters a denunciation (its visits and petitions are
sealed), planted hotspots (clusters of one clearance subject in one quarter, chronic matters,
escalations to the province, mass groups), in the hotspot benchmark's domains and subjects.
The alerts come from the first hotspot scan, which `benchmark_all` times. Users: `bench.ward`
(leader and receptionist of the first ward) and `bench.province` (leader of the province).

The register is planned first, in date order: a visit opens a matter (spread over the year,
its `first_visit_at`) or comes back to one. A denunciation's denouncers are sealed as the vault
leaves them (identity records encrypted, no plain link from its visits, linked petitions or
matter). The audit trail holds the event each visit and petition left (`demo.audit_history`),
linked in each unit's chain. Rows are written with COPY on PostgreSQL (`core.db.insert_rows`,
bulk_create on SQLite) in batches of 20,000, then every loaded table is analysed (VACUUM
ANALYZE on PostgreSQL): a fresh bulk load has no statistics.

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
from django.db import connection, transaction
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case, SubjectCategory
from tiepdan.citizens.management.commands.benchmark_desk_search import FAMILY, GIVEN, MIDDLE
from tiepdan.citizens.models import Citizen
from tiepdan.core.db import analyse, insert_rows
from tiepdan.core.models import SequenceCounter
from tiepdan.core.text import search_key
from tiepdan.demo.audit_history import write_history
from tiepdan.demo.bench_columns import (
    CASE_COLUMNS,
    CITIZEN_COLUMNS,
    CLOCK_COLUMNS,
    IDENTITY_COLUMNS,
    PETITION_COLUMNS,
    VISIT_COLUMNS,
)
from tiepdan.monitoring.management.commands.benchmark_hotspots import DOMAINS, SUBJECTS
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Membership, Unit, User
from tiepdan.petitions.constants import NUMBER_SEQUENCE
from tiepdan.petitions.models import Petition
from tiepdan.reception import visit_days
from tiepdan.reception.constants import REGISTER_SEQUENCE
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault.models import IdentityRecord
from tiepdan.vault.vault import encrypt
from tiepdan.workcalendar.models import Clock

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "BENCH-PROV"
WARDS = 100
LOAD_UNITS = 20
FULL = {"citizens": 500_000, "visits": 2_000_000, "petitions": 1_000_000}
VISITS_PER_CASE = 6
BATCH = 20_000
OUTCOMES = ["accept", "guide", "transfer", "file", "urge"]
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
            self._without_row_triggers()
            self._generate(province, n["citizens"], n["visits"], n["petitions"])
            visit_days.rebuild()  # the summary's triggers were skipped with the others
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
            IdentityRecord,
            AuditEvent,
            vacuum=True,
        )
        self.stdout.write(
            f"Generated {n} (scale {scale}) in {loaded:.1f} s; "
            f"analysed in {time.perf_counter() - analysed:.1f} s"
        )

    def _without_row_triggers(self) -> None:
        """On PostgreSQL as a superuser, skip the row triggers for the rest of the load: the
        deferred foreign-key checks (millions of queued events checked at commit) and the copy
        of `matter_first_at`, which the rows carry already. The generator writes only keys it
        has just made, so nothing goes unchecked that could be wrong."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
            if row and row[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")

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
        citizen_ids, citizen_ward = self._citizens(wards, n_citizens)
        self.stdout.write(f"  {n_citizens:,} citizens: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        # The register in date order (physical locality): a visit opens a new matter (spread
        # evenly over the year) or comes back to one opened before it.
        n_cases = max(n_visits // VISITS_PER_CASE, 1)
        visit_case: list[int] = []
        visit_at: list[datetime] = []
        self.first_at: list[datetime] = []
        first_at = self.first_at
        opening: set[int] = set()
        for k, day in enumerate(sorted(rng.choices(days, cum_weights=cum, k=n_visits))):
            when = self._at(day)
            if not first_at or rng.random() * (n_visits - k) < n_cases - len(first_at):
                visit_case.append(len(first_at))
                first_at.append(when)
                opening.add(k)
            else:
                visit_case.append(rng.randrange(len(first_at)))
                when = max(when, first_at[visit_case[-1]])
            visit_at.append(when)
        self.case_ids: list[int] = []
        self.case_meta: list[tuple[int, int, str, int | None, str]] = []  # ward, citizen, …
        for start in range(0, n_cases, BATCH):
            self._cases(wards, subjects, citizen_ward, citizen_ids, first_at[start : start + BATCH])
        self.stdout.write(f"  {n_cases:,} cases with their clocks: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        self.counters: dict[tuple[int, int], int] = {}
        escalated = 0
        for start in range(0, n_visits, BATCH):
            visits = []
            for k in range(start, min(n_visits, start + BATCH)):
                c = visit_case[k]
                unit = wards[self.case_meta[c][0]]
                if rng.random() < 0.0002:  # the citizen goes to the province instead
                    unit, escalated = province, escalated + 1
                visits.append((unit, c, visit_at[k], k not in opening))
            self._visits(visits, citizen_ids)
        self.stdout.write(
            f"  {n_visits:,} visits ({escalated} at the province): {time.perf_counter() - t:.1f} s"
        )
        t = time.perf_counter()
        petition_days = sorted(rng.choices(days, cum_weights=cum, k=n_petitions))
        for start in range(0, n_petitions, BATCH):
            rows, links = [], []
            for day in petition_days[start : start + BATCH]:
                c = rng.randrange(n_cases)
                w, ci, domain, _subject, kind = self.case_meta[c]
                decided = None
                if rng.random() >= 0.2:
                    decided = min(day + timedelta(days=rng.randint(1, 20)), self.today)
                rows.append(
                    (
                        wards[w].pk,
                        day.year,
                        self._number(-wards[w].pk, day.year),
                        day,
                        "post",
                        "denunciation" if kind == "denunciation" else "proposal",
                        domain,
                        "Đơn thử",
                        "don thu",
                        "received" if decided is None else "decided",
                        "pending" if decided is None else "eligible",
                        "" if decided is None else rng.choice(OUTCOMES),
                        decided,
                        self.case_ids[c] if rng.random() < 0.5 else None,
                        rng.randint(5, 40) if rng.random() < 0.0002 else 1,
                    )
                )
                links.append(ci)
            made = insert_rows(Petition, PETITION_COLUMNS, rows)
            plain, sealed = [], []
            for pk, row, ci in zip(made, rows, links, strict=True):
                case_id = row[-2]
                if row[5] == "denunciation" and case_id is not None:
                    sealed.append((case_id, pk, None, *self._tokens(ci)))
                else:
                    plain.append((pk, citizen_ids[ci]))
            insert_rows(Petition.senders.through, ("petition_id", "citizen_id"), plain)
            insert_rows(IdentityRecord, IDENTITY_COLUMNS, sealed)
        self.stdout.write(f"  {n_petitions:,} petitions: {time.perf_counter() - t:.1f} s")
        self._plant(wards, subjects[-1], citizen_ids)
        t = time.perf_counter()
        events = write_history([province.pk, *(w.pk for w in wards)])
        self.stdout.write(f"  {events:,} audit events: {time.perf_counter() - t:.1f} s")
        # The register and petition numbers go on from the loaded ones (core.sequences).
        SequenceCounter.objects.bulk_create(
            [
                SequenceCounter(
                    sequence=REGISTER_SEQUENCE if unit_id > 0 else NUMBER_SEQUENCE,
                    unit_id=abs(unit_id),
                    year=year,
                    last=last,
                )
                for (unit_id, year), last in self.counters.items()
            ]
        )

    def _at(self, day: date) -> datetime:
        rng = self.rng
        return datetime(
            day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59), tzinfo=VN
        )

    def _number(self, unit_id: int, year: int) -> int:
        """The next register number (unit key) or petition number (minus the unit key)."""
        self.counters[(unit_id, year)] = self.counters.get((unit_id, year), 0) + 1
        return self.counters[(unit_id, year)]

    def _tokens(self, ci: int) -> tuple[bytes, bytes, bytes, bytes]:
        """A denouncer's identity as the vault keeps it (encrypted once per person)."""
        if ci not in self.vault:
            self.vault[ci] = tuple(encrypt(value) for value in self.people[ci])  # type: ignore[assignment]
        return self.vault[ci]

    def _citizens(self, wards: list[Unit], n: int) -> tuple[list[int], list[int]]:
        """Each lives in a quarter of a ward, with an ID number and a phone."""
        rng = self.rng
        keys: dict[str, str] = {}  # a few thousand distinct names
        self.people: list[tuple[str, str, str, str]] = []  # name, address, ID, phone
        self.vault: dict[int, tuple[bytes, bytes, bytes, bytes]] = {}
        ids: list[int] = []
        ward_of: list[int] = []
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(n, start + BATCH)):
                w = rng.randrange(len(wards))
                address = f"Số {rng.randint(1, 300)}, Khu phố {rng.randint(1, 30)}, {wards[w].name}"
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                if name not in keys:
                    keys[name] = search_key(name)
                year = rng.randint(1940, 2006)
                id_number = (
                    f"0{rng.randint(10, 96):02d}{int(year >= 2000) * 2}{year % 100:02d}{i:06d}"
                )
                phone = f"09{rng.randint(0, 99_999_999):08d}"
                rows.append(
                    (
                        wards[w].pk,
                        name,
                        keys[name],
                        id_number,
                        "cccd",
                        phone,
                        address,
                        search_key(address),
                    )
                )
                self.people.append((name, address, id_number, phone))
                ward_of.append(w)
            ids.extend(insert_rows(Citizen, CITIZEN_COLUMNS, rows))
        return ids, ward_of

    def _cases(self, wards, subjects, citizen_ward, citizen_ids, first_at: list[datetime]) -> None:
        """Matters at every step, one in ten a denunciation, opened at their first visit; a
        denouncer is sealed (in the vault), not among the matter's citizens."""
        rng = self.rng
        statuses = [s for s, _ in STEPS]
        shares = list(itertools.accumulate(w for _, w in STEPS))
        rows, clocks = [], []
        for first in first_at:
            ci = rng.randrange(len(citizen_ward))
            w = citizen_ward[ci]
            domain = rng.choice(DOMAINS)
            subject = rng.choice(subjects).pk if domain == "admin.land_housing" else None
            kind = rng.choices(
                ["complaint_first", "complaint_second", "denunciation", "proposal"],
                cum_weights=[55, 65, 75, 100],
            )[0]
            status = rng.choices(statuses, cum_weights=shares)[0]
            opened = first.date()
            accepted = None if status == "received" else min(opened + timedelta(days=7), self.today)
            decided = None
            if accepted is not None and status in ("resolved", "closed"):
                decided = min(accepted + timedelta(days=30), self.today)
            rule = RULES.get(kind, RULES["complaint_first"])
            due = None
            if accepted is not None and status in ("accepted", "suspended"):
                due = accepted + timedelta(days=rng.randint(20, 90))
            summary = f"Nội dung vụ việc thử {domain}"
            rows.append(
                (
                    wards[w].pk,
                    kind,
                    status,
                    domain,
                    subject,
                    summary,
                    search_key(summary),
                    opened,
                    accepted,
                    decided,
                    first,
                    due,
                    "" if due is None else rule,
                )
            )
            self.case_meta.append((w, ci, domain, subject, kind))
            if accepted is not None:
                clocks.append(
                    (
                        len(rows) - 1,
                        wards[w].pk,
                        rule,
                        1,
                        accepted,
                        due or accepted + timedelta(days=45),
                        ("paused" if status == "suspended" else "running") if due else "met",
                        None if due else decided,
                        "Bộ thử tải",
                    )
                )
        made = insert_rows(Case, CASE_COLUMNS, rows)
        start = len(self.case_ids)
        self.case_ids.extend(made)
        insert_rows(
            Case.citizens.through,
            ("matter_id", "citizen_id"),
            [
                (pk, citizen_ids[self.case_meta[start + k][1]])
                for k, pk in enumerate(made)
                if self.case_meta[start + k][4] != "denunciation"
            ],
        )
        case_ct = ContentType.objects.get_for_model(Case).pk
        insert_rows(Clock, CLOCK_COLUMNS, [(case_ct, made[k], *rest) for k, *rest in clocks])

    def _visits(self, visits: list[tuple[Unit, int, datetime, bool]], citizen_ids) -> list[int]:
        """Register lines (unit, matter index, time, a repeat?) with their attendee: the
        matter's citizen, sealed in the vault for a denunciation."""
        rng = self.rng
        rows = []
        for unit, c, when, repeat in visits:
            _w, _ci, domain, subject, kind = self.case_meta[c]
            people = (
                rng.randint(5, 25) if rng.random() < 0.0005 else (2 if rng.random() < 0.1 else 1)
            )
            rows.append(
                (
                    unit.pk,
                    when.year,
                    self._number(unit.pk, when.year),
                    when,
                    "regular",
                    "officer",
                    "in_person",
                    people,
                    people >= 5,
                    self.case_ids[c],
                    self.first_at[c],
                    repeat,
                    "denunciation" if kind == "denunciation" else "complaint",
                    domain,
                    subject,
                    "Nội dung thử",
                    "guided",
                )
            )
        made = insert_rows(ReceptionVisit, VISIT_COLUMNS, rows)
        plain, sealed = [], []
        for pk, (_unit, c, _when, _repeat) in zip(made, visits, strict=True):
            _w, ci, _domain, _subject, kind = self.case_meta[c]
            if kind == "denunciation":
                sealed.append((self.case_ids[c], None, pk, *self._tokens(ci)))
            else:
                plain.append((pk, citizen_ids[ci]))
        insert_rows(VisitCitizen, ("visit_id", "citizen_id"), plain)
        insert_rows(IdentityRecord, IDENTITY_COLUMNS, sealed)
        return made

    def _plant(self, wards, clearance, citizen_ids: list[int]) -> None:
        """Hotspots the scan must find: clusters of one clearance subject in one quarter of a
        ward, and chronic matters (3–5 visits in the last 60 days), in proportion to the size."""
        rng = self.rng
        regular = len(self.case_ids)
        scale = regular / (FULL["visits"] / VISITS_PER_CASE)
        people, cases, visits = [], [], []
        for h in range(max(int(25 * scale), 3)):
            w, q = rng.randrange(len(wards)), rng.randint(1, 30)
            for j in range(rng.randint(6, 12)):
                address = f"Số {j + 1}, Khu phố {q}, {wards[w].name}"
                name = f"Hộ dân dự án {h}-{j}"
                people.append((wards[w].pk, name, search_key(name), address, search_key(address)))
                self.people.append((name, address, "", ""))
                when = self._at(self.today - timedelta(days=rng.randint(0, 10)))
                cases.append(
                    (
                        wards[w].pk,
                        "complaint_first",
                        "received",
                        "admin.land_housing",
                        clearance.pk,
                        "Bồi thường dự án",
                        "boi thuong du an",
                        when.date(),
                        None,
                        None,
                        when,
                        None,
                        "",
                    )
                )
                ci = len(citizen_ids) + len(people) - 1
                self.first_at.append(when)
                self.case_meta.append(
                    (w, ci, "admin.land_housing", clearance.pk, "complaint_first")
                )
                visits.append((wards[w], regular + len(cases) - 1, when, False))
        citizen_ids.extend(
            insert_rows(
                Citizen, ("unit_id", "full_name", "name_key", "address", "address_key"), people
            )
        )
        self.case_ids.extend(insert_rows(Case, CASE_COLUMNS, cases))
        insert_rows(
            Case.citizens.through,
            ("matter_id", "citizen_id"),
            [(self.case_ids[c], citizen_ids[self.case_meta[c][1]]) for _u, c, _t, _r in visits],
        )
        for _ in range(max(int(200 * scale), 10)):
            c = rng.randrange(regular)
            for _visit in range(rng.randint(3, 5)):
                when = self._at(self.today - timedelta(days=rng.randint(0, 60)))
                visits.append((wards[self.case_meta[c][0]], c, max(when, self.first_at[c]), True))
        self._visits(visits, citizen_ids)
