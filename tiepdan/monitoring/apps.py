from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "tiepdan.monitoring"
    label = "monitoring"
    verbose_name = "Giám sát, cảnh báo"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from tiepdan.monitoring.signals import register_sqlite_functions

        # Infrastructure, not domain logic: the SQLite twin of a PostgreSQL string function.
        connection_created.connect(register_sqlite_functions, dispatch_uid="monitoring_sqlite_fn")

        from tiepdan.core import navigation
        from tiepdan.monitoring import permissions
        from tiepdan.organizations.navigation import in_unit

        # The dashboard, hotspots and bulletin; partners see only the alerts routed to them.
        navigation.register(
            monitoring=in_unit(permissions.can_view_dashboard),
            thresholds=in_unit(permissions.can_edit_thresholds),
        )
