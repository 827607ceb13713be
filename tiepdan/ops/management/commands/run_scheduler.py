"""Run the periodic jobs of tiepdan.ops.schedule; safe on several machines at once."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from tiepdan.ops import schedule


class Command(BaseCommand):
    help = "Chạy các công việc định kỳ theo lịch (an toàn khi chạy trên nhiều máy)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit (cron)")
        parser.add_argument("--interval", type=float, default=15.0, help="seconds between passes")

    def handle(self, *args, once: bool = False, interval: float = 15.0, **options) -> None:
        self.running = True
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(f"Scheduler started on {schedule.host_name()}")
        while True:
            close_old_connections()
            for run in schedule.tick():
                self.stdout.write(f"queued {run}")
            if once or not self.running:
                return
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(0.2)
            if not self.running:
                self.stdout.write("Scheduler stopped")
                return

    def _stop(self, signum, frame) -> None:
        self.running = False
