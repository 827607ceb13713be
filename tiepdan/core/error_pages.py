"""The product's own error pages, also when DEBUG is on.

The embedded default runs with DEBUG on, where Django answers a missing page or a crash with its
English technical page; officers must see the Vietnamese page instead (the traceback still goes
to the log). With DEBUG off Django already calls handler404/handler500, so nothing changes there.
403 needs nothing: Django renders handler403 in both modes.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse

from tiepdan.core import views
from tiepdan.core.errors import DomainError

logger = logging.getLogger("django.request")


class ErrorPageMiddleware:
    """Placed before CommonMiddleware so that its slash redirect still happens first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An address that matches no page never reaches a view (nor process_exception).
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return views.not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            return views.not_found(request, exception)
        if isinstance(exception, PermissionDenied | BadRequest | SuspiciousOperation):
            return None  # Django's handlers answer these (403, 400) the same in both modes
        if isinstance(exception, DomainError | OperationalError | InterfaceError):
            return None  # core.middleware answers bad input (400) and a database outage (503)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return views.server_error(request)
