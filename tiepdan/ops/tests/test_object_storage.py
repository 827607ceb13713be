"""Files on S3-compatible object storage, against a local S3 server (moto's server mode)."""

import socket

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from moto.server import ThreadedMotoServer

from tiepdan.ops import backup, health

BUCKET = "tiepdan-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _storages(endpoint: str) -> dict:
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": endpoint, "region_name": "us-east-1",
                "access_key": "test-key", "secret_key": "test-secret", "default_acl": "private",
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="test-key", aws_secret_access_key="test-secret")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = _storages(s3_endpoint)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_uploads_land_in_the_bucket_and_read_back(bucket) -> None:
    from tiepdan.petitions.models import PetitionAttachment

    field = PetitionAttachment._meta.get_field("file")
    name = field.storage.save("petitions/2026/12/don.pdf", ContentFile(b"%PDF-1.4 don"))
    assert name in _keys(bucket)
    with field.storage.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 don"
    # The application server keeps no copy of its own.
    assert bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read() == b"%PDF-1.4 don"


@pytest.mark.django_db
def test_backup_and_restore_read_and_write_the_bucket(bucket, tmp_path) -> None:
    from django.core.files.storage import default_storage

    default_storage.save("petitions/2026/12/a.pdf", ContentFile(b"%PDF a"))
    default_storage.save("cases/2026/12/b.docx", ContentFile(b"PK docx"))
    call_command("backup", str(tmp_path / "b"), stdout=None)
    assert (tmp_path / "b" / "media" / "petitions/2026/12/a.pdf").read_bytes() == b"%PDF a"
    assert (tmp_path / "b" / "media" / "cases/2026/12/b.docx").read_bytes() == b"PK docx"
    bucket.delete_object(Bucket=BUCKET, Key="petitions/2026/12/a.pdf")
    bucket.put_object(Bucket=BUCKET, Key="cases/2026/12/b.docx", Body=b"changed")
    # The database half of a restore has its own drill (test_backup.py); this one is the files.
    backup.verify(tmp_path / "b")
    backup.restore_files(tmp_path / "b")
    assert _keys(bucket) == {"petitions/2026/12/a.pdf", "cases/2026/12/b.docx"}
    assert bucket.get_object(Bucket=BUCKET, Key="cases/2026/12/b.docx")["Body"].read() == (
        b"PK docx"
    )


@pytest.mark.django_db
def test_an_unreachable_store_shows_in_readiness_and_metrics(bucket, settings, client) -> None:
    assert health.storage_state() == "ok"
    settings.STORAGES = _storages(f"http://127.0.0.1:{_free_port()}")
    assert health.storage_state() == "error"
    body = client.get("/api/v1/health/ready/").json()
    assert body["storage"] == "error"
    assert body["status"] == "degraded"
    assert body["database"] == "ok"  # still serving
    assert "tiepdan_storage_up 0.0" in client.get("/metrics").content.decode()
