"""API token authentication that respects the login lockout and limits token guessing."""

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.request import Request

from tiepdan.core.throttling import TOKEN_FAILURES, client_address
from tiepdan.organizations.models import User


def is_locked_out(user: User) -> bool:
    """True while the account is locked by repeated failed logins (django-axes), from any
    address: a token must not keep working for an account under a password attack."""
    cooloff = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(
        username=user.get_username(),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - cooloff,
    ).exists()


class LockoutAwareTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …`; unknown tokens count against the caller's address
    (`TIEPDAN_TOKEN_FAILURE_RATE`, then 429), a locked-out account's token answers 401."""

    def authenticate(self, request: Request):
        if not get_authorization_header(request):
            return None
        address = client_address(request)
        retry_after = TOKEN_FAILURES.exceeded(address)
        if retry_after:
            raise Throttled(wait=retry_after)
        try:
            result = super().authenticate(request)
        except AuthenticationFailed:
            TOKEN_FAILURES.add(address)
            raise
        if result is not None and is_locked_out(result[0]):
            raise AuthenticationFailed("Account locked out.")
        return result
