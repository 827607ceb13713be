"""How a record reaches the national database. The interface is not public (national-db.md),
so the transport is a small replaceable class (`TIEPDAN_NATIONAL_DB_TRANSPORT`, a dotted path);
the built-in one is api-contract.md's: JSON POSTed to `{URL}/{stage}` with HTTP Basic
authentication, answered by `200 {"national_id": "…"}`.

It keeps its connections open between records (HTTP/1.1 keep-alive), one per sending thread at
a time: a pass of thousands of records does not open a TCP and TLS connection for each. A kept
connection the server has closed meanwhile (idle timeout) is found when the next request gets no
answer at all; that request is made again once, on a new connection. Redirects are not followed
(they could downgrade to plain HTTP or take the credentials elsewhere): a 3xx is an error.

A proxy is taken from the environment as urllib reads it (`https_proxy` / `http_proxy`, with
`no_proxy`; credentials in the proxy's URL go as `Proxy-Authorization`): agencies often reach
the outside only through one. The connection to the national database is tunnelled through it
with CONNECT, so TLS still runs end to end and the proxy never sees the Basic credentials.
"""

import base64
import http.client
import ipaddress
import json
import ssl
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

MAX_ANSWER = 64 * 1024  # bytes read from an answer: an id, or an error text


class TransportError(Exception):
    """One attempt failed; the message (Vietnamese) is kept as the attempt's error."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(Exception):
    """The link is configured so that nothing may be sent (shown on the status page)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, *, debug: bool) -> None:
    """Refuse a URL that would send personal data in clear: plain HTTP only to this machine
    (or anywhere while DEBUG is on, for development)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            _("Địa chỉ CSDL quốc gia không hợp lệ: %(u)s (cần https://…).") % {"u": url}
        )
    if parts.scheme == "http" and not debug and not is_loopback(parts.hostname):
        raise ConfigurationError(
            _(
                "Không gửi qua http:// không mã hóa tới %(h)s: dùng https:// (http chỉ được "
                "dùng với địa chỉ nội bộ 127.0.0.1 hoặc localhost)."
            )
            % {"h": parts.hostname}
        )


class Transport:
    """Sends one envelope; returns the national id in the answer (None if it has none)."""

    def send(self, *, stage: str, envelope: dict[str, Any]) -> str | None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the sends kept open (at the end of a pass)."""


# A kept connection closed by the server before it answered: the request is made once more.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Proxy:
    host: str
    port: int
    headers: dict[str, str]


def proxy_for(scheme: str, host: str) -> Proxy | None:
    """The proxy the environment names for `scheme`, unless `no_proxy` exempts `host`."""
    address = urllib.request.getproxies().get(scheme)
    if not address or urllib.request.proxy_bypass(host):
        return None
    parts = urllib.parse.urlsplit(address if "://" in address else f"http://{address}")
    headers = {}
    if parts.username:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        headers["Proxy-Authorization"] = f"Basic {token}"
    return Proxy(parts.hostname or "", parts.port or 80, headers)


class HttpJsonTransport(Transport):
    def __init__(self, *, url: str, user: str, password: str, timeout: float) -> None:
        check_url(url, debug=settings.DEBUG)
        self.url = url.rstrip("/")
        self.timeout = timeout
        parts = urllib.parse.urlsplit(self.url)
        self.https = parts.scheme == "https"
        self.host, self.port, self.path = parts.hostname or "", parts.port, parts.path
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Authorization": f"Basic {token}",
            "Connection": "keep-alive",
        }
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self.proxy = proxy_for(parts.scheme, self.host)

    def _connect(self) -> http.client.HTTPConnection:
        host, port = (self.proxy.host, self.proxy.port) if self.proxy else (self.host, self.port)
        conn: http.client.HTTPConnection
        if self.https:
            conn = http.client.HTTPSConnection(
                host, port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
        if self.proxy:
            conn.set_tunnel(self.host, self.port, headers=self.proxy.headers)
        return conn

    def _take(self) -> tuple[http.client.HTTPConnection, bool]:
        """An idle kept connection (True) or a new one (False)."""
        with self._lock:
            if self._idle:
                return self._idle.pop(), True
        return self._connect(), False

    def _give_back(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            self._idle.append(conn)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def _post(self, path: str, body: bytes) -> tuple[int, bytes]:
        """POST on a kept connection; the status and at most MAX_ANSWER bytes of the answer.
        The connection goes back for the next record only when the answer was read whole."""
        while True:
            conn, kept = self._take()
            try:
                conn.request("POST", path, body=body, headers=self.headers)
                response = conn.getresponse()
            except _STALE:
                conn.close()
                if kept:
                    continue  # closed while idle: the request never reached the server
                raise
            except BaseException:
                conn.close()
                raise
            try:
                raw = response.read(MAX_ANSWER)
                whole = response.isclosed() or not response.read(1)
            except BaseException:
                conn.close()
                raise
            if whole and not response.will_close:
                self._give_back(conn)
            else:
                conn.close()
            return response.status, raw

    def send(self, *, stage: str, envelope: dict[str, Any]) -> str | None:
        body = json.dumps(envelope, ensure_ascii=False).encode()
        try:
            status, raw = self._post(f"{self.path}/{stage}", body)
        except TimeoutError as exc:
            raise TransportError(
                _("CSDL quốc gia không trả lời trong %(n)s giây.") % {"n": self.timeout}
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise TransportError(_("Không kết nối được CSDL quốc gia: %(r)s") % {"r": exc}) from exc
        if not 200 <= status < 300:
            text = raw[:500].decode("utf-8", "replace").strip()
            raise TransportError(
                _("CSDL quốc gia trả lời HTTP %(s)d: %(t)s") % {"s": status, "t": text[:300]}
            )
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise TransportError(
                _("CSDL quốc gia trả lời không phải JSON hợp lệ: %(t)s")
                % {"t": raw[:200].decode("utf-8", "replace")}
            ) from exc
        national_id = answer.get("national_id") if isinstance(answer, dict) else None
        if national_id is not None and not isinstance(national_id, str | int):
            raise TransportError(_("Mã vụ việc quốc gia trong câu trả lời không hợp lệ."))
        return str(national_id) if national_id not in (None, "") else None


def transport_from_settings() -> Transport | None:
    """The configured transport; None when `TIEPDAN_NATIONAL_DB_URL` is unset (records wait).
    Raises ConfigurationError for a URL that must not be used."""
    url = getattr(settings, "TIEPDAN_NATIONAL_DB_URL", "")
    if not url:
        return None
    cls = import_string(
        getattr(
            settings, "TIEPDAN_NATIONAL_DB_TRANSPORT", "tiepdan.natsync.transport.HttpJsonTransport"
        )
    )
    return cls(
        url=url,
        user=getattr(settings, "TIEPDAN_NATIONAL_DB_USER", ""),
        password=getattr(settings, "TIEPDAN_NATIONAL_DB_PASSWORD", ""),
        timeout=getattr(settings, "TIEPDAN_NATIONAL_DB_TIMEOUT", 10.0),
    )
