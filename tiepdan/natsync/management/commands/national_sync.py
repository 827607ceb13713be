"""Push every sync record that is due once and exit (api-contract.md); cron or a systemd timer
runs it every few minutes until the task worker does the same continuously."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tiepdan.natsync import mapping, send


class Command(BaseCommand):
    help = "Gửi các bản ghi liên thông đến hạn lên CSDL quốc gia."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="Gửi lại cả các bản ghi lỗi chưa hết thời gian chờ.",
        )
        parser.add_argument("--check", action="store_true", help="Chỉ liệt kê mã chưa ánh xạ.")

    def handle(self, *args, **options) -> None:
        missing = mapping.gaps()
        for code_list, value, label in missing:
            self.stdout.write(f"chưa ánh xạ: {code_list} {value} ({label})")
        if options["check"]:
            return
        if not settings.TIEPDAN_NATIONAL_DB_URL:
            # Not an error: a unit may run without the link; records wait until it is set.
            self.stdout.write("TIEPDAN_NATIONAL_DB_URL chưa đặt: không gửi, các bản ghi chờ.")
            return
        result = send.sync_due(retry_all=options["all"])
        if result.error:
            raise CommandError(result.error)
        self.stdout.write(f"đã gửi {result.sent}, lỗi {result.failed}")
