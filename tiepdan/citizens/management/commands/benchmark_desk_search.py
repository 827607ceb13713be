"""Time the desk's citizen search on a large registry (target: under 50 ms at 500,000 people).

Generates the people once under a benchmark unit (reused by later runs), then runs the real
selector, scoping included, for name queries typed without diacritics, ID prefixes and phones.
Run against PostgreSQL: `DATABASE_URL=postgres://… python manage.py benchmark_desk_search`.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from tiepdan.citizens import selectors
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lâm",
    "Trương",
    "Cao",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Ngọc",
    "Quốc",
    "Thu",
    "Hoàng",
    "Xuân",
    "Kim",
    "Công",
    "Gia",
    "Bảo",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thảo",
    "Trang",
    "Trung",
    "Tuấn",
    "Tú",
    "Vân",
    "Việt",
    "Yến",
    "Ánh",
    "Đào",
    "Hằng",
    "Khoa",
    "Lộc",
]


class Command(BaseCommand):
    help = "Benchmark the desk's citizen search on a generated registry."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--citizens", type=int, default=500_000)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=20250127)

    def handle(self, *args, citizens: int, queries: int, seed: int, **options) -> None:
        rng = random.Random(seed)
        unit, user = self._bench_unit()
        existing = Citizen.objects.filter(unit=unit).count()
        if existing < citizens:
            self.stdout.write(f"Generating {citizens - existing} citizens…")
            started = time.perf_counter()
            self._generate(unit, citizens - existing, rng, offset=existing)
            self.stdout.write(f"  done in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE citizens_citizen")
        user = User.objects.get(pk=user.pk)
        kinds = {
            "name, no diacritics": lambda: search_key(
                f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            ),
            "given name only": lambda: search_key(rng.choice(GIVEN)),
            "ID prefix (6 digits)": lambda: f"0{rng.randint(10, 96):02d}{rng.randint(0, 999):03d}",
            "phone (10 digits)": lambda: f"09{rng.randint(0, 99_999_999):08d}",
        }
        total = Citizen.objects.filter(unit=unit).count()
        self.stdout.write(f"Registry: {total} citizens; database: {connection.vendor}")
        for label, make in kinds.items():
            timings = []
            for _ in range(queries):
                query = make()
                started = time.perf_counter()
                list(selectors.citizen_search(user, query))
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            self.stdout.write(
                f"  {label:24s} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms"
            )

    def _bench_unit(self) -> tuple[Unit, User]:
        unit = Unit.objects.filter(code="BENCH-DESK").first()
        if unit is None:
            unit = org_services.unit_create(
                code="BENCH-DESK", name="Đơn vị đo hiệu năng", kind=UnitKind.OTHER
            )
        user = User.objects.filter(username="bench.desk").first()
        if user is None:
            user = org_services.user_create(
                username="bench.desk",
                password="Bench-desk-search-2026",
                memberships=[(unit, Role.RECEPTIONIST)],
            )
        return unit, user

    def _generate(self, unit: Unit, count: int, rng: random.Random, offset: int) -> None:
        batch: list[Citizen] = []
        for i in range(count):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            year = rng.randint(1940, 2006)
            century = 0 if year < 2000 else 2
            id_number = (
                f"0{rng.randint(10, 96):02d}{century + rng.randint(0, 1)}{year % 100:02d}"
                f"{(offset + i) % 1_000_000:06d}"
            )
            batch.append(
                Citizen(
                    unit=unit,
                    full_name=name,
                    name_key=search_key(name),
                    id_number=id_number,
                    id_kind="cccd",
                    phone=f"09{rng.randint(0, 99_999_999):08d}",
                    address=f"Khu phố {rng.randint(1, 12)}",
                    address_key=f"khu pho {i % 12}",
                )
            )
            if len(batch) == 5000:
                with transaction.atomic():
                    Citizen.objects.bulk_create(batch)
                batch = []
        if batch:
            with transaction.atomic():
                Citizen.objects.bulk_create(batch)
