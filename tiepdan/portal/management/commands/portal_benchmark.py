"""Time the public tracking look-up against a register of many petitions.

    python manage.py portal_benchmark --petitions 1000000 --lookups 2000
    python manage.py portal_benchmark --province BENCH-PROV --lookups 2000

Seeds the petitions and their tracking codes in bulk under a unit of its own, or with
`--province` gives a tracking code to every petition of an existing data set (e.g.
`benchmark_data`'s, with its matters, clocks and transfers), times each look-up as the tracking
endpoint does it (find by code and proof, then the status), prints p50/p95/max in
milliseconds, and rolls everything back: nothing stays in the database.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tiepdan.core.db import analyse, insert_rows
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition, PetitionSource
from tiepdan.portal import constants, selectors, services
from tiepdan.portal.models import PublicSubmission

BATCH = 5000
PHONE = "0912345678"


class Rollback(Exception):
    """Raised at the end to undo everything the benchmark seeded."""


class Command(BaseCommand):
    help = "Time tracking look-ups among N seeded petitions (rolled back afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--petitions", type=int, default=100_000)
        parser.add_argument("--lookups", type=int, default=1000)
        parser.add_argument(
            "--province", default="", help="code of a unit whose petitions get tracking codes"
        )

    def handle(self, *args, **options) -> None:
        try:
            with transaction.atomic():
                if options["province"]:
                    codes = self._existing(options["province"])
                else:
                    codes = self._seeded(options["petitions"])
                self._time(codes, options["lookups"])
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: nothing was kept.")

    def _seeded(self, count: int) -> list[str]:
        unit = Unit(code="BENCH-PORTAL", name="Đơn vị đo hiệu năng", kind=UnitKind.OTHER)
        unit.save()
        today = timezone.localdate()
        now = timezone.now()
        phone_digest = services.digest(PHONE)
        codes: list[str] = []
        started = time.perf_counter()
        for first in range(0, count, BATCH):
            size = min(BATCH, count - first)
            petitions = Petition.objects.bulk_create(
                Petition(
                    unit=unit,
                    year=today.year,
                    number=first + i + 1,
                    received_on=today,
                    source=PetitionSource.ONLINE,
                    petition_type="complaint",
                    domain="other",
                    summary="Đơn đo hiệu năng",
                )
                for i in range(size)
            )
            batch = [services.new_tracking_code() for _ in petitions]
            PublicSubmission.objects.bulk_create(
                PublicSubmission(
                    petition=p, tracking_code=c, phone_digest=phone_digest, received_at=now
                )
                for p, c in zip(petitions, batch, strict=True)
            )
            codes.extend(batch)
        self.stdout.write(f"Seeded {count} petitions in {time.perf_counter() - started:.1f} s")
        return codes

    def _existing(self, code: str) -> list[str]:
        """A tracking code for each petition under unit `code` that has none (COPY on
        PostgreSQL): look-ups then meet the data set's matters, clocks and transfers."""
        province = Unit.objects.filter(code=code).first()
        if province is None:
            raise CommandError(f"Không có đơn vị mã «{code}».")
        started = time.perf_counter()
        ids = list(
            Petition.objects.filter(
                unit__path__startswith=province.path, public_submission__isnull=True
            ).values_list("pk", flat=True)
        )
        rng = random.Random(21)
        now = timezone.now()
        phone_digest = services.digest(PHONE)
        codes = [
            "".join(rng.choices(constants.CODE_ALPHABET, k=constants.CODE_LENGTH)) for _ in ids
        ]
        for first in range(0, len(ids), 50_000):
            insert_rows(
                PublicSubmission,
                ("petition_id", "tracking_code", "phone_digest", "received_at"),
                [
                    (pk, c, phone_digest, now)
                    for pk, c in zip(
                        ids[first : first + 50_000], codes[first : first + 50_000], strict=True
                    )
                ],
            )
        analyse(PublicSubmission)
        total = Petition.objects.filter(unit__path__startswith=province.path).count()
        self.stdout.write(
            f"{len(ids):,} of {total:,} petitions under {code} given a tracking code "
            f"in {time.perf_counter() - started:.1f} s"
        )
        return codes

    def _time(self, codes: list[str], lookups: int) -> None:
        timings = []
        for code in random.sample(codes, min(lookups, len(codes))):
            t0 = time.perf_counter()
            submission = selectors.submission_find(code, phone=PHONE)
            assert submission is not None
            selectors.tracking(submission)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        self.stdout.write(
            f"{len(timings)} look-ups: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )
