"""The national link's gauge for /metrics (registered by the app): records by status, so a
failing link shows before anyone asks."""

from collections.abc import Iterator

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily

from tiepdan.natsync.constants import Status
from tiepdan.natsync.models import SyncRecord


def sync_gauges() -> Iterator[GaugeMetricFamily]:
    sync = GaugeMetricFamily(
        "tiepdan_sync_records", "National database sync records by status", labels=["status"]
    )
    by_status = dict(SyncRecord.objects.values_list("status").annotate(n=Count("id")).order_by())
    for status in Status.values:
        sync.add_metric([status], by_status.get(status, 0))
    yield sync
