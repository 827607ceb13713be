"""The status page, the retry button, the unit switch, the mapping page and the API list."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tiepdan.natsync import mapping, payloads, selectors, send
from tiepdan.natsync.models import CodeMapping, NationalMatter, SyncRecord, UnitSyncSetting
from tiepdan.petitions import services as petition_services

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_status_page_needs_a_leader_or_an_administrator(client, receptionist, leader) -> None:
    url = reverse("natsync:status")
    assert client.get(url).status_code == 302  # anonymous → login
    assert _login(client, receptionist).get(url).status_code == 403
    client.logout()
    assert _login(client, leader).get(url).status_code == 200


def test_status_page_shows_failed_records_with_their_error(
    client, receiver, mapped, receive, leader, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        receive()
    receiver.default = "500"
    send.sync_due()
    _login(client, leader)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("natsync:status") + "?status=failed")

    html = response.content.decode()
    assert html.count("Gửi lại</button>") == 3
    assert "HTTP 500" in html


def test_retrying_a_failed_record_sends_it_now(client, receiver, mapped, receive, leader) -> None:
    receive()
    receiver.script.append("500")
    send.sync_due()
    record = SyncRecord.objects.get()
    _login(client, leader)

    response = client.post(reverse("natsync:retry", args=[record.pk]), follow=True)

    record.refresh_from_db()
    assert (record.status, record.attempts) == ("sent", 2)
    assert "Đã gửi lại thành công." in response.content.decode()


def test_retrying_a_record_of_another_unit_is_not_found(
    client, receive, outsider, mapped, receiver
) -> None:
    receive()
    record = SyncRecord.objects.get()
    _login(client, outsider)
    assert client.post(reverse("natsync:retry", args=[record.pk])).status_code == 404


def test_the_unit_administrator_switches_the_link(client, ward_admin, leader, ward) -> None:
    url = reverse("natsync:setting")
    assert _login(client, leader).post(url, {"enabled": ""}).status_code == 403
    client.logout()
    _login(client, ward_admin).post(url, {"enabled": ""})
    assert UnitSyncSetting.objects.get(unit=ward).enabled is False
    assert selectors.setting_for(ward).send_denouncer_identity is False


def test_counts_roll_up_the_tree(receiver, mapped, receive, province, ward, leader) -> None:
    petition = receive()
    petition_services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="guide",
        decided_on=dt.date(2025, 3, 4),
        to_body="Tòa án nhân dân tỉnh",
    )
    receiver.script.extend(["ok", "500"])
    send.sync_due()  # the matter goes, the processing result fails

    counts = {c.code: c.total for c in selectors.unit_counts(unit=province)}

    assert counts["26734"] == {"pending": 0, "failed": 1, "sent": 1}
    assert counts["38"] == counts["26734"]


# --------------------------------------------------------------------------- mapping


def test_mapping_gaps_list_every_unmapped_value(ward) -> None:
    CodeMapping.objects.create(
        code_list="petition_type", local_value="complaint", national_code="1"
    )

    missing = {(lst, value) for lst, value, _label in mapping.gaps()}

    assert ("petition_type", "complaint") not in missing
    assert ("petition_type", "denunciation") in missing
    assert ("unit", "26734") in missing
    assert ("unit", "26734-CA") not in missing  # the police hold no matters


def test_mapping_csv_round_trip(client, unit_admin, ward) -> None:
    _login(client, unit_admin)
    exported = client.get(reverse("natsync:mapping_export")).content.decode("utf-8-sig")
    lines = exported.splitlines()
    assert lines[0].startswith("danh_muc,so_danh_muc_quoc_gia,gia_tri")
    # Fill the national code of the first two unmapped values and import.
    rows = [lines[0]]
    for line in lines[1:3]:
        cells = line.split(",")
        cells[4] = "Q-" + cells[2]
        rows.append(",".join(cells))
    upload = SimpleUploadedFile("map.csv", "\n".join(rows).encode(), content_type="text/csv")

    response = client.post(reverse("natsync:mapping"), {"file": upload}, follow=True)

    assert "Đã nhập 2 ánh xạ mới" in response.content.decode()
    assert CodeMapping.objects.count() == 2
    assert len(mapping.gaps()) == len(lines) - 3  # one exported line per value to fill in


def test_a_bad_mapping_file_imports_nothing(client, unit_admin, ward) -> None:
    _login(client, unit_admin)
    content = "danh_muc,gia_tri,ma_quoc_gia\nsource,post,5.1\nhuyen,x,9\n"
    upload = SimpleUploadedFile("map.csv", content.encode(), content_type="text/csv")

    response = client.post(reverse("natsync:mapping"), {"file": upload})

    assert response.status_code == 400
    assert "dòng 3: danh mục «huyen» không có" in response.content.decode()
    assert not CodeMapping.objects.exists()


def test_only_a_top_level_administrator_edits_the_mapping(client, ward_admin) -> None:
    assert _login(client, ward_admin).get(reverse("natsync:mapping")).status_code == 403


# --------------------------------------------------------------------------- API


def test_api_lists_the_records_of_the_unit(client_for, unit_admin, receive, mapped, receiver):
    receive()
    receive()
    send.sync_due()
    receive()

    body = client_for(unit_admin).get("/api/v1/sync/records/?unit=38&status=sent").json()

    assert body["count"] == 2
    row = body["results"][0]
    assert set(row) == {
        "id",
        "object",
        "object_id",
        "stage",
        "status",
        "attempts",
        "last_error",
        "national_id",
        "sent_at",
    }
    assert (row["object"], row["stage"], row["status"]) == ("petition", "matter", "sent")
    assert row["national_id"].startswith("QG-")


def test_api_without_a_unit_lists_where_the_caller_leads(
    client_for, leader, processor, receive, django_assert_max_num_queries
) -> None:
    for _ in range(5):
        receive()
    client = client_for(leader)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/sync/records/").json()["count"] == 5
    assert client_for(processor).get("/api/v1/sync/records/").status_code == 403


# --------------------------------------------------------------------------- back-fill


def test_backfill_is_idempotent_and_has_a_dry_run(receive, leader, capsys) -> None:
    petition = receive(received_on=dt.date.today() - dt.timedelta(days=40))
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=dt.date.today()
    )
    # As if the petition predated the link: its records and matter are gone.
    SyncRecord.objects.all().delete()
    NationalMatter.objects.all().delete()

    call_command("national_backfill", "--dry-run")
    out = capsys.readouterr().out
    assert '"stage": "matter"' in out
    assert "sẽ lập 1 vụ việc" in out
    assert not SyncRecord.objects.exists()

    call_command("national_backfill")
    call_command("national_backfill")

    stages = list(SyncRecord.objects.order_by("stage_order").values_list("stage", flat=True))
    assert stages == ["matter", "processing", "acceptance"]
    assert NationalMatter.objects.count() == 1
    # Written in bulk (COPY on PostgreSQL), each record is whole: defaults, times, its matter.
    record = SyncRecord.objects.select_related("matter").get(stage="matter")
    assert record.matter.petition_id == petition.pk
    assert (record.status, record.attempts, record.revision) == ("pending", 0, 1)
    assert record.created_at is not None
    assert record.payload_hash == payloads.payload_hash(record.payload)
    assert record.payload == payloads.matter_payload(petition)
    # The ids came from the tables' own sequences: the next matter takes the next one.
    receive()
    assert NationalMatter.objects.count() == 2
