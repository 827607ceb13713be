"""Anonymisation at the end of the retention period reaches the vault's copies and the public
channel's, and changes no figure of the reports; the audit trail is left as it is and holds
ids, never the values (Luật 91/2025)."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.cases.tests.test_sealed_at_rest import _forms
from tiepdan.petitions import services as petition_services
from tiepdan.portal import notifications
from tiepdan.portal import services as portal_services
from tiepdan.portal.models import PublicSubmission, Rating
from tiepdan.privacy import constants, services
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord, SealedFile, SealedText

NAME, ID_NUMBER, PHONE = "Quách Thị Lựu Vân", "036192581470", "0938271605"
EMAIL, STREET = "luuvan.quach@example.org", "ngõ Quả Lựu Đỏ"
DENOUNCER, DENOUNCER_ID = "Bạch Văn Khởi Tố", "001087314259"
SCAN = b"%PDF-1.4\n% signed " + DENOUNCER.encode() + b"\n%%EOF\n"
PLAIN = (NAME, ID_NUMBER, PHONE, EMAIL, STREET, DENOUNCER, DENOUNCER_ID)


def _submit(petition_type: str, name: str, id_number: str, **kw):
    return portal_services.public_petition_submit(
        unit_code="26734",
        petition_type=petition_type,
        content=f"Tôi là {name}, CCCD {id_number}, đề nghị xem xét việc cấp phép xây dựng.",
        request=f"Liên hệ {name} qua số {PHONE}.",
        sender={
            "full_name": name,
            "id_number": id_number,
            "phone": PHONE,
            "address": f"Số 3 {STREET}",
            "email": EMAIL,
        },
        **kw,
    )


def _report(client, form: str) -> dict:
    today = timezone.localdate()
    query = f"unit=38&from={today.replace(day=1)}&to={today}"
    response = client.get(f"/api/v1/reports/{form}/?{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    return {"columns": body["columns"], "rows": body["rows"]}


# Left out of the scan, each for its own reason: the audit trail (append-only, kept for its own
# period: its own test below) and the national link's outbox (natsync; its payloads are the
# copies sent to the national database, outside this command's reach: see the privacy
# module's notes).
NOT_SCANNED = {"audit", "natsync"}


def _plain_rows() -> list[tuple[str, str]]:
    """Every text and JSON column of every table (but `NOT_SCANNED`), as (where, text)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in NOT_SCANNED or model._meta.proxy:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values("pk", *fields).iterator():
            text = json.dumps(row, ensure_ascii=False, default=str)
            found.append((f"{model._meta.label}#{row['pk']}", text))
    return found


def _decrypted_vault() -> str:
    """Every encrypted column the vault and the public channel hold, decrypted."""
    texts = []
    fields = ("full_name_enc", "address_enc", "id_number_enc", "phone_enc")
    for record in IdentityRecord.objects.all():
        texts.extend(vault.decrypt(getattr(record, f)).decode() for f in fields)
        texts.append(record.waiver_note)
    texts += [vault.decrypt(t.text_enc).decode() for t in SealedText.objects.all()]
    for sealed in SealedFile.objects.all():
        texts.append(vault.decrypt(sealed.title_enc).decode())
        texts.append(vault.decrypt(sealed.content_enc).decode(errors="replace"))
    for submission in PublicSubmission.objects.all():
        texts.append(submission.request)
        for enc in (submission.email_enc, submission.phone_enc):
            if enc is not None:
                texts.append(vault.decrypt(enc).decode())
    texts += list(Rating.objects.values_list("comment", flat=True))
    return "\n".join(texts)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anonymisation_reaches_the_vault_and_the_public_channel(
    ward, leader, unit_admin, client_for, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _submit("complaint", NAME, ID_NUMBER)
        denunciation = _submit(
            "denunciation",
            DENOUNCER,
            DENOUNCER_ID,
            attachments=[SimpleUploadedFile(f"Đơn của {DENOUNCER}.pdf", SCAN)],
        )
        petition_services.petition_decide(
            petition=denunciation.petition,
            actor=leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
        # The address given for notices, as the public page keeps it.
        notifications.email_remember(complaint.submission, EMAIL, date="05/12/2026")
    Rating.objects.create(
        submission=complaint.submission, unit=ward, score=4, comment=f"Cảm ơn, {NAME}."
    )
    assert IdentityRecord.objects.count() == 1
    assert SealedFile.objects.count() == 2  # the scan, and the acceptance notice naming them
    assert SealedText.objects.exists()
    vaulted = _decrypted_vault()
    for value in (NAME, PHONE, EMAIL, DENOUNCER, DENOUNCER_ID):
        assert value in vaulted, value

    client = client_for(unit_admin)
    before = {form: _report(client, form) for form in ("01-TCD", "02-XLD", "03-GQKN")}
    Case.objects.update(status="closed")
    later = timezone.localdate() + dt.timedelta(days=366 * 11)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.anonymise_expired(day=later)
    assert result.petitions == 2

    # The vault's rows stay (a matter still counts its denouncers), emptied of the person.
    record = IdentityRecord.objects.get()
    assert vault.petition_people(denunciation.petition)[0].full_name == constants.ANONYMISED_NAME
    assert vault.decrypt(record.id_number_enc) == b""
    assert not SealedFile.objects.exists()
    assert not SealedText.objects.exists()
    submission = PublicSubmission.objects.get(pk=complaint.submission.pk)
    assert submission.request == constants.ANONYMISED_TEXT
    assert (submission.email_enc, submission.phone_enc) == (None, None)
    assert (submission.id_digest, submission.phone_digest) == ("", "")
    assert submission.tracking_code == complaint.submission.tracking_code
    rating = Rating.objects.get()
    assert (rating.score, rating.comment) == (4, "")
    left = _decrypted_vault()
    for value in PLAIN:
        assert value not in left, value
    found = _plain_rows()
    for value in PLAIN:
        for form in _forms(value):
            hits = [where for where, text in found if form.decode() in text]
            assert not hits, (value, hits[:5])

    # Every figure of the reports is the same.
    assert {form: _report(client, form) for form in before} == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_audit_trail_holds_ids_not_values(
    ward, leader, processor, django_capture_on_commit_callbacks
) -> None:
    """The audit trail is append-only and hash-chained, kept for its own period: it is never
    rewritten. What it holds of a person is their row's id (and, for a registration, the first
    and last character of the name and ID number, masked): never a value in full."""
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        complaint = _submit("complaint", NAME, ID_NUMBER)
        denunciation = _submit("denunciation", DENOUNCER, DENOUNCER_ID)
        petition_services.petition_decide(
            petition=denunciation.petition,
            actor=leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
    officer = Client()
    officer.force_login(leader)
    person = complaint.petition.senders.get()
    assert officer.get(f"/privacy/citizens/{person.pk}/export.json").status_code == 200
    assert officer.get(f"/petitions/{denunciation.petition.pk}/").status_code == 200
    revealed = officer.post(
        f"/cases/{denunciation.petition.case_id}/identity/", {"reason": "Xác minh nội dung"}
    )
    assert DENOUNCER in revealed.content.decode()
    Case.objects.update(status="closed")
    services.anonymise_expired(day=timezone.localdate() + dt.timedelta(days=366 * 11))

    events = list(AuditEvent.objects.all())
    assert len(events) > 5
    trail = "\n".join(
        f"{e.action} {e.target_type} {e.target_id} {json.dumps(e.data, ensure_ascii=False)}"
        for e in events
    )
    for value in PLAIN:
        for form in _forms(value):
            assert form.decode() not in trail, (value, form)
    created = next(e for e in events if e.action == "citizen.created")
    assert created.target_id == str(person.pk)
    assert created.data["full_name"] != NAME
