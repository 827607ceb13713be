"""Anonymisation at the end of the retention period reaches the vault's copies, the public
channel's, the national link's outbox, the files in storage and the matter's own data, and
changes no figure of the reports; issued documents go at the end of their own, longer, period;
the audit trail is left as it is and holds ids, never the values (Luật 91/2025)."""

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case, CaseDocument
from tiepdan.cases.tests.test_sealed_at_rest import _forms
from tiepdan.citizens.models import Citizen
from tiepdan.natsync.models import SyncRecord
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import PetitionAttachment
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
# A person added to a denunciation matter itself (linked to neither a petition nor a visit).
WITNESS, WITNESS_ID = "Lạc Thị Mười Hai", "079186420357"
PLAIN = (NAME, ID_NUMBER, PHONE, EMAIL, STREET, DENOUNCER, DENOUNCER_ID, WITNESS, WITNESS_ID)
COMPLAINT_SCAN = b"%PDF-1.4\n% " + NAME.encode() + b" " + ID_NUMBER.encode() + b"\n%%EOF\n"


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


# Left out of the scan: the audit trail (append-only, kept for its own period: its own test
# below).
NOT_SCANNED = {"audit"}


def _plain_rows(skip: tuple[type[models.Model], ...] = ()) -> list[tuple[str, str]]:
    """Every text and JSON column of every table (but `NOT_SCANNED` and `skip`), as (where,
    text)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in NOT_SCANNED or model._meta.proxy or model in skip:
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


def _stored(root: Path) -> dict[str, bytes]:
    """Every file under the media root: its path and its content (a DOCX or XLSX unzipped)."""
    found = {}
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(content)):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = b"".join(archive.read(n) for n in archive.namelist())
        found[str(path.relative_to(root))] = content
    return found


def _hits(found: list[tuple[str, str]], values=PLAIN) -> list[tuple[str, str]]:
    return [
        (value, where)
        for value in values
        for form in _forms(value)
        for where, text in found
        if form.decode() in text
    ]


def _media_hits(root: Path) -> list[tuple[str, str]]:
    return [
        (value, path)
        for path, content in _stored(root).items()
        for value in PLAIN
        for form in _forms(value)
        if form in content or form.decode() in path
    ]


def _witness(matter: Case) -> None:
    """A person added to the denunciation matter itself, named in its summary: sealed, with an
    identity record tied to the matter alone."""
    Case.objects.filter(pk=matter.pk).update(
        summary=f"Bà {WITNESS} (CCCD {WITNESS_ID}) cung cấp thêm thông tin."
    )
    matter.refresh_from_db()
    person = Citizen.objects.create(unit=matter.unit, full_name=WITNESS, id_number=WITNESS_ID)
    matter.citizens.add(person)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anonymisation_reaches_the_vault_and_the_public_channel(
    ward, leader, unit_admin, client_for, django_capture_on_commit_callbacks, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _submit(
            "complaint",
            NAME,
            ID_NUMBER,
            attachments=[SimpleUploadedFile(f"Đơn của {NAME}.pdf", COMPLAINT_SCAN)],
        )
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
        # The complaint is accepted too: a matter naming the complainant in its summary, and
        # the acceptance notice to them, an issued document.
        petition_services.petition_decide(
            petition=complaint.petition,
            actor=leader,
            outcome="accept",
            decided_on=timezone.localdate(),
        )
        # The address given for notices, as the public page keeps it.
        notifications.email_remember(complaint.submission, EMAIL, date="05/12/2026")
        denunciation.petition.refresh_from_db()
        _witness(Case.objects.get(pk=denunciation.petition.case_id))
    Rating.objects.create(
        submission=complaint.submission, unit=ward, score=4, comment=f"Cảm ơn, {NAME}."
    )
    # The denouncer's, and the witness's tied to the matter alone.
    assert IdentityRecord.objects.count() == 2
    assert IdentityRecord.objects.filter(petition=None, visit=None).count() == 1
    assert SealedFile.objects.count() == 2  # the scan, and the acceptance notice naming them
    assert SealedText.objects.filter(target="matters.matter").exists()
    vaulted = _decrypted_vault()
    for value in (NAME, PHONE, EMAIL, DENOUNCER, DENOUNCER_ID, WITNESS, WITNESS_ID):
        assert value in vaulted, value
    # Before: the outbox carries the complainant and the summary; the complaint's matter its
    # summary; the storage the scan the complainant sent and the notice naming them.
    outbox = [
        (f"SyncRecord#{r.pk}", json.dumps(r.payload, ensure_ascii=False))
        for r in SyncRecord.objects.all()
    ]
    assert {v for v, _ in _hits(outbox)} >= {NAME, ID_NUMBER, STREET}
    complaint_matter = Case.objects.get(pk=complaint.petition.case_id)
    assert NAME in complaint_matter.summary
    scans = _media_hits(tmp_path)
    assert {p for _, p in scans if p.endswith(".pdf")}, scans
    assert {p for _, p in scans if p.endswith(".docx")}, scans
    notices = list(
        PetitionAttachment.objects.filter(petition=complaint.petition, status="ready")
        .exclude(file="")
        .exclude(title__startswith="Đơn")
    )

    client = client_for(unit_admin)
    before = {form: _report(client, form) for form in ("01-TCD", "02-XLD", "03-GQKN")}
    Case.objects.update(status="closed")
    later = timezone.localdate() + dt.timedelta(days=366 * 11)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.anonymise_expired(day=later)
    assert (result.petitions, result.matters, result.documents) == (2, 2, 0)

    # The vault's rows stay (a matter still counts its denouncers), emptied of the person.
    assert vault.petition_people(denunciation.petition)[0].full_name == constants.ANONYMISED_NAME
    for record in IdentityRecord.objects.all():
        assert vault.decrypt(record.full_name_enc).decode() == constants.ANONYMISED_NAME
        assert vault.decrypt(record.id_number_enc) == b""
    assert Case.objects.get(pk=complaint_matter.pk).summary == constants.ANONYMISED_TEXT
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
    # The outbox keeps its records, stages, statuses and national ids, not the person.
    assert SyncRecord.objects.count() == len(outbox)
    # Every column but the issued documents' (kept for their own period) is clear.
    assert not _hits(_plain_rows(skip=(CaseDocument,)))
    # In storage: the scan the complainant sent is deleted (its row stays, titled neutrally);
    # the notice the agency issued stays until the documents' period ends.
    attachments = PetitionAttachment.objects.filter(petition=complaint.petition)
    assert attachments.count() == 1 + len(notices)
    assert attachments.filter(title=constants.REMOVED_FILE_TITLE, file="").count() == 1
    left_in_storage = _media_hits(tmp_path)
    assert not [p for _, p in left_in_storage if p.endswith(".pdf")], left_in_storage
    assert notices
    assert all(n.file.storage.exists(n.file.name) for n in notices)
    assert {form: _report(client, form) for form in before} == before

    # The documents' own period (twenty years by default) ends: nothing is left anywhere.
    much_later = timezone.localdate() + dt.timedelta(days=366 * 21)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.anonymise_expired(day=much_later)
    assert result.documents >= len(notices)
    assert not _media_hits(tmp_path)
    assert not _hits(_plain_rows())
    for notice in notices:
        notice.refresh_from_db()
        assert (notice.title, notice.file.name) == (constants.REMOVED_DOCUMENT_TITLE, "")

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
