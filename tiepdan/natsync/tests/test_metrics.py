"""The sync records' state is watched from /metrics: a failed record shows at once."""

import re

import pytest

from tiepdan.natsync.models import SyncRecord


def _gauge(client, status: str) -> float:
    body = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    return float(re.search(rf'tiepdan_sync_records{{status="{status}"}} (\S+)', body).group(1))


@pytest.mark.django_db
def test_failed_sync_records_are_counted_in_metrics(client, receive, mapped) -> None:
    receive()
    waiting = SyncRecord.objects.filter(status="pending").count()
    assert waiting >= 1
    assert _gauge(client, "pending") == waiting
    assert _gauge(client, "failed") == 0
    SyncRecord.objects.filter(status="pending").update(status="failed", last_error="HTTP 503")
    assert _gauge(client, "failed") == waiting
    assert _gauge(client, "pending") == 0
