"""Rate limits per client address: login failures, bad API tokens, public pages, the API.

Counters are fixed windows in Django's cache. With several worker processes, configure a
shared cache (Redis); the default in-process cache counts per process.

Rates are settings (`"N/period"`, period one of s, m, h, d or a number of seconds followed by
the unit, e.g. `"20/15m"`):
- `TIEPDAN_LOGIN_IP_RATE`: failed logins from one address across all usernames (password
  spraying); the per-username lockout (django-axes) stays as it is.
- `TIEPDAN_TOKEN_FAILURE_RATE`: requests with an unknown API token from one address.
- `TIEPDAN_PUBLIC_RATE`: pages without login (public schedule, calendar feeds).
- `TIEPDAN_API_ANON_RATE`, `TIEPDAN_API_USER_RATE`: the API, per address and per user.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\w*\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """`"20/15m"` → (20, 900): at most 20 in 15 minutes."""
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Rate {rate!r} is not 'N/period' (e.g. 20/h, 100/10m).")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNIT_SECONDS[unit]


def client_address(request: HttpRequest) -> str:
    """The address the lockout (django-axes) also uses."""
    return get_client_ip_address(request) or "unknown"


@dataclass(frozen=True)
class Limit:
    """One rate limit: `scope` names the counter, `setting` holds the rate."""

    scope: str
    setting: str

    def _window(self) -> tuple[int, int, str]:
        count, seconds = parse_rate(getattr(settings, self.setting))
        window = int(time.time() // seconds)
        return count, seconds, f"throttle:{self.scope}:{window}"

    def exceeded(self, ident: str, *, counting: bool = False) -> int:
        """0 while under the limit, else the seconds until the window ends (Retry-After).

        `counting`: the current request was already added, so reaching the limit is allowed."""
        count, seconds, key = self._window()
        used = cache.get(f"{key}:{ident}") or 0
        if used < count or (counting and used == count):
            return 0
        return max(1, seconds - int(time.time() % seconds))

    def add(self, ident: str) -> None:
        _count, seconds, key = self._window()
        key = f"{key}:{ident}"
        if not cache.add(key, 1, timeout=seconds + 1):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=seconds + 1)

    def hit(self, ident: str) -> int:
        """Count one request; the Retry-After seconds when it is over the limit, else 0."""
        self.add(ident)
        return self.exceeded(ident, counting=True)


LOGIN_FAILURES = Limit("login-ip", "TIEPDAN_LOGIN_IP_RATE")
TOKEN_FAILURES = Limit("token-ip", "TIEPDAN_TOKEN_FAILURE_RATE")
PUBLIC_PAGES = Limit("public-ip", "TIEPDAN_PUBLIC_RATE")


class _RateFromSetting:
    """DRF throttles reading their rate from a setting, in the syntax of `parse_rate`."""

    rate_setting = ""

    def get_rate(self) -> str:
        return getattr(settings, self.rate_setting)

    def parse_rate(self, rate: str | None) -> tuple[int | None, int | None]:
        return (None, None) if rate is None else parse_rate(rate)


class ApiAnonThrottle(_RateFromSetting, AnonRateThrottle):
    """The API per address, for requests without a valid token or session."""

    rate_setting = "TIEPDAN_API_ANON_RATE"


class ApiUserThrottle(_RateFromSetting, UserRateThrottle):
    """The API per authenticated user."""

    rate_setting = "TIEPDAN_API_USER_RATE"


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 in the error format (API) or as a page, with Retry-After."""
    # Imported here: tiepdan.core.api loads DRF's views, whose settings load this module.
    from tiepdan.core.api import error_body

    message = _("Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ít phút.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(error_body("throttled", message), status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def public_rate_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Limit a page open to anyone to `TIEPDAN_PUBLIC_RATE` requests per address."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        retry_after = PUBLIC_PAGES.hit(client_address(request))
        if retry_after:
            return too_many_requests(request, retry_after)
        return view(request, *args, **kwargs)

    return wrapped
