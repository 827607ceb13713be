"""Make and hand the daily situation bulletin to the leaders on duty, for every unit with a
reception plan in force today (schedule it every morning, e.g. 06:30).

Idempotent per unit and day (a unique constraint): running it again changes nothing.
`--dry-run` prints what would be made without saving.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tiepdan.monitoring import selectors, services
from tiepdan.monitoring.models import Bulletin
from tiepdan.organizations.models import Unit
from tiepdan.plans.models import Plan


def plan_units(day: date) -> list[Unit]:
    """Units whose reception plan covers `day` (the plans app), without duplicates."""
    ids = Plan.objects.filter(starts_on__lte=day, ends_on__gte=day).values("unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("path"))


class Command(BaseCommand):
    help = "Lập bản tin tình hình hằng ngày trong kỳ kế hoạch và gửi lãnh đạo trực."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--unit",
            action="append",
            default=[],
            help="Mã đơn vị (mặc định: các đơn vị đang trong kỳ kế hoạch)",
        )
        parser.add_argument("--date", help="Ngày của bản tin, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in, không lưu")

    def handle(self, *args, unit: list[str], date: str | None, dry_run: bool, **options) -> None:
        try:
            day = _parse(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date}") from exc
        if unit:
            units = list(Unit.objects.filter(code__in=unit))
            missing = set(unit) - {u.code for u in units}
            if missing:
                raise CommandError(f"Không có đơn vị: {', '.join(sorted(missing))}")
        else:
            units = plan_units(day)
        if not units:
            self.stdout.write("Không có đơn vị nào đang trong kỳ kế hoạch.")
        for u in units:
            if dry_run:
                exists = Bulletin.objects.filter(unit=u, day=day).exists()
                f = selectors.bulletin_figures(u, day)["figures"]
                leaders = (
                    ", ".join(x.display_name for x in selectors.leaders_on_duty(u, day)) or "—"
                )
                self.stdout.write(
                    f"[thử] {u.code} {day:%d/%m/%Y}: {'đã có' if exists else 'sẽ lập'}; "
                    f"{f['visits']} lượt, {f['groups']} đoàn, {f['new_alerts']} cảnh báo mới; "
                    f"gửi: {leaders}"
                )
                continue
            bulletin, created = services.bulletin_issue(unit=u, day=day)
            state = "đã lập" if created else "đã có, bỏ qua"
            self.stdout.write(
                f"{u.code} {day:%d/%m/%Y}: {state} (gửi {bulletin.sent_to.count()} người)"
            )


def _parse(value: str) -> date:
    return date.fromisoformat(value)
