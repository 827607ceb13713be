"""Make the files of pending report exports (run by a timer; safe to overlap)."""

from django.core.management.base import BaseCommand

from tiepdan.reports import services


class Command(BaseCommand):
    help = "Tạo các tệp xuất báo cáo đang chờ."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, limit: int | None = None, **options) -> None:
        done = services.export_run_pending(limit=limit)
        self.stdout.write(f"{done} export(s) processed")
