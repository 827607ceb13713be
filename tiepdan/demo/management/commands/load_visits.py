"""A bounded load of visit creation (`POST /api/v1/visits/`) against a server on this machine.

Spreads `--requests` visits (at most 20,000) over `--units` wards of the `benchmark_data`
province, each recorded by that ward's receptionist (bench.wardNNN, token authentication), from
`--clients` concurrent connections; prints requests per second, p50/p95 and the errors. Each
visit is a new citizen, so the register numbering and the citizen registry do their real work.

    gunicorn config.wsgi -w 4 -b 127.0.0.1:8000 &
    python manage.py load_visits --url http://127.0.0.1:8000 --units 20 --clients 8

The client shares this machine's cores with the server it measures, so it spends as little CPU
as it can: every request's bytes are built before the clock starts, and one thread drives the
`--clients` non-blocking sockets with poll(2), keeping `--clients` requests in flight at once,
rather than as many threads handing the GIL to each other on every send and receive (and
http.client parsing every header through the email package). A response is read by a minimal
HTTP/1.1 reader: status line, the framing headers, then a Content-Length, chunked or
until-close body. gunicorn's sync workers close the connection after every answer, so a visit
then opens a new connection, inside its own timing, as http.client did; a kept-alive connection
is reused. Each request is timed from its connection (or its send, when reused) to the end of
its response; a refused, reset or silent (60 s) connection, or an answer that is not HTTP,
counts as status 0.
"""

from __future__ import annotations

import errno
import gc
import itertools
import json
import os
import random
import select
import socket
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
PATH = "/api/v1/visits/"
TIMEOUT = 60.0  # seconds without an answer before a request counts as failed (status 0)
RECV_SIZE = 65536
READ, WRITE = select.POLLIN, select.POLLOUT


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


def request_bytes(token: str, host_header: str, body: bytes) -> bytes:
    """A visit's request as http.client wrote it: its default Accept-Encoding and the
    Content-Length first, then our headers in order; header and body in one send."""
    head = (
        f"POST {PATH} HTTP/1.1\r\n"
        "Accept-Encoding: identity\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Authorization: Token {token}\r\n"
        "Content-Type: application/json\r\n"
        f"Host: {host_header}\r\n"
        "X-Forwarded-Proto: https\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


class BadResponse(Exception):
    """The server's bytes are not an HTTP/1.x response this reader understands."""


def _chunked(buf: bytearray, pos: int) -> bytes | None:
    """The body of a chunked response whose chunks start at `pos`; None while incomplete."""
    parts: list[bytes] = []
    while True:
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return None
        try:
            size = int(bytes(buf[pos:eol]).split(b";", 1)[0], 16)
        except ValueError as exc:
            raise BadResponse("bad chunk size") from exc
        pos = eol + 2
        if size == 0:
            # Trailer fields, if any, end with an empty line, as the headers do.
            if buf[pos : pos + 2] == b"\r\n" or buf.find(b"\r\n\r\n", pos) >= 0:
                return b"".join(parts)
            return None
        if len(buf) < pos + size + 2:
            return None
        parts.append(bytes(buf[pos : pos + size]))
        pos += size + 2


class Response:
    """A response read as its bytes arrive: `feed` them, then `done(eof)` tells whether it is
    whole; `status`, `body` and `close` (the connection cannot serve another request)."""

    __slots__ = ("body", "buf", "chunked", "close", "head_end", "length", "status")

    def __init__(self) -> None:
        self.buf = bytearray()
        self.head_end = -1
        self.status = 0
        self.length: int | None = None
        self.chunked = False
        self.close = False
        self.body = b""

    def feed(self, data: bytes) -> None:
        self.buf += data

    def done(self, eof: bool = False) -> bool:
        if self.head_end < 0 and not self._head():
            if eof:
                raise BadResponse("connection closed before the response")
            return False
        start = self.head_end
        if self.chunked:
            body = _chunked(self.buf, start)
            if body is None:
                if eof:
                    raise BadResponse("connection closed inside a chunked body")
                return False
            self.body = body
            return True
        if self.length is None:  # the body runs until the server closes
            self.close = True
            self.body = bytes(self.buf[start:])
            return eof
        if len(self.buf) < start + self.length:
            if eof:
                raise BadResponse("connection closed inside the body")
            return False
        self.body = bytes(self.buf[start : start + self.length])
        return True

    def _head(self) -> bool:
        """Parse the status line and headers once they are all here (skipping any 1xx)."""
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return False
            head = bytes(self.buf[: end + 2]).lower()
            version, _, rest = head[: head.find(b"\r\n")].partition(b" ")
            if not version.startswith(b"http/1.") or not rest[:3].isdigit():
                raise BadResponse(head[:80].decode(errors="replace"))
            self.status = int(rest[:3])
            if not 100 <= self.status < 200:
                break
            del self.buf[: end + 4]
        self.head_end = end + 4
        self._framing(head, version == b"http/1.0")
        return True

    def _framing(self, head: bytes, old: bool) -> None:
        """How the body ends and whether the connection stays open, from the (lower-cased)
        head: a few searches rather than a parse of every header."""
        length, coding, connection = (
            _header(head, b"content-length"),
            _header(head, b"transfer-encoding"),
            _header(head, b"connection"),
        )
        tokens = {t.strip() for t in (connection or b"").split(b",")}
        self.close = b"close" in tokens or (old and b"keep-alive" not in tokens)
        if self.status in (204, 304):
            self.length = 0
        elif coding is not None:
            # Chunked framing when last; any other coding runs until the connection closes.
            self.chunked = coding.rsplit(b",", 1)[-1].strip() == b"chunked"
        elif length is not None:
            if not length.isdigit():
                raise BadResponse("bad Content-Length")
            self.length = int(length)


def _header(head: bytes, name: bytes) -> bytes | None:
    """The value of the header `name` in the lower-cased `head` (ending with CRLF), or None."""
    at = head.find(b"\r\n" + name + b":")
    if at < 0:
        return None
    at += len(name) + 3
    return head[at : head.find(b"\r\n", at)].strip()


def _address(host: str, port: int) -> tuple:
    """The server's address; of several (localhost: ::1 and 127.0.0.1), the first that takes a
    connection, as http.client's create_connection tried them in turn."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for family, kind, proto, name, address in found[:-1]:
        with socket.socket(family, kind, proto) as probe:
            probe.settimeout(5)
            if probe.connect_ex(address) == 0:
                return family, kind, proto, name, address
    return found[-1]


class Slot:
    """One of the client connections and the request it has in flight."""

    __slots__ = ("fd", "out", "response", "sock", "started", "waiting")

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.fd = -1
        self.started = 0.0
        self.out = memoryview(b"")
        self.response = Response()
        self.waiting = 0  # the poll events the socket is registered for (0: not registered)


class Load:
    """The visits to send, and what the server answered."""

    def __init__(self, host: str, port: int, senders: list[tuple[str, str]], requests: int):
        self.address = _address(host, port)
        self.senders, self.requests = senders, requests
        self.host_header = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else host
        self.counter = itertools.count()
        self.timings: list[float] = []
        self.errors: dict[int, int] = {}
        self.first_error: str | None = None
        # The ID numbers' century and year digits (400 series): a run's citizens are new to
        # the registry, not those of an earlier run (which the desk would find, not register).
        self.series = random.randrange(400)
        self.now = datetime.now(VN).replace(microsecond=0)
        self.poller = select.poll()
        self.by_fd: dict[int, Slot] = {}  # the slots with a request in flight, by socket
        self.wire: list[bytes] = []

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

    def prepare(self) -> None:
        """Build every request's bytes, so the timed run only sends them."""
        self.wire = []
        for n in range(self.requests):
            token, code = self.senders[n % len(self.senders)]
            self.wire.append(request_bytes(token, self.host_header, self.body(n, code).encode()))

    def run(self, clients: int) -> None:
        """Send all the visits over `clients` connections, each with one request in flight."""
        if len(self.wire) != self.requests:
            self.prepare()
        slots = [Slot() for _ in range(clients)]
        # The run makes no reference cycles; the collector would only walk Django's heap.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._loop(slots)
        finally:
            if collecting:
                gc.enable()

    def _loop(self, slots: list[Slot]) -> None:
        for slot in slots:
            self._start(slot)
        by_fd = self.by_fd
        while by_fd:
            events = self.poller.poll(1000)
            if not events:
                self._expire(slots)
            for fd, _mask in events:
                slot = by_fd[fd]
                # An error or hang-up shows in the send or the receive that follows.
                if slot.waiting == WRITE:
                    self._write(slot)
                else:
                    self._read(slot)

    def _start(self, slot: Slot) -> None:
        """Give the slot the next visit (connecting if it has no open connection), or close it
        once all are sent. A visit that cannot even start counts as failed, and the next one
        is tried."""
        while True:
            n = next(self.counter)
            if n >= self.requests:
                self._drop(slot)
                return
            slot.out, slot.response = memoryview(self.wire[n]), Response()
            slot.started = time.perf_counter()
            try:
                if slot.sock is None:
                    self._connect(slot)
                self._send(slot)
                return
            except OSError:
                self._note(slot, 0, b"")
                self._drop(slot)

    def _connect(self, slot: Slot) -> None:
        family, kind, proto, _name, address = self.address
        # No TCP_NODELAY (which http.client set): a request leaves in one send with nothing
        # unacknowledged before it, so Nagle's algorithm never holds it back.
        sock = socket.socket(family, kind | socket.SOCK_NONBLOCK, proto)
        slot.sock, slot.fd = sock, sock.fileno()
        err = sock.connect_ex(address)
        if err not in (0, errno.EINPROGRESS):  # in progress: connected once writable
            raise OSError(err, os.strerror(err))

    def _watch(self, slot: Slot, events: int) -> None:
        if slot.waiting == events:
            return
        if slot.waiting:
            self.poller.modify(slot.fd, events)
        else:
            self.poller.register(slot.fd, events)
            self.by_fd[slot.fd] = slot
        slot.waiting = events

    def _write(self, slot: Slot) -> None:
        try:
            self._send(slot)
        except OSError:
            self._fail(slot)

    def _send(self, slot: Slot) -> None:
        """Send what is left of the request (on loopback, a connection being made usually
        takes it at once, which spares a wake-up); then wait for the answer."""
        assert slot.sock is not None
        try:
            sent = slot.sock.send(slot.out)
        except BlockingIOError:
            sent = 0
        slot.out = slot.out[sent:]
        self._watch(slot, WRITE if slot.out else READ)

    def _read(self, slot: Slot) -> None:
        assert slot.sock is not None
        try:
            data = slot.sock.recv(RECV_SIZE)
        except BlockingIOError:
            return
        except OSError:
            self._fail(slot)
            return
        response = slot.response
        response.feed(data)
        try:
            if not response.done(eof=not data):
                return
        except BadResponse:
            self._fail(slot)
            return
        self._note(slot, response.status, response.body)
        if response.close or not data:
            self._drop(slot)
        self._start(slot)

    def _fail(self, slot: Slot) -> None:
        """No answer, a broken one, or a lost connection: status 0, and a new connection."""
        self._note(slot, 0, b"")
        self._drop(slot)
        self._start(slot)

    def _expire(self, slots: list[Slot]) -> None:
        now = time.perf_counter()
        for slot in slots:
            if slot.sock is not None and now - slot.started > TIMEOUT:
                self._fail(slot)

    def _drop(self, slot: Slot) -> None:
        if slot.sock is None:
            return
        if slot.waiting:
            self.poller.unregister(slot.fd)
            del self.by_fd[slot.fd]
        slot.sock.close()
        slot.sock, slot.fd, slot.waiting = None, -1, 0

    def _note(self, slot: Slot, status: int, answer: bytes) -> None:
        self.timings.append((time.perf_counter() - slot.started) * 1000)
        if status != 201:
            self.errors[status] = self.errors.get(status, 0) + 1
            if self.first_error is None:
                self.first_error = answer[:300].decode(errors="replace")


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
        load = Load(host, port, _senders(units), requests)
        load.prepare()
        started = time.perf_counter()
        load.run(clients)
        elapsed = time.perf_counter() - started
        if load.first_error is not None:
            self.stdout.write(f"first error: {load.first_error}")
        self.stdout.write(
            f"{requests} visits over {units} unit(s), {clients} clients: "
            f"{requests / elapsed:.0f}/s, p50 {percentile(load.timings, 50):.0f} ms, "
            f"p95 {percentile(load.timings, 95):.0f} ms, errors {load.errors or 0}, "
            f"load {load_average()}"
        )
