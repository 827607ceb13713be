"""Time the report forms for a province with 1,000,000 petitions and 2,000,000 visits: 01/TCD
and 01/XLD of TT 01/2024 over 9 months of 2025, the six TT 06/2025 tables over the year 2025.

Generates the data once in a dedicated province unit ("BENCH") with COPY on PostgreSQL (bulk
inserts elsewhere) and reuses it on later runs; then prints the timings of each report.

`--province CODE` instead times the six TT 06/2025 tables on a unit's existing data, e.g. the
data set of `benchmark_data` (province BENCH-PROV), without writing anything: at the statutory
year (15/12 to 14/12) that holds the latest petition of the unit's subtree, or `--year`.

    DATABASE_URL=postgres://… python manage.py benchmark_reports --province BENCH-PROV
"""

import datetime as dt
import json
import time
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import JSONField, Model

from tiepdan.cases.models import Case
from tiepdan.ops.bench import CpuClock, load_average
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionSession, ReceptionVisit
from tiepdan.reports import selectors
from tiepdan.reports.forms_registry import form_version_for
from tiepdan.reports.periods import statutory_period

BENCH_CODE = "BENCH"
TT2025_FORMS = ("01-TCD", "02-XLD", "03-GQKN", "04-GQTC", "05-KQTH", "06-QLKNTC")
YEAR = 2025


def _units(children: int) -> tuple[Unit, list[Unit]]:
    province = Unit.objects.filter(code=BENCH_CODE).first()
    if province is None:
        province = org_services.unit_create(
            code=BENCH_CODE, name="Tỉnh thử tải báo cáo", kind=UnitKind.PROVINCE
        )
    units = list(province.children.order_by("pk"))
    for i in range(len(units), children):
        kind = UnitKind.DEPARTMENT if i % 10 == 0 else UnitKind.COMMUNE
        units.append(
            org_services.unit_create(
                code=f"{BENCH_CODE}-{i:03d}", name=f"Đơn vị thử {i:03d}", kind=kind, parent=province
            )
        )
    return province, units


def _defaults(model: type[Model], columns: list[str]) -> tuple[list[str], tuple]:
    """The model's other NOT NULL columns with their defaults: fields added to the models later
    (Django keeps defaults in Python, not in the table) must not break the generator."""
    names, values = [], []
    for f in model._meta.concrete_fields:
        if f.column in columns or f.null or f.primary_key:
            continue
        value = f.get_default() if f.has_default() else ("" if f.empty_strings_allowed else None)
        if value is None:
            raise CommandError(f"{model._meta.db_table}.{f.column}: no value for the generator")
        names.append(f.column)
        values.append(json.dumps(value) if isinstance(f, JSONField) else value)
    return names, tuple(values)


def _copy(model: type[Model], columns: list[str], rows) -> None:
    """COPY rows (tuples) into `model`'s table on PostgreSQL; executemany elsewhere."""
    table = model._meta.db_table
    extra, extra_values = _defaults(model, columns)
    columns = [*columns, *extra]
    rows = (row + extra_values for row in rows)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == 10000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


CASE_COLUMNS = [
    "created_at",
    "updated_at",
    "unit_id",
    "kind",
    "status",
    "domain",
    "summary",
    "summary_key",
    "opened_on",
    "first_visit_at",
]

VISIT_COLUMNS = [
    "created_at",
    "updated_at",
    "unit_id",
    "year",
    "register_number",
    "session_id",
    "received_at",
    "mode",
    "chaired_by",
    "channel",
    "people_count",
    "is_mass_group",
    "case_id",
    "is_repeat",
    "petition_type",
    "domain",
    "content",
    "request",
    "resolution_history",
    "documents",
    "handling",
    "competent_body",
    "guidance",
    "appointment_place",
    "follow_up",
    "notes",
    "warnings",
]

PETITION_COLUMNS = [
    "created_at",
    "updated_at",
    "unit_id",
    "year",
    "number",
    "received_on",
    "source",
    "petition_type",
    "domain",
    "summary",
    "signatory_count",
    "anonymous",
    "case_id",
    "summary_key",
    "sender_body",
    "status",
    "eligibility",
    "ineligible_reason",
    "within_jurisdiction",
    "prior_resolution",
    "outcome",
    "proposed_outcome",
    "proposal_note",
    "decision_reason",
    "decided_on",
]

# (mode, chaired_by) in turn: half at the desk, a quarter each in the leaders' sessions.
VISIT_MODES = [
    ("regular", "officer"),
    ("regular", "officer"),
    ("periodic", "head"),
    ("adhoc", "delegate"),
]
PETITION_TYPES = ["complaint", "denunciation", "proposal"]
PETITION_OUTCOMES = ["accept", "guide", "transfer", "urge"]
SPAN_SECONDS = 380 * 86400  # the whole reporting year and a margin


def _copy_cases(unit_ids: list[int], count: int, start: dt.datetime, now: dt.datetime) -> range:
    """A matter per two visits, a third first seen before the year; their ids."""
    rows = (
        (
            now,
            now,
            unit_ids[i % len(unit_ids)],
            "complaint_first",
            "received",
            "admin.policy",
            "Vụ việc thử",
            "",
            start.date(),
            start - dt.timedelta(days=100)
            if i % 3 == 0
            else start + dt.timedelta(minutes=i % 500000),
        )
        for i in range(count)
    )
    before = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    _copy(Case, CASE_COLUMNS, rows)
    # One COPY in one session takes consecutive ids from the sequence.
    new_cases = Case.objects.filter(pk__gt=before)
    first_case = new_cases.order_by("pk").values_list("pk", flat=True).first()
    last_case = new_cases.order_by("-pk").values_list("pk", flat=True).first()
    assert first_case is not None  # just copied
    assert last_case is not None
    return range(first_case, last_case + 1)


def _visit_rows(
    visits: int,
    unit_ids: list[int],
    sessions: dict[int, int],
    case_ids: range,
    start: dt.datetime,
    now: dt.datetime,
    base_number: int,
) -> Iterator[tuple[Any, ...]]:
    """The visits spread evenly over the year, in turn in each unit."""
    for i in range(visits):
        unit_id = unit_ids[i % len(unit_ids)]
        mode, chair = VISIT_MODES[i % 4]
        people = (1, 1, 2, 6, 3)[i % 5]
        at = start + dt.timedelta(seconds=int(i * SPAN_SECONDS / visits))
        yield (
            now,
            now,
            unit_id,
            at.year,
            base_number + i,
            sessions[unit_id] if chair == "head" else None,
            at,
            mode,
            chair,
            "in_person",
            people,
            people >= 5,
            case_ids[i % len(case_ids)],
            i % 7 == 0,
            "complaint",
            "admin.policy",
            "",
            "",
            "",
            "[]",
            "guided",
            "",
            "",
            "",
            "",
            "",
            "[]",
        )


def _petition_rows(
    petitions: int,
    unit_ids: list[int],
    case_ids: range,
    start: dt.datetime,
    now: dt.datetime,
    base_number: int,
) -> Iterator[tuple[Any, ...]]:
    """The petitions: a week apart in turn, most decided within 45 days."""
    for i in range(petitions):
        received = start.date() + dt.timedelta(days=(i * 7) % 400)
        decided = None if i % 6 == 0 else received + dt.timedelta(days=i % 45)
        yield (
            now,
            now,
            unit_ids[i % len(unit_ids)],
            received.year,
            base_number + i,
            received,
            "direct",
            PETITION_TYPES[i % 3],
            "admin.policy",
            "Đơn thử",
            1 + (i % 9 == 0),
            False,
            case_ids[i % len(case_ids)] if i % 4 else None,
            "",
            "",
            "received",
            "eligible" if i % 5 else "ineligible",
            "",
            None,
            ("first", "repeated", "unresolved")[i % 3],
            PETITION_OUTCOMES[i % 4] if decided else "",
            "",
            "",
            "",
            decided,
        )


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử tải (1 triệu đơn, 2 triệu lượt tiếp) và đo thời gian các biểu báo cáo "
        "(01/TCD, 01/XLD theo TT 01/2024; sáu biểu theo TT 06/2025)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--visits", type=int, default=2_000_000)
        parser.add_argument("--petitions", type=int, default=1_000_000)
        parser.add_argument("--children", type=int, default=100)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument(
            "--province", default="", help="mã đơn vị có sẵn dữ liệu (không sinh dữ liệu)"
        )
        parser.add_argument("--year", type=int, default=0)

    def handle(self, *args, visits: int, petitions: int, children: int, repeat: int, **options):
        if options["province"]:
            self._existing(options["province"], options["year"], repeat)
            return
        province, units = _units(children)
        have_v = ReceptionVisit.objects.filter(unit__path__startswith=province.path).count()
        have_p = Petition.objects.filter(unit__path__startswith=province.path).count()
        if have_v < visits or have_p < petitions:
            started = time.monotonic()
            self._generate(units, visits - have_v, petitions - have_p)
            self.stdout.write(f"generated data in {time.monotonic() - started:.1f} s")
        if connection.vendor == "postgresql":
            # Statistics, and the visibility map that lets the reports read only the covering
            # indexes (autovacuum keeps both in production; a fresh bulk load has neither).
            with connection.cursor() as cursor:
                for model in (ReceptionVisit, Petition, Case):
                    cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
        self.stdout.write(
            f"{connection.vendor}: {max(have_v, visits):,} visits, "
            f"{max(have_p, petitions):,} petitions, {len(units)} child units"
        )
        # TT 01/2024 closed on 29/09/2025: its forms over 9 months, TT 06/2025's over the year.
        nine_months, year = statutory_period(YEAR, "m9"), statutory_period(YEAR, "year")
        runs = [("01-TCD", nine_months), ("01-XLD", nine_months)]
        runs += [(code, year) for code in TT2025_FORMS]
        self._time(province, runs, repeat)

    def _existing(self, code: str, year: int, repeat: int) -> None:
        """The six TT 06/2025 tables on the data already under unit `code`; reads only."""
        province = Unit.objects.filter(code=code).first()
        if province is None:
            raise CommandError(f"Không có đơn vị mã «{code}».")
        in_tree = {"unit__path__startswith": province.path}
        if not year:
            latest = (
                Petition.objects.filter(**in_tree)
                .order_by("-received_on")
                .values_list("received_on", flat=True)
                .first()
            )
            if latest is None:
                raise CommandError(f"Đơn vị «{code}» chưa có đơn nào; dùng --year.")
            # The statutory year runs from 15/12 of the year before to 14/12.
            year = latest.year + (latest >= dt.date(latest.year, 12, 15))
        period = statutory_period(year, "year")
        self.stdout.write(
            f"{connection.vendor}: {province.code}, "
            f"{ReceptionVisit.objects.filter(**in_tree).count():,} visits, "
            f"{Petition.objects.filter(**in_tree).count():,} petitions, "
            f"{Case.objects.filter(**in_tree).count():,} cases, "
            f"{ReceptionSession.objects.filter(**in_tree).count():,} sessions, "
            f"{Unit.objects.filter(path__startswith=province.path).count()} units"
        )
        self._time(province, [(form, period) for form in TT2025_FORMS], repeat)

    def _time(self, province: Unit, runs: list, repeat: int) -> None:
        clock = CpuClock()
        for code, period in runs:
            version = form_version_for(code, period.end)
            timings, cpu = [], []
            for _ in range(repeat):
                started, (own, db) = time.monotonic(), clock.read()
                report = selectors.report_compute(version, province, period)
                timings.append(time.monotonic() - started)
                after = clock.read()
                cpu.append((after[0] - own, after[1] - db))
            own, db = min(cpu, key=sum)
            self.stdout.write(
                f"{version.key} {period.start}–{period.end}: best {min(timings):.3f} s, "
                f"worst {max(timings):.3f} s (CPU: Python {own:.2f} s, PostgreSQL {db:.2f} s; "
                f"load {load_average()}); column 1 = {report.columns[1]:,}"
            )

    @transaction.atomic
    def _generate(self, units: list[Unit], visits: int, petitions: int) -> None:
        start = dt.datetime(YEAR - 1, 12, 1, 8, tzinfo=dt.UTC)
        now = dt.datetime.now(dt.UTC)
        unit_ids = [u.pk for u in units]
        case_ids = _copy_cases(unit_ids, max(visits // 2, 1), start, now)
        sessions = {
            u: ReceptionSession.objects.create(
                unit_id=u, date=start.date(), mode="periodic", chaired_by="head"
            ).pk
            for u in unit_ids
        }
        base_number = 10_000_000 + ReceptionVisit.objects.count()
        _copy(
            ReceptionVisit,
            VISIT_COLUMNS,
            _visit_rows(visits, unit_ids, sessions, case_ids, start, now, base_number),
        )
        _copy(
            Petition,
            PETITION_COLUMNS,
            _petition_rows(petitions, unit_ids, case_ids, start, now, base_number),
        )
