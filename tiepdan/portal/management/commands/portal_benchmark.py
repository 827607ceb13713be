"""Time the public tracking look-up against a register of many petitions.

    python manage.py portal_benchmark --petitions 1000000 --lookups 2000

Seeds the petitions and their tracking codes in bulk under a unit of its own, times each
look-up as the tracking endpoint does it (find by code and proof, then the status), prints
p50/p95/max in milliseconds, and rolls everything back: nothing stays in the database.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition, PetitionSource
from tiepdan.portal import selectors, services
from tiepdan.portal.models import PublicSubmission

BATCH = 5000


class Rollback(Exception):
    """Raised at the end to undo everything the benchmark seeded."""


class Command(BaseCommand):
    help = "Time tracking look-ups among N seeded petitions (rolled back afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--petitions", type=int, default=100_000)
        parser.add_argument("--lookups", type=int, default=1000)

    def handle(self, *args, **options) -> None:
        try:
            with transaction.atomic():
                self._run(options["petitions"], options["lookups"])
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: nothing was kept.")

    def _run(self, count: int, lookups: int) -> None:
        unit = Unit(code="BENCH-PORTAL", name="Đơn vị đo hiệu năng", kind=UnitKind.OTHER)
        unit.save()
        today = timezone.localdate()
        now = timezone.now()
        phone_digest = services.digest("0912345678")
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
        timings = []
        for code in random.sample(codes, min(lookups, len(codes))):
            t0 = time.perf_counter()
            submission = selectors.submission_find(code, phone="0912345678")
            assert submission is not None
            selectors.tracking(submission)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        self.stdout.write(
            f"{len(timings)} look-ups: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )
