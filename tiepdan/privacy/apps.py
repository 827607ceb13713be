from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "tiepdan.privacy"
    label = "privacy"
    verbose_name = "Bảo vệ dữ liệu cá nhân"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.organizations.navigation import in_unit
        from tiepdan.privacy import permissions

        navigation.register(privacy=in_unit(permissions.can_view))
