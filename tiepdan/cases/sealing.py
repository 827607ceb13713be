"""Sealing cannot be skipped: every way a denunciation and its matter come together runs the
vault, in the same transaction, whatever the order of the calls.

The links are: a petition saved with its matter (intake, acceptance, reclassification, split,
transfer in), a sender added to such a petition, a scan attached to it, a person added to a
denunciation matter (the desk), and a denunciation visit recorded on a matter. Bulk writes send
no signals: their callers run `vault.vault_seal` themselves, and `manage.py check_seals`
(run in CI on the demo) lists any matter left with an unsealed denouncer.
"""

from typing import Any

from django.db.models.signals import m2m_changed, post_save

from tiepdan.cases import vault
from tiepdan.cases.models import Case
from tiepdan.core.classification import PetitionType


def _seal(case_id: int | None) -> None:
    if case_id is not None:
        vault.vault_seal(case=Case.objects.get(pk=case_id))


def _petition_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.petition_type == PetitionType.DENUNCIATION:
        _seal(instance.case_id)


def _senders_added(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action != "post_add":
        return
    if kwargs.get("reverse"):
        # citizen.petitions.add(petition, …): seal each denunciation's matter.
        model = kwargs["model"]
        for case_id in model.objects.filter(
            pk__in=kwargs["pk_set"], petition_type=PetitionType.DENUNCIATION
        ).values_list("case_id", flat=True):
            _seal(case_id)
    elif instance.petition_type == PetitionType.DENUNCIATION:
        _seal(instance.case_id)


def _attachment_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    petition = instance.petition
    if not raw and petition.petition_type == PetitionType.DENUNCIATION:
        _seal(petition.case_id)


def _case_citizens_added(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action != "post_add":
        return
    if kwargs.get("reverse"):
        for case in Case.objects.filter(pk__in=kwargs["pk_set"]):
            vault.vault_seal(case=case)
    else:
        vault.vault_seal(case=instance)


def _visit_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.petition_type == PetitionType.DENUNCIATION:
        _seal(instance.case_id)


def _attendee_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.visit.petition_type == PetitionType.DENUNCIATION:
        _seal(instance.visit.case_id)


def connect() -> None:
    from tiepdan.petitions.models import Petition, PetitionAttachment
    from tiepdan.reception.models import ReceptionVisit, VisitCitizen

    post_save.connect(_petition_saved, sender=Petition, dispatch_uid="seal.petition")
    m2m_changed.connect(
        _senders_added, sender=Petition.senders.through, dispatch_uid="seal.senders"
    )
    post_save.connect(_attachment_saved, sender=PetitionAttachment, dispatch_uid="seal.scan")
    m2m_changed.connect(
        _case_citizens_added, sender=Case.citizens.through, dispatch_uid="seal.citizens"
    )
    post_save.connect(_visit_saved, sender=ReceptionVisit, dispatch_uid="seal.visit")
    post_save.connect(_attendee_saved, sender=VisitCitizen, dispatch_uid="seal.attendee")
