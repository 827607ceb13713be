"""Typed request for HTML views."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from tiepdan.organizations.models import Unit, User


class AuthenticatedHttpRequest(HttpRequest):
    user: "User"
    htmx: "HtmxDetails"
    unit: "Unit | None"
