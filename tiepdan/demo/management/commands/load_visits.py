"""A bounded load of visit creation (`POST /api/v1/visits/`) against a server on this machine.

Spreads `--requests` visits (at most 20,000) over `--units` wards of the `benchmark_data`
province, each recorded by that ward's receptionist (bench.wardNNN, token authentication), from
`--clients` concurrent connections; prints requests per second, p50/p95 and the errors. Each
visit is a new citizen, so the register numbering and the citizen registry do their real work.

    gunicorn config.wsgi -w 4 -b 127.0.0.1:8000 &
    python manage.py load_visits --url http://127.0.0.1:8000 --units 20 --clients 8
"""

from __future__ import annotations

import http.client
import itertools
import json
import random
import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from tiepdan.citizens.management.commands.benchmark_desk_search import FAMILY, GIVEN, MIDDLE
from tiepdan.demo.management.commands.benchmark_data import CODE, LOAD_UNITS
from tiepdan.ops.bench import load_average, percentile, require_local
from tiepdan.organizations.models import Unit, User

MAX_REQUESTS = 20_000
NAMES = [f"{f} {m} {g}" for f, m, g in zip(FAMILY * 6, MIDDLE * 8, GIVEN * 3, strict=False)]
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _senders(units: int) -> list[tuple[str, str]]:
    """Each ward's receptionist's token and the ward's code."""
    senders = []
    for i in range(1, units + 1):
        user = User.objects.filter(username=f"bench.ward{i:03d}").first()
        unit = Unit.objects.filter(code=f"{CODE}-{i:03d}").first()
        if user is None or unit is None:
            raise CommandError("No benchmark data set: run benchmark_data first.")
        senders.append((Token.objects.get_or_create(user=user)[0].key, unit.code))
    return senders


class _Load:
    """The visits to send, shared by the client threads, and what the server answered."""

    def __init__(self, host: str, port: int, senders: list[tuple[str, str]], requests: int):
        self.host, self.port, self.senders, self.requests = host, port, senders, requests
        self.host_header = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else host
        self.counter = itertools.count()
        self.lock = threading.Lock()
        self.timings: list[float] = []
        self.errors: dict[int, int] = {}
        self.first_error: list[str] = []
        # The ID numbers' century and year digits (400 series): a run's citizens are new to
        # the registry, not those of an earlier run (which the desk would find, not register).
        self.series = random.randrange(400)
        self.now = datetime.now(VN).replace(microsecond=0)

    def body(self, n: int, code: str) -> str:
        """The n-th visit: a new citizen with a complaint, a second apart."""
        return json.dumps(
            {
                "unit": code,
                "received_at": (self.now - timedelta(seconds=n)).isoformat(),
                "mode": "regular",
                "chaired_by": "officer",
                "channel": "in_person",
                "people_count": 1,
                "citizens": [
                    {
                        "full_name": NAMES[n % len(NAMES)],
                        "id_number": f"001{self.series // 100}{self.series % 100:02d}{n:06d}",
                        "address": f"Khu phố {n % 30 + 1}",
                    }
                ],
                "petition_type": "complaint",
                "domain": "admin.other",
                "summary": "Lượt tiếp thử tải",
                "case": None,
            }
        )

    def send(self, conn: http.client.HTTPConnection, n: int) -> http.client.HTTPConnection:
        """Post the n-th visit and note the time and the answer; the connection to go on with."""
        token, code = self.senders[n % len(self.senders)]
        headers = {
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Host": self.host_header,
            "X-Forwarded-Proto": "https",
        }
        started = time.perf_counter()
        try:
            conn.request(
                "POST", "/api/v1/visits/", body=self.body(n, code).encode(), headers=headers
            )
            response = conn.getresponse()
            answer = response.read()
            status = response.status
        except (http.client.HTTPException, OSError):
            conn.close()
            conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            status, answer = 0, b""
        took = (time.perf_counter() - started) * 1000
        with self.lock:
            self.timings.append(took)
            if status != 201:
                self.errors[status] = self.errors.get(status, 0) + 1
                self.first_error.append(answer[:300].decode(errors="replace"))
        return conn

    def work(self) -> None:
        """One client: take the next visit until all are sent."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        while True:
            with self.lock:
                n = next(self.counter)
            if n >= self.requests:
                break
            conn = self.send(conn, n)
        conn.close()


class Command(BaseCommand):
    help = "Tải có giới hạn: tạo lượt tiếp qua API trên máy này (127.0.0.1)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT")
        parser.add_argument("--units", type=int, default=LOAD_UNITS)
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--requests", type=int, default=2000)

    def handle(self, *args, url: str, units: int, clients: int, requests: int, **options):
        try:
            host, port = require_local(url)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not 1 <= units <= LOAD_UNITS or not 1 <= clients <= 64:
            raise CommandError(f"--units 1..{LOAD_UNITS}, --clients 1..64")
        requests = min(requests, MAX_REQUESTS)
        load = _Load(host, port, _senders(units), requests)
        threads = [threading.Thread(target=load.work) for _ in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        if load.first_error:
            self.stdout.write(f"first error: {load.first_error[0]}")
        self.stdout.write(
            f"{requests} visits over {units} unit(s), {clients} clients: "
            f"{requests / elapsed:.0f}/s, p50 {percentile(load.timings, 50):.0f} ms, "
            f"p95 {percentile(load.timings, 95):.0f} ms, errors {load.errors or 0}, "
            f"load {load_average()}"
        )
