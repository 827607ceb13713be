"""The back-fill's payloads built from rows for a whole chunk are those of the per-matter
builders the hooks use, byte for byte, on varied data: several senders, an anonymous letter, a
visit with representatives chaired by a delegate, a transfer, a scan, a forwarded copy, a matter
accepted, resolved and executed, a second complaint about an earlier decision, and
denunciations sealed in the vault and not (their identity never stored)."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from tiepdan.cases import services as case_services
from tiepdan.cases.models import Case, CaseDocument
from tiepdan.citizens import services as citizen_services
from tiepdan.natsync import backfill, payloads
from tiepdan.natsync.constants import ObjectKind, Stage
from tiepdan.natsync.models import NationalMatter, SyncRecord
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment, Transfer
from tiepdan.petitions.services import transfers as petition_transfers
from tiepdan.reception import services as reception_services
from tiepdan.vault.models import IdentityRecord

pytestmark = pytest.mark.django_db

D = dt.date
NAME, ID_NUMBER, PHONE = "Lê Thị Hương Giang", "038190012345", "0987654321"


def _reference_case_stages(case: Case) -> list[Stage]:
    """The stages a case had reached, as the back-fill chose them before it read rows."""
    stages = [Stage.ACCEPTANCE] if case.accepted_on else []
    if case.accepted_on and case.decided_on and case.outcome:
        stages.append(Stage.RESOLUTION)
        if case.executed_on or any(
            getattr(case, f)
            for f in ("money_to_state", "money_returned", "land_to_state", "land_returned")
        ):
            stages.append(Stage.EXECUTION)
    return stages


def _reference(petition_ids: list[int]) -> list[tuple]:
    """Each petition's records built one matter at a time with `payloads.BUILDERS`."""
    out = []
    for petition in Petition.objects.filter(pk__in=petition_ids).order_by("pk"):
        out.append((Stage.MATTER, ObjectKind.PETITION, petition.pk, petition.unit_id,
                    payloads.matter_payload(petition)))  # fmt: skip
        if petition.outcome and petition.decided_on:
            out.append((Stage.PROCESSING, ObjectKind.PETITION, petition.pk, petition.unit_id,
                        payloads.processing_payload(petition)))  # fmt: skip
        if petition.case_id is None:
            continue
        first = Petition.objects.filter(case_id=petition.case_id).order_by("pk").first()
        if first.pk != petition.pk:
            continue
        case = Case.objects.get(pk=petition.case_id)
        for stage in _reference_case_stages(case):
            payload = payloads.BUILDERS[stage](case)
            out.append((stage, ObjectKind.CASE, case.pk, case.unit_id, payload))
    return out


def _denunciation(record: SyncRecord) -> bool:
    if record.object_kind == ObjectKind.CASE:
        return Case.objects.get(pk=record.object_id).kind == "denunciation"
    return Petition.objects.get(pk=record.object_id).petition_type == "denunciation"


def _text(entry: tuple) -> str:
    stage, kind, object_id, unit_id, payload = entry
    return json.dumps([stage, kind, object_id, unit_id, payload], ensure_ascii=False)


@pytest.fixture
def varied(ward, other_ward, receive, processor, leader, complainant, receptionist):
    """A ward's petitions at every step, and one forwarded to another unit."""
    second = citizen_services.citizen_create(
        unit=ward, actor=None, full_name="Trần Văn Bình", id_number="038190054321",
        phone="0912345678", address="Thôn Đông, xã Quảng Xương", gender="male",
    )  # fmt: skip
    ids = []
    # Two senders, a scan, transferred to another unit.
    many = receive(senders=[complainant, second], signatory_count=2, sender_body="UBND xã")
    PetitionAttachment.objects.create(
        petition=many, title="Bản quét đơn", file=ContentFile(b"%PDF", name="don.pdf")
    )
    petition_services.petition_decide(
        petition=many, actor=leader, outcome="transfer", decided_on=D(2025, 3, 6),
        to_unit=other_ward, reason="Không thuộc thẩm quyền",
    )  # fmt: skip
    ids.append(many.pk)
    # Its copy in the other unit's register, forwarded from the ward.
    ids.append(
        petition_transfers.transfer_acknowledge(
            transfer=Transfer.objects.get(petition=many), actor=None, received_on=D(2025, 3, 8)
        ).pk
    )
    # Anonymous, not decided.
    ids.append(receive(senders=[], anonymous=True, summary="Phản ánh không ký tên").pk)
    # Accepted, resolved with a document, executed; then a second complaint about it.
    first = receive()
    petition_services.petition_decide(
        petition=first, actor=leader, outcome="accept", decided_on=D(2025, 3, 5)
    )
    first.refresh_from_db()
    case = case_services.case_decide(
        case=first.case, on=D(2025, 4, 1), outcome="partly", actor=leader, number="12/QĐ-UBND",
        text="Khiếu nại đúng một phần; bồi thường bổ sung.",
    )  # fmt: skip
    case_services.case_execution_record(
        case=case, on=D(2025, 4, 20), actor=leader, money_returned=Decimal("12.5"),
        land_returned=Decimal("40"), restored_persons=1, completed=True,
    )  # fmt: skip
    for pk in CaseDocument.objects.filter(status="pending").values_list("pk", flat=True):
        case_services.case_document_render(document_id=pk)
    ids.append(first.pk)
    again = receive(summary="Khiếu nại lần hai")
    petition_services.petition_decide(
        petition=again, actor=leader, outcome="accept", decided_on=D(2025, 5, 5)
    )
    again.refresh_from_db()
    Case.objects.filter(pk=again.case_id).update(previous=case)  # about the first decision
    ids.append(again.pk)
    # A denunciation accepted: sealed in the vault, named in its texts, resolved.
    sealed = receive(
        "denunciation", domain="corruption",
        summary=f"Tố cáo cán bộ địa chính nhận tiền; người tố cáo {NAME}, ĐT 0987 654 321",
    )  # fmt: skip
    PetitionAttachment.objects.create(
        petition=sealed, title=f"Đơn viết tay của {NAME}",
        file=ContentFile(b"%PDF tay", name="tay.pdf"),
    )  # fmt: skip
    petition_services.petition_decide(
        petition=sealed, actor=leader, outcome="accept", decided_on=D(2025, 3, 5),
        reason=f"Đơn của {NAME} đủ điều kiện thụ lý",
    )  # fmt: skip
    sealed.refresh_from_db()
    case_services.case_decide(
        case=sealed.case, on=D(2025, 4, 2), outcome="den_partly", actor=leader,
        text=f"Kết luận: nội dung bà {NAME} tố cáo đúng một phần.",
    )  # fmt: skip
    ids.append(sealed.pk)
    # A denunciation not accepted (its senders still in the registry): redacted just the same.
    ids.append(receive("denunciation", summary=f"{NAME} tố cáo việc lấn chiếm đất công").pk)
    # A visit chaired by a delegate, a group with a representative, its written petition.
    visit = reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward, received_at=dt.datetime(2025, 3, 10, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            mode="periodic", chaired_by="delegate", channel="in_person", people_count=2,
            petition_type="complaint", domain="admin.land_housing",
            content="Khiếu nại về bồi thường giải phóng mặt bằng", handling="petition_received",
            written_petition=True,
            attendees=reception_services.attendees_of([complainant, second], [second]),
        ),
        actor=receptionist,
    )  # fmt: skip
    ids.append(visit.petition.pk)
    return ids


def test_rows_build_the_per_matter_payloads_byte_for_byte(varied) -> None:
    assert IdentityRecord.objects.filter(petition_id__in=varied).exists(), "one is sealed"
    expected = _reference(varied)

    rows = backfill._chunk(Petition.objects.filter(pk__in=varied).order_by("pk"), 0, 100)
    built = [entry for item in backfill.plan(rows) for entry in item.stages]

    assert [_text(e) for e in built] == [_text(e) for e in expected]
    stages = {e[0] for e in built}
    assert stages == set(Stage.values), "every stage is compared"
    matters = [e[4] for e in built if e[0] == Stage.MATTER]
    # The variety is there: an earlier decision, representatives, a forwarding, redaction.
    assert any(m["CoQuanDaGiaiQuyet"] for m in matters)
    assert any(m["NguoiKNTC"]["SoNguoiDaiDien"] == 1 for m in matters)
    assert any(m["VuViec"]["UyQuyen"] and m["VuViec"]["TiepDinhKy"] for m in matters)
    assert any(m["NguoiKNTC"]["GiuBiMat"] for m in matters)
    assert any(m["NguonDonDen"]["MaCoQuanChuyenDon"] for m in matters)
    assert sum("[đã giữ bí mật]" in json.dumps(m, ensure_ascii=False) for m in matters) == 2
    assert any(e[4].get("MaCoQuanXuLyTiep") for e in built if e[0] == Stage.PROCESSING)


def test_the_backfill_writes_them_with_their_hash_and_no_identity(varied) -> None:
    expected = {(e[0], e[2]): e[4] for e in _reference(varied)}
    SyncRecord.objects.all().delete()
    NationalMatter.objects.all().delete()

    result = backfill.backfill(since=D(2020, 1, 1), size=3)

    records = list(SyncRecord.objects.order_by("pk"))
    assert result.matters == len(varied) == NationalMatter.objects.count()
    assert {(r.stage, r.object_id): r.payload for r in records} == expected
    for record in records:
        assert record.payload_hash == payloads.payload_hash(
            expected[record.stage, record.object_id]
        )
        assert (record.status, record.revision, record.attempts) == ("pending", 1, 0)
    denunciations = [r for r in records if _denunciation(r)]
    assert len(denunciations) == 5  # two matters; the processing, acceptance, resolution of one
    stored = json.dumps([r.payload for r in denunciations], ensure_ascii=False)
    for secret in ("Hương Giang", ID_NUMBER, PHONE, "0987 654 321"):
        assert secret not in stored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backfill_in_parallel_processes_writes_what_the_hooks_did(receive) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the back-fill runs in parallel on PostgreSQL only")
    for i in range(12):
        receive(summary=f"Khiếu nại số {i}", received_on=D(2025, 3, 1 + i))
    expected = {(r.stage, r.object_id): r.payload for r in SyncRecord.objects.all()}
    SyncRecord.objects.all().delete()
    NationalMatter.objects.all().delete()

    result = backfill.backfill(since=D(2020, 1, 1), size=5, jobs=3)

    assert (result.matters, result.records["matter"]) == (12, 12)
    assert result.workers_cpu > 0
    assert NationalMatter.objects.count() == 12
    assert {(r.stage, r.object_id): r.payload for r in SyncRecord.objects.all()} == expected
    # Run again: nothing left to do.
    assert backfill.backfill(since=D(2020, 1, 1), size=5, jobs=3).matters == 0
