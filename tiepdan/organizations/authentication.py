"""API token authentication that respects the login lockout and limits token guessing."""

import datetime as dt
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import DateTimeField, Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.request import Request

from tiepdan.core.prepared import PreparedRead, Slot
from tiepdan.core.throttling import TOKEN_FAILURES, client_address
from tiepdan.organizations.models import User


def _lockouts(
    username: Any, since: Any = None, limit: int | None = None
) -> QuerySet[AccessAttempt]:
    """The failed-login records that lock `username` out: `limit` failures since `since` (the
    settings' cool-off and limit by default)."""
    if since is None:
        since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT if limit is None else limit,
        attempt_time__gte=since,
    )


def is_locked_out(user: User) -> bool:
    """True while the account is locked by repeated failed logins (django-axes), from any
    address: a token must not keep working for an account under a password attack."""
    return _lockouts(user.get_username()).exists()


def _token_with_lockout(limit: int, key: Slot, since: Slot) -> QuerySet[Token]:
    username = OuterRef(f"user__{User.USERNAME_FIELD}")
    return (
        Token.objects.select_related("user")
        .annotate(locked_out=Exists(_lockouts(username, since, limit)))
        .filter(key=key)
    )


# Every API request reads its token: compiled once per failure limit (prepared reads).
_TOKEN = PreparedRead(Token, _token_with_lockout, [Token._meta.get_field("key"), DateTimeField()])


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
        if result is not None and result[1].locked_out:
            raise AuthenticationFailed("Account locked out.")
        return result

    def authenticate_credentials(self, key: str) -> tuple[User, Token]:
        """DRF's, with the lockout (`is_locked_out`) read in the token's query: one round trip
        for every API request."""
        since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
        token = _TOKEN.first(settings.AXES_FAILURE_LIMIT, key, since)
        if token is None:
            raise AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
