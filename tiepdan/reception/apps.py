from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReceptionConfig(AppConfig):
    name = "tiepdan.reception"
    label = "reception"
    verbose_name = "Tiếp công dân"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import may
        from tiepdan.reception import sealing, subscribers
        from tiepdan.reception.models import SessionRecording
        from tiepdan.reception.permissions import VisitAction
        from tiepdan.reception.triggers import ensure_triggers
        from tiepdan.vault import vault

        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="reception_triggers")
        subscribers.connect()
        sealing.connect()
        vault.register_sealed(SessionRecording, "file_key")

        navigation.register(desk=may(VisitAction.RECORD), register=may(VisitAction.VIEW))
