"""A real HTTP receiver for the tests: records every request and answers as told (the
contract's 200 with a national id, an error status, malformed JSON, or nothing at all)."""

import base64
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    auth: str
    body: dict[str, Any]
    answered: str  # "ok", "500", "malformed", "hang"


@dataclass
class Receiver:
    """Answers from `script` (consumed in order), then `default`."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    script: deque = field(default_factory=deque)
    default: str = "ok"
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    issued: int = 0

    def acknowledged(self) -> list[Received]:
        return [r for r in self.requests if r.answered == "ok"]

    def next_answer(self) -> str:
        with self.lock:
            return self.script.popleft() if self.script else self.default

    def new_id(self) -> str:
        with self.lock:
            self.issued += 1
            return f"QG-{self.issued:05d}"


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            answer = receiver.next_answer()
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                auth = base64.b64decode(auth[6:]).decode()
            with receiver.lock:
                receiver.requests.append(Received(self.path, auth, body, answer))
            if answer == "hang":
                receiver.release.wait(30)
                return
            if answer == "ok":
                national_id = body.get("national_id") or receiver.new_id()
                self._answer(200, json.dumps({"national_id": national_id}).encode())
            elif answer == "malformed":
                self._answer(200, b"<html>not json")
            else:
                self._answer(int(answer), b'{"error": "temporarily unavailable"}')

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    # The senders of two passes connect at once (four threads each, a connection per record
    # with an HTTP/1.0 answer): the default backlog of 5 drops connections under load, which
    # the client sees as a one-second timeout.
    request_queue_size = 64


def start() -> tuple[Receiver, ThreadingHTTPServer]:
    receiver = Receiver()
    server = _Server(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/lienthong"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
