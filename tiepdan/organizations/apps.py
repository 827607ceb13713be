from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "tiepdan.organizations"
    label = "organizations"
    verbose_name = "Đơn vị và người dùng"

    def ready(self) -> None:
        from tiepdan.organizations import second_factor

        second_factor.connect()
