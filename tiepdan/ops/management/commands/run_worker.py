"""The task worker: django-tasks-db's db_worker plus a heartbeat for the readiness check."""

import os
import threading

from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from tiepdan.ops import schedule
from tiepdan.ops.models import WorkerHeartbeat

BEAT_SECONDS = 10


def _beat(worker_id: str, started_at, stop: threading.Event) -> None:
    host, pid = schedule.host_name(), os.getpid()
    try:
        while True:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=worker_id,
                defaults={
                    "host": host,
                    "pid": pid,
                    "started_at": started_at,
                    "seen_at": timezone.now(),
                },
            )
            if stop.wait(BEAT_SECONDS):
                return
    finally:
        connection.close()


class Command(db_worker.Command):
    help = "Chạy các tác vụ nền (xuất báo cáo, thư, nhắc việc) từ hàng đợi trong cơ sở dữ liệu."

    def handle(self, *args, worker_id: str, **options) -> None:
        stop = threading.Event()
        beat = threading.Thread(
            target=_beat, args=(worker_id, timezone.now(), stop), name="heartbeat", daemon=True
        )
        beat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            stop.set()
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
