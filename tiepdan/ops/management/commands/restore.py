"""manage.py restore DIR: check the manifest's checksums, then restore database and files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tiepdan.ops import backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp từ bản sao lưu DIR (ghi đè dữ liệu hiện có)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("dir", type=Path)
        parser.add_argument(
            "--allow-other-key",
            action="store_true",
            help="restore even though TIEPDAN_FIELD_KEY differs from the backup's",
        )

    def handle(self, *args, dir: Path, allow_other_key: bool = False, **options) -> None:
        try:
            manifest = backup.restore(dir, allow_other_key=allow_other_key)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the backup of {manifest['created_at']} from {dir}")
