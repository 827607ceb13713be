import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tiepdan.privacy import services

# What the command reaches besides the records' own columns (`tiepdan.privacy.erasure`).
REACH = (
    "Kèm theo: bản niêm phong trong kho bảo mật (thông tin người tố cáo, nội dung, tài liệu "
    "của đơn, lượt tiếp, vụ việc); tệp đơn và tài liệu công dân nộp (xóa khỏi nơi lưu trữ); "
    "nội dung công dân gửi qua cổng trực tuyến; dữ liệu gửi Cơ sở dữ liệu quốc gia (hàng đợi "
    "và bản đã gửi). Văn bản đã ban hành theo thời hạn lưu trữ riêng. Không sửa nhật ký kiểm "
    "tra (chỉ lưu mã số)."
)


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
            f"{result.petitions} đơn, {result.matters} vụ việc; "
            f"{result.documents} văn bản đã ban hành hết thời hạn lưu trữ riêng."
        )
        self.stdout.write(REACH)
