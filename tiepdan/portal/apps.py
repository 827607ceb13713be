from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tiepdan.portal"
    label = "portal"
    verbose_name = "Cổng công dân"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.monitoring.permissions import can_view_dashboard
        from tiepdan.organizations.navigation import in_unit
        from tiepdan.portal import hooks

        hooks.connect()
        # The citizens' ratings of the unit: for those who see the dashboard.
        navigation.register(citizen_ratings=in_unit(can_view_dashboard))
