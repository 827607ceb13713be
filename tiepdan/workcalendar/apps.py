from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "tiepdan.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc và thời hạn"
