from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "tiepdan.ops"
    label = "ops"
    verbose_name = "Vận hành"
