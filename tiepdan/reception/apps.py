from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "tiepdan.reception"
    label = "reception"
    verbose_name = "Tiếp công dân"
