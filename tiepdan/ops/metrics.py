"""/metrics for Prometheus: django-prometheus' request and database metrics plus the domain
gauges, read at scrape time. Open to the allow-listed networks or to a bearer token."""

import datetime as dt
import hmac
import ipaddress

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from tiepdan.ops import replicas
from tiepdan.ops.health import storage_state


class DomainCollector:
    """Gauges computed from the database at each scrape (a few aggregate queries)."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from tiepdan.natsync.models import SyncRecord
        from tiepdan.ops.models import WorkerHeartbeat
        from tiepdan.workcalendar.models import Clock

        overdue = GaugeMetricFamily(
            "tiepdan_clocks_overdue", "Open legal time limits past their due date"
        )
        overdue.add_metric([], Clock.objects.open().filter(due__lt=timezone.localdate()).count())
        yield overdue
        tasks = GaugeMetricFamily("tiepdan_tasks", "Background tasks by status", labels=["status"])
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
        for status in ("READY", "RUNNING", "FAILED", "SUCCESSFUL"):
            tasks.add_metric([status.lower()], counts.get(status, 0))
        yield tasks
        since = timezone.now() - dt.timedelta(seconds=settings.TIEPDAN_WORKER_STALE_SECONDS)
        workers = GaugeMetricFamily("tiepdan_workers_alive", "Task workers with a recent heartbeat")
        workers.add_metric([], WorkerHeartbeat.objects.filter(seen_at__gte=since).count())
        yield workers
        sync = GaugeMetricFamily(
            "tiepdan_sync_records", "National database sync records by status", labels=["status"]
        )
        by_status = dict(
            SyncRecord.objects.values_list("status").annotate(n=Count("id")).order_by()
        )
        for status in ("pending", "failed", "sent"):
            sync.add_metric([status], by_status.get(status, 0))
        yield sync
        replica_up = GaugeMetricFamily(
            "tiepdan_replica_up", "Read replica usable (1) or left out (0)", labels=["replica"]
        )
        for alias, state in replicas.states().items():
            replica_up.add_metric([alias], 1 if state == "ok" else 0)
        yield replica_up
        storage_up = GaugeMetricFamily("tiepdan_storage_up", "File storage answering (1) or not")
        storage_up.add_metric([], 1 if storage_state() == "ok" else 0)
        yield storage_up


def _allowed(request: HttpRequest) -> bool:
    token = settings.TIEPDAN_METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        client = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        client in ipaddress.ip_network(net, strict=False)
        for net in settings.TIEPDAN_METRICS_ALLOWED
    )


_registered = False


def metrics_view(request: HttpRequest) -> HttpResponse:
    global _registered
    if not _allowed(request):
        return HttpResponse(status=403)
    if not _registered:
        REGISTRY.register(DomainCollector())
        _registered = True
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
