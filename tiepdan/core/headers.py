"""Security headers on every response: a strict Content-Security-Policy, Permissions-Policy,
and no `Server` banner.

The policy allows scripts and styles from this origin only, plus elements carrying the
request's nonce (`{{ request.csp_nonce }}`); no inline `<script>`, `style=` attribute or event
handler attribute runs, and nothing is loaded from another origin (htmx comes from
django-htmx, Swagger UI from the sidecar). Images may be `data:` URIs (the TOTP QR code).
"""

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
    )
)


# Pages whose templates still carry inline event handlers (onclick=…), allowed handler
# attributes only, never a <script>. None left: the desk's script lives in static/js/desk.js.
INLINE_HANDLER_PATHS: tuple[str, ...] = ()


def content_security_policy(nonce: str, *, inline_handlers: bool = False) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            *(["script-src-attr 'unsafe-inline'"] if inline_handlers else []),
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        policy = content_security_policy(
            nonce, inline_handlers=request.path.startswith(INLINE_HANDLER_PATHS)
        )
        # Not on a PDF: the browser's own viewer styles it inline, and a policy there only
        # blocks the viewer (the file carries no script of ours).
        if not response.get("Content-Type", "").startswith("application/pdf"):
            response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.pop("Server", None)
        return response
