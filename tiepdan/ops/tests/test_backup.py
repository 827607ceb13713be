"""Backup and restore, and the restore drill: back up, restore into a fresh PostgreSQL
database, every table's row count equal and a sealed identity still decrypts."""

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tiepdan.cases.tests.conftest import complainant, denunciation  # noqa: F401 (fixtures)
from tiepdan.ops.backup import _pg_env
from tiepdan.ops.tests.support import drop_database, needs_postgres, recreate_database
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_backup_writes_a_manifest_without_the_key(tmp_path, settings) -> None:
    media = tmp_path / "media"
    (media / "scans").mkdir(parents=True)
    (media / "scans" / "don.pdf").write_bytes(b"%PDF-1.4 scan")
    settings.MEDIA_ROOT = str(media)
    call_command("backup", str(tmp_path / "b"), stdout=None)
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    paths = {entry["path"] for entry in manifest["files"]}
    assert "media/scans/don.pdf" in paths
    assert {"database.pgdump", "database.sqlite3"} & paths
    for path in (tmp_path / "b").rglob("*"):
        if path.is_file():
            assert settings.TIEPDAN_FIELD_KEY.encode() not in path.read_bytes()


@pytest.mark.django_db
def test_a_tampered_or_foreign_backup_is_refused(tmp_path, settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("một")
    call_command("backup", str(tmp_path / "b"), stdout=None)
    (tmp_path / "b" / "media" / "a.txt").write_text("hai")
    with pytest.raises(CommandError, match="sai mã kiểm tra"):
        call_command("restore", str(tmp_path / "b"), stdout=None)
    (tmp_path / "b" / "media" / "a.txt").write_text("một")
    settings.TIEPDAN_FIELD_KEY = "another-key"
    with pytest.raises(CommandError, match="TIEPDAN_FIELD_KEY"):
        call_command("restore", str(tmp_path / "b"), stdout=None)
    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", str(tmp_path / "b"), stdout=None)


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_drill(denunciation, tmp_path, settings) -> None:  # noqa: F811
    # The sealed case's scans are in the tests' media folder (MEDIA_ROOT).
    source_name = connection.settings_dict["NAME"]
    call_command("backup", str(tmp_path / "b"), stdout=None)
    fresh = f"{source_name}_restored"
    fresh_url = recreate_database(fresh, template="template0")
    base = fresh_url.rsplit("/", 1)[0]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_SECRET_KEY": "restore-drill-another-machine-secret-key-0123456789",
        "TIEPDAN_FIELD_KEY": settings.TIEPDAN_FIELD_KEY,  # from the secrets store, not the backup
        "DATABASE_URL": fresh_url.replace("postgresql://", "postgres://"),
        "TIEPDAN_MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    try:
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "restore", str(tmp_path / "b")],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        source_counts = _row_counts(f"{base}/{source_name}")
        assert source_counts["cases_identityrecord"] >= 1
        assert _row_counts(fresh_url) == source_counts
        record = IdentityRecord.objects.get(case=denunciation)
        with psycopg.connect(fresh_url) as db:
            token = db.execute(
                "SELECT full_name_enc FROM cases_identityrecord WHERE id = %s", [record.pk]
            ).fetchone()[0]
        assert vault.decrypt(token) == vault.decrypt(record.full_name_enc)
        assert vault.decrypt(token).decode()  # a name, not an empty value
        restored = sorted(
            str(p.relative_to(tmp_path / "restored-media"))
            for p in (tmp_path / "restored-media").rglob("*")
            if p.is_file()
        )
        media = Path(settings.MEDIA_ROOT)
        assert restored == sorted(
            str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()
        )
        assert restored
    finally:
        drop_database(fresh)


def _sqlite_counts(db) -> dict[str, int]:
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY 1"
        )
    ]
    return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.django_db
def test_restore_drill_on_sqlite(denunciation, tmp_path, settings) -> None:  # noqa: F811
    """The embedded default: back up, restore into a fresh SQLite file on "another machine"."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill; PostgreSQL has its own")
    call_command("backup", str(tmp_path / "b"), stdout=None)
    fresh = tmp_path / "restored.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_SECRET_KEY": "restore-drill-another-machine-secret-key-0123456789",
        "TIEPDAN_FIELD_KEY": settings.TIEPDAN_FIELD_KEY,
        "DATABASE_URL": f"sqlite:///{fresh}",
        "TIEPDAN_MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "restore", str(tmp_path / "b")],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    connection.ensure_connection()
    source_counts = _sqlite_counts(connection.connection)
    with sqlite3.connect(fresh) as db:
        assert _sqlite_counts(db) == source_counts
        record = IdentityRecord.objects.get(case=denunciation)
        token = db.execute(
            "SELECT full_name_enc FROM cases_identityrecord WHERE id = ?", [record.pk]
        ).fetchone()[0]
    assert source_counts["cases_identityrecord"] >= 1
    assert vault.decrypt(token) == vault.decrypt(record.full_name_enc)
    assert sorted(p.name for p in (tmp_path / "restored-media").rglob("*") if p.is_file())


def test_pg_dump_reaches_a_database_given_by_its_socket(monkeypatch) -> None:
    """`postgres://user@/name?host=/var/run/postgresql` leaves HOST empty and puts the socket's
    folder in OPTIONS: pg_dump and pg_restore are given that folder, not 127.0.0.1."""
    db = settings.DATABASES["default"]
    monkeypatch.setitem(db, "HOST", "")
    monkeypatch.setitem(db, "OPTIONS", {**db.get("OPTIONS", {}), "host": "/var/run/postgresql"})
    args, _env = _pg_env()
    assert args[args.index("--host") + 1] == "/var/run/postgresql"
    monkeypatch.setitem(db, "OPTIONS", {})
    args, _env = _pg_env()
    assert args[args.index("--host") + 1] == "127.0.0.1"
