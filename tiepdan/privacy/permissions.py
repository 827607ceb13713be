from typing import Any

from tiepdan.organizations.permissions import Action, has_permission


def can_view(user: Any, unit: Any) -> bool:
    """The retention rules and a citizen's subject-access answer: officers who see the
    registry of the unit."""
    return has_permission(user, Action.CITIZEN_VIEW, unit)
