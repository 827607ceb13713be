"""Request guards shared by every page and the API: bad input, database outages, idle
sessions."""

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from tiepdan.core import views
from tiepdan.core.api import DATABASE_DOWN
from tiepdan.core.errors import DomainError


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for data in sources:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in v for v in values if isinstance(v, str)):
                return True
    return False


class BadInputMiddleware:
    """400 in Vietnamese instead of a server error for input no view can take.

    A NUL character in the path, the query or a form field (PostgreSQL refuses it in any
    query), and a `DomainError` a page did not turn into form errors itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("Địa chỉ hoặc dữ liệu gửi lên chứa ký tự không hợp lệ.")
            return views.bad_request(request, message)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            return views.bad_request(request, exception.message, exception.fields)
        return None


class DatabaseUnavailableMiddleware:
    """503 with Retry-After, not 500, while PostgreSQL restarts or fails over.

    Errors of the views arrive here; those of other middleware (session, user, current unit)
    reach `handler500`, which answers the same. Nothing is written by a request that failed
    this way (each write is one transaction), and the next request reconnects by itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            return views.unavailable(request)
        return None


class IdleSessionMiddleware:
    """Sign out officers idle for `SESSION_COOKIE_AGE` seconds.

    The session's expiry moves forward on activity, but at most once a minute
    (`REFRESH_SECONDS`): saving it on every request would add a write to every page. Login
    stamps the session (`stamp_login`), so the first pages after it write nothing either.
    """

    REFRESH_SECONDS = 60
    KEY = "_last_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                session[self.KEY] = now  # modified: saved with a new expiry
        return response


def stamp_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: the login itself is the last activity."""
    if request is not None and hasattr(request, "session"):
        request.session[IdleSessionMiddleware.KEY] = int(time.time())
