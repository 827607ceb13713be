"""A copy of a sealed denunciation (a part split from it, the copy another unit receives by
transfer) carries its sender as the vault's records, never as a registry link: nothing of the
denouncer is written in plain, in the database or under the media root, while the copy waits
for its matter; the matter adopts the copied records and its resolver reads them."""

import pytest
from django.test import Client
from django.utils import timezone

from tiepdan.cases.tests.test_sealed_at_rest import _database_bytes, _forms, _media_bytes
from tiepdan.citizens.models import Citizen
from tiepdan.core.errors import DomainError
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition, Transfer
from tiepdan.portal import services as portal_services
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord, SealedText

NAME, ID_NUMBER, PHONE = "Ông Thị Ngọc Xuyến", "052187604913", "0976540213"
STREET = "hẻm Cây Gòn Trắng"


def _assert_nothing_plain() -> None:
    dump = _database_bytes()
    assert dump
    files = _media_bytes()
    for value in (NAME, ID_NUMBER, PHONE, STREET):
        for form in _forms(value):
            at = dump.find(form)
            assert at < 0, f"{value!r} in the dump: {dump[max(at - 400, 0) : at + 80]!r}"
            for path, content in files:
                assert form not in content, f"{value!r} in {path}"


def _sealed_online(django_capture_on_commit_callbacks) -> Petition:
    with django_capture_on_commit_callbacks(execute=True):
        submitted = portal_services.public_petition_submit(
            unit_code="26734",
            petition_type="denunciation",
            content=f"Tôi là {NAME}, CCCD {ID_NUMBER}, tố cáo cán bộ địa chính nhận tiền.",
            sender={
                "full_name": NAME,
                "id_number": ID_NUMBER,
                "phone": PHONE,
                "address": f"Số 4 {STREET}, phường Bắc Sơn",
                "email": "",
            },
        )
    petition = submitted.petition
    assert IdentityRecord.objects.filter(petition=petition).count() == 1
    return petition


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transferred_copy_keeps_the_sender_sealed(
    ward, leader, department, department_leader, django_capture_on_commit_callbacks
) -> None:
    petition = _sealed_online(django_capture_on_commit_callbacks)
    citizens = Citizen.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome="transfer",
            decided_on=timezone.localdate(),
            to_unit=department,
        )
        copy = services.transfer_acknowledge(
            transfer=Transfer.objects.get(), actor=department_leader
        )
    assert copy.case_id is None
    assert Citizen.objects.count() == citizens
    assert not copy.senders.exists()
    assert NAME not in copy.summary
    assert ID_NUMBER not in copy.summary
    record = IdentityRecord.objects.get(petition=copy)
    assert record.case_id is None
    assert [p.full_name for p in vault.petition_people(copy)] == [NAME]
    assert vault.original_text(copy, "summary").startswith(f"Tôi là {NAME}")
    _assert_nothing_plain()

    # The receiving unit accepts it: its matter adopts the copied records and texts.
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=copy,
            actor=department_leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
    copy.refresh_from_db()
    record.refresh_from_db()
    assert record.case_id == copy.case_id
    assert SealedText.objects.filter(case_id=copy.case_id, object_id=copy.pk).exists()
    assert vault.unsealed_matters() == []
    client = Client()
    client.force_login(department_leader)
    revealed = client.post(
        f"/cases/{copy.case_id}/identity/", {"reason": "Xác minh nội dung tố cáo"}
    ).content.decode()
    assert NAME in revealed
    assert PHONE in revealed
    _assert_nothing_plain()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_split_parts_keep_the_sender_sealed(
    ward, processor, leader, django_capture_on_commit_callbacks
) -> None:
    petition = _sealed_online(django_capture_on_commit_callbacks)
    citizens = Citizen.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        parts = services.petition_split(
            petition=petition,
            actor=processor,
            parts=[
                {
                    "petition_type": "denunciation",
                    "summary": f"Bà {NAME} tố cáo cán bộ địa chính nhận tiền.",
                },
                {"petition_type": "denunciation", "summary": "Tố cáo việc cấp phép sai."},
            ],
        )
    assert Citizen.objects.count() == citizens
    for part in parts:
        assert not part.senders.exists()
        assert NAME not in part.summary
        assert [p.full_name for p in vault.petition_people(part)] == [NAME]
    assert (
        vault.original_text(parts[0], "summary") == f"Bà {NAME} tố cáo cán bộ địa chính nhận tiền."
    )
    assert not SealedText.objects.filter(object_id=parts[1].pk).exists()
    _assert_nothing_plain()

    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=parts[0], actor=leader, outcome="accept", decided_on=timezone.localdate()
        )
    parts[0].refresh_from_db()
    assert IdentityRecord.objects.get(petition=parts[0]).case_id == parts[0].case_id
    assert vault.unsealed_matters() == []
    _assert_nothing_plain()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sealed_denunciation_splits_only_into_denunciations(
    ward, processor, django_capture_on_commit_callbacks
) -> None:
    petition = _sealed_online(django_capture_on_commit_callbacks)
    with pytest.raises(DomainError):
        services.petition_split(
            petition=petition,
            actor=processor,
            parts=[
                {"petition_type": "complaint", "summary": "Khiếu nại quyết định thu hồi đất"},
                {"petition_type": "denunciation", "summary": "Tố cáo cán bộ địa chính"},
            ],
        )
    assert Petition.objects.count() == 1
    assert Citizen.objects.filter(full_name=NAME).count() == 0
