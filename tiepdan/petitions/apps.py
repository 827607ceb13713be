from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tiepdan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư"
