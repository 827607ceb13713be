"""The second factor holds whatever door a password came in by.

The sign-in page asks for the TOTP code of an account that has a confirmed device. Any other
sign-in (Django admin's form, a future one) only proves the password: the `user_logged_in`
receiver marks such a session as waiting for its second factor, and the middleware signs it
out before it reaches a page, unless django-otp has verified a device in that session. Normal
requests cost nothing: the mark lives in the session that is loaded anyway, and the verified
device is read only when that check asks for it (`DeferredOTPMiddleware`).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.middleware import OTPMiddleware

PENDING = "tiepdan_second_factor_pending"


def _mark_pending(sender: type, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if (
        request is not None
        and getattr(request, "session", None) is not None
        and any(True for _device in devices_for_user(user, confirmed=True))
    ):
        request.session[PENDING] = True


def confirmed(request: HttpRequest) -> None:
    """The sign-in page verified the code: the session may proceed."""
    request.session.pop(PENDING, None)


def connect() -> None:
    user_logged_in.connect(_mark_pending, dispatch_uid="tiepdan.second_factor")


class SecondFactorMiddleware:
    """Sign out a session that proved only the password of an account with a second factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(PENDING):
            verified = getattr(request.user, "is_verified", lambda: False)()
            if not verified:
                logout(request)
                messages.error(request, _("Tài khoản này cần đăng nhập kèm mã xác thực."))
                login = reverse("login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            session.pop(PENDING, None)
        return self.get_response(request)


class DeferredOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading the session's verified device on the first
    `user.is_verified()` instead of on every request (a query each page paid for nothing: only
    the check above asks, for a session waiting for its second factor). `user.otp_device` is
    set by that call (or by django_otp.login); reading it before raises instead of answering."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        if not user.is_authenticated:
            return super()._verify_user_sync(request, user)
        resolve = super()._verify_user_sync
        resolved = False

        def is_verified() -> bool:
            nonlocal resolved
            if not resolved:
                resolve(request, user)  # sets otp_device (and a plain is_verified)
                resolved = True
            return user.otp_device is not None

        user.is_verified = is_verified
        return user
