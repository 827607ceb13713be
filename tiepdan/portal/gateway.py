"""Where messages to citizens' phones go: one pluggable gateway per channel.

SMS (`TIEPDAN_SMS_URL`): unset, messages are written to the log (console backend); set, each
message is POSTed as JSON `{"to", "text"}` to that URL, with `Authorization: Bearer
TIEPDAN_SMS_TOKEN` when a token is set; any 2xx answer is a success.

Zalo ZNS (`TIEPDAN_ZNS_URL`): unset, the channel is off and messages go by the next channel of
`TIEPDAN_PHONE_CHANNELS`; `console://` writes them to the log (the embedded default); otherwise
it is the address of Zalo's template send call (https://business.openapi.zalo.me/message/template,
or a relay in front of it). The call is a JSON POST of `{"phone": "84…", "template_id",
"template_data", "tracking_id"}` with the Official Account's token in the `access_token` header:
`TIEPDAN_ZNS_TOKEN`, or the contents of `TIEPDAN_ZNS_TOKEN_FILE` read at each send (the OA token
lives an hour; whatever renews it writes the file). Zalo answers a refused message (no Zalo
account for the number, quota used up, template not approved) with HTTP 200 and a non-zero
`error` in the body, so only a 2xx with `"error": 0` is a success; its `data.msg_id` is kept.
Each step needs its approved template's id in `TIEPDAN_ZNS_TEMPLATES`
(`received=…,accepted=…`); a step without one goes by the next channel.

Anything else, or no answer within the channel's timeout, is an error: the message is retried,
or handed to the next channel (notifications.py).
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings

logger = logging.getLogger(__name__)

CONSOLE = "console://"


class GatewayError(Exception):
    """The gateway refused or did not answer; the message is retried or handed on."""


@dataclass(frozen=True)
class PhoneMessage:
    phone: str  # as the citizen typed it, normalised (0912345678)
    text: str
    event: str
    data: dict[str, str] = field(default_factory=dict)  # the template's parameters
    reference: str = ""  # our id of the message, echoed back for reconciliation


class Gateway(Protocol):
    name: str

    def send(self, message: PhoneMessage) -> str:
        """Send, or raise GatewayError; returns the gateway's id of the message ("" if none)."""
        ...


def masked(phone: str) -> str:
    return phone[:3] + "…" + phone[-2:]


def _post_json(url: str, body: dict, headers: dict[str, str], timeout: float) -> bytes:
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as exc:
        raise GatewayError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise GatewayError(f"không kết nối được: {exc}"[:200]) from exc
    if not 200 <= status < 300:
        raise GatewayError(f"HTTP {status}")
    return payload


class ConsoleGateway:
    name = "console"

    def send(self, message: PhoneMessage) -> str:
        logger.info("SMS to %s: %s", masked(message.phone), message.text)
        return ""


class HttpGateway:
    name = "http"

    def __init__(self, url: str, token: str = "", timeout: float = 10) -> None:
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, message: PhoneMessage) -> str:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        _post_json(self.url, {"to": message.phone, "text": message.text}, headers, self.timeout)
        return ""


def zalo_phone(phone: str) -> str:
    """A Vietnamese number as Zalo takes it: country code, no plus, no leading zero."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        return "84" + digits[1:]
    return digits


class ZnsConsoleGateway:
    name = "zns-console"

    def send(self, message: PhoneMessage) -> str:
        logger.info("ZNS to %s (%s): %s", masked(message.phone), message.event, message.data)
        return ""


class ZnsHttpGateway:
    name = "zns"

    def __init__(
        self,
        url: str,
        templates: dict[str, str],
        token: str = "",
        token_file: str = "",
        timeout: float = 10,
    ) -> None:
        self.url, self.templates, self.timeout = url, templates, timeout
        self.token, self.token_file = token, token_file

    def _token(self) -> str:
        if self.token_file:
            try:
                return Path(self.token_file).read_text().strip()
            except OSError as exc:
                raise GatewayError(f"không đọc được khóa Zalo: {exc}"[:200]) from exc
        return self.token

    def send(self, message: PhoneMessage) -> str:
        body = {
            "phone": zalo_phone(message.phone),
            "template_id": self.templates[message.event],
            "template_data": message.data,
            "tracking_id": message.reference,
        }
        payload = _post_json(self.url, body, {"access_token": self._token()}, self.timeout)
        try:
            answer = json.loads(payload or b"{}")
        except ValueError as exc:
            raise GatewayError("Zalo trả lời không đúng định dạng JSON") from exc
        if not isinstance(answer, dict) or answer.get("error") != 0:
            code = answer.get("error") if isinstance(answer, dict) else None
            text = answer.get("message", "") if isinstance(answer, dict) else ""
            raise GatewayError(f"Zalo lỗi {code}: {text}"[:200])
        data = answer.get("data")
        return str(data.get("msg_id", "")) if isinstance(data, dict) else ""


def _zns_templates() -> dict[str, str]:
    return {k: str(v) for k, v in (settings.TIEPDAN_ZNS_TEMPLATES or {}).items() if v}


def gateway_for(channel: str, event: str) -> Gateway | None:
    """The gateway carrying `event` by `channel`; None when the channel is off for it."""
    if channel == "sms":
        url = settings.TIEPDAN_SMS_URL
        if not url or url == CONSOLE:
            return ConsoleGateway()
        return HttpGateway(url, settings.TIEPDAN_SMS_TOKEN, settings.TIEPDAN_SMS_TIMEOUT)
    if channel == "zns":
        url = settings.TIEPDAN_ZNS_URL
        if not url:
            return None
        if url == CONSOLE:
            return ZnsConsoleGateway()
        templates = _zns_templates()
        if event not in templates:
            return None
        return ZnsHttpGateway(
            url,
            templates,
            token=settings.TIEPDAN_ZNS_TOKEN,
            token_file=settings.TIEPDAN_ZNS_TOKEN_FILE,
            timeout=settings.TIEPDAN_ZNS_TIMEOUT,
        )
    return None


def phone_channels(event: str) -> list[str]:
    """The channels that carry `event` to a phone, in the order of `TIEPDAN_PHONE_CHANNELS`
    (the first that is on, then its fallbacks)."""
    return [c for c in settings.TIEPDAN_PHONE_CHANNELS if gateway_for(c, event) is not None]
