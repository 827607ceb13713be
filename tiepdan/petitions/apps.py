from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tiepdan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import may
        from tiepdan.organizations.permissions import Action

        navigation.register(
            petitions=may(Action.PETITION_VIEW), petition_new=may(Action.PETITION_RECEIVE)
        )
