from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tiepdan.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.reports.permissions import menu_entry

        navigation.register(reports=menu_entry)
