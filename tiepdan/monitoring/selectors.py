"""Reads of alerts: the unit's own, its subtree's, and those routed to the user's units."""

from django.db.models import QuerySet

from tiepdan.monitoring.models import Alert
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User


def alert_list(user: User, unit: Unit | None = None) -> QuerySet[Alert]:
    """Alerts the user may see, optionally those raised in `unit`'s subtree or routed into it."""
    own = org_selectors.scope_q(user, "unit")
    routed = org_selectors.scope_q(user, "routed_to")
    qs = Alert.objects.all()
    if own is not None:
        visible_ids = Alert.objects.filter(own | routed).values("pk")
        qs = qs.filter(pk__in=visible_ids)
    if unit is not None:
        in_unit = Alert.objects.filter(unit__path__startswith=unit.path) | Alert.objects.filter(
            routed_to__path__startswith=unit.path
        )
        qs = qs.filter(pk__in=in_unit.values("pk"))
    return qs.select_related("unit").prefetch_related("routed_to").order_by("-created_at", "-pk")
