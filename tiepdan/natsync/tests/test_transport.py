"""The transport keeps its connection to the national database open between records (HTTP/1.1
keep-alive) against a real local server, and opens a new one when the server has closed the kept
one, without sending a record twice."""

import base64
import json
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tiepdan.natsync import send
from tiepdan.natsync.models import SyncRecord
from tiepdan.natsync.transport import HttpJsonTransport

pytestmark = pytest.mark.django_db


class KeepAliveServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[int, dict]] = []  # (client port, body)
        self.close_after_next = False
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/lienthong"

    def connections(self) -> set[int]:
        return {port for port, _body in self.requests}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: KeepAliveServer

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.requests.append((self.client_address[1], body))
            n = len(self.server.requests)
            close, self.server.close_after_next = self.server.close_after_next, False
        answer = json.dumps({"national_id": f"QG-{n}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
        # Closed after answering, without saying so: as an idle timeout does.
        self.close_connection = close


@pytest.fixture
def server():
    srv = KeepAliveServer()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_one_connection_carries_every_record_and_a_closed_one_is_reopened(server) -> None:
    transport = HttpJsonTransport(url=server.url, user="u", password="p", timeout=2)

    ids = [transport.send(stage="matter", envelope={"i": i}) for i in range(5)]
    assert ids == [f"QG-{i}" for i in range(1, 6)]
    assert len(server.connections()) == 1

    server.close_after_next = True
    assert transport.send(stage="matter", envelope={"i": 5}) == "QG-6"
    assert transport.send(stage="matter", envelope={"i": 6}) == "QG-7"  # on a new connection

    assert [body["i"] for _port, body in server.requests] == list(range(7)), "each once"
    assert len(server.connections()) == 2
    transport.close()


def test_a_pass_sends_its_records_over_one_kept_connection(
    server, settings, mapped, receive
) -> None:
    settings.TIEPDAN_NATIONAL_DB_URL = server.url
    for i in range(6):
        receive(summary=f"Khiếu nại số {i}")

    result = send.sync_due()

    assert (result.sent, result.failed) == (6, 0)
    assert len(server.requests) == 6
    assert len(server.connections()) == 1
    assert set(SyncRecord.objects.values_list("status", flat=True)) == {"sent"}


class TunnelProxy(socketserver.ThreadingTCPServer):
    """A CONNECT proxy: it records what it was asked to reach and with which credentials, then
    relays bytes both ways."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), TunnelHandler)
        self.tunnels: list[tuple[str, str | None]] = []  # (target, Proxy-Authorization)


class TunnelHandler(socketserver.StreamRequestHandler):
    server: TunnelProxy

    def handle(self) -> None:
        request = self.rfile.readline().decode().split()
        headers = {}
        while (line := self.rfile.readline().decode()) not in ("\r\n", "\n", ""):
            name, _sep, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if request[0] != "CONNECT":
            self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
            return
        self.server.tunnels.append((request[1], headers.get("proxy-authorization")))
        host, port = request[1].rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()

        def pipe(source: socket.socket, sink: socket.socket) -> None:
            try:
                while chunk := source.recv(65536):
                    sink.sendall(chunk)
            except OSError:
                pass  # the other side closed: the tunnel ends, as a proxy's does
            finally:
                sink.close()

        threading.Thread(target=pipe, args=(upstream, self.connection), daemon=True).start()
        pipe(self.connection, upstream)


@pytest.fixture
def proxy():
    srv = TunnelProxy()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_the_proxy_of_the_environment_tunnels_every_record(server, proxy, monkeypatch) -> None:
    port = proxy.server_address[1]
    monkeypatch.setenv("http_proxy", f"http://tiepdan:b%C3%AD-m%E1%BA%ADt@127.0.0.1:{port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    transport = HttpJsonTransport(url=server.url, user="u", password="p", timeout=2)

    ids = [transport.send(stage="matter", envelope={"i": i}) for i in range(3)]

    assert ids == ["QG-1", "QG-2", "QG-3"]
    token = base64.b64encode("tiepdan:bí-mật".encode()).decode()
    assert proxy.tunnels == [(f"127.0.0.1:{server.server_address[1]}", f"Basic {token}")]
    assert [body["i"] for _port, body in server.requests] == [0, 1, 2]
    transport.close()


def test_no_proxy_exempts_a_host(server, proxy, monkeypatch) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.server_address[1]}")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    transport = HttpJsonTransport(url=server.url, user="u", password="p", timeout=2)

    assert transport.send(stage="matter", envelope={"i": 0}) == "QG-1"
    assert proxy.tunnels == []
    transport.close()
