from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data across every app (management commands only, at the top layer)."""

    name = "tiepdan.demo"
    label = "demo"
    verbose_name = "Dữ liệu minh hoạ"
