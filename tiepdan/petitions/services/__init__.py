"""Petition intake, classification, processing outcomes, transfers and follow-up.

Every write is one transaction with its audit record; clocks come from the deadline engine.
The modules: `intake` (registration, classification, split, duplicates, proposal),
`decision` (the processing outcome, one named step per outcome), `transfers` (transfers,
replies, urging, backlog review). Callers import the services from here.
"""

from tiepdan.petitions.services.common import ALARM_FROM, ALARM_RULE, INTAKE_RULES
from tiepdan.petitions.services.decision import (
    OUTSIDE_JURISDICTION,
    RESOLUTION_RULES,
    Decision,
    petition_decide,
    petition_path_units,
)
from tiepdan.petitions.services.intake import (
    petition_classify,
    petition_mark_duplicate,
    petition_propose,
    petition_receive,
    petition_register,
    petition_split,
)
from tiepdan.petitions.services.transfers import (
    backlog_review,
    petition_urge,
    transfer_acknowledge,
    transfer_record_reply,
)

__all__ = [
    "ALARM_FROM",
    "ALARM_RULE",
    "INTAKE_RULES",
    "OUTSIDE_JURISDICTION",
    "RESOLUTION_RULES",
    "Decision",
    "backlog_review",
    "petition_classify",
    "petition_decide",
    "petition_mark_duplicate",
    "petition_path_units",
    "petition_propose",
    "petition_receive",
    "petition_register",
    "petition_split",
    "petition_urge",
    "transfer_acknowledge",
    "transfer_record_reply",
]
