"""Readiness: what a load balancer or an operator needs to know before sending work here."""

import datetime as dt
import shutil
import smtplib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.core.mail import get_connection
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from tiepdan.ops import replicas
from tiepdan.ops.models import WorkerHeartbeat
from tiepdan.ops.schedule import run_job


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "error"
    return "ok"


def uses_worker() -> bool:
    return isinstance(run_job.get_backend(), DatabaseBackend)


def _worker() -> str:
    """`ok` when a worker beat recently; `immediate` when tasks need no worker."""
    if not uses_worker():
        return "immediate"
    since = timezone.now() - dt.timedelta(seconds=settings.TIEPDAN_WORKER_STALE_SECONDS)
    try:
        alive = WorkerHeartbeat.objects.filter(seen_at__gte=since).exists()
    except DatabaseError:
        return "error"
    return "ok" if alive else "stale"


def free_disk_mb() -> int:
    """Free space where uploads and generated files go (its nearest existing folder)."""
    path = Path(settings.MEDIA_ROOT).resolve()
    while not path.exists():
        path = path.parent
    return shutil.disk_usage(path).free // (1024 * 1024)


def storage_state() -> str:
    """`ok` when the file storage answers; a local media folder is covered by the disk check."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return "ok"
    try:
        storage.exists(".tiepdan-readiness")
    except Exception:  # any failure of the remote store: network, credentials, bucket
        return "error"
    return "ok"


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# A load balancer asks every few seconds: the mail server is asked at most this often.
MAIL_PROBE_SECONDS = 30


def mail_state() -> str:
    """`ok` when the SMTP server accepts a session (and the login, when one is set), `error`
    when it cannot be reached or refuses; the console and test backends need no server."""
    if settings.EMAIL_BACKEND != SMTP_BACKEND:
        return "ok"
    key = f"ops:mail-state:{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    state = cache.get(key)
    if state is None:
        try:
            smtp = get_connection(fail_silently=False, timeout=min(settings.EMAIL_TIMEOUT or 5, 5))
            smtp.open()
            smtp.close()
            state = "ok"
        except (smtplib.SMTPException, OSError):
            state = "error"
        cache.set(key, state, MAIL_PROBE_SECONDS)
    return state


def readiness() -> dict[str, object]:
    """A replica down or behind, an object storage or a mail server that fails, degrades the
    answer but not the service: replica reads go to the primary meanwhile, and messages wait
    in the task queue."""
    checks = {
        "database": _database(),
        "worker": _worker(),
        "disk": "ok" if free_disk_mb() >= settings.TIEPDAN_MIN_FREE_DISK_MB else "low",
        "storage": storage_state(),
        "mail": mail_state(),
    }
    replica_states = replicas.states()
    ready = checks["database"] == "ok" and checks["worker"] in {"ok", "immediate"}
    whole = all(
        state == "ok"
        for state in (checks["disk"], checks["storage"], checks["mail"], *replica_states.values())
    )
    return {"status": "ok" if ready and whole else "degraded", **checks, "replicas": replica_states}
