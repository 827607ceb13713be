"""How a record reaches the national database. The interface is not public (national-db.md),
so the transport is a small replaceable class (`TIEPDAN_NATIONAL_DB_TRANSPORT`, a dotted path);
the built-in one is api-contract.md's: JSON POSTed to `{URL}/{stage}` with HTTP Basic
authentication, answered by `200 {"national_id": "…"}`."""

import base64
import ipaddress
import json
import urllib.error
import urllib.parse
import urllib.request
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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect could downgrade to plain HTTP or leak the credentials elsewhere: refuse it.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Transport:
    """Sends one envelope; returns the national id in the answer (None if it has none)."""

    def send(self, *, stage: str, envelope: dict[str, Any]) -> str | None:
        raise NotImplementedError


class HttpJsonTransport(Transport):
    def __init__(self, *, url: str, user: str, password: str, timeout: float) -> None:
        check_url(url, debug=settings.DEBUG)
        self.url = url.rstrip("/")
        self.timeout = timeout
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Authorization": f"Basic {token}",
        }
        self.opener = urllib.request.build_opener(_NoRedirect)

    def send(self, *, stage: str, envelope: dict[str, Any]) -> str | None:
        body = json.dumps(envelope, ensure_ascii=False).encode()
        request = urllib.request.Request(
            f"{self.url}/{stage}", data=body, headers=self.headers, method="POST"
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                raw = response.read(MAX_ANSWER)
        except urllib.error.HTTPError as exc:
            text = exc.read(500).decode("utf-8", "replace").strip()
            raise TransportError(
                _("CSDL quốc gia trả lời HTTP %(s)d: %(t)s") % {"s": exc.code, "t": text[:300]}
            ) from exc
        except TimeoutError as exc:
            raise TransportError(
                _("CSDL quốc gia không trả lời trong %(n)s giây.") % {"n": self.timeout}
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise TransportError(
                    _("CSDL quốc gia không trả lời trong %(n)s giây.") % {"n": self.timeout}
                ) from exc
            raise TransportError(
                _("Không kết nối được CSDL quốc gia: %(r)s") % {"r": reason}
            ) from exc
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
