"""The calendar's gauge for /metrics: open legal time limits past their due date."""

from collections.abc import Iterator

from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from tiepdan.workcalendar.models import Clock


def overdue_gauges() -> Iterator[GaugeMetricFamily]:
    overdue = GaugeMetricFamily(
        "tiepdan_clocks_overdue", "Open legal time limits past their due date"
    )
    overdue.add_metric([], Clock.objects.open().filter(due__lt=timezone.localdate()).count())
    yield overdue
