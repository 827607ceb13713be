"""Error pages (JSON under /api/, HTML elsewhere)."""

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tiepdan.core.api import DATABASE_DOWN, RETRY_AFTER_SECONDS, error_body, unavailable_body


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(error_body("not_found", _("Không tìm thấy.")), status=404)
    return render(request, "404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            error_body("permission_denied", _("Bạn không có quyền thực hiện thao tác này.")),
            status=403,
        )
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, message: str, fields: dict | None = None) -> HttpResponse:
    """400 for input the system cannot take (the message says which, in Vietnamese)."""
    if _is_api(request):
        return JsonResponse(error_body("invalid", message, fields), status=400)
    return render(request, "400.html", {"message": message}, status=400)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After while the database cannot be reached (restart, failover).

    The page touches no database: no session, no user, no context processors."""
    if _is_api(request):
        response: HttpResponse = JsonResponse(unavailable_body(), status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # An error raised by a middleware (session, user, unit) reaches only this handler.
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable(request)
    if _is_api(request):
        return JsonResponse(
            error_body("server_error", _("Lỗi hệ thống; thao tác chưa được thực hiện.")),
            status=500,
        )
    return render(request, "500.html", status=500)
