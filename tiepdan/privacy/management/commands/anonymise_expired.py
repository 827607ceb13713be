import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tiepdan.privacy import services


class Command(BaseCommand):
    help = (
        "Xóa dữ liệu cá nhân của hồ sơ đã hết thời hạn lưu trữ (giữ nguyên số liệu thống kê). "
        "Anonymise the records past their retention period; statistics are kept."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--on", help="ngày tính thời hạn (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không sửa")

    def handle(self, *args, **options) -> None:
        day = None
        if options.get("on"):
            try:
                day = dt.date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.") from exc
        result = services.anonymise_expired(day=day, dry_run=options["dry_run"])
        verb = "Sẽ xóa" if options["dry_run"] else "Đã xóa"
        self.stdout.write(
            f"{verb} dữ liệu cá nhân: {result.citizens} công dân, {result.visits} lượt tiếp, "
            f"{result.petitions} đơn."
        )
