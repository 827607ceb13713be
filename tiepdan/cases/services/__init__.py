"""Case resolution: every step is one transaction with its clock, audit row, timeline event
(`CaseEvent`) and, where a form exists, its document (rendered once the step commits).

Complaints: Luật Khiếu nại 2011 (Arts 27–46), NĐ 124/2020 (amended by NĐ 155/2026).
Denunciations: Luật Tố cáo 2018 (Arts 28–40), NĐ 31/2019 (amended by NĐ 156/2026).
Proposals and feedback: Luật Tiếp công dân Art 28. Clocks come from the deadline engine
(`tiepdan.workcalendar`); pure rules from `tiepdan.cases.rules`.

One module per stage; callers import the services from here:
- `verification`: resolver, verification assignment, minutes and report;
- `dialogue`: invitation and minutes of a complaint's dialogue;
- `time_limits`: extension, reclassification, suspension, resumption, termination, withdrawal;
- `decision`: decision or conclusion, sending, handling, publication, legal effect, follow-up;
- `execution`: execution of what the decision orders;
- `directives`: superiors' directives and the desk's directions;
- `documents`: the documents the steps issue, rendered after commit;
- `identity`: the redacted working copy of a denunciation's scan (the seal is `tiepdan.vault`).
"""

from tiepdan.cases.services.decision import (
    case_decide,
    case_effective,
    case_follow_up_link,
    case_handle,
    case_publish,
    case_send,
)
from tiepdan.cases.services.dialogue import dialogue_record, dialogue_schedule
from tiepdan.cases.services.directives import directive_add, directive_done
from tiepdan.cases.services.documents import (
    DECISIONS_WITH_ARTICLE_3,
    case_context,
    case_document_render,
    case_document_retry,
)
from tiepdan.cases.services.execution import ExecutionFigures, case_execution_record
from tiepdan.cases.services.identity import working_copy_add
from tiepdan.cases.services.time_limits import (
    case_extend,
    case_reclassify,
    case_resume,
    case_suspend,
    case_terminate,
    case_withdraw,
)
from tiepdan.cases.services.verification import (
    case_resolver_set,
    verification_assign,
    verification_minutes_add,
    verification_report,
)

__all__ = [
    "DECISIONS_WITH_ARTICLE_3",
    "ExecutionFigures",
    "case_context",
    "case_decide",
    "case_document_render",
    "case_document_retry",
    "case_effective",
    "case_execution_record",
    "case_extend",
    "case_follow_up_link",
    "case_handle",
    "case_publish",
    "case_reclassify",
    "case_resolver_set",
    "case_resume",
    "case_send",
    "case_suspend",
    "case_terminate",
    "case_withdraw",
    "dialogue_record",
    "dialogue_schedule",
    "directive_add",
    "directive_done",
    "verification_assign",
    "verification_minutes_add",
    "verification_report",
    "working_copy_add",
]
