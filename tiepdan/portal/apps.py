from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tiepdan.portal"
    label = "portal"
    verbose_name = "Cổng công dân"

    def ready(self) -> None:
        from tiepdan.portal import hooks

        hooks.connect()
