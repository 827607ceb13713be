"""Time the back-fill (target: 1,000,000 petitions in under 10 minutes on PostgreSQL) and one
sync pass over due records against a local receiver (target: 10,000 in under 60 s).

Writes benchmark data (a unit `BENCH-NATSYNC`, its petitions, mappings for every required
value): run it on a throw-away database. `--province CODE` instead back-fills the petitions of
an existing data set (e.g. `benchmark_data`'s province) and, once timed, deletes the national
matters, records and mappings it made, leaving the data set as it was.
"""

import datetime as dt
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.db import analyse
from tiepdan.natsync import backfill, mapping, send
from tiepdan.natsync.models import CodeMapping, NationalMatter, SyncRecord
from tiepdan.natsync.transport import HttpJsonTransport
from tiepdan.ops.bench import CpuClock, load_average
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition, PetitionSource

SINCE = dt.date(2024, 1, 1)


class _Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps the sender's connections open, as a real server does
    # Headers and body are two writes: without this, Nagle's algorithm holds the second until
    # the client's delayed acknowledgement (40 ms a request on a kept connection).
    disable_nagle_algorithm = True
    issued = 0

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Receiver.issued += 1
        body = json.dumps({"national_id": f"QG-{_Receiver.issued}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Command(BaseCommand):
    help = "Đo hiệu năng back-fill và một lượt gửi liên thông CSDL quốc gia."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--petitions", type=int, default=1_000_000)
        parser.add_argument("--records", type=int, default=10_000)
        parser.add_argument(
            "--province", default="", help="code of a unit whose petitions are back-filled"
        )
        parser.add_argument(
            "--units", type=int, default=0, help="with --province: only its first N units"
        )
        parser.add_argument("--jobs", type=int, default=2, help="back-fill processes")

    def handle(self, *args, petitions: int, records: int, province: str, **options) -> None:
        made_after: dict = {}
        if province:
            unit_ids, whole = self._province_units(province, options["units"])
            petitions = Petition.objects.filter(unit_id__in=unit_ids).count()
            made_after = {
                model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                for model in (NationalMatter, SyncRecord, CodeMapping)
            }
        else:
            unit_ids, whole = self._own_unit(petitions), petitions
        clock = CpuClock()
        started, (own, db) = time.perf_counter(), clock.read()
        result = backfill.backfill(since=SINCE, unit_ids=unit_ids, size=5000, jobs=options["jobs"])
        took = time.perf_counter() - started
        if result.workers_cpu:  # in parallel: the workers' CPU and their backends'
            own, db = time.process_time() - own + result.workers_cpu, result.backends_cpu
        else:
            own, db = (a - b for a, b in zip(clock.read(), (own, db), strict=True))
        self.stdout.write(
            f"back-fill: {result.matters:,} matters, {sum(result.records.values()):,} records "
            f"in {took:.1f} s on {connection.vendor} ({petitions:,} petitions in "
            f"{len(unit_ids)} unit(s), {options['jobs']} job(s)); CPU: Python {own:.1f} s, "
            f"PostgreSQL {db:.1f} s; load {load_average()}"
        )
        if province and petitions and petitions < whole:
            self.stdout.write(
                f"  × {whole / petitions:.1f} for the {whole:,} petitions of {province}: "
                f"{took * whole / petitions / 60:.0f} min at this load, "
                f"{(own + db) * whole / petitions / 60:.0f} min of CPU"
            )
        analyse(NationalMatter, SyncRecord)
        try:
            self._send(unit_ids, records)
        finally:
            if province:
                self._remove(made_after)

    def _province_units(self, province: str, units: int) -> tuple[list[int], int]:
        """The units of an existing subtree (or a sample of its first `units` units that have
        petitions, the figure then extrapolated) and the subtree's number of petitions."""
        root = Unit.objects.filter(code=province).first()
        if root is None:
            raise CommandError(f"Không có đơn vị mã «{province}».")
        unit_ids = list(
            Unit.objects.filter(path__startswith=root.path)
            .order_by("path")
            .values_list("pk", flat=True)
        )
        whole = Petition.objects.filter(unit_id__in=unit_ids).count()
        if units:
            filed = Petition.objects.filter(unit_id__in=unit_ids).values("unit_id")
            unit_ids = [pk for pk in unit_ids if filed.filter(unit_id=pk).exists()][:units]
        return unit_ids, whole

    def _own_unit(self, petitions: int) -> list[int]:
        """The benchmark's own unit, filled up to `petitions` petitions."""
        unit = Unit.objects.filter(code="BENCH-NATSYNC").first() or org_services.unit_create(
            code="BENCH-NATSYNC", name="Đơn vị đo hiệu năng liên thông", kind=UnitKind.WARD
        )
        have = Petition.objects.filter(unit=unit).count()
        if have < petitions:
            self._generate(unit, petitions - have, start=have)
        analyse(Petition)
        return [unit.pk]

    def _remove(self, made_after: dict) -> None:
        """Delete what the benchmark made in an existing data set (PROTECT relations: in
        order, in SQL rather than through the deletion collector's millions of objects)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM natsync_syncattempt WHERE record_id > %s",
                [made_after[SyncRecord]],
            )
            for model in (SyncRecord, NationalMatter, CodeMapping):
                cursor.execute(
                    f"DELETE FROM {model._meta.db_table} WHERE id > %s", [made_after[model]]
                )
        self.stdout.write("The national matters, records and mappings made were deleted.")

    def _send(self, unit_ids: list[int], records: int) -> None:
        self._map_everything()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        transport = HttpJsonTransport(
            url=f"http://127.0.0.1:{server.server_address[1]}",
            user="bench",
            password="bench",
            timeout=10,
        )
        due = list(
            send.due_records(now=dt.datetime.now(tz=dt.UTC))
            .filter(unit_id__in=unit_ids)
            .values_list("pk", flat=True)[:records]
        )
        started = time.perf_counter()
        outcome = send.sync_due(transport=transport, record_ids=due, batch=500)
        took = time.perf_counter() - started
        server.shutdown()
        self.stdout.write(
            f"sync pass: {outcome.sent:,} sent, {outcome.failed:,} failed of {len(due):,} due "
            f"in {took:.1f} s; load {load_average()}"
        )

    def _map_everything(self) -> None:
        CodeMapping.objects.bulk_create(
            [
                CodeMapping(code_list=lst, local_value=value, national_code=f"B-{value}")
                for lst, value, _label in mapping.gaps()
            ]
        )

    def _generate(self, unit: Unit, count: int, *, start: int) -> None:
        self.stdout.write(f"Generating {count:,} petitions…")
        rng = random.Random(19)
        people = list(Citizen.objects.filter(unit=unit)[:1000])
        if not people:
            people = Citizen.objects.bulk_create(
                Citizen(unit=unit, full_name=f"Công dân {i}", name_key=f"cong dan {i}")
                for i in range(1000)
            )
        through = Petition.senders.through
        for offset in range(0, count, 10_000):
            with transaction.atomic():
                batch = Petition.objects.bulk_create(
                    Petition(
                        unit=unit,
                        year=2025,
                        number=start + offset + i + 1,
                        received_on=SINCE + dt.timedelta(days=rng.randrange(600)),
                        source=rng.choice(PetitionSource.values),
                        petition_type=rng.choice(PetitionType.values),
                        domain=rng.choice(Domain.values),
                        summary="Khiếu nại về bồi thường khi thu hồi đất",
                    )
                    for i in range(min(10_000, count - offset))
                )
                through.objects.bulk_create(
                    through(petition_id=p.pk, citizen_id=rng.choice(people).pk) for p in batch
                )
