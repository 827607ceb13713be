"""The outbox's copies go with the petition's personal data at the end of its retention period
(Luật 91/2025): a record sent keeps its status, national id and dates; a record still waiting
is sent as it now reads, without the person and without the deleted scan (against the real
local receiver)."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tiepdan.natsync.erasure import anonymised
from tiepdan.natsync.models import SyncRecord
from tiepdan.natsync.payloads import payload_hash
from tiepdan.petitions.models import PetitionAttachment
from tiepdan.privacy import constants
from tiepdan.privacy import services as privacy_services

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, STREET = "Lê Thị Hương Giang", "038190012345", "Khu phố Đông Hương"
AFTER_PERIOD = dt.date(2036, 6, 1)  # received 03/03/2025, ten years by default


def _values(payload) -> str:
    return json.dumps(payload, ensure_ascii=False)


def test_the_payload_is_anonymised_like_the_columns() -> None:
    payload = {
        "VuViec": {"NoiDungDon": f"Đơn của {NAME}", "SoDon": "1/2025"},
        "NguoiKNTC": {
            "SoNguoiKNTC": 2,
            "DanhSach": [
                {
                    "HoTen": NAME,
                    "GioiTinh": "female",
                    "SoDinhDanhCaNhan": ID_NUMBER,
                    "DiaChiChiTiet": STREET,
                },
                {"HoTen": "Đơn nặc danh"},
            ],
        },
        "Attachment": [
            {
                "TenHoSo": NAME,
                "TenFileDinhKem": f"{NAME}.pdf",
                "FileDinhKem": {"$file": "petition", "id": 3},
                "LoaiHoSo": "don",
            }
        ],
        "donViNhap": {"$code": "unit", "value": "26734"},
    }
    out = anonymised(payload, files=True)
    for value in (NAME, ID_NUMBER, STREET):
        assert value not in _values(out)
    assert out["VuViec"] == {"NoiDungDon": constants.ANONYMISED_TEXT, "SoDon": "1/2025"}
    people = out["NguoiKNTC"]["DanhSach"]
    assert people[0]["HoTen"] == constants.ANONYMISED_NAME
    assert people[0]["GioiTinh"] == "female"  # kept, as in the person's row
    assert people[1] == {"HoTen": "Đơn nặc danh"}
    assert out["NguoiKNTC"]["SoNguoiKNTC"] == 2
    assert out["Attachment"][0]["FileDinhKem"] is None
    assert out["Attachment"][0]["LoaiHoSo"] == "don"
    assert out["donViNhap"] == payload["donViNhap"]
    # A matter's attachments are its issued documents: kept for their own period.
    kept = {"Attachment": payload["Attachment"]}
    assert anonymised(kept, files=False) == kept


def test_sent_and_waiting_records_lose_the_person(
    receiver, mapped, receive, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    first = receive()
    call_command("national_sync")
    sent = SyncRecord.objects.get(object_id=first.pk)
    assert sent.status == "sent"
    assert NAME in _values(sent.payload)
    assert NAME in _values(receiver.requests[0].body)
    # A second petition whose record is still waiting, with a scan the citizen handed in.
    waiting_petition = receive()
    PetitionAttachment.objects.create(
        petition=waiting_petition,
        title=f"Đơn của {NAME}",
        file=SimpleUploadedFile(f"don-{ID_NUMBER}.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    waiting = SyncRecord.objects.get(object_id=waiting_petition.pk)
    assert waiting.status == "pending"
    assert waiting.payload["Attachment"][0]["FileDinhKem"]["$file"] == "petition"

    with django_capture_on_commit_callbacks(execute=True):
        result = privacy_services.anonymise_expired(day=AFTER_PERIOD)
    assert result.petitions == 2

    for record in SyncRecord.objects.all():
        for value in (NAME, ID_NUMBER, STREET):
            assert value not in _values(record.payload), (record.pk, value)
        assert record.payload_hash == payload_hash(record.payload)
    before_sent = (sent.status, sent.national_id, sent.sent_at, sent.updated_at, sent.revision)
    sent.refresh_from_db()
    assert (sent.status, sent.national_id, sent.sent_at, sent.updated_at, sent.revision) == (
        before_sent
    )
    assert sent.payload["VuViec"]["NoiDungDon"] == constants.ANONYMISED_TEXT
    assert not list(tmp_path.rglob("*.pdf"))

    # The waiting record goes as it now reads: nobody named, no file to read.
    call_command("national_sync")
    body = receiver.requests[-1].body
    assert receiver.requests[-1].answered == "ok"
    for value in (NAME, ID_NUMBER, STREET):
        assert value not in _values(body)
    waiting.refresh_from_db()
    assert waiting.status == "sent"
