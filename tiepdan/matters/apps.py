from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "tiepdan.matters"
    label = "matters"
    verbose_name = "Vụ việc"

    def ready(self) -> None:
        from tiepdan.matters import sealing

        # A denunciation matter's persons and its summary are sealed with the vault.
        sealing.connect()
