"""Time roster generation for a 60-day period and 40 officers (target: under 2 s).

Runs inside a transaction that is rolled back: nothing stays in the database.
"""

import datetime as dt
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Membership, User
from tiepdan.plans import roster, roster_services, selectors, services


class Command(BaseCommand):
    help = "Đo thời gian lập lịch trực: 60 ngày, 40 cán bộ (mục tiêu dưới 2 giây)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=60)
        parser.add_argument("--officers", type=int, default=40)
        parser.add_argument("--start", default="2027-01-15", help="Ngày bắt đầu (YYYY-MM-DD).")

    def handle(self, *args, **options) -> None:
        start = dt.date.fromisoformat(options["start"])
        end = start + dt.timedelta(days=options["days"] - 1)
        with transaction.atomic():
            self._run(start, end, options["officers"])
            transaction.set_rollback(True)

    def _run(self, start: dt.date, end: dt.date, count: int) -> None:
        unit = org_services.unit_create(code="BENCH-W", name="Phường Đo Thử", kind=UnitKind.WARD)
        officers = [
            User.objects.create(username=f"bench-o{i}", full_name=f"Cán bộ {i}")
            for i in range(count)
        ]
        leaders = [
            User.objects.create(username=f"bench-l{i}", full_name=f"Lãnh đạo {i}") for i in range(3)
        ]
        Membership.objects.bulk_create(
            [Membership(user=u, unit=unit, role=Role.RECEPTIONIST) for u in officers]
            + [Membership(user=u, unit=unit, role=Role.LEADER) for u in leaders]
        )
        plan = services.plan_create(
            unit=unit, actor=None, title="Đo thời gian lập lịch", starts_on=start, ends_on=end
        )
        selectors.plan_days(start, end)  # warm the calendar cache, as a running server has it

        began = time.perf_counter()
        result = roster_services.roster_generate(
            plan=plan, officers=officers, leaders=leaders, actor=None, publish_on=start
        )
        total = time.perf_counter() - began

        request = roster.RosterRequest(
            days=selectors.plan_days(start, end),
            officers=[u.username for u in officers],
            leaders=[u.username for u in leaders],
            windows=selectors.plan_windows(plan),
        )
        began = time.perf_counter()
        roster.generate(request)
        pure = time.perf_counter() - began
        verdict = "ĐẠT" if total < 2 else "CHƯA ĐẠT"
        self.stdout.write(
            f"{(end - start).days + 1} ngày, {count} cán bộ, {len(result.shifts)} ca: "
            f"lập lịch (gồm ghi CSDL) {total:.3f} s; thuật toán {pure * 1000:.1f} ms — {verdict} "
            f"(mục tiêu < 2 s)."
        )
