from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "tiepdan.citizens"
    label = "citizens"
    verbose_name = "Công dân"

    def ready(self) -> None:
        from tiepdan.citizens.permissions import CitizenAction
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import may

        navigation.register(citizens=may(CitizenAction.VIEW), citizen_new=may(CitizenAction.EDIT))
