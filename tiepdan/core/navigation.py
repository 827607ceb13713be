"""Which pages the menu and page headers offer: only those the user may open.

Each entry asks the same question as the view it links to, so a link never answers 403. The
answers are computed on first use, so pages that show no menu (HTMX fragments) pay nothing.
"""

from functools import cached_property

from django.http import HttpRequest

from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import Action, has_permission, roles_anywhere


class Menu:
    def __init__(self, user: User, unit: Unit | None) -> None:
        self.user = user
        self.unit = unit

    def _may(self, action: Action) -> bool:
        return self.unit is not None and has_permission(self.user, action, self.unit)

    @cached_property
    def citizens(self) -> bool:
        return self._may(Action.CITIZEN_VIEW)

    @cached_property
    def citizen_new(self) -> bool:
        return self._may(Action.CITIZEN_EDIT)

    @cached_property
    def desk(self) -> bool:
        return self._may(Action.VISIT_RECORD)

    @cached_property
    def register(self) -> bool:
        return self._may(Action.VISIT_VIEW)

    @cached_property
    def petitions(self) -> bool:
        return self._may(Action.PETITION_VIEW)

    @cached_property
    def petition_new(self) -> bool:
        return self._may(Action.PETITION_RECEIVE)

    @cached_property
    def cases(self) -> bool:
        return self._may(Action.CASE_VIEW)

    @cached_property
    def unit_plans(self) -> bool:
        from tiepdan.plans import permissions as plan_permissions

        return self.unit is not None and plan_permissions.can_view_unit_plans(self.user, self.unit)

    @cached_property
    def monitoring(self) -> bool:
        """The dashboard, hotspots and bulletin; partners see only the alerts routed to them."""
        from tiepdan.monitoring import permissions as monitoring_permissions

        return self.unit is not None and monitoring_permissions.can_view_dashboard(
            self.user, self.unit
        )

    @cached_property
    def citizen_ratings(self) -> bool:
        """The citizens' ratings of the unit (tiepdan.portal): as the dashboard."""
        return self.monitoring

    @cached_property
    def thresholds(self) -> bool:
        from tiepdan.monitoring import permissions as monitoring_permissions

        return self.unit is not None and monitoring_permissions.can_edit_thresholds(
            self.user, self.unit
        )

    @cached_property
    def national_sync(self) -> bool:
        from tiepdan.natsync import permissions as sync_permissions

        return self.unit is not None and sync_permissions.can_view_status(self.user, self.unit)

    @cached_property
    def reports(self) -> bool:
        """As reports.permissions.can_view_any, from the memberships already read."""
        return self.user.is_superuser or bool(roles_anywhere(self.user) - {Role.PARTNER})


def menu(request: HttpRequest) -> dict:
    """Context processor: `menu.<page>` is true when the user may open that page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unit = getattr(request, "unit", None)  # a lazy object: test it for truth, not for None
    return {"menu": Menu(user, unit if unit else None)}
