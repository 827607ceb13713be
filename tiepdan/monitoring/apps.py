from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "tiepdan.monitoring"
    label = "monitoring"
    verbose_name = "Giám sát, cảnh báo"
