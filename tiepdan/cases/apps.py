from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tiepdan.cases"
    label = "cases"
    verbose_name = "Vụ việc"

    def ready(self) -> None:
        from tiepdan.cases import checks, sealing  # noqa: F401 (checks registers itself)

        sealing.connect()
