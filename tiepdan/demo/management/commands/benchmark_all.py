"""Run every benchmark on the data set of `benchmark_data`, together, and print one table with
the target beside each figure and the load average when it was measured.

    DATABASE_URL=postgres://… python manage.py benchmark_data --scale 0.1   # once
    DATABASE_URL=postgres://… python manage.py benchmark_all [--url http://127.0.0.1:8000]

Without `--url` the pages are rendered in this process (Django's test client); with it they
are fetched from the running server (gunicorn), and the visit load (`load_visits`) runs too.
Figures: the hotspot scan (the first one, which raises the alerts, when none was raised yet;
then the steady state), desk search p95 through the selector, and p50/p95 of the ten pages
officers open most, as a ward user and as a province user.
"""

from __future__ import annotations

import io
import random
import time
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from tiepdan.cases.models import Case
from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens.models import Citizen
from tiepdan.core.db import analyse
from tiepdan.demo.management.commands.benchmark_data import CODE
from tiepdan.monitoring import services as monitoring_services
from tiepdan.monitoring.models import Alert, Hotspot
from tiepdan.ops.bench import HttpPages, LocalPages, load_average, local_client, percentile
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionVisit

# page → (target p95 in ms as a ward user, as a province user); None: no target in the issue.
TARGETS: dict[str, tuple[float | None, float | None]] = {
    "desk search, name": (50, 50),
    "desk search, ID": (50, 50),
    "case list": (300, 300),
    "register (year)": (500, 500),
    "dashboard": (500, 1000),
}


def desk_search_paths(unit: Unit) -> dict[str, str]:
    """The desk search by name and by the start of an ID number, for a person of `unit`'s
    subtree in the data set."""
    citizen = (
        Citizen.objects.filter(unit__path__startswith=unit.path, id_number__gt="")
        .values_list("name_key", "id_number")
        .first()
    )
    if citizen is None:
        raise CommandError("No benchmark data set: run benchmark_data first.")
    name, id_number = citizen
    return {
        "desk search, name": f"/reception/desk/search/?q={name.replace(' ', '+')}",
        "desk search, ID": f"/reception/desk/search/?q={id_number[:8]}",
    }


class Command(BaseCommand):
    help = "Chạy mọi phép đo trên bộ dữ liệu thử tải, in một bảng kèm mục tiêu."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=15, help="requests per page and user")
        parser.add_argument("--url", default="", help="http://127.0.0.1:PORT of a running server")
        parser.add_argument("--load-requests", type=int, default=1500)
        parser.add_argument("--load-clients", type=int, default=8)
        parser.add_argument("--skip-scan", action="store_true")
        parser.add_argument(
            "--skip-load", action="store_true", help="with --url: time the pages only"
        )
        parser.add_argument(
            "--fresh-scan",
            action="store_true",
            help="delete the data set's alerts and hotspots first, to time a first scan again",
        )

    def handle(self, *args, runs: int, url: str, **options) -> None:
        province = Unit.objects.filter(code=CODE).first()
        if province is None:
            raise CommandError(f"No {CODE} data set: run benchmark_data first.")
        self.rows: list[tuple[str, str, str, str]] = []
        self.rng = random.Random(7)
        ward_user = User.objects.get(username="bench.ward")
        province_user = User.objects.get(username="bench.province")
        ward = Unit.objects.get(code=f"{CODE}-001")
        self._sizes(province)
        if options["fresh_scan"]:
            scope = {"unit__path__startswith": province.path}
            Alert.objects.filter(**scope).delete()
            Hotspot.objects.filter(**scope).delete()
            analyse(Alert, Hotspot)
        if not options["skip_scan"]:
            self._scan(province)
        self._search(ward_user, province_user)
        self._pages(ward_user, province_user, ward, province, runs, url)
        if url and not options["skip_load"]:
            self._load(url, options["load_requests"], options["load_clients"])
        self._print()

    def _row(self, name: str, figure: str, target: str) -> None:
        self.rows.append((name, figure, target, load_average()))
        self.stdout.write(f"  … {name}: {figure}", ending="\n")

    def _sizes(self, province: Unit) -> None:
        scope = {"unit__path__startswith": province.path}
        self.sizes = (
            f"{Citizen.objects.filter(**scope).count():,} citizens, "
            f"{ReceptionVisit.objects.filter(**scope).count():,} visits, "
            f"{Petition.objects.filter(**scope).count():,} petitions, "
            f"{Case.objects.filter(**scope).count():,} cases, "
            f"{Unit.objects.filter(path__startswith=province.path).count()} units"
        )
        self.stdout.write(f"{connection.vendor}: {self.sizes}; load {load_average()}")

    def _scan(self, province: Unit) -> None:
        today = timezone.localdate()
        before = Alert.objects.filter(unit__path__startswith=province.path).count()
        for run in (1, 2):
            started = time.perf_counter()
            result = monitoring_services.hotspot_scan(root=province, today=today)
            took = time.perf_counter() - started
            first = run == 1 and before == 0
            self._row(
                "hotspot scan, first" if first else "hotspot scan, steady",
                f"{took:.2f} s ({result.alerts_raised:,} raised, {result.alerts_kept:,} kept)",
                "< 15 s" if first else "< 5 s",
            )
            self.stdout.write(f"    seconds by step: {result.timings}")
        total = Alert.objects.filter(unit__path__startswith=province.path).count()
        self.stdout.write(f"  alerts in the province: {total:,}")

    def _search(self, ward_user: User, province_user: User) -> None:
        names = list(
            Citizen.objects.filter(id_number__gt="").values_list("name_key", "id_number")[:2000]
        )
        for label, user in (("ward", ward_user), ("province", province_user)):
            user = User.objects.get(pk=user.pk)
            for kind, pick in (
                ("name", lambda: self.rng.choice(names)[0]),
                ("ID", lambda: self.rng.choice(names)[1][:8]),
            ):
                timings = []
                for _ in range(60):
                    query = pick()
                    started = time.perf_counter()
                    list(citizen_selectors.citizen_search(user, query))
                    timings.append((time.perf_counter() - started) * 1000)
                self._row(
                    f"desk search selector, {kind} ({label})",
                    f"p50 {percentile(timings, 50):.1f} ms, p95 {percentile(timings, 95):.1f} ms",
                    "p95 < 50 ms",
                )

    def _paths(self, user: User, unit: Unit) -> dict[str, str]:
        today = timezone.localdate()
        case = (
            Case.objects.filter(unit__path__startswith=unit.path)
            .exclude(status="received")
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        year = (today - timedelta(days=364)).isoformat()
        return {
            "desk": "/reception/desk/",
            **desk_search_paths(unit),
            "register (year)": f"/reception/?first={year}&last={today.isoformat()}",
            "petition worklist": "/petitions/?view=open",
            "case list": "/cases/",
            "case page": f"/cases/{case}/",
            "dashboard": "/monitoring/",
            "alerts": "/monitoring/alerts/",
            "hotspots": "/monitoring/hotspots/",
        }

    def _pages(self, ward_user, province_user, ward, province, runs: int, url: str) -> None:
        self.page_rows: list[tuple[str, str, str, str, str]] = []
        results: dict[str, dict[str, tuple[float, float, int, int]]] = {}
        for label, user, unit in (
            ("ward", ward_user, ward),
            ("province", province_user, province),
        ):
            paths = self._paths(user, unit)
            if url:
                self._time_pages(HttpPages(url, user), paths, runs, results, label)
            else:
                with local_client(user) as client:
                    self._time_pages(LocalPages(client), paths, runs, results, label)
        self.page_load = load_average()
        for name, by_user in results.items():
            targets = TARGETS.get(name, (None, None))
            cells = []
            for label, target in zip(("ward", "province"), targets, strict=True):
                p50, p95, status, size = by_user[label]
                mark = "" if target is None else (" ok" if p95 < target else " MISSED")
                error = "" if status == 200 else f" [{status}]"
                cells.append(f"{p50:.0f}/{p95:.0f}{mark}{error}")
            shown = " / ".join("—" if t is None else f"{t:.0f}" for t in targets)
            self.page_rows.append((name, cells[0], cells[1], shown, f"{size / 1024:.0f} KB"))

    def _time_pages(self, pages, paths: dict[str, str], runs: int, results, label: str) -> None:
        for name, path in paths.items():
            status, _, size = pages.get(path)  # warm
            timings = []
            for _ in range(runs):
                status, ms, size = pages.get(path)
                timings.append(ms)
            results.setdefault(name, {})[label] = (
                percentile(timings, 50),
                percentile(timings, 95),
                status,
                size,
            )
            self.stdout.write(
                f"  … {name} ({label}): p50 {percentile(timings, 50):.0f} ms, "
                f"p95 {percentile(timings, 95):.0f} ms [{status}]"
            )

    def _load(self, url: str, requests: int, clients: int) -> None:
        for units, workers_note, target in ((20, "20 units", "≥ 200/s"), (1, "1 unit", "≥ 50/s")):
            out = io.StringIO()
            call_command(
                "load_visits",
                url=url,
                units=units,
                clients=clients,
                requests=requests,
                stdout=out,
            )
            lines = [line for line in out.getvalue().splitlines() if line.strip()]
            self._row(f"visit creation, {workers_note}", lines[-1] if lines else "?", target)

    def _print(self) -> None:
        w = self.stdout.write
        w("")
        w(f"Data set: {self.sizes}; database {connection.vendor}")
        w(f"{'measure':42s} {'figure':46s} {'target':12s} load (1/5/15 min)")
        for name, figure, target, load in self.rows:
            w(f"{name:42s} {figure:46s} {target:12s} {load}")
        w("")
        w(f"Pages, p50/p95 ms (load when done: {self.page_load})")
        w(f"{'page':22s} {'ward user':22s} {'province user':22s} {'target p95':14s} size")
        for name, ward_cell, province_cell, target, size in self.page_rows:
            w(f"{name:22s} {ward_cell:22s} {province_cell:22s} {target:14s} {size}")
