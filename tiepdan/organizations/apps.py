from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "tiepdan.organizations"
    label = "organizations"
    verbose_name = "Đơn vị và người dùng"
