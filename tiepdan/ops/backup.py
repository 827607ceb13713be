"""Backup and restore of the database and the files, with a manifest of SHA-256 checksums.

A backup folder holds `database.pgdump` (pg_dump's custom format) or `database.sqlite3`, a copy
of every stored file under `media/` (read through the storage API, so from the media folder or
the object storage alike), and `manifest.json`. It never holds the field key that
decrypts sealed identities and scans: keep that key in the environment file or a secrets store,
apart from the backups. The manifest carries only a fingerprint of it, so that a restore can
say when the configured key is not the one the data was sealed with.
"""

import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"
MEDIA = "media"


class BackupError(Exception):
    """A backup that cannot be written, verified or restored; the message says why."""


def key_fingerprint() -> str:
    return hashlib.sha256(f"tiepdan-field-key:{settings.TIEPDAN_FIELD_KEY}".encode()).hexdigest()[
        :16
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """libpq arguments and environment for the default database."""
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    # A socket directory given as `?host=` on DATABASE_URL is in OPTIONS, HOST left empty.
    host = db.get("HOST") or (db.get("OPTIONS") or {}).get("host") or "127.0.0.1"
    args = ["--host", host, "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return [*args, "--dbname", db["NAME"]], env


def _stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    if isinstance(storage, FileSystemStorage) and not Path(storage.path(folder)).is_dir():
        return
    dirs, files = storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for sub in dirs:
        yield from _stored_names(storage, posixpath.join(folder, sub))


def _copy_files_out(target: Path) -> None:
    for name in _stored_names(default_storage):
        path = target / MEDIA / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, path.open("wb") as copy:
            shutil.copyfileobj(source, copy)


def restore_files(source: Path) -> None:
    root = source / MEDIA
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"Không khôi phục được tệp {name} đúng tên (lưu thành {saved}).")


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def backup(target: Path) -> dict:
    """Write a backup into `target` (created; must be empty); returns the manifest."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"Thư mục {target} không trống.")
    if _is_postgres():
        args, env = _pg_env()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file",
             str(target / PG_DUMP), *args],
            env=env, check=True,
        )  # fmt: skip
    else:
        # An SQL dump read through the app's own connection (the backup API waits for locks
        # that a connection inside a transaction holds).
        connection.ensure_connection()
        dump = sqlite3.connect(target / SQLITE_DUMP)
        try:
            dump.executescript("\n".join(connection.connection.iterdump()))
        finally:
            dump.close()
    _copy_files_out(target)
    files = sorted(p for p in target.rglob("*") if p.is_file())
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "field_key_fingerprint": key_fingerprint(),
        "files": [
            {"path": str(p.relative_to(target)), "size": p.stat().st_size, "sha256": _sha256(p)}
            for p in files
        ],
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def verify(source: Path) -> dict:
    """The manifest of `source`, once every listed file is present with its checksum."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"Không đọc được {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng không hỗ trợ.")
    for entry in manifest["files"]:
        path = source / entry["path"]
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise BackupError(f"Tệp {entry['path']} bị thiếu hoặc sai mã kiểm tra.")
    return manifest


def restore(source: Path, *, allow_other_key: bool = False) -> dict:
    """Restore the database and files of `source` over the configured ones."""
    manifest = verify(source)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest['database']}, không phải {connection.vendor}."
        )
    if manifest["field_key_fingerprint"] != key_fingerprint() and not allow_other_key:
        raise BackupError(
            "Khóa mã hóa trường (TIEPDAN_FIELD_KEY) khác khóa của bản sao lưu: danh tính được "
            "giữ bí mật sẽ không giải mã được."
        )
    if _is_postgres():
        args, env = _pg_env()
        connection.close()
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", *args, str(source / PG_DUMP)],
            env=env, check=True,
        )  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(source / SQLITE_DUMP) as dump:
            dump.backup(connection.connection)
    if (source / MEDIA).is_dir():
        restore_files(source)
    return manifest
