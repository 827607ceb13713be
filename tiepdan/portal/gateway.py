"""Where messages to citizens go: a pluggable gateway.

Without `TIEPDAN_SMS_URL` (the embedded default) messages are written to the log (console
backend). With it, each message is POSTed as JSON `{"to", "text"}` to that URL, with
`Authorization: Bearer TIEPDAN_SMS_TOKEN` when a token is set; any 2xx answer is a success,
anything else (or no answer within `TIEPDAN_SMS_TIMEOUT` seconds) an error to retry.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """The SMS gateway refused or did not answer; the message is retried later."""


class ConsoleGateway:
    name = "console"

    def send(self, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to[:3] + "…" + to[-2:], text)


class HttpGateway:
    name = "http"

    def __init__(self, url: str, token: str = "", timeout: float = 10) -> None:
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, to: str, text: str) -> None:
        body = json.dumps({"to": to, "text": text}).encode()
        request = urllib.request.Request(
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            raise GatewayError(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise GatewayError(f"không kết nối được: {exc}"[:200]) from exc
        if not 200 <= status < 300:
            raise GatewayError(f"HTTP {status}")


def get_gateway() -> ConsoleGateway | HttpGateway:
    url = getattr(settings, "TIEPDAN_SMS_URL", "")
    if not url:
        return ConsoleGateway()
    return HttpGateway(url, settings.TIEPDAN_SMS_TOKEN, settings.TIEPDAN_SMS_TIMEOUT)
