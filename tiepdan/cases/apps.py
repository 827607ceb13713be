from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tiepdan.cases"
    label = "cases"
    verbose_name = "Vụ việc"

    def ready(self) -> None:
        from tiepdan.cases.permissions import CaseAction
        from tiepdan.cases.services.identity import identity_step_recorded
        from tiepdan.core import events, navigation
        from tiepdan.organizations.navigation import may

        # The seal's steps (in the vault, below) go on the matter's timeline.
        events.identity_step.connect(identity_step_recorded, dispatch_uid="cases.identity_step")

        navigation.register(cases=may(CaseAction.VIEW))
