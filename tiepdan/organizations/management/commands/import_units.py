"""Import administrative units from a CSV file and report rejected lines."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tiepdan.core.db import analyse
from tiepdan.core.errors import DomainError
from tiepdan.organizations import services
from tiepdan.organizations.models import Unit


class Command(BaseCommand):
    help = "Import units from CSV (code, name, kind, parent_code, valid_from, valid_to)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")

    def handle(self, *args, path: Path, dry_run: bool, **options) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc}") from exc
        try:
            report = services.units_import_csv(data=text, dry_run=dry_run)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if report.created and not dry_run:
            analyse(Unit)  # scoped queries join on units: plan them on fresh statistics
        verb = "hợp lệ (chưa lưu)" if dry_run else "đã nhập"
        self.stdout.write(
            f"{len(report.created)} dòng {verb}; {len(report.rejected)} dòng bị từ chối."
        )
        for line, reason in report.rejected:
            self.stdout.write(f"  dòng {line}: {reason}")
