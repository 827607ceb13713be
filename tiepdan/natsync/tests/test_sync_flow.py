"""Acceptance of the link against a real local HTTP receiver (issue 19)."""

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.core.management import call_command

from tiepdan.cases import services as case_services
from tiepdan.cases.models import CaseDocument
from tiepdan.natsync import send
from tiepdan.natsync.models import SyncAttempt, SyncRecord
from tiepdan.petitions import services as petition_services

pytestmark = pytest.mark.django_db

D = dt.date


def _accept(petition, leader):
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=D(2025, 3, 5)
    )
    petition.refresh_from_db()
    return petition.case


def _resolve_and_execute(case, leader):
    case = case_services.case_decide(
        case=case,
        on=D(2025, 4, 1),
        outcome="partly",
        text="Khiếu nại đúng một phần; bồi thường bổ sung.",
        actor=leader,
        number="12/QĐ-UBND",
    )
    return case_services.case_execution_record(
        case=case,
        on=D(2025, 4, 20),
        actor=leader,
        money_returned=Decimal("12.5"),
        land_returned=Decimal("40"),
        restored_persons=1,
        completed=True,
    )


def test_a_matter_received_accepted_resolved_executed_sends_five_stages_in_order(
    receiver, mapped, receive, leader
) -> None:
    petition = receive()
    case = _resolve_and_execute(_accept(petition, leader), leader)
    # What the worker does once the steps commit (tests do not commit): render the documents.
    for pk in CaseDocument.objects.filter(status="pending").values_list("pk", flat=True):
        case_services.case_document_render(document_id=pk)

    result = send.sync_due()

    assert (result.sent, result.failed, result.error) == (5, 0, "")
    paths = [r.path for r in receiver.requests]
    assert paths == [
        "/lienthong/matter",
        "/lienthong/processing",
        "/lienthong/acceptance",
        "/lienthong/resolution",
        "/lienthong/execution",
    ]
    first, *later = [r.body for r in receiver.requests]
    assert first["national_id"] is None
    assert {b["national_id"] for b in later} == {"QG-00001"}
    assert first["local_id"] == f"petition:{petition.pk}"
    assert later[-1]["local_id"] == f"case:{case.pk}"
    assert {r.auth for r in receiver.requests} == {"tinh38:bi-mat"}
    # National field names, codes translated through the mapping.
    matter = first["payload"]
    assert matter["PhanLoaiDon"]["MaLoaiDon"] == "N-complaint"
    assert matter["NguonDonDen"]["MaNguonDonDen"] == "N-post"
    assert matter["NguoiKNTC"]["DanhSach"][0]["HoTen"] == "Lê Thị Hương Giang"
    assert later[0]["payload"]["MaHuongXuLy"] == "N-accept"
    assert later[2]["payload"]["KetQuaGiaiQuyet"] == "N-partly"
    assert later[3]["payload"]["TraLaiTien"] == 12.5
    assert later[3]["payload"]["DaThiHanhXong"] is True
    assert set(SyncRecord.objects.values_list("status", "national_id")) == {("sent", "QG-00001")}

    # Nothing is sent twice once acknowledged.
    assert send.sync_due(retry_all=True).sent == 0
    assert len(receiver.requests) == 5


def test_a_stage_waits_for_its_document_to_be_rendered(receiver, mapped, receive, leader) -> None:
    """A decision's document is rendered after the step commits; until it is, the stage that
    carries it fails like any attempt (recorded, retried later) and is never sent without it."""
    _resolve_and_execute(_accept(receive(), leader), leader)
    pending = list(CaseDocument.objects.filter(status="pending").values_list("pk", flat=True))
    assert pending, "the decision's document should wait for the worker"

    result = send.sync_due()

    waiting = SyncRecord.objects.exclude(status="sent")
    assert result.failed >= 1
    assert any("chưa được tạo xong" in r.last_error for r in waiting)
    assert "/lienthong/resolution" not in [r.path for r in receiver.requests]

    for pk in pending:
        case_services.case_document_render(document_id=pk)
    assert send.sync_due(retry_all=True).failed == 0
    assert set(SyncRecord.objects.values_list("status", flat=True)) == {"sent"}


def test_a_later_stage_waits_for_the_national_id(receiver, mapped, receive, leader) -> None:
    _accept(receive(), leader)
    receiver.script.extend(["500"])  # the matter fails: nothing after it may go

    result = send.sync_due()

    assert (result.sent, result.failed) == (0, 1)
    assert [r.path for r in receiver.requests] == ["/lienthong/matter"]
    matter = SyncRecord.objects.get(stage="matter")
    assert matter.status == "failed"
    assert "HTTP 500" in matter.last_error
    assert matter.next_attempt_at is not None
    assert SyncRecord.objects.filter(status="pending").count() == 2


def test_a_receiver_failing_twice_gets_each_stage_exactly_once(
    receiver, mapped, receive, leader
) -> None:
    _accept(receive(), leader)
    receiver.script.extend(["503", "503"])

    for _ in range(3):
        send.sync_due(retry_all=True)

    acknowledged = [r.path.rsplit("/", 1)[1] for r in receiver.acknowledged()]
    assert acknowledged == ["matter", "processing", "acceptance"]
    matter = SyncRecord.objects.get(stage="matter")
    assert (matter.status, matter.attempts) == ("sent", 3)
    # Every failed attempt is kept with its error.
    errors = SyncAttempt.objects.filter(record=matter, ok=False).values_list("error", flat=True)
    assert len(errors) == 2
    assert all("HTTP 503" in e for e in errors)


def test_a_hanging_receiver_does_not_block_beyond_the_timeout(
    receiver, mapped, receive, settings
) -> None:
    settings.TIEPDAN_NATIONAL_DB_TIMEOUT = 0.5
    receive()
    receiver.script.append("hang")

    started = time.monotonic()
    result = send.sync_due()
    elapsed = time.monotonic() - started

    assert elapsed < 3, elapsed
    assert result.failed == 1
    record = SyncRecord.objects.get()
    assert record.status == "failed"
    assert "không trả lời trong 0.5 giây" in record.last_error


def test_a_malformed_answer_is_a_recorded_failure(receiver, mapped, receive) -> None:
    receive()
    receiver.script.append("malformed")

    send.sync_due()

    record = SyncRecord.objects.get()
    assert record.status == "failed"
    assert "không phải JSON hợp lệ" in record.last_error
    assert send.sync_due(retry_all=True).sent == 1
    record.refresh_from_db()
    assert (record.status, record.last_error) == ("sent", "")


def test_nothing_is_sent_when_the_url_is_unset(receiver, mapped, receive, settings) -> None:
    settings.TIEPDAN_NATIONAL_DB_URL = ""
    receive()

    result = send.sync_due()

    assert result.sent == 0
    assert "TIEPDAN_NATIONAL_DB_URL" in result.error
    assert receiver.requests == []
    assert SyncRecord.objects.get().status == "pending"


def test_plain_http_is_refused_except_to_loopback(receiver, mapped, receive, settings) -> None:
    settings.TIEPDAN_NATIONAL_DB_URL = "http://csdl.thanhtra.gov.vn/api"
    receive()

    result = send.sync_due()

    assert "http://" in result.error
    assert "https://" in result.error
    assert SyncRecord.objects.get().status == "pending"  # nothing lost, nothing attempted
    assert SyncRecord.objects.get().attempts == 0


def test_an_unmapped_code_holds_the_record_with_a_clear_message(receiver, receive) -> None:
    receive()

    send.sync_due()

    assert receiver.requests == []
    record = SyncRecord.objects.get()
    assert record.status == "failed"
    assert "Chưa ánh xạ" in record.last_error
    assert "Loại đơn «complaint»" in record.last_error


def test_a_switched_off_unit_sends_nothing(receiver, mapped, receive, ward, leader) -> None:
    from tiepdan.natsync import services

    services.setting_update(unit=ward, actor=leader, enabled=False, send_denouncer_identity=False)
    receive()

    assert send.sync_due().sent == 0
    assert receiver.requests == []


def test_the_command_pushes_due_records(receiver, mapped, receive) -> None:
    receive()

    call_command("national_sync")

    assert [r.path for r in receiver.requests] == ["/lienthong/matter"]


def test_the_command_waits_quietly_without_a_url_and_fails_on_a_refused_one(
    receive, settings, capsys
) -> None:
    from django.core.management.base import CommandError

    receive()
    settings.TIEPDAN_NATIONAL_DB_URL = ""
    call_command("national_sync")
    assert "chưa đặt" in capsys.readouterr().out
    settings.TIEPDAN_NATIONAL_DB_URL = "http://10.0.0.8/lienthong"
    with pytest.raises(CommandError, match="https://"):
        call_command("national_sync")
    assert SyncRecord.objects.get().status == "pending"
