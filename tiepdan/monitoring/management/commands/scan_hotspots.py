"""Run the hotspot signals over a unit tree (schedule it, e.g. every 30 minutes).

Idempotent: hotspots are keyed per unit, alerts are claimed through a partial unique constraint,
so running it again (or twice at once) never raises an alert twice.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tiepdan.monitoring import services
from tiepdan.organizations.models import Unit


class Command(BaseCommand):
    help = "Quét dấu hiệu điểm nóng trên cây đơn vị và phát cảnh báo (không trùng lặp)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--unit", action="append", default=[], help="Mã đơn vị gốc (lặp lại được)"
        )
        parser.add_argument("--date", help="Ngày quét, YYYY-MM-DD (mặc định hôm nay)")

    def handle(self, *args, unit: list[str], date: str | None, **options) -> None:
        try:
            today = _parse(date) if date else None
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date}") from exc
        roots = (
            list(Unit.objects.filter(code__in=unit))
            if unit
            else list(Unit.objects.filter(parent__isnull=True, merged_into__isnull=True))
        )
        missing = set(unit) - {u.code for u in roots}
        if missing:
            raise CommandError(f"Không có đơn vị: {', '.join(sorted(missing))}")
        for root in roots:
            result = services.hotspot_scan(root=root, today=today)
            self.stdout.write(
                f"{root.code}: {result.hotspots} điểm nóng tiềm ẩn, "
                f"{result.alerts_raised} cảnh báo mới, {result.alerts_kept} cảnh báo đang theo dõi "
                f"({result.timings['total']} s)"
            )


def _parse(value: str) -> date:
    return date.fromisoformat(value)
