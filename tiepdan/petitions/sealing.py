"""The petitions hold people for the vault (`tiepdan.vault`): a petition's senders, its
summary and its scans. Registered in `PetitionsConfig.ready`, with the links that seal.

Sealing cannot be skipped: a petition saved with its matter (intake, acceptance,
reclassification, split, transfer in), a sender added to such a petition and a scan attached
to it run `vault.vault_seal` in the same transaction, whatever the order of the calls. Bulk
writes send no signals: their callers run it themselves, and `manage.py check_seals` lists any
matter left with an unsealed denouncer.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_save

from tiepdan.core.classification import PetitionType
from tiepdan.matters.models import Matter
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.vault import vault

DENUNCIATION = PetitionType.DENUNCIATION


class PetitionHolder(vault.Holder):
    order = 10
    label = Petition._meta.label_lower
    links = (vault.PeopleLink(Petition.senders.through, row="petition__"),)

    def _denunciations(self, matter: Any):
        return Petition.objects.filter(case_id=matter.pk, petition_type=DENUNCIATION)

    def denounced(self, matter: Any) -> bool:
        return self._denunciations(matter).exists()

    def denouncers(self, matter: Any) -> list[vault.Denouncer]:
        found: dict[tuple[int, int], vault.Denouncer] = {}
        for petition in self._denunciations(matter).prefetch_related("senders"):
            for person in petition.senders.all():
                found.setdefault(
                    (petition.pk, person.pk), vault.Denouncer(petition.pk, None, False, person)
                )
        return list(found.values())

    def intake_ids(self, matter: Any) -> list[int]:
        return list(self._denunciations(matter).values_list("pk", flat=True))

    def attachment_ids(self, row_ids: list[int]) -> Any:
        return PetitionAttachment.objects.filter(petition_id__in=row_ids).values("pk")

    def unlink(self, matter: Any, person_ids: set[int]) -> None:
        Petition.senders.through.objects.filter(
            petition__case_id=matter.pk, petition__petition_type=DENUNCIATION
        ).delete()

    def texts(self, matter: Any) -> Iterable[tuple[Model, str, str | None]]:
        return [(petition, "summary", "summary_key") for petition in self._denunciations(matter)]

    def scans(self, matter: Any) -> Iterable[Any]:
        return (
            PetitionAttachment.objects.filter(
                petition__case_id=matter.pk, petition__petition_type=DENUNCIATION
            )
            .exclude(file="")
            .order_by("pk")
        )

    def unsealed(self) -> set[int]:
        ids = set(
            Petition.objects.filter(
                petition_type=DENUNCIATION, case__isnull=False, senders__isnull=False
            ).values_list("case_id", flat=True)
        )
        ids |= set(
            PetitionAttachment.objects.filter(
                petition__petition_type=DENUNCIATION, petition__case__isnull=False
            )
            .exclude(file="")
            .values_list("petition__case_id", flat=True)
        )
        return ids


def _seal(case_id: int | None) -> None:
    if case_id is not None:
        vault.vault_seal(case=Matter.objects.get(pk=case_id))


def _petition_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.petition_type == DENUNCIATION:
        _seal(instance.case_id)


def _senders_added(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action != "post_add":
        return
    if kwargs.get("reverse"):
        # citizen.petitions.add(petition, …): seal each denunciation's matter.
        model = kwargs["model"]
        for case_id in model.objects.filter(
            pk__in=kwargs["pk_set"], petition_type=DENUNCIATION
        ).values_list("case_id", flat=True):
            _seal(case_id)
    elif instance.petition_type == DENUNCIATION:
        _seal(instance.case_id)


def _attachment_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    petition = instance.petition
    if not raw and petition.petition_type == DENUNCIATION:
        _seal(petition.case_id)


def connect() -> None:
    vault.register_holder("petitions", PetitionHolder())
    post_save.connect(_petition_saved, sender=Petition, dispatch_uid="seal.petition")
    m2m_changed.connect(
        _senders_added, sender=Petition.senders.through, dispatch_uid="seal.senders"
    )
    post_save.connect(_attachment_saved, sender=PetitionAttachment, dispatch_uid="seal.scan")
