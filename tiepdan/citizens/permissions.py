"""Who may read and change the citizens' registry (declared in the one permission registry)."""

from enum import StrEnum

from tiepdan.organizations.constants import Role
from tiepdan.organizations.permissions import DESK_ROLES, declare


class CitizenAction(StrEnum):
    VIEW = "citizen.view"
    EDIT = "citizen.edit"
    MERGE = "citizen.merge"


declare(
    "citizens",
    {
        # Partners (police, Front…) see no personal data of citizens unless granted otherwise.
        CitizenAction.VIEW: (DESK_ROLES | {Role.VIEWER}, "Cán bộ nghiệp vụ và người xem."),
        CitizenAction.EDIT: (DESK_ROLES, "Cán bộ nghiệp vụ cập nhật hồ sơ công dân."),
        CitizenAction.MERGE: (
            {Role.PROCESSOR, Role.LEADER, Role.UNIT_ADMIN},
            "Gộp hồ sơ trùng: chuyên viên xử lý, lãnh đạo, quản trị.",
        ),
    },
)
