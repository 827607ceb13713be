from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "tiepdan.citizens"
    label = "citizens"
    verbose_name = "Công dân"
