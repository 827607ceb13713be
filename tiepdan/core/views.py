"""Home dashboard and error pages (JSON under /api/, HTML elsewhere)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tiepdan.core.api import error_body
from tiepdan.core.http import AuthenticatedHttpRequest
from tiepdan.core.selectors import dashboard_figures


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    figures = dashboard_figures(request.user, unit) if unit else None
    return render(request, "core/home.html", {"figures": figures})


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


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            error_body("server_error", _("Lỗi hệ thống; thao tác chưa được thực hiện.")),
            status=500,
        )
    return render(request, "500.html", status=500)
