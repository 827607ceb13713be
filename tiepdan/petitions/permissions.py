"""Who may receive, process and decide petitions (the one permission registry)."""

from enum import StrEnum

from tiepdan.organizations.constants import Role
from tiepdan.organizations.permissions import DESK_ROLES, declare


class PetitionAction(StrEnum):
    VIEW = "petition.view"
    RECEIVE = "petition.receive"
    PROCESS = "petition.process"
    DECIDE = "petition.decide"


declare(
    "petitions",
    {
        PetitionAction.VIEW: (DESK_ROLES | {Role.VIEWER}, "Xem đơn của đơn vị."),
        PetitionAction.RECEIVE: (
            {Role.RECEPTIONIST, Role.PROCESSOR, Role.LEADER},
            "Tiếp nhận, vào sổ đơn.",
        ),
        # Classify, propose, acknowledge transfers, record replies: the processing officers.
        PetitionAction.PROCESS: ({Role.PROCESSOR, Role.LEADER}, "Phân loại, đề xuất xử lý đơn."),
        # The outcome is the head's decision (he or she signs the document it produces).
        PetitionAction.DECIDE: ({Role.LEADER}, "Thủ trưởng quyết định hướng xử lý đơn."),
    },
)
