"""Attach the unit the user is working in (chosen with the unit switcher) to every request."""

from collections.abc import Callable

from django.contrib import auth
from django.http import HttpRequest, HttpResponse

from tiepdan.organizations import selectors

SESSION_KEY = "current_unit_id"


def _current_unit(request: HttpRequest):
    user = request.user
    if not user.is_authenticated:
        return None
    units = selectors.user_units(user)
    chosen = request.session.get(SESSION_KEY)
    if chosen:
        # A unit of the user's memberships is in hand; one below them is looked up (in scope).
        unit = next((u for u in units if u.pk == chosen), None)
        if unit is None:
            unit = selectors.visible_units(user).filter(pk=chosen).first()
        if unit is not None:
            return unit
    return units[0] if units else None


class CurrentUnitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read now for a signed-in session (every page it opens shows the unit, and the read
        # rides on the memberships' query): a plain value, so an officer left without any unit
        # gets `request.unit is None`, which a lazy None never is.
        signed_in = auth.SESSION_KEY in request.session
        request.unit = _current_unit(request) if signed_in else None  # type: ignore[attr-defined]
        return self.get_response(request)
