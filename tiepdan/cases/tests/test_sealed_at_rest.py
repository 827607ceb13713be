"""Sealed at rest (issue #18, items 1 and 2): once a denunciation is accepted and sealed, no
plain copy of the denouncer is left in the database or under the media root; the resolver still
reads it, through a key rotation and a change of `SECRET_KEY`."""

import datetime as dt
import json
import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.vault import vault
from tiepdan.vault.checks import field_key_check
from tiepdan.vault.models import IdentityRecord, SealedFile, SealedText

NAME, ID_NUMBER, PHONE = "Khổng Thị Diệu Huyền", "079188123457", "0912876543"
ADDRESS = "Số 17 hẻm Chim Sáo, phường Bắc Sơn"
SCAN = b"%PDF-1.4\n% handwritten letter signed " + "Khổng Thị Diệu Huyền".encode() + b"\n%%EOF"


def _forms(value: str) -> list[bytes]:
    """The ways a value could be stored: NFC, NFD, folded (search key), upper case, and each
    escaped as JSON does it (SQLite keeps JSON fields ASCII-escaped)."""
    forms = {
        unicodedata.normalize("NFC", value),
        unicodedata.normalize("NFD", value),
        search_key(value),
        value.upper(),
    }
    escaped = {json.dumps(f)[1:-1] for f in forms}
    return [f.encode() for f in forms | escaped]


def _database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        name = connection.settings_dict["NAME"]
        if connection.is_in_memory_db():
            return connection.connection.serialize()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return b"".join(
            Path(path).read_bytes() for path in (name, f"{name}-wal") if os.path.exists(path)
        )
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["pg_dump", "--no-owner", "-h", db.get("HOST") or "127.0.0.1"]
    args += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres", db["NAME"]]
    return subprocess.run(args, env=env, capture_output=True, check=True).stdout


def _media_bytes() -> list[tuple[Path, bytes]]:
    root = Path(settings.MEDIA_ROOT)
    return [(path, path.read_bytes()) for path in root.rglob("*") if path.is_file()]


def _assert_nothing_plain() -> None:
    values = [NAME, ID_NUMBER, PHONE, "Chim Sáo"]
    dump = _database_bytes()
    assert dump, "empty dump"
    files = _media_bytes()
    for value in values:
        for form in _forms(value):
            at = dump.find(form)
            assert at < 0, f"{value!r} in the database dump: {dump[max(at - 600, 0) : at + 80]!r}"
            for path, content in files:
                assert form not in content, f"{value!r} in {path}"


def _seal_one(ward, processor, leader, django_capture_on_commit_callbacks) -> Petition:
    with django_capture_on_commit_callbacks(execute=True):
        person = citizen_services.citizen_create(
            unit=ward,
            actor=processor,
            full_name=NAME,
            id_number=ID_NUMBER,
            phone=PHONE,
            address=ADDRESS,
        )
        petition = petition_services.petition_receive(
            unit=ward,
            received_on=dt.date(2025, 3, 3),
            source="post",
            petition_type="denunciation",
            domain="corruption",
            summary=f"Bà {NAME} (CCCD {ID_NUMBER}, ĐT {PHONE}) tố cáo cán bộ địa chính",
            senders=[person],
            actor=processor,
        )
        PetitionAttachment.objects.create(
            petition=petition,
            title=f"Đơn tố cáo của bà {NAME}",
            file=ContentFile(SCAN, name="don-to-cao.pdf"),
            uploaded_by=processor,
        )
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.petition_decide(
            petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 3, 5)
        )
    petition.refresh_from_db()
    return petition


def _resolver_sees(petition: Petition, leader) -> None:
    client = Client()
    client.force_login(leader)
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert NAME in page
    assert ID_NUMBER in page
    case_page = client.post(
        f"/cases/{petition.case_id}/identity/", {"reason": "Xác minh nội dung tố cáo"}
    ).content.decode()
    assert NAME in case_page
    assert PHONE in case_page
    scan = PetitionAttachment.objects.filter(petition=petition).order_by("pk").first()
    response = client.get(f"/petitions/attachments/{scan.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sealed_denunciation_leaves_no_plain_copy(
    ward, processor, leader, settings, django_capture_on_commit_callbacks
) -> None:
    petition = _seal_one(ward, processor, leader, django_capture_on_commit_callbacks)
    case = Case.objects.get(pk=petition.case_id)
    # Only the vault links the denunciation to its sender; the registry row made for it is gone.
    assert not petition.senders.exists()
    assert not Citizen.objects.filter(id_number=ID_NUMBER).exists()
    assert IdentityRecord.objects.filter(case=case, citizen__isnull=True).count() == 1
    assert SealedText.objects.filter(case=case).count() == 2  # the petition's and the case's
    assert SealedFile.objects.filter(identity__case=case).exists()
    assert not PetitionAttachment.objects.filter(petition=petition).exclude(file="").exists()
    assert vault.unsealed_matters() == []
    _assert_nothing_plain()
    _resolver_sees(petition, leader)

    # A new field key: old values still read (fallback), then re-encrypted with the new key.
    old_key = settings.TIEPDAN_FIELD_KEY
    settings.TIEPDAN_FIELD_KEY = "ab" * 32
    settings.TIEPDAN_FIELD_KEY_FALLBACKS = [old_key]
    _resolver_sees(petition, leader)
    call_command("rotate_field_key", "--batch-size", "1")
    for record in IdentityRecord.objects.all():
        assert vault.is_current(record.full_name_enc)
    # A second run changes nothing (resumable, idempotent).
    before = list(IdentityRecord.objects.values_list("full_name_enc", flat=True))
    call_command("rotate_field_key")
    assert list(IdentityRecord.objects.values_list("full_name_enc", flat=True)) == before
    settings.TIEPDAN_FIELD_KEY_FALLBACKS = []
    # And SECRET_KEY rotated on top.
    settings.SECRET_KEY = "another-secret-key-after-rotation-0123456789abcdef"
    _resolver_sees(petition, leader)
    _assert_nothing_plain()


@pytest.mark.django_db
def test_rotating_secret_key_alone_keeps_sealed_values(
    ward, processor, leader, settings, django_capture_on_commit_callbacks
) -> None:
    """While the field key is derived from SECRET_KEY, moving the old secret key to
    SECRET_KEY_FALLBACKS (Django's own rotation) keeps every sealed value readable, and
    `rotate_field_key` then moves them to the new derived key."""
    old_secret = settings.SECRET_KEY
    settings.TIEPDAN_FIELD_KEY = vault.derived_key(old_secret)
    settings.TIEPDAN_FIELD_KEY_DERIVED = True
    petition = _seal_one(ward, processor, leader, django_capture_on_commit_callbacks)

    new_secret = "rotated-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    settings.SECRET_KEY = new_secret
    settings.SECRET_KEY_FALLBACKS = [old_secret]
    settings.TIEPDAN_FIELD_KEY = vault.derived_key(new_secret)  # as base.py derives it
    assert [p.full_name for p in vault.petition_people(petition)] == [NAME]
    _resolver_sees(petition, leader)
    call_command("rotate_field_key")
    settings.SECRET_KEY_FALLBACKS = []
    assert [p.id_number for p in vault.petition_people(petition)] == [ID_NUMBER]


def test_check_deploy_warns_while_the_key_is_derived(settings) -> None:
    settings.TIEPDAN_FIELD_KEY_DERIVED = True
    assert [w.id for w in field_key_check()] == ["tiepdan.W001"]
    settings.TIEPDAN_FIELD_KEY_DERIVED = False
    assert field_key_check() == []


@pytest.mark.django_db
def test_citizen_search_hides_the_sealed_in_two_queries(
    ward,
    processor,
    leader,
    receptionist,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
) -> None:
    """The seal costs the search no scan of the denunciations: two queries (the matches' keys
    in order, then the visible among the first of them), whatever their number; a
    denunciation not yet linked to its matter still hides its sender."""
    from tiepdan.citizens import selectors as citizen_selectors

    unlinked = citizen_services.citizen_create(
        unit=ward, actor=processor, full_name="Khổng Văn Chưa Gắn", id_number="079188000001"
    )
    petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 3, 3),
        source="post",
        petition_type="denunciation",
        domain="corruption",
        summary="Tố cáo cán bộ",
        senders=[unlinked],
        actor=processor,
    )
    _seal_one(ward, processor, leader, django_capture_on_commit_callbacks)
    citizen_services.citizen_create(unit=ward, actor=processor, full_name="Khổng Văn Khác")
    receptionist = type(receptionist).objects.get(pk=receptionist.pk)
    citizen_selectors.citizen_queryset(receptionist).count()  # warm the per-user role caches
    with django_assert_num_queries(2):
        found = [c.full_name for c in citizen_selectors.citizen_search(receptionist, "khong")]
    assert found == ["Khổng Văn Khác"]
    assert "Khổng Văn Chưa Gắn" in [
        c.full_name for c in citizen_selectors.citizen_search(processor, "khong")
    ]


def _desk(ward, receptionist, person, *, petition_type: str, content: str):
    from tiepdan.reception import services as reception_services
    from tiepdan.reception.tests.conftest import at

    return reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward,
            received_at=at("2025-03-03"),
            mode="regular",
            chaired_by="officer",
            channel="in_person",
            people_count=1,
            case=None,
            petition_type=petition_type,
            domain="corruption" if petition_type == "denunciation" else "admin.land_housing",
            content=content,
            handling="guided",
            attendees=reception_services.attendees_of([person]),
        ),
        actor=receptionist,
    ).visit


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_desk_keeps_no_plain_denouncer(ward, receptionist, leader) -> None:
    """A denouncer who came to the desk: the attendee row goes to the vault with the person;
    someone who also came about another matter keeps their registry row, with no trace of the
    denunciation; the content is stored redacted and the leader still reads both."""
    from tiepdan.reception.models import ReceptionVisit, VisitCitizen

    only = citizen_services.citizen_create(
        unit=ward, actor=None, full_name=NAME, id_number=ID_NUMBER, phone=PHONE, address=ADDRESS
    )
    other = citizen_services.citizen_create(
        unit=ward, actor=None, full_name="Lạc Văn Thường", id_number="079188765432"
    )
    _desk(ward, receptionist, other, petition_type="complaint", content="Khiếu nại cấp đất")
    visit = _desk(
        ward, receptionist, only, petition_type="denunciation", content=f"{NAME} tố cáo cán bộ"
    )
    second = _desk(
        ward,
        receptionist,
        other,
        petition_type="denunciation",
        content="Ông Lạc Văn Thường tố cáo cán bộ thu tiền",
    )
    assert not VisitCitizen.objects.filter(visit__in=[visit, second]).exists()
    assert not Citizen.objects.filter(pk=only.pk).exists()
    kept = Citizen.objects.get(pk=other.pk)  # a visitor about another matter keeps the row
    assert list(ReceptionVisit.objects.filter(attendees__citizen=kept)) != []
    assert not ReceptionVisit.objects.filter(
        attendees__citizen=kept, petition_type="denunciation"
    ).exists()
    assert not IdentityRecord.objects.filter(citizen__isnull=False).exists()
    assert "Lạc Văn Thường" not in ReceptionVisit.objects.get(pk=second.pk).content
    assert vault.unsealed_matters() == []
    _assert_nothing_plain()

    client = Client()
    client.force_login(leader)
    page = client.get(f"/reception/visits/{visit.pk}/").content.decode()
    assert NAME in page
    page = client.get(f"/reception/visits/{second.pk}/").content.decode()
    assert "Ông Lạc Văn Thường tố cáo" in page


@pytest.mark.django_db
def test_the_data_migration_seals_what_is_already_there(
    ward, processor, leader, django_capture_on_commit_callbacks
) -> None:
    """A database sealed by an earlier version (plain sender links and scans) is sealed at rest
    by the migration; backwards it does nothing."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("tiepdan.cases.migrations.0012_seal_at_rest")
    # The models as the migration sees them (the vault's were still in `cases` then).
    apps = MigrationLoader(connection).project_state(("cases", "0012_seal_at_rest")).apps
    petition = _seal_one(ward, processor, leader, django_capture_on_commit_callbacks)
    left = citizen_services.citizen_create(
        unit=ward, actor=None, full_name="Mạc Thị Còn Sót", id_number="079188111222"
    )
    Petition.senders.through.objects.create(petition_id=petition.pk, citizen_id=left.pk)
    scan = PetitionAttachment.objects.filter(petition=petition).first()
    scan.file.save("con-sot.pdf", ContentFile(b"%PDF-1.4 plain"), save=False)
    PetitionAttachment.objects.filter(pk=scan.pk).update(file=scan.file.name)
    assert vault.unsealed_matters() == [petition.case_id]
    with django_capture_on_commit_callbacks(execute=True):
        migration.seal(apps, None)
    assert vault.unsealed_matters() == []
    assert not Citizen.objects.filter(pk=left.pk).exists()
    assert "Mạc Thị Còn Sót" in [p.full_name for p in vault.petition_people(petition)]
