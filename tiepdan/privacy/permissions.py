"""Who reads retention rules and answers a citizen's subject-access request."""

from enum import StrEnum
from typing import Any

from tiepdan.organizations.constants import Role
from tiepdan.organizations.permissions import DESK_ROLES, declare, has_permission


class PrivacyAction(StrEnum):
    VIEW = "privacy.view"


declare(
    "privacy",
    {
        PrivacyAction.VIEW: (
            DESK_ROLES | {Role.VIEWER},
            "Cán bộ được xem sổ công dân của đơn vị (Luật BVDLCN 91/2025).",
        )
    },
)


def can_view(user: Any, unit: Any) -> bool:
    """The retention rules and a citizen's subject-access answer: officers who see the
    registry of the unit."""
    return has_permission(user, PrivacyAction.VIEW, unit)
