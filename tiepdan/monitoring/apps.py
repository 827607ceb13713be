from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "tiepdan.monitoring"
    label = "monitoring"
    verbose_name = "Giám sát, cảnh báo"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from tiepdan.core import navigation
        from tiepdan.monitoring import fanout, permissions, selectors, subscribers
        from tiepdan.monitoring.signals import register_sqlite_functions
        from tiepdan.ops.metrics import register_gauges
        from tiepdan.organizations.navigation import in_unit
        from tiepdan.plans.selectors import register_period_figures

        # Infrastructure, not domain logic: the SQLite twin of a PostgreSQL string function.
        connection_created.connect(register_sqlite_functions, dispatch_uid="monitoring_sqlite_fn")
        # Alerts raised on what the apps below publish (tiepdan/core/events.py).
        subscribers.connect()
        # Those told of an alert get it by e-mail through the task queue; /metrics counts them.
        fanout.connect()
        register_gauges(fanout.mail_gauges)
        # A plan's results count the alerts of its period without plans reading this app.
        register_period_figures(selectors.alert_figures)
        # The dashboard, hotspots and bulletin; partners see only the alerts routed to them.
        navigation.register(
            monitoring=in_unit(permissions.can_view_dashboard),
            thresholds=in_unit(permissions.can_edit_thresholds),
        )
