"""An anonymous denunciation sent online is sealed before anything is written in plain: its
attachments go to the vault encrypted at intake, so no plain copy ever lands under the media
root; the officers the sealing rule allows still download them, and the matter the petition
meets adopts them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.matters.models import Matter
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.portal.forms import started_token
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord, SealedFile

# Bytes found nowhere else: the handwriting of the scan, so to speak.
MARK = b"chu-ky-tay-Q7ZK3-vet-muc-xanh-0451"
SCAN = b"%PDF-1.4\n% " + MARK + b"\n%%EOF\n"


def _media_holding(mark: bytes) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file() and mark in p.read_bytes()]


def _send_anonymous(mark_name: str = "to-cao.pdf") -> Petition:
    client = Client()
    form = {
        "petition_type": "denunciation",
        "content": "Tố cáo cán bộ địa chính phường nhận tiền khi cấp giấy chứng nhận.",
        "request": "",
        "anonymous": "on",
        "full_name": "",
        "id_number": "",
        "phone": "",
        "address": "",
        "email": "",
        "website": "",
        "started": started_token(),
    }
    scan = SimpleUploadedFile(mark_name, SCAN, content_type="application/pdf")
    sent = client.post("/cong-dan/gui-don/26734/xac-nhan/", {**form, "attachments": [scan]})
    assert sent.status_code == 302, sent.content.decode()[:2000]
    return Petition.objects.get()


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.TIEPDAN_PUBLIC_MIN_FORM_SECONDS = 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anonymous_online_denunciation_scan_never_in_plain(
    ward, processor, receptionist, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        petition = _send_anonymous()
    assert petition.anonymous
    assert petition.petition_type == "denunciation"
    assert not IdentityRecord.objects.exists()
    attachment = PetitionAttachment.objects.get(petition=petition)
    assert not attachment.file
    assert attachment.title == "to-cao.pdf"
    sealed = SealedFile.objects.get(source_attachment_id=attachment.pk)
    assert sealed.identity_id is None
    assert sealed.case_id is None
    assert MARK not in bytes(sealed.content_enc)
    assert _media_holding(MARK) == []

    # The receiving unit's processor still reads it (sealing rule, before acceptance) ...
    officer = Client()
    officer.force_login(processor)
    response = officer.get(f"/petitions/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    assert response["Cache-Control"] == "no-store"
    # ... someone without a processing role does not.
    other = Client()
    other.force_login(receptionist)
    assert other.get(f"/petitions/attachments/{attachment.pk}/").status_code == 403
    assert _media_holding(MARK) == []

    # The matter the petition meets adopts the sealed scan.
    matter = Matter.objects.create(
        unit=ward,
        kind="denunciation",
        domain="corruption",
        summary="Vụ việc tố cáo",
        opened_on=timezone.localdate(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition.case = matter
        petition.save()
    sealed.refresh_from_db()
    assert sealed.case_id == matter.pk
    assert vault.unsealed_matters() == []
    call_command("check_seals")
    assert _media_holding(MARK) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anonymous_desk_denunciation_scan_sealed_with_its_matter(
    ward, processor, leader, django_capture_on_commit_callbacks
) -> None:
    """An anonymous denunciation received at the desk or by post keeps its scan in plain only
    until it meets its matter; then the matter holds it, encrypted, the plain file deleted."""
    petition = petition_services.petition_receive(
        unit=ward,
        received_on=timezone.localdate(),
        source="post",
        petition_type="denunciation",
        domain="corruption",
        summary="Tố cáo nặc danh về việc thu tiền sai quy định.",
        senders=[],
        anonymous=True,
        actor=processor,
    )
    attachment = PetitionAttachment.objects.create(
        petition=petition, title="don.pdf", file=ContentFile(SCAN, name="don.pdf")
    )
    assert _media_holding(MARK)
    matter = Matter.objects.create(
        unit=ward,
        kind="denunciation",
        domain="corruption",
        summary="Vụ việc tố cáo",
        opened_on=timezone.localdate(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition.case = matter
        petition.save()
    attachment.refresh_from_db()
    assert not attachment.file
    sealed = SealedFile.objects.get(source_attachment_id=attachment.pk)
    assert sealed.identity_id is None
    assert sealed.case_id == matter.pk
    assert vault.decrypt(sealed.content_enc) == SCAN
    assert _media_holding(MARK) == []
    assert vault.unsealed_matters() == []
    # The unit's leader (the competent resolver, none being named) reads it from the matter,
    # with a reason, audited.
    resolver = Client()
    resolver.force_login(leader)
    response = resolver.post(
        f"/cases/{matter.pk}/identity/files/{sealed.pk}/", {"reason": "Xác minh nội dung tố cáo"}
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    event = AuditEvent.objects.filter(action=vault.IDENTITY_FILE_REVEALED).get()
    assert event.data["file"] == sealed.pk
    assert event.data["record"] is None
