"""The apps that hold people register here (in their AppConfig.ready), so that the vault reads
and seals their rows without importing them (docs/architecture.md, "The seal").

A holder says where it links a person of the registry (`links`) and, for the sealing of a
matter, who denounced in it, which texts quote them, which scans carry them, and how to cut
the plain links. The vault iterates the holders; it knows none of their models.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class PeopleLink:
    """A table that links a person of the registry to a row.

    `row` is the path from the link to a row that carries the sealing rule's fields
    (`petition_type`, `unit_id`, `case`): "petition__" for a petition's senders, "visit__" for
    a visit's attendees. A link with no such row (a matter's citizens) keeps a person in the
    registry but is not filtered by the rule."""

    model: type[models.Model]
    row: str | None = None
    person: str = "citizen_id"


class Denouncer(NamedTuple):
    """Someone who brought a denunciation into a matter and is still linked in plain."""

    petition_id: int | None  # the petition they sent
    visit_id: int | None  # the visit they attended at the desk
    is_representative: bool
    person: Any  # the Citizen


class Holder:
    """An app that holds people. Every method has a harmless default: a holder overrides what
    it holds. `matter` is a `matters.Matter` (or its proxy `cases.Case`)."""

    # Where the holder comes when the vault walks them: the last identity recorded for a
    # matter keeps its sealed scans (petitions first, then the desk, then the matter itself).
    order = 100
    label = ""  # app_label.model of the rows whose texts the vault keeps (SealedText.target)
    links: tuple[PeopleLink, ...] = ()

    def denounced(self, matter: Any) -> bool:
        """Whether this holder links a denunciation to the matter."""
        return False

    def denouncers(self, matter: Any) -> list[Denouncer]:
        return []

    def intake_ids(self, matter: Any) -> list[int]:
        """The matter's denunciation petitions, whose records sealed at intake wait for it."""
        return []

    def attachment_ids(self, row_ids: list[int]) -> Any:
        """The attachments of these rows (ids, or a query of them): where the scans sealed at
        intake with nobody to name came from."""
        return []

    def unlink(self, matter: Any, person_ids: set[int]) -> None:
        """Delete the plain links of the matter's denouncers (no save signals)."""

    def texts(self, matter: Any) -> Iterable[tuple[models.Model, str, str | None]]:
        """(row, field, search-key field) of the texts that may quote a denouncer."""
        return ()

    def scans(self, matter: Any) -> Iterable[Any]:
        """Attachment rows (`file`, `title`, `updated_at`) still holding a plain scan."""
        return ()

    def unsealed(self) -> set[int]:
        """Matters with something of a denouncer still in plain in this holder's rows."""
        return set()


_HOLDERS: dict[str, Holder] = {}


def register_holder(name: str, holder: Holder) -> None:
    """Called by each app that holds people, in its AppConfig.ready."""
    _HOLDERS[name] = holder


def holders() -> list[Holder]:
    if not _HOLDERS:
        raise ImproperlyConfigured("No app that holds people is registered with the vault.")
    return sorted(_HOLDERS.values(), key=lambda holder: holder.order)


def rule_links() -> list[PeopleLink]:
    """The links the sealing rule filters (a person linked to a denunciation)."""
    return [link for holder in holders() for link in holder.links if link.row is not None]


def all_links() -> list[PeopleLink]:
    return [link for holder in holders() for link in holder.links]
