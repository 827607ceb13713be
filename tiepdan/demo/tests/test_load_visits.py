"""The visit load's client against a real HTTP server on a local socket: what the server
receives, byte for byte, and how the client counts the answers, broken ones included."""

import ast
import http.client
import io
import json
import re
import socket
import socketserver
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from tiepdan.demo.management.commands import load_visits
from tiepdan.demo.management.commands.benchmark_data import CODE
from tiepdan.organizations import services
from tiepdan.organizations.constants import Role, UnitKind

BAD_BODY = json.dumps({"detail": "Dữ liệu không hợp lệ"}, ensure_ascii=False).encode()
CREATED = b'{"id": 1}'


def kind(n: int) -> str:
    """How the test server answers the n-th visit."""
    for name, modulus, rest in (
        ("drop", 11, 5),  # the connection closed without an answer
        ("garbage", 19, 9),  # not HTTP
        ("bad", 7, 3),  # 400, head and body sent apart
        ("close", 5, 0),  # 201, then Connection: close
        ("chunked", 4, 1),
        ("until_close", 13, 6),  # 201 with no length: the body ends with the connection
        ("continue", 17, 8),  # an interim 100 before the 201
    ):
        if n % modulus == rest:
            return name
    return "plain"


def expected_errors(requests: int) -> dict[int, int]:
    kinds = [kind(n) for n in range(requests)]
    counts = {400: kinds.count("bad"), 0: kinds.count("drop") + kinds.count("garbage")}
    return {status: count for status, count in counts.items() if count}


def answer(n: int) -> tuple[list[bytes], bool]:
    """The pieces the server writes for the n-th visit, and whether it then closes."""
    created = f"Content-Length: {len(CREATED)}\r\n".encode()
    return {
        "drop": ([], True),
        "garbage": ([b"nonsense\r\n\r\n"], True),
        "bad": (
            [b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n" % len(BAD_BODY), BAD_BODY],
            False,
        ),
        "close": (
            [b"HTTP/1.1 201 Created\r\nConnection: close\r\n" + created + b"\r\n" + CREATED],
            True,
        ),
        "chunked": (
            [
                b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n",
                b'4\r\n{"id\r\n',
                b'5\r\n": 1}\r\n',
                b"0\r\n\r\n",
            ],
            False,
        ),
        "until_close": ([b"HTTP/1.1 201 Created\r\nConnection: close\r\n\r\n", CREATED], True),
        "continue": (
            [
                b"HTTP/1.1 100 Continue\r\n\r\n",
                b"HTTP/1.1 201 Created\r\n" + created + b"\r\n" + CREATED,
            ],
            False,
        ),
        "plain": ([b"HTTP/1.1 201 Created\r\n" + created + b"\r\n" + CREATED], False),
    }[kind(n)]


class Server(socketserver.ThreadingTCPServer):
    """Records every request's bytes and the most requests it held at once."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.delay, self.lock = delay, threading.Lock()
        self.received: list[bytes] = []
        self.in_flight = self.most_in_flight = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def hold(self, raw: bytes) -> None:
        with self.lock:
            self.received.append(raw)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        time.sleep(self.delay)
        with self.lock:
            self.in_flight -= 1


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        buf = b""
        while True:
            while b"\r\n\r\n" not in buf:
                data = self.request.recv(65536)
                if not data:
                    return
                buf += data
            head, _, buf = buf.partition(b"\r\n\r\n")
            found = re.search(rb"Content-Length: (\d+)", head)
            assert found
            length = int(found[1])
            while len(buf) < length:
                buf += self.request.recv(65536)
            body, buf = buf[:length], buf[length:]
            assert isinstance(self.server, Server)
            self.server.hold(head + b"\r\n\r\n" + body)
            pieces, close = answer(int(json.loads(body)["citizens"][0]["id_number"][-6:]))
            for piece in pieces:
                self.request.sendall(piece)
            if close:
                return


@pytest.fixture
def server():
    srv = Server(delay=0.01)
    yield srv
    srv.shutdown()
    srv.server_close()


SENDERS = [("tok-a", "W1"), ("tok-b", "W2"), ("tok-c", "W3")]


def check_request(raw: bytes, load, host: str) -> int:
    """The request is the visit its body says, with the headers of its sender; its number."""
    head, _, body = raw.partition(b"\r\n\r\n")
    visit = json.loads(body)
    n = int(visit["citizens"][0]["id_number"][-6:])
    token, code = SENDERS[n % len(SENDERS)]
    assert head.decode("latin-1").split("\r\n") == [
        "POST /api/v1/visits/ HTTP/1.1",
        "Accept-Encoding: identity",
        f"Content-Length: {len(body)}",
        f"Authorization: Token {token}",
        "Content-Type: application/json",
        f"Host: {host}",
        "X-Forwarded-Proto: https",
    ]
    assert body.isascii()  # json.dumps's escapes, as before
    assert visit["unit"] == code
    assert visit["citizens"][0]["id_number"] == f"001{load.series:03d}{n:06d}"
    assert visit["citizens"][0]["full_name"] == load_visits.NAMES[n % len(load_visits.NAMES)]
    assert visit["received_at"] == (load.now - timedelta(seconds=n)).isoformat()
    assert visit["petition_type"] == "complaint"
    assert visit["case"] is None
    return n


def test_every_visit_is_sent_once_and_every_failure_counted(server, settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    requests, clients = 120, 4
    load = load_visits.Load("127.0.0.1", server.server_address[1], SENDERS, requests)
    load.run(clients)

    numbers = sorted(check_request(raw, load, "127.0.0.1") for raw in server.received)
    assert numbers == list(range(requests))
    assert load.errors == expected_errors(requests)
    assert set(load.errors) == {0, 400}
    assert load.first_error in (BAD_BODY.decode(), "")
    assert len(load.timings) == requests
    assert min(load.timings) > 0
    assert server.most_in_flight == clients  # the requests really overlap

    # http.client, which the client used to be, writes the same bytes for a visit.
    n = 2
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    token, code = SENDERS[n % len(SENDERS)]
    headers = {
        "Authorization": f"Token {token}",
        "Content-Type": "application/json",
        "Host": "127.0.0.1",
        "X-Forwarded-Proto": "https",
    }
    conn.request("POST", "/api/v1/visits/", body=load.body(n, code).encode(), headers=headers)
    assert conn.getresponse().read() == CREATED
    conn.close()
    assert server.received[-1] == load.wire[n]
    assert server.received.count(load.wire[n]) == 2


def test_a_refused_connection_is_an_error_of_status_0() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    load = load_visits.Load("127.0.0.1", port, SENDERS, 5)
    load.run(2)
    assert load.errors == {0: 5}
    assert load.first_error == ""


def test_localhost_is_whichever_of_its_addresses_listens(server) -> None:
    load = load_visits.Load("localhost", server.server_address[1], SENDERS, 6)
    load.run(2)
    assert load.errors == expected_errors(6)
    assert len(server.received) == 6


@pytest.fixture
def bench_ward(province):
    unit = services.unit_create(
        code=f"{CODE}-001", name="Phường Thử Tải", kind=UnitKind.WARD, parent=province
    )
    services.user_create(
        username="bench.ward001", password="x-Pass-9876", memberships=[(unit, Role.RECEPTIONIST)]
    )
    return unit


def test_the_command_prints_the_run(server, bench_ward, settings, monkeypatch) -> None:
    settings.ALLOWED_HOSTS = ["localhost"]
    out = io.StringIO()
    call_command("load_visits", url=server.url, units=1, clients=3, requests=40, stdout=out)
    first, line = out.getvalue().splitlines()
    assert first in (f"first error: {BAD_BODY.decode()}", "first error: ")
    printed = re.fullmatch(
        r"40 visits over 1 unit\(s\), 3 clients: \d+/s, p50 \d+ ms, p95 \d+ ms, "
        r"errors (\{.*\}), load .+",
        line,
    )
    assert printed
    assert ast.literal_eval(printed[1]) == expected_errors(40)
    assert len(server.received) == 40
    assert all(b"\r\nHost: localhost\r\n" in raw for raw in server.received)

    # The count is bounded whatever --requests says.
    monkeypatch.setattr(load_visits, "MAX_REQUESTS", 7)
    out = io.StringIO()
    call_command("load_visits", url=server.url, units=1, clients=2, requests=500, stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("7 visits over 1 unit(s), 2 clients: ")
    assert len(server.received) == 47


@pytest.mark.parametrize(
    ("url", "units", "clients"),
    [
        ("http://192.0.2.1:8000", 1, 1),
        ("https://127.0.0.1:8000", 1, 1),
        ("http://127.0.0.1:8000", 0, 1),
        ("http://127.0.0.1:8000", 21, 1),
        ("http://127.0.0.1:8000", 1, 65),
    ],
)
def test_the_command_refuses_other_servers_and_bad_sizes(url, units, clients) -> None:
    with pytest.raises(CommandError):
        call_command("load_visits", url=url, units=units, clients=clients, requests=1)


@pytest.mark.django_db
def test_the_command_needs_the_benchmark_data_set(server) -> None:
    with pytest.raises(CommandError, match="benchmark_data"):
        call_command("load_visits", url=server.url, units=1, clients=1, requests=1)
    assert server.received == []
