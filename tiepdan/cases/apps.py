from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tiepdan.cases"
    label = "cases"
    verbose_name = "Vụ việc"

    def ready(self) -> None:
        from tiepdan.cases import checks, sealing  # noqa: F401 (checks registers itself)
        from tiepdan.cases.permissions import CaseAction
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import may

        sealing.connect()

        navigation.register(cases=may(CaseAction.VIEW))
