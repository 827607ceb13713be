"""Create the sync records of matters received before the link existed (idempotent); with
--dry-run, print what would be sent instead, one JSON line per record."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tiepdan.natsync import backfill, mapping
from tiepdan.organizations.models import Unit


class Command(BaseCommand):
    help = "Lập bản ghi liên thông cho các vụ việc đã có (mặc định: 12 tháng gần nhất)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", help="Từ ngày nhận đơn (YYYY-MM-DD).")
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument("--unit", help="Mã đơn vị (cả các đơn vị trực thuộc).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in, không ghi.")
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument(
            "--jobs", type=int, default=1, help="Số tiến trình chạy song song (PostgreSQL)."
        )

    def handle(self, *args, **options) -> None:
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError as exc:
                raise CommandError("--since phải có dạng YYYY-MM-DD.") from exc
        else:
            since = timezone.localdate() - dt.timedelta(days=round(options["months"] * 30.44))
        unit_ids = None
        if options["unit"]:
            root = Unit.objects.filter(code=options["unit"]).first()
            if root is None:
                raise CommandError(f"Không có đơn vị mã {options['unit']}.")
            unit_ids = list(
                Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True)
            )
        on_record = None
        if options["dry_run"]:
            table = mapping.mapping_table()

            def on_record(item, entry) -> None:
                stage, kind, object_id, _unit_id, payload = entry
                missing: set[tuple[str, str]] = set()
                body = mapping.translate(payload, table, missing)
                line = {
                    "stage": stage,
                    "unit": item.unit_code,
                    "local_id": f"{kind}:{object_id}",
                    "payload": body,
                    "unmapped": sorted(f"{lst}:{v}" for lst, v in missing),
                }
                self.stdout.write(json.dumps(line, ensure_ascii=False))

        result = backfill.backfill(
            since=since,
            unit_ids=unit_ids,
            dry_run=options["dry_run"],
            size=options["batch"],
            on_record=on_record,
            jobs=options["jobs"],
        )
        verb = "sẽ lập" if options["dry_run"] else "đã lập"
        counts = ", ".join(f"{stage} {n}" for stage, n in result.records.items())
        self.stdout.write(f"{verb} {result.matters} vụ việc liên thông từ {since}: {counts}")
