"""Attach the unit the user is working in (chosen with the unit switcher) to every request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from tiepdan.organizations import selectors

SESSION_KEY = "current_unit_id"


def _current_unit(request: HttpRequest):
    user = request.user
    if not user.is_authenticated:
        return None
    units = selectors.user_units(user)
    chosen = request.session.get(SESSION_KEY)
    if chosen:
        unit = selectors.visible_units(user).filter(pk=chosen).first()
        if unit is not None:
            return unit
    return units.first()


class CurrentUnitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.unit = SimpleLazyObject(lambda: _current_unit(request))  # type: ignore[attr-defined]
        return self.get_response(request)
