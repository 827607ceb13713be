"""The desk holds people for the vault (`tiepdan.vault`): a visit's attendees and the content
it records. Registered in `ReceptionConfig.ready`, with the links that seal: a denunciation
visit recorded on a matter and an attendee added to it run `vault.vault_seal` in the same
transaction (bulk writes seal themselves, `services.visit_record`)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_save

from tiepdan.core.classification import PetitionType
from tiepdan.matters.models import Matter
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault import vault

DENUNCIATION = PetitionType.DENUNCIATION


class VisitHolder(vault.Holder):
    order = 20
    label = ReceptionVisit._meta.label_lower
    links = (vault.PeopleLink(VisitCitizen, row="visit__"),)

    def _attendees(self, matter: Any):
        return VisitCitizen.objects.filter(
            visit__case_id=matter.pk, visit__petition_type=DENUNCIATION
        )

    def denounced(self, matter: Any) -> bool:
        return ReceptionVisit.objects.filter(case_id=matter.pk, petition_type=DENUNCIATION).exists()

    def denouncers(self, matter: Any) -> list[vault.Denouncer]:
        found: dict[tuple[int, int], vault.Denouncer] = {}
        for attendee in self._attendees(matter).select_related("citizen"):
            found.setdefault(
                (attendee.visit_id, attendee.citizen_id),
                vault.Denouncer(
                    None, attendee.visit_id, attendee.is_representative, attendee.citizen
                ),
            )
        return list(found.values())

    def unlink(self, matter: Any, person_ids: set[int]) -> None:
        self._attendees(matter).delete()

    def texts(self, matter: Any) -> Iterable[tuple[Model, str, str | None]]:
        visits = ReceptionVisit.objects.filter(case_id=matter.pk, petition_type=DENUNCIATION)
        return [(visit, "content", None) for visit in visits]

    def unsealed(self) -> set[int]:
        return set(
            VisitCitizen.objects.filter(
                visit__petition_type=DENUNCIATION, visit__case__isnull=False
            ).values_list("visit__case_id", flat=True)
        )


def _seal(case_id: int | None) -> None:
    if case_id is not None:
        vault.vault_seal(case=Matter.objects.get(pk=case_id))


def _visit_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.petition_type == DENUNCIATION:
        _seal(instance.case_id)


def _attendee_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.visit.petition_type == DENUNCIATION:
        _seal(instance.visit.case_id)


def connect() -> None:
    vault.register_holder("reception", VisitHolder())
    post_save.connect(_visit_saved, sender=ReceptionVisit, dispatch_uid="seal.visit")
    post_save.connect(_attendee_saved, sender=VisitCitizen, dispatch_uid="seal.attendee")
