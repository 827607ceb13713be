from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tiepdan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import may
        from tiepdan.petitions import sealing
        from tiepdan.petitions.permissions import PetitionAction

        # A petition's senders, summary and scans are sealed with the vault.
        sealing.connect()

        navigation.register(
            petitions=may(PetitionAction.VIEW), petition_new=may(PetitionAction.RECEIVE)
        )
