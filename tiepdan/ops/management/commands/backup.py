"""manage.py backup DIR: database dump, media files, manifest with checksums (never the key)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tiepdan.ops import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp vào thư mục DIR (kèm bảng mã kiểm tra SHA-256)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("dir", type=Path)

    def handle(self, *args, dir: Path, **options) -> None:
        try:
            manifest = backup.backup(dir)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written to {dir}: {len(manifest['files'])} file(s)")
