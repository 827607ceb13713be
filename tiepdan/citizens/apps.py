from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "tiepdan.citizens"
    label = "citizens"
    verbose_name = "Công dân"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import may
        from tiepdan.organizations.permissions import Action

        navigation.register(
            citizens=may(Action.CITIZEN_VIEW), citizen_new=may(Action.CITIZEN_EDIT)
        )
