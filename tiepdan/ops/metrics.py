"""/metrics for Prometheus: django-prometheus' request and database metrics plus the domain
gauges, read at scrape time. Open to the allow-listed networks or to a bearer token."""

import datetime as dt
import hmac
import ipaddress
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from tiepdan.ops import replicas
from tiepdan.ops.health import mail_state, storage_state

# Gauges that the apps owning the data declare (in their AppConfig.ready), so this module
# imports none of them.
_domain_gauges: list[Callable[[], Iterable[GaugeMetricFamily]]] = []


def rows_by_status(
    name: str, documentation: str, queryset: QuerySet, statuses: Iterable[str]
) -> GaugeMetricFamily:
    """A gauge of how many rows of `queryset` are in each of `statuses` (its `status` field),
    zero included, so a status that appears shows as a change rather than a new series."""
    gauge = GaugeMetricFamily(name, documentation, labels=["status"])
    counts = dict(queryset.values_list("status").annotate(n=Count("pk")).order_by())
    for status in statuses:
        gauge.add_metric([status], counts.get(status, 0))
    return gauge


def register_gauges(collect: Callable[[], Iterable[GaugeMetricFamily]]) -> None:
    """Add a collector of domain gauges, read at each scrape."""
    _domain_gauges.append(collect)


class DomainCollector:
    """Gauges computed from the database at each scrape (a few aggregate queries)."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from tiepdan.ops.models import WorkerHeartbeat

        for collect in _domain_gauges:
            yield from collect()
        tasks = GaugeMetricFamily("tiepdan_tasks", "Background tasks by status", labels=["status"])
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
        for status in ("READY", "RUNNING", "FAILED", "SUCCESSFUL"):
            tasks.add_metric([status.lower()], counts.get(status, 0))
        yield tasks
        since = timezone.now() - dt.timedelta(seconds=settings.TIEPDAN_WORKER_STALE_SECONDS)
        workers = GaugeMetricFamily("tiepdan_workers_alive", "Task workers with a recent heartbeat")
        workers.add_metric([], WorkerHeartbeat.objects.filter(seen_at__gte=since).count())
        yield workers
        replica_up = GaugeMetricFamily(
            "tiepdan_replica_up", "Read replica usable (1) or left out (0)", labels=["replica"]
        )
        for alias, state in replicas.states().items():
            replica_up.add_metric([alias], 1 if state == "ok" else 0)
        yield replica_up
        storage_up = GaugeMetricFamily("tiepdan_storage_up", "File storage answering (1) or not")
        storage_up.add_metric([], 1 if storage_state() == "ok" else 0)
        yield storage_up
        mail_up = GaugeMetricFamily("tiepdan_mail_up", "Mail server accepting a session (1) or not")
        mail_up.add_metric([], 1 if mail_state() == "ok" else 0)
        yield mail_up


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
