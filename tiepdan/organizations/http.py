"""Typed request for HTML views."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from rest_framework.request import Request

from tiepdan.organizations.models import Unit, User

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: "HtmxDetails"
    unit: Unit | None


class AuthenticatedApiRequest(Request):
    """An API request past the default IsAuthenticated permission: its user is a `User`."""

    user: User
