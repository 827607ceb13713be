from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "tiepdan.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc và thời hạn"

    def ready(self) -> None:
        from tiepdan.ops.metrics import register_gauges
        from tiepdan.workcalendar.metrics import overdue_gauges

        register_gauges(overdue_gauges)
