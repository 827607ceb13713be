from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tiepdan.api"
    label = "api"
    verbose_name = "API"
