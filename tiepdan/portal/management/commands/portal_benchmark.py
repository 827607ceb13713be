"""Time the public tracking look-up (find by code and proof, then the status shown), p50/p95.

On petitions already in the database (a large data set such as `benchmark_data`'s):

    python manage.py portal_benchmark --unit BENCH-PROV --lookups 2000

picks `--lookups` petitions at random in the unit's subtree (`--unit`) or anywhere
(`--existing`), gives those without a tracking code one, and sets a known phone proof on every
picked submission; on a data set of its own:

    python manage.py portal_benchmark --petitions 100000 --lookups 1000

seeds the petitions and their tracking codes in bulk under a unit of its own. Either way each
look-up is timed as the tracking endpoint does it, after a few untimed ones to warm the caches,
and everything the command wrote is rolled back: nothing stays in the database.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.petitions.models import Petition, PetitionSource
from tiepdan.portal import selectors, services
from tiepdan.portal.models import PublicSubmission

BATCH = 5000
WARM_UP = 20
PHONE = "0912345678"


class Rollback(Exception):
    """Raised at the end to undo everything the benchmark wrote."""


def percentile(sorted_ms: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted timings."""
    rank = max(1, -(-len(sorted_ms) * share // 1))
    return sorted_ms[int(rank) - 1]


class Command(BaseCommand):
    help = "Time tracking look-ups by code, on existing petitions or N seeded ones (rolled back)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--petitions", type=int, default=100_000, help="petitions to seed")
        parser.add_argument("--lookups", type=int, default=1000)
        parser.add_argument("--unit", help="time existing petitions of this unit's subtree")
        parser.add_argument(
            "--existing", action="store_true", help="time existing petitions of any unit"
        )

    def handle(self, *args, **options) -> None:
        existing = options["existing"] or bool(options["unit"])
        try:
            with transaction.atomic():
                if existing:
                    codes = self._pick(options["unit"], options["lookups"])
                else:
                    codes = self._seed(options["petitions"])
                self._time(codes, options["lookups"])
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: nothing was kept.")

    def _pick(self, unit_code: str | None, lookups: int) -> list[str]:
        petitions = Petition.objects.all()
        if unit_code:
            unit = Unit.objects.filter(code=unit_code).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {unit_code}.")
            petitions = petitions.filter(unit__path__startswith=unit.path)
        total = Petition.objects.count()
        pks = list(petitions.values_list("pk", flat=True))
        if not pks:
            raise CommandError("Không có đơn nào để đo.")
        picked = random.sample(pks, min(lookups + WARM_UP, len(pks)))
        has_code = dict(
            PublicSubmission.objects.filter(petition_id__in=picked).values_list(
                "petition_id", "tracking_code"
            )
        )
        now = timezone.now()
        new = [
            PublicSubmission(
                petition_id=pk, tracking_code=services.new_tracking_code(), received_at=now
            )
            for pk in picked
            if pk not in has_code
        ]
        for first in range(0, len(new), BATCH):
            PublicSubmission.objects.bulk_create(new[first : first + BATCH])
        # A known proof for every picked petition (an anonymous one needs none).
        PublicSubmission.objects.filter(petition_id__in=picked).update(
            phone_digest=services.digest(PHONE)
        )
        self.stdout.write(
            f"Picked {len(picked)} of {len(pks)} petitions ({total} in the database; "
            f"{PublicSubmission.objects.count()} with a tracking code)"
        )
        return [s.tracking_code for s in new] + list(has_code.values())

    def _seed(self, count: int) -> list[str]:
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

    def _time(self, codes: list[str], lookups: int) -> None:
        warm = min(WARM_UP, max(0, len(codes) - lookups))
        sample = random.sample(codes, min(lookups + warm, len(codes)))
        timings = []
        for n, code in enumerate(sample):
            t0 = time.perf_counter()
            submission = selectors.submission_find(code, phone=PHONE)
            if submission is None:
                raise CommandError(f"Không tìm thấy đơn mã {code}.")
            selectors.tracking(submission)
            if n >= warm:
                timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        self.stdout.write(
            f"{len(timings)} look-ups: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, "
            f"max {timings[-1]:.1f} ms"
        )
