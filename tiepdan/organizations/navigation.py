"""Menu entries asked in the vocabulary of `has_permission`, for the apps to declare theirs."""

from tiepdan.core.navigation import Check
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import has_permission


def may(action: str) -> Check:
    """The entry is shown when the user may do `action` in the current unit."""

    def check(user: User, unit: Unit | None) -> bool:
        return unit is not None and has_permission(user, action, unit)

    return check


def in_unit(predicate: Check) -> Check:
    """The entry is shown when there is a current unit and `predicate(user, unit)` holds."""

    def check(user: User, unit: Unit | None) -> bool:
        return unit is not None and predicate(user, unit)

    return check
