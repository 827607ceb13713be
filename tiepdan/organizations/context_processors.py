from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tiepdan.organizations import selectors


def current_unit(request: HttpRequest) -> dict:
    """The current unit and the switcher's choices, for base.html."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unit = getattr(request, "unit", None)
    return {
        "current_unit": unit if unit else None,
        # Read on first use: pages without the switcher (fragments) pay nothing for it.
        "switch_units": SimpleLazyObject(lambda: selectors.user_units(user)),
    }
