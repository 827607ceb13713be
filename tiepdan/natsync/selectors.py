"""Reads of the link's state, scoped to a unit's subtree."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from tiepdan.natsync.constants import Status
from tiepdan.natsync.models import SyncAttempt, SyncRecord, UnitSyncSetting
from tiepdan.organizations.models import Unit
from tiepdan.organizations.paths import path_chain


def record_list(*, unit: Unit, status: str = "") -> QuerySet[SyncRecord]:
    """Records of the unit's subtree, the most recently changed first."""
    qs = SyncRecord.objects.filter(unit__path__startswith=unit.path).select_related("unit")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-pk")


def record_get(*, unit: Unit, pk: int) -> SyncRecord | None:
    return record_list(unit=unit).filter(pk=pk).first()


def attempt_list(record: SyncRecord) -> QuerySet[SyncAttempt]:
    return record.tries.order_by("-pk")


@dataclass
class UnitCounts:
    unit_id: int
    code: str
    name: str
    depth: int
    own: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Status.values, 0))


def unit_counts(*, unit: Unit) -> list[UnitCounts]:
    """Pending, failed and sent per unit of the subtree, each rolled up over the units below
    it (one aggregate query and one query for the units); units with no record are left out."""
    rows = (
        SyncRecord.objects.filter(unit__path__startswith=unit.path)
        .values("unit_id")
        .annotate(**{s: Count("pk", filter=Q(status=s)) for s in Status.values})
    )
    own = {row["unit_id"]: {s: row[s] for s in Status.values} for row in rows}
    if not own:
        return []
    units = list(
        Unit.objects.filter(path__startswith=unit.path)
        .order_by("path")
        .values("pk", "code", "name", "depth", "path")
    )
    by_path = {u["path"]: u["pk"] for u in units}
    out = {
        u["pk"]: UnitCounts(u["pk"], u["code"], u["name"], u["depth"] - unit.depth) for u in units
    }
    for u in units:
        counts = own.get(u["pk"])
        if not counts:
            continue
        out[u["pk"]].own = counts
        # Add to the unit and each ancestor inside the subtree, nearest first.
        for path in reversed(path_chain(u["path"])):
            ancestor = by_path.get(path)
            if ancestor is None:
                break
            for status, n in counts.items():
                out[ancestor].total[status] += n
    return [c for c in out.values() if any(c.total.values())]


def setting_for(unit: Unit) -> UnitSyncSetting:
    """The unit's settings, or the defaults (switched on, identity kept back)."""
    return UnitSyncSetting.objects.filter(unit=unit).first() or UnitSyncSetting(unit=unit)
