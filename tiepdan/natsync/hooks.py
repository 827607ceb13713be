"""Which audited changes the decree requires to report (NĐ 55/2022 Art 8: right after receipt
or acceptance, and throughout processing), and the hook that records them.

The hook runs on the audit event a service writes at the end of its transaction, so the sync
record is written in that same transaction: it commits, or rolls back, with the change.
"""

from typing import Any

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case, CaseStatus
from tiepdan.natsync import services
from tiepdan.natsync.constants import Stage
from tiepdan.petitions.models import Petition

# Audit action → stages of the petition it touches.
PETITION_ACTIONS: dict[str, list[Stage]] = {
    "petition.received": [Stage.MATTER],
    "petition.classified": [Stage.MATTER],
    "petition.duplicate_marked": [Stage.MATTER],
    "petition.split": [Stage.MATTER],
    # The matter is not rebuilt here: the outcome's document belongs to the processing result.
    "petition.decided": [Stage.PROCESSING],
}
# Audit action → stages of the case it touches (the acceptance record also carries the status,
# resolver and suspension of a case under resolution).
CASE_ACTIONS: dict[str, list[Stage]] = {
    "case.resolver_set": [Stage.ACCEPTANCE],
    "case.reclassified": [Stage.ACCEPTANCE],
    "case.suspended": [Stage.ACCEPTANCE],
    "case.resumed": [Stage.ACCEPTANCE],
    "case.follow_up": [Stage.ACCEPTANCE],
    "case.decided": [Stage.RESOLUTION],
    "case.concluded": [Stage.RESOLUTION],
    "case.answered": [Stage.RESOLUTION],
    "case.terminated": [Stage.RESOLUTION],
    "case.withdrawn": [Stage.RESOLUTION],
    "case.execution": [Stage.EXECUTION],
}


def audit_event_saved(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    """post_save receiver of AuditEvent (connected in apps.py)."""
    if not created or kwargs.get("raw"):
        return
    _reported(instance)


def audit_events_appended(sender: Any, *, events: list[AuditEvent], **kwargs: Any) -> None:
    """Receiver of `core.events.audit_appended` (connected in apps.py): the events a service
    appended together, e.g. a visit's through the API (`audit.services.deferred`)."""
    for event in events:
        if event.action in PETITION_ACTIONS or event.action in CASE_ACTIONS:
            _reported(event)


def _reported(instance: AuditEvent) -> None:
    """Record the sync of the change `instance` audits, when the decree requires it."""
    action = instance.action
    if action in PETITION_ACTIONS:
        petition = (
            Petition.objects.select_related("unit", "visit", "case", "origin__unit")
            .filter(pk=instance.target_id)
            .first()
        )
        if petition is None:
            return
        services.petition_changed(petition=petition, stages=PETITION_ACTIONS[action])
        if action == "petition.decided" and petition.outcome == "accept" and petition.case:
            services.case_changed(case=petition.case, stages=[Stage.ACCEPTANCE])
    elif action in CASE_ACTIONS:
        case = Case.objects.select_related("unit", "resolver").filter(pk=instance.target_id).first()
        if case is None or case.accepted_on is None:
            return
        stages = CASE_ACTIONS[action]
        if action == "case.withdrawn" and case.status != CaseStatus.CLOSED:
            stages = [Stage.ACCEPTANCE]  # a partial withdrawal: the resolution goes on
        services.case_changed(case=case, stages=stages)


def attachment_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """post_save receiver of PetitionAttachment: a scan filed with a petition not yet decided
    belongs to the matter (the outcome's own document, filed at decision, does not)."""
    if not created or kwargs.get("raw"):
        return
    petition = (
        Petition.objects.select_related("unit", "visit", "case", "origin__unit")
        .filter(pk=instance.petition_id, status__in=["received", "proposed"])
        .first()
    )
    if petition is not None:
        services.petition_changed(petition=petition, stages=[Stage.MATTER])
