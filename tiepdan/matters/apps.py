from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "tiepdan.matters"
    label = "matters"
    verbose_name = "Vụ việc"
