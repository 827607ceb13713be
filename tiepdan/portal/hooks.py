"""Where the public channel listens to the rest of the system: saved petitions, matters and
submissions tell it when a citizen must be informed (after the transaction commits)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from tiepdan.petitions.constants import Outcome


def _date(day: Any) -> str:
    return (day or timezone.localdate()).strftime("%d/%m/%Y")


def _submitted(sender: type, instance: Any, created: bool = False, raw: bool = False, **kw: Any):
    if raw or not created:
        return
    from tiepdan.portal.notifications import notify

    transaction.on_commit(
        lambda: notify(instance, "received", date=_date(instance.petition.received_on))
    )


def _petition_event(petition: Any) -> None:
    from tiepdan.portal.notifications import notify, submission_of

    submission = submission_of(petition)
    if submission is None:
        return
    day = _date(petition.decided_on)
    if petition.outcome == Outcome.ACCEPT:
        notify(submission, "accepted", date=day)
    elif petition.outcome == Outcome.TRANSFER:
        transfer = petition.transfers.select_related("to_unit").order_by("-pk").first()
        to = ""
        if transfer is not None:
            to = transfer.to_unit.name if transfer.to_unit else transfer.to_body
        notify(submission, "transferred", date=day, to=to or "cơ quan có thẩm quyền")
    else:
        from tiepdan.portal.messages import OUTCOME_WORDS

        outcome = str(OUTCOME_WORDS.get(petition.outcome, ""))
        notify(submission, "processed", date=day, outcome=outcome)


def _petition_saved(sender: type, instance: Any, raw: bool = False, **kw: Any) -> None:
    if raw or not instance.outcome or instance.decided_on is None:
        return
    pk = instance.pk
    transaction.on_commit(lambda: _after_decision(pk))


def _after_decision(pk: int) -> None:
    from tiepdan.petitions.models import Petition

    petition = Petition.objects.filter(pk=pk).first()
    if petition is not None and petition.outcome:
        _petition_event(petition)


def _case_saved(sender: type, instance: Any, raw: bool = False, **kw: Any) -> None:
    if raw or instance.decided_on is None:
        return
    pk = instance.pk
    transaction.on_commit(lambda: _after_case_decision(pk))


def _after_case_decision(pk: int) -> None:
    from tiepdan.cases.models import Case
    from tiepdan.portal.notifications import notify, submission_of

    case = Case.objects.filter(pk=pk).first()
    if case is None or case.decided_on is None:
        return
    for petition in case.petitions.all():
        submission = submission_of(petition)
        if submission is not None:
            notify(submission, "decision", date=_date(case.decided_on))


def connect() -> None:
    from tiepdan.cases.models import Case
    from tiepdan.matters.models import Matter
    from tiepdan.petitions.models import Petition
    from tiepdan.portal.models import PublicSubmission

    post_save.connect(_submitted, sender=PublicSubmission, dispatch_uid="portal.received")
    post_save.connect(_petition_saved, sender=Petition, dispatch_uid="portal.petition")
    # A save names the class of the instance: the matter read as `Case` or as `Matter`.
    post_save.connect(_case_saved, sender=Case, dispatch_uid="portal.case")
    post_save.connect(_case_saved, sender=Matter, dispatch_uid="portal.matter")
