from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tiepdan.cases"
    label = "cases"
    verbose_name = "Vụ việc"

    def ready(self) -> None:
        from tiepdan.cases import sealing

        sealing.connect()
