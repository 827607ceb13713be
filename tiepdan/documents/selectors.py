"""Reads: which template file renders a form for a unit on a date."""

import datetime as dt

from django.db.models import Q

from tiepdan.documents.models import DocumentTemplate
from tiepdan.documents.registry import FormVersion
from tiepdan.organizations.models import Unit


def _ancestor_ids(unit: Unit) -> list[int]:
    """Ids from the root down to `unit`, read from its materialised path."""
    return [int(part) for part in unit.path.split("/") if part]


def document_template_override(
    *, version: FormVersion, on: dt.date, unit: Unit | None
) -> DocumentTemplate | None:
    """The active upload that overrides `version` for `unit` on `on`, if any.

    Only uploads made for this version count (valid_from within the version's period), so an
    edited old form never shadows a new official layout. The nearest unit up the tree wins,
    then the system-wide upload; among equals the latest valid_from, then the latest upload.
    """
    lineage = _ancestor_ids(unit) if unit is not None else []
    candidates = DocumentTemplate.objects.filter(
        code=version.code, is_active=True, valid_from__gte=version.valid_from, valid_from__lte=on
    )
    if version.valid_to is not None:
        candidates = candidates.filter(valid_from__lte=version.valid_to)
    rank = {unit_id: depth for depth, unit_id in enumerate(lineage)}
    best: DocumentTemplate | None = None
    best_key: tuple = ()
    for template in candidates.filter(Q(unit__in=lineage) | Q(unit__isnull=True)):
        depth = -1 if template.unit_id is None else rank[template.unit_id]
        key = (depth, template.valid_from, template.created_at, template.pk)
        if best is None or key > best_key:
            best, best_key = template, key
    return best
