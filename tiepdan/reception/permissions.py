"""Who may work at the reception desk and read its register (the one permission registry)."""

from enum import StrEnum

from tiepdan.organizations.constants import Role
from tiepdan.organizations.permissions import DESK_ROLES, declare


class VisitAction(StrEnum):
    RECORD = "visit.record"
    VIEW = "visit.view"
    SESSION_MANAGE = "session.manage"


declare(
    "reception",
    {
        VisitAction.RECORD: (
            {Role.RECEPTIONIST, Role.PROCESSOR, Role.LEADER},
            "Ghi nhận lượt tiếp tại bàn tiếp.",
        ),
        VisitAction.VIEW: (DESK_ROLES | {Role.VIEWER}, "Xem sổ tiếp công dân."),
        VisitAction.SESSION_MANAGE: (
            {Role.RECEPTIONIST, Role.LEADER, Role.UNIT_ADMIN},
            "Lập và cập nhật buổi tiếp, kể cả tiếp trực tuyến.",
        ),
    },
)
