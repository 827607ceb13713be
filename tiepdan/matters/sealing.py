"""The matter holds people for the vault (`tiepdan.vault`): the persons of a denunciation
matter and its summary. Registered in `MattersConfig.ready`, with the link that seals: a person
added to a matter runs `vault.vault_seal` in the same transaction."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed

from tiepdan.matters.models import CaseKind, Matter
from tiepdan.vault import vault


class MatterHolder(vault.Holder):
    order = 30
    label = Matter._meta.label_lower
    # The matter's persons keep a registry row; the sealing rule filters the petitions and
    # visits, not this list (a denunciation matter's persons leave it when sealed).
    links = (vault.PeopleLink(Matter.citizens.through),)

    def denounced(self, matter: Any) -> bool:
        return matter.kind == CaseKind.DENUNCIATION

    def denouncers(self, matter: Any) -> list[vault.Denouncer]:
        if matter.kind != CaseKind.DENUNCIATION:
            return []
        return [vault.Denouncer(None, None, False, person) for person in matter.citizens.all()]

    def unlink(self, matter: Any, person_ids: set[int]) -> None:
        if person_ids:
            matter.citizens.remove(*person_ids)

    def texts(self, matter: Any) -> Iterable[tuple[Model, str, str | None]]:
        # The findings and the conclusion are typed once the matter is sealed: kept by the
        # same rule when they quote a denouncer (cases.services.seal_matter_texts).
        return [
            (matter, "summary", "summary_key"),
            (matter, "verification_findings", None),
            (matter, "decision_text", None),
        ]

    def unsealed(self) -> set[int]:
        return set(
            Matter.objects.filter(kind=CaseKind.DENUNCIATION, citizens__isnull=False).values_list(
                "pk", flat=True
            )
        )


def _citizens_added(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action != "post_add":
        return
    if kwargs.get("reverse"):
        for matter in Matter.objects.filter(pk__in=kwargs["pk_set"]):
            vault.vault_seal(case=matter)
    else:
        vault.vault_seal(case=instance)


def connect() -> None:
    vault.register_holder("matters", MatterHolder())
    m2m_changed.connect(
        _citizens_added, sender=Matter.citizens.through, dispatch_uid="seal.citizens"
    )
