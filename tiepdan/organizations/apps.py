from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "tiepdan.organizations"
    label = "organizations"
    verbose_name = "Đơn vị và người dùng"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from tiepdan.organizations import second_factor

        second_factor.connect()
        # Every app declares the actions it guards in its permissions module: importing them all
        # here fills the one registry before the first request asks it.
        autodiscover_modules("permissions")
