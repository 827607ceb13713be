"""E-mail officers and leaders their coming shifts; safe to run repeatedly (cron, hourly)."""

from django.core.management.base import BaseCommand

from tiepdan.plans import roster_services


class Command(BaseCommand):
    help = "Gửi thư báo lịch trực sắp tới cho cán bộ, lãnh đạo (mỗi ca chỉ báo một lần)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=14, help="Báo trước bao nhiêu ngày.")

    def handle(self, *args, **options) -> None:
        counts = roster_services.shift_notices_send(days_ahead=options["days"])
        self.stdout.write(
            f"Đã báo {counts['shifts']} ca cho {counts['people']} người "
            f"({counts['emails']} thư); lỗi: {counts['failed']}."
        )
