"""What every officer page pays before and around its view, in this process: CPU (this process
and its PostgreSQL backend), wall time and queries of a bare 404 and of the desk search, as the
ward and the province user of `benchmark_data`.

    DATABASE_URL=postgres://… python manage.py benchmark_request_cost [--runs 200]

A 404 runs every middleware (session, user, memberships, current unit) and renders the base
page, and nothing else: its cost is the fixed cost of a page.
"""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand
from django.db import connection

from tiepdan.demo.management.commands.benchmark_all import desk_search_paths
from tiepdan.demo.management.commands.benchmark_data import CODE
from tiepdan.ops.bench import CpuClock, HttpPages, load_average, local_client, percentile
from tiepdan.organizations.models import Unit, User


class Command(BaseCommand):
    help = "Đo chi phí cố định của một trang (404, tìm công dân) theo CPU và số truy vấn."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=200, help="requests per page and user")
        parser.add_argument("--url", default="", help="http://127.0.0.1:PORT of a running server")
        parser.add_argument(
            "--server-pid",
            type=int,
            default=0,
            help="with --url: the server's master process (gunicorn --pid), to add up the CPU "
            "of its workers and of the database's other backends",
        )

    def handle(self, *args, runs: int, url: str, server_pid: int, **options) -> None:
        self.server_pid = server_pid
        self.stdout.write(f"load average before: {load_average()}")
        for label, username, code in (
            ("ward", "bench.ward", f"{CODE}-001"),
            ("province", "bench.province", CODE),
        ):
            user = User.objects.get(username=username)
            unit = Unit.objects.get(code=code)
            paths = {"bare 404": "/no-such-page/", **desk_search_paths(unit)}
            if url:
                pages = HttpPages(url, user)
                for page, path in paths.items():
                    self._over_http(pages, f"{page} ({label})", path, runs)
                continue
            with local_client(user) as client:
                for page, path in paths.items():
                    self._measure(client, f"{page} ({label})", path, runs)
        self.stdout.write(f"load average after: {load_average()}")

    def _measure(self, client, name: str, path: str, runs: int) -> None:
        client.get(path)  # warm: templates, connections, plans
        queries: list[str] = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = client.get(path).status_code
        clock = CpuClock()
        walls = []
        process_before, backend_before = clock.read()
        for _ in range(runs):
            started = time.perf_counter()
            client.get(path)
            walls.append((time.perf_counter() - started) * 1000)
        process_after, backend_after = clock.read()
        process_ms = (process_after - process_before) * 1000 / runs
        backend_ms = (backend_after - backend_before) * 1000 / runs
        self.stdout.write(
            f"  {name:30s} [{status}] {len(queries):2d} queries   CPU/request: "
            f"process {process_ms:5.2f} ms + database {backend_ms:5.2f} ms   "
            f"wall p50 {percentile(walls, 50):5.1f} ms, p95 {percentile(walls, 95):5.1f} ms"
        )

    def _over_http(self, pages: HttpPages, name: str, path: str, runs: int) -> None:
        for _ in range(10):  # warm every worker
            status, _, _ = pages.get(path)
        before = self._server_cpu()
        walls = [pages.get(path)[1] for _ in range(runs)]
        after = self._server_cpu()
        cpu = ""
        if self.server_pid:
            process, database = ((a - b) * 1000 / runs for a, b in zip(after, before, strict=True))
            cpu = f"CPU/request: workers {process:5.2f} ms + database {database:5.2f} ms   "
        self.stdout.write(
            f"  {name:30s} [{status}] over HTTP: {cpu}wall p50 {percentile(walls, 50):5.1f} ms, "
            f"p95 {percentile(walls, 95):5.1f} ms   (load {load_average()})"
        )

    def _server_cpu(self) -> tuple[float, float]:
        """CPU seconds so far of the server's workers and of the database's other backends
        (this machine's /proc; the server's connections are those not ours)."""
        if not self.server_pid:
            return 0.0, 0.0
        workers = [
            int(entry)
            for entry in os.listdir("/proc")
            if entry.isdigit() and _stat(int(entry))[0] == self.server_pid
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            backends = [pid for (pid,) in cursor.fetchall()]
        return (
            sum(_stat(pid)[1] for pid in workers),
            sum(_stat(pid)[1] for pid in backends),
        )


def _stat(pid: int) -> tuple[int, float]:
    """(parent pid, CPU seconds) of a process; (0, 0.0) when it is gone or not readable."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0, 0.0
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
