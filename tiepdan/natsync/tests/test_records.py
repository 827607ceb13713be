"""Sync records follow each reportable change: one per matter and stage, in the change's own
transaction; edits before sending rewrite it, edits after sending open the next revision."""

import datetime as dt
import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction

from tiepdan.natsync import send, services
from tiepdan.natsync.models import SyncRecord
from tiepdan.natsync.transport import Transport
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import PetitionAttachment

pytestmark = pytest.mark.django_db


def _classify(petition, processor, domain="admin.policy"):
    return petition_services.petition_classify(
        petition=petition,
        actor=processor,
        petition_type=petition.petition_type,
        domain=domain,
        eligibility="eligible",
        within_jurisdiction=True,
    )


def test_receiving_a_petition_writes_its_matter_record(receive) -> None:
    petition = receive()

    record = SyncRecord.objects.get()
    assert (record.stage, record.object_kind) == ("matter", "petition")
    assert record.object_id == petition.pk
    assert (record.status, record.revision) == ("pending", 1)
    assert record.payload["VuViec"]["SoDon"] == f"{petition.number}/{petition.year}"


def test_the_record_rolls_back_with_the_change(receive) -> None:
    def intake_that_fails() -> None:
        with transaction.atomic():
            receive()
            raise RuntimeError("the intake failed after the petition was written")

    with pytest.raises(RuntimeError):
        intake_that_fails()

    assert not SyncRecord.objects.exists()


def test_an_edit_before_sending_rewrites_the_record(receive, processor) -> None:
    petition = receive()

    _classify(petition, processor, domain="admin.policy")

    record = SyncRecord.objects.get()
    assert record.revision == 1
    assert record.payload["PhanLoaiDon"]["MaLoaiDon1"]["value"] == "admin.policy"


def test_an_edit_after_sending_opens_an_update_with_the_national_id(
    receiver, mapped, receive, processor
) -> None:
    petition = receive()
    send.sync_due()

    _classify(petition, processor)
    _classify(petition, processor)  # the same data again: nothing new to report

    first, update = SyncRecord.objects.order_by("revision")
    assert (first.status, update.status, update.revision) == ("sent", "pending", 2)
    send.sync_due()
    assert receiver.requests[1].body["national_id"] == "QG-00001"
    assert receiver.requests[1].body["payload"]["PhanLoaiDon"]["MaLoaiDon1"] == "N-admin.policy"


def test_an_edit_while_in_flight_becomes_the_next_revision(mapped, receive, processor) -> None:
    petition = receive()
    envelopes = []

    class EditingTransport(Transport):
        timeout = 1.0

        def send(self, *, stage, envelope):
            envelopes.append(envelope)
            _classify(petition, processor)  # an officer saves while the record is on its way
            return "QG-9"

    send.sync_due(transport=EditingTransport())

    sent, update = SyncRecord.objects.order_by("revision")
    assert sent.payload["PhanLoaiDon"]["MaLoaiDon1"]["value"] == "admin.land_housing"
    assert update.payload["PhanLoaiDon"]["MaLoaiDon1"]["value"] == "admin.policy"
    # The update went out in the same pass, after the first, with the national id.
    assert [e["payload"]["PhanLoaiDon"]["MaLoaiDon1"] for e in envelopes] == [
        "N-admin.land_housing",
        "N-admin.policy",
    ]
    assert [e["national_id"] for e in envelopes] == [None, "QG-9"]


def test_a_scan_filed_at_intake_joins_the_matter(receive, processor) -> None:
    petition = receive()
    PetitionAttachment.objects.create(
        petition=petition, title="Bản quét đơn", file=ContentFile(b"%PDF", name="don.pdf")
    )

    (attachment,) = SyncRecord.objects.get().payload["Attachment"]
    assert attachment["TenHoSo"] == "Bản quét đơn"
    assert attachment["FileDinhKem"]["$file"] == "petition"


# --------------------------------------------------------------------------- sealed identity


def _denunciation(receive, processor):
    petition = receive(
        "denunciation",
        domain="corruption",
        summary="Tố cáo cán bộ địa chính nhận tiền; người tố cáo Lê Thị Hương Giang",
    )
    PetitionAttachment.objects.create(
        petition=petition, title="Đơn viết tay", file=ContentFile(b"%PDF tay", name="tay.pdf")
    )
    return petition


def test_a_denunciation_is_sent_without_its_sealed_identity(
    receiver, mapped, receive, processor
) -> None:
    _denunciation(receive, processor)

    stored = SyncRecord.objects.get().payload
    assert "Lê Thị Hương Giang" not in str(stored)
    assert "038190012345" not in str(stored)
    send.sync_due()

    body = receiver.requests[0].body["payload"]
    assert body["NguoiKNTC"]["GiuBiMat"] is True
    assert body["NguoiKNTC"]["DanhSach"] == []
    assert body["Attachment"] == []  # the handwritten scan stays sealed
    assert "[đã giữ bí mật]" in body["VuViec"]["NoiDungDon"]
    assert "Lê Thị Hương Giang" not in str(receiver.requests[0].body)


def test_a_unit_may_send_the_identity_when_its_setting_says_so(
    receiver, mapped, receive, processor, ward, ward_admin
) -> None:
    services.setting_update(unit=ward, actor=ward_admin, enabled=True, send_denouncer_identity=True)
    _denunciation(receive, processor)

    send.sync_due()

    body = receiver.requests[0].body["payload"]
    assert body["NguoiKNTC"]["DanhSach"][0]["HoTen"] == "Lê Thị Hương Giang"
    assert body["Attachment"][0]["TenHoSo"] == "Đơn viết tay"
    assert body["Attachment"][0]["FileDinhKem"] == "JVBERiB0YXk="  # base64 of the scan
    assert "Lê Thị Hương Giang" not in str(SyncRecord.objects.get().payload)


def test_backoff_grows_and_is_capped() -> None:
    assert [send.backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert send.backoff(30) == dt.timedelta(hours=6)


# --------------------------------------------------------------------------- concurrency


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_senders_at_once_never_send_a_record_twice(receiver, mapped, receive, settings) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED are measured on PostgreSQL")
    # Eight sending threads and the receiver share one interpreter: under load an answer can
    # take longer than the one second the other tests allow, which is not what this test is
    # about (a timed-out send is retried later, and the count below would miss it).
    settings.TIEPDAN_NATIONAL_DB_TIMEOUT = 10.0
    for i in range(40):
        receive(summary=f"Khiếu nại số {i}")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(send.sync_due(batch=5))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    local_ids = [r.body["local_id"] for r in receiver.requests]
    assert len(local_ids) == 40
    assert len(set(local_ids)) == 40
    assert sum(r.sent for r in results) == 40
    assert all(r.sent for r in results), "both senders took part"
    assert set(SyncRecord.objects.values_list("status", flat=True)) == {"sent"}


def test_no_stage_of_a_denunciation_stores_the_denouncer(receive, processor, leader) -> None:
    from tiepdan.cases import services as case_services

    petition = _denunciation(receive, processor)
    petition_services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="accept",
        decided_on=dt.date(2025, 3, 5),
        reason="Đơn của Lê Thị Hương Giang đủ điều kiện thụ lý",
    )
    petition.refresh_from_db()
    case_services.case_decide(
        case=petition.case,
        on=dt.date(2025, 4, 2),
        outcome="den_partly",
        text="Kết luận: nội dung bà Lê Thị Hương Giang tố cáo đúng một phần.",
        actor=leader,
    )

    payloads = list(SyncRecord.objects.values_list("stage", "payload"))
    assert [stage for stage, _p in payloads] == ["matter", "processing", "acceptance", "resolution"]
    for _stage, payload in payloads:
        assert "Hương Giang" not in str(payload)
        assert "0987654321" not in str(payload)


def test_a_petition_given_with_a_visit_through_the_api_writes_its_matter_record(
    client_for, receptionist
) -> None:
    """The visit API appends its audit events together at the end (`audit.services.deferred`):
    the petition it receives is recorded for the national database all the same, in the same
    transaction."""
    from tiepdan.petitions.models import Petition
    from tiepdan.reception.tests.test_api import CONTRACT_EXAMPLE

    body = {
        **CONTRACT_EXAMPLE,
        "people_count": 1,
        "handling": "petition_received",
        "written_petition": True,
    }
    response = client_for(receptionist).post("/api/v1/visits/", body, format="json")
    assert response.status_code == 201, response.json()
    petition = Petition.objects.get()
    record = SyncRecord.objects.get()
    assert (record.stage, record.object_kind, record.object_id) == (
        "matter",
        "petition",
        petition.pk,
    )
    assert record.payload["VuViec"]["SoDon"] == f"{petition.number}/{petition.year}"


def test_events_appended_together_record_only_the_changes_the_decree_names(receive) -> None:
    """A scan's thousands of alert events go through the same hook and record nothing."""
    from tiepdan.audit.models import AuditEvent

    petition = receive()
    SyncRecord.objects.all().delete()
    events = [
        AuditEvent(action="alert.raised", target_type="monitoring.alert", target_id="1"),
        AuditEvent(
            action="petition.received", target_type="petitions.petition", target_id=str(petition.pk)
        ),
    ]
    with transaction.atomic():
        AuditEvent.append_many(events)
    assert list(SyncRecord.objects.values_list("object_kind", "object_id")) == [
        ("petition", petition.pk)
    ]


def test_a_denunciation_given_with_a_visit_through_the_api_is_recorded_sealed(
    client_for, receptionist
) -> None:
    """The path the API's visits now take to the national sync keeps the denouncer sealed."""
    from tiepdan.reception.tests.test_api import CONTRACT_EXAMPLE

    body = {
        **CONTRACT_EXAMPLE,
        "people_count": 1,
        "petition_type": "denunciation",
        "handling": "petition_received",
        "written_petition": True,
    }
    response = client_for(receptionist).post("/api/v1/visits/", body, format="json")
    assert response.status_code == 201, response.json()
    payload = SyncRecord.objects.get().payload
    assert payload["NguoiKNTC"]["GiuBiMat"] is True
    assert payload["NguoiKNTC"]["DanhSach"] == []
    for particular in ("Nguyễn Văn A", "001085012345", "0912345678", "Khu phố 3"):
        assert particular not in str(payload)
