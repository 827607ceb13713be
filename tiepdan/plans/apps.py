from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tiepdan.plans"
    label = "plans"
    verbose_name = "Kế hoạch, lịch trực"
