from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tiepdan.documents"
    label = "documents"
    verbose_name = "Văn bản, biểu mẫu"
