"""Figures for the home dashboard, counted in SQL over the unit's subtree."""

from django.db.models import Count, Q

from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Membership, Unit, User


def dashboard_figures(user: User, unit: Unit) -> dict[str, int]:
    """Counts for the current unit and its subtree (three queries whatever the tree's size)."""
    units = Unit.objects.filter(path__startswith=unit.path).aggregate(
        total=Count("pk"),
        partners=Count("pk", filter=Q(kind__in=["police", "military", "front", "quarter"])),
    )
    return {
        "units": units["total"],
        "partners": units["partners"],
        "users": Membership.objects.filter(unit__path__startswith=unit.path)
        .values("user")
        .distinct()
        .count(),
        "citizens": Citizen.objects.filter(
            unit__path__startswith=unit.path, merged_into__isnull=True
        ).count(),
    }
