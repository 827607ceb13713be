"""Files on S3-compatible object storage, against a local S3 server (moto's server mode)."""

import json
import socket
import urllib.request

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
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
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "test-key",
                "secret_key": "test-secret",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
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


def _moto_auth_after(endpoint: str, requests: str) -> None:
    """Have the moto server authenticate every request after this many (0: at once)."""
    urllib.request.urlopen(
        urllib.request.Request(
            f"{endpoint}/moto-api/reset-auth",
            data=requests.encode(),
            headers={"Content-Type": "text/plain"},
        ),
        timeout=5,
    ).close()


@pytest.fixture
def s3_with_auth(s3_endpoint):
    """The local S3 server checking signatures and IAM policies, as a real one does: an IAM
    user allowed the bucket, its key pair returned. Moto authenticates every request once its
    count of unauthenticated ones is set to zero (POST /moto-api/reset-auth)."""
    iam = boto3.client(
        "iam",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    iam.create_user(UserName="tiepdan-app")
    iam.put_user_policy(
        UserName="tiepdan-app",
        PolicyName="bucket",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
            }
        ),
    )
    key = iam.create_access_key(UserName="tiepdan-app")["AccessKey"]
    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    ).create_bucket(Bucket=BUCKET)
    _moto_auth_after(s3_endpoint, "0")
    try:
        yield key["AccessKeyId"], key["SecretAccessKey"]
    finally:
        _moto_auth_after(s3_endpoint, "inf")
        client = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            region_name="us-east-1",
            aws_access_key_id="test-key",
            aws_secret_access_key="test-secret",
        )
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
        client.delete_bucket(Bucket=BUCKET)
        iam.delete_access_key(UserName="tiepdan-app", AccessKeyId=key["AccessKeyId"])
        iam.delete_user_policy(UserName="tiepdan-app", PolicyName="bucket")
        iam.delete_user(UserName="tiepdan-app")


def _with_keys(settings, endpoint: str, access_key: str, secret_key: str) -> None:
    settings.STORAGES = _storages(endpoint)
    settings.STORAGES["default"]["OPTIONS"].update(access_key=access_key, secret_key=secret_key)


@pytest.mark.django_db
def test_wrong_credentials_degrade_readiness_and_lose_nothing(
    s3_endpoint, s3_with_auth, settings, client, ward, processor
) -> None:
    from django.core.files.storage import default_storage

    from tiepdan.petitions import services as petition_services
    from tiepdan.petitions.models import Petition, PetitionAttachment

    access_key, secret_key = s3_with_auth
    _with_keys(settings, s3_endpoint, access_key, secret_key)
    assert health.storage_state() == "ok"
    kept = default_storage.save("petitions/2026/12/truoc.pdf", ContentFile(b"%PDF truoc"))

    # A key pair that looks real but that the server does not know (a typo, a rotated key).
    _with_keys(
        settings, s3_endpoint, "AKIAZ7QX3MPLW4RTN2VB", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Hn3Lk0E"
    )
    assert health.storage_state() == "error"
    body = client.get("/api/v1/health/ready/").json()
    assert (body["storage"], body["status"], body["database"]) == ("error", "degraded", "ok")
    assert "tiepdan_storage_up 0.0" in client.get("/metrics").content.decode()
    # Still serving: pages that need no file answer as before.
    assert client.get("/api/v1/health/").status_code == 200
    client.force_login(processor)
    assert client.get("/petitions/").status_code == 200

    # A scan filed meanwhile is refused with its petition: nothing half-saved.
    @transaction.atomic
    def file_with_scan() -> None:
        petition = petition_services.petition_receive(
            unit=ward,
            received_on=timezone.localdate(),
            source="post",
            petition_type="complaint",
            domain="other",
            summary="Phản ánh tiếng ồn",
            senders=[],
            anonymous=True,
            actor=processor,
        )
        PetitionAttachment.objects.create(
            petition=petition,
            title="Bản quét",
            file=ContentFile(b"%PDF sau", name="sau.pdf"),
            uploaded_by=processor,
        )

    with pytest.raises(ClientError, match="Forbidden"):
        file_with_scan()
    assert not Petition.objects.exists()
    assert not PetitionAttachment.objects.exists()

    # The right keys back: what was stored before is all there.
    _with_keys(settings, s3_endpoint, access_key, secret_key)
    assert health.storage_state() == "ok"
    assert "tiepdan_storage_up 1.0" in client.get("/metrics").content.decode()
    with default_storage.open(kept, "rb") as handle:
        assert handle.read() == b"%PDF truoc"
