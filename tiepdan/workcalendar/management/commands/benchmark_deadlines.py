"""Compute many deadlines on the cached calendar and print the rate (no DB inside the loop)."""

import random
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandParser

from tiepdan.workcalendar import engine, selectors
from tiepdan.workcalendar.rules import rule_catalogue


class Command(BaseCommand):
    help = "Tính N thời hạn ngẫu nhiên (mặc định 100.000) và in tốc độ (thời hạn/giây)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=20250129)

    def handle(self, *args: object, count: int, seed: int, **options: object) -> None:
        catalogue = rule_catalogue()
        calendar = selectors.working_calendar()  # built once, before timing
        rng = random.Random(seed)
        codes = [c for c in catalogue.codes() if not catalogue.versions(c)[0].is_backward]
        first = date(2020, 1, 1)
        cases = []
        for _i in range(count):
            start = first + timedelta(days=rng.randrange(0, 11 * 365))
            code = rng.choice(codes)
            try:
                rule = catalogue.get(code, start)
            except Exception:
                rule = catalogue.get("petition.notify", start)
            complexity, remote = rng.choice(list(rule.variants))
            variant = rule.variants[(complexity, remote)]
            extensions = rng.randint(0, variant.max_extensions)
            paused: tuple[tuple[date, date], ...] = ()
            if rule.pausable and rng.random() < 0.2:
                p = start + timedelta(days=rng.randint(1, 20))
                paused = ((p, p + timedelta(days=rng.randint(0, 10))),)
            cases.append((rule, start, complexity, remote, extensions, paused))

        compute = engine.compute_deadline
        began = time.perf_counter()
        for rule, start, complexity, remote, extensions, paused in cases:
            compute(
                rule,
                start,
                calendar,
                complexity=complexity,
                remote_area=remote,
                extensions=extensions,
                paused=paused,
            )
        elapsed = time.perf_counter() - began
        rate = count / elapsed if elapsed else float("inf")
        self.stdout.write(
            f"{count} deadlines in {elapsed:.3f} s: {rate:,.0f} per second (one core)"
        )
