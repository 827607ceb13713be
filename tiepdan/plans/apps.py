from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tiepdan.plans"
    label = "plans"
    verbose_name = "Kế hoạch, lịch trực"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import in_unit
        from tiepdan.plans import permissions

        navigation.register(unit_plans=in_unit(permissions.can_view_unit_plans))
