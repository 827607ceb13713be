"""A denunciation sent online is sealed before anything is written in plain (issue #18, item 1):
no registry row, no sender link, the texts redacted with the originals in the vault; the
citizen still follows it by CCCD or phone, and the resolver reads the sender after acceptance."""

import pytest
from django.test import Client
from django.utils import timezone

from tiepdan.cases.tests.test_sealed_at_rest import _database_bytes, _forms, _media_bytes
from tiepdan.citizens.models import Citizen
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.portal.tests.conftest import body
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord, SealedFile, SealedText

NAME, ID_NUMBER, PHONE = "Lạc Thị Quỳnh Giao", "001190765432", "0987612345"
SCAN = b"%PDF-1.4\n% signed by " + NAME.encode() + b"\n%%EOF"


def _sender() -> dict:
    return {
        "full_name": NAME,
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "address": "Ngõ Hoa Sữa Tím, phường Bắc Sơn",
        "email": "",
    }


def _assert_nothing_plain() -> None:
    dump = _database_bytes()
    assert dump
    files = _media_bytes()
    for value in (NAME, ID_NUMBER, PHONE, "Hoa Sữa Tím"):
        for form in _forms(value):
            at = dump.find(form)
            assert at < 0, f"{value!r} in the dump: {dump[max(at - 400, 0) : at + 80]!r}"
            for path, content in files:
                assert form not in content, f"{value!r} in {path}"


def _submit(public, **kw):
    values = body(
        petition_type="denunciation",
        content=f"Tôi là {NAME}, CCCD {ID_NUMBER}, tố cáo cán bộ địa chính nhận tiền.",
        request=f"Đề nghị liên hệ {PHONE} khi cần.",
        sender=_sender(),
        **kw,
    )
    return public.post("/api/v1/public/petitions/", values, format="json")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_online_denunciation_is_never_written_in_plain(
    public, ward, leader, django_capture_on_commit_callbacks
) -> None:
    citizens = Citizen.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(public)
    assert response.status_code == 201, response.json()
    code = response.json()["tracking_code"]
    petition = Petition.objects.get()
    assert Citizen.objects.count() == citizens
    assert not petition.senders.exists()
    assert not petition.anonymous
    assert NAME not in petition.summary
    assert ID_NUMBER not in petition.summary
    record = IdentityRecord.objects.get(petition=petition)
    assert record.case_id is None
    assert vault.original_text(petition, "summary").startswith(f"Tôi là {NAME}")
    assert [p.full_name for p in vault.petition_people(petition)] == [NAME]
    _assert_nothing_plain()

    # The citizen follows it with the CCCD or the phone.
    for query in (f"id_number={ID_NUMBER}", f"phone={PHONE}"):
        assert public.get(f"/api/v1/public/petitions/{code}/?{query}").status_code == 200
    assert public.get(f"/api/v1/public/petitions/{code}/?phone=0900000000").status_code == 404

    # Accepted: the matter adopts the vault's records; the resolver reads the sender.
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.petition_decide(
            petition=petition, actor=leader, outcome="accept", decided_on=timezone.localdate()
        )
    petition.refresh_from_db()
    assert petition.case_id is not None
    record.refresh_from_db()
    assert record.case_id == petition.case_id
    assert SealedText.objects.filter(case_id=petition.case_id).exists()
    assert vault.unsealed_matters() == []
    client = Client()
    client.force_login(leader)
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert NAME in page
    assert ID_NUMBER in page
    revealed = client.post(
        f"/cases/{petition.case_id}/identity/", {"reason": "Xác minh nội dung tố cáo"}
    ).content.decode()
    assert NAME in revealed
    assert PHONE in revealed
    _assert_nothing_plain()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_online_denunciation_scan_goes_to_the_vault(
    public, ward, leader, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tiepdan.portal import services as portal_services

    with django_capture_on_commit_callbacks(execute=True):
        submitted = portal_services.public_petition_submit(
            unit_code="26734",
            petition_type="denunciation",
            content="Tố cáo cán bộ địa chính nhận tiền của người dân.",
            sender=_sender(),
            attachments=[SimpleUploadedFile(f"Đơn của {NAME}.pdf", SCAN)],
        )
    attachment = PetitionAttachment.objects.get(petition=submitted.petition)
    assert not attachment.file
    assert NAME not in attachment.title
    sealed = SealedFile.objects.get(source_attachment_id=attachment.pk)
    assert vault.decrypt(sealed.content_enc) == SCAN
    _assert_nothing_plain()
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.petition_decide(
            petition=submitted.petition,
            actor=leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
    client = Client()
    client.force_login(leader)
    response = client.get(f"/petitions/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN


@pytest.mark.django_db
def test_a_complaint_keeps_its_registry_sender(public, ward) -> None:
    values = body(sender=_sender())
    assert public.post("/api/v1/public/petitions/", values, format="json").status_code == 201
    assert Petition.objects.get().senders.get().full_name == NAME
    assert not IdentityRecord.objects.exists()
