from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tiepdan.audit"
    label = "audit"
    verbose_name = "Nhật ký"
