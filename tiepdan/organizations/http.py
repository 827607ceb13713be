"""Typed request for HTML views."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

from tiepdan.organizations.models import Unit, User

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]  # narrowed: every HTML view is behind login
    htmx: "HtmxDetails"
    unit: Unit | None
