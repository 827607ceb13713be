"""The national link's gauge for /metrics (registered by the app): records by status, so a
failing link shows before anyone asks."""

from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily

from tiepdan.natsync.constants import Status
from tiepdan.natsync.models import SyncRecord
from tiepdan.ops.metrics import rows_by_status


def sync_gauges() -> Iterator[GaugeMetricFamily]:
    yield rows_by_status(
        "tiepdan_sync_records",
        "National database sync records by status",
        SyncRecord.objects.all(),
        Status.values,
    )
