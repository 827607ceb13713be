"""Case steps through the page: sealed scans, directives (superior's and leader's reception
directions) tracked to completion, tố cáo tiếp / second complaint linking, reclassification
of complexity, and a proposal answered."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tiepdan.audit.models import AuditEvent
from tiepdan.cases import services
from tiepdan.cases.models import Case, CaseEvent, CaseStatus, Directive
from tiepdan.cases.tests.conftest import SCAN_BYTES
from tiepdan.core.errors import DomainError
from tiepdan.petitions.models import PetitionAttachment
from tiepdan.reception.constants import DirectionStatus
from tiepdan.vault import vault
from tiepdan.vault.models import SealedFile
from tiepdan.workcalendar import engine
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.models import Clock
from tiepdan.workcalendar.rules import rule_catalogue

pytestmark = pytest.mark.django_db
D = dt.date


def _client(user, unit=None) -> Client:
    client = Client()
    client.force_login(user)
    if unit is not None:
        client.post("/units/switch/", {"unit": unit.pk})
    return client


# --------------------------------------------------------------------------- sealed scans


def _scan(case: Case) -> SealedFile:
    """The handwritten petition's sealed copy (the acceptance notice addressed to the
    denouncer is sealed too)."""
    attachment = PetitionAttachment.objects.get(title="Đơn viết tay")
    return SealedFile.objects.get(identity__case=case, source_attachment_id=attachment.pk)


def test_resolver_downloads_a_sealed_scan_with_an_audited_reason(denunciation, leader, ward):
    sealed = _scan(denunciation)
    client = _client(leader, ward)
    page = client.post(f"/cases/{denunciation.pk}/identity/", {"reason": "Xác minh chữ ký"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/cases/{denunciation.pk}/identity/files/{sealed.pk}/" in html
    assert "Đơn viết tay" in html

    response = client.post(
        f"/cases/{denunciation.pk}/identity/files/{sealed.pk}/", {"reason": "Xác minh chữ ký"}
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN_BYTES
    assert response["Cache-Control"] == "no-store"
    assert ".pdf" in response["Content-Disposition"]  # named after its content
    row = AuditEvent.objects.get(action=vault.IDENTITY_FILE_REVEALED)
    assert row.data["file"] == sealed.pk
    assert row.data["reason"] == "Xác minh chữ ký"
    assert "Nguyễn" not in str(row.data)


def test_a_sealed_scan_needs_a_reason(denunciation, leader, ward):
    sealed = _scan(denunciation)
    response = _client(leader, ward).post(
        f"/cases/{denunciation.pk}/identity/files/{sealed.pk}/", {"reason": ""}
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=vault.IDENTITY_FILE_REVEALED).exists()


def test_a_sealed_scan_of_another_case_is_not_found(denunciation, open_case, leader, ward):
    other = open_case(received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 5))
    sealed = _scan(denunciation)
    response = _client(leader, ward).post(
        f"/cases/{other.pk}/identity/files/{sealed.pk}/", {"reason": "Xác minh chữ ký"}
    )
    assert response.status_code == 404


# --------------------------------------------------------------------------- directives


def test_a_reception_direction_is_linked_and_done_from_the_case_page(
    leader_direction, leader, ward
):
    case, direction = leader_direction
    client = _client(leader, ward)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Gắn chỉ đạo tại buổi tiếp công dân" in page
    assert "Kiểm tra lại hồ sơ thu hồi đất" in page
    assert "Hoàn thành chỉ đạo" not in page  # nothing to complete yet

    response = client.post(
        f"/cases/{case.pk}/steps/direction/",
        {"direction-direction": direction.pk, "direction-issued_on": "2025-03-07"},
    )
    assert response.status_code == 302, response.content.decode()
    directive = Directive.objects.get(case=case)
    assert (directive.source, directive.due_on) == (Directive.Source.RECEPTION, D(2025, 3, 20))
    assert directive.text == "Kiểm tra lại hồ sơ thu hồi đất"

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Gắn chỉ đạo tại buổi tiếp công dân" not in page  # nothing left to link
    listing = client.get("/cases/directives/").content.decode()
    assert "Kiểm tra lại hồ sơ thu hồi đất" in listing

    response = client.post(
        f"/cases/{case.pk}/steps/directive-done/",
        {
            "directive-done-directive": directive.pk,
            "directive-done-on": "2025-03-25",
            "directive-done-result": "Đã kiểm tra, hồ sơ đầy đủ",
        },
    )
    assert response.status_code == 302
    directive.refresh_from_db()
    direction.refresh_from_db()
    assert directive.done_on == D(2025, 3, 25)
    assert direction.status == DirectionStatus.DONE  # closed on the reception side too
    event = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.DIRECTIVE_DONE)
    assert event.data["late"] is True
    assert "Kiểm tra lại hồ sơ" not in client.get("/cases/directives/").content.decode()


def test_a_direction_is_linked_once(leader_direction, leader):
    case, direction = leader_direction
    kwargs = {"case": case, "source": "reception", "text": "", "issued_on": D(2025, 3, 7)}
    services.directive_add(direction=direction, due_on=None, actor=leader, **kwargs)
    with pytest.raises(DomainError):
        services.directive_add(direction=direction, due_on=None, actor=leader, **kwargs)


def test_superior_directive_overdue_listing(open_case, leader, ward):
    case = open_case(received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 5))
    client = _client(leader, ward)
    response = client.post(
        f"/cases/{case.pk}/steps/directive/",
        {
            "directive-issued_on": "2025-03-10",
            "directive-due_on": "2025-03-31",
            "directive-reference": "Công văn 125/UBND-TCD",
            "directive-issuer": "UBND tỉnh",
            "directive-text": "Báo cáo kết quả giải quyết trước ngày 31/3",
        },
    )
    assert response.status_code == 302
    overdue = client.get("/cases/directives/?overdue=1").content.decode()
    assert "Công văn 125/UBND-TCD" in overdue  # 31/3/2025 is long past
    bad = client.post(
        f"/cases/{case.pk}/steps/directive/",
        {
            "directive-issued_on": "2025-03-10",
            "directive-due_on": "2025-03-01",
            "directive-text": "Hạn trước ngày chỉ đạo",
        },
    )
    assert bad.status_code == 400
    assert "Hạn hoàn thành trước ngày chỉ đạo." in bad.content.decode()
    assert Directive.objects.filter(case=case).count() == 1


def test_directive_list_queries_do_not_grow(open_case, leader, ward, django_assert_num_queries):
    for day in range(3):
        case = open_case(received_on=D(2025, 3, 3 + day), accepted_on=D(2025, 3, 10 + day))
        services.directive_add(
            case=case,
            source="superior",
            text=f"Chỉ đạo {day}",
            issued_on=D(2025, 3, 12),
            due_on=D(2025, 4, 1),
            actor=leader,
        )
    client = _client(leader, ward)
    with CaptureQueriesContext(connection) as first:
        client.get("/cases/directives/")
    case = open_case(received_on=D(2025, 3, 7), accepted_on=D(2025, 3, 14))
    services.directive_add(
        case=case,
        source="superior",
        text="Thêm",
        issued_on=D(2025, 3, 14),
        due_on=D(2025, 4, 1),
        actor=leader,
    )
    with django_assert_num_queries(len(first.captured_queries)):
        assert "Thêm" in client.get("/cases/directives/").content.decode()


# --------------------------------------------------------------------------- follow-up


def test_follow_up_denunciation_links_through_the_page(denunciation, open_case, leader, ward):
    later = open_case(
        petition_type="denunciation",
        received_on=D(2025, 6, 2),
        accepted_on=D(2025, 6, 4),
        summary="Tố cáo tiếp: kết luận chưa xem xét chứng từ",
    )
    client = _client(leader, ward)
    assert "Gắn với vụ việc trước" in client.get(f"/cases/{later.pk}/").content.decode()
    missing = client.post(f"/cases/{later.pk}/steps/follow-up/", {"follow-up-previous": 999999})
    assert missing.status_code == 400
    assert "Không tìm thấy vụ việc" in missing.content.decode()
    response = client.post(
        f"/cases/{later.pk}/steps/follow-up/", {"follow-up-previous": denunciation.pk}
    )
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.previous_id == denunciation.pk
    clock = calendar_selectors.clock_list_for_target(later).get(
        rule_code="denunciation.further_review"
    )
    assert clock.start == D(2025, 6, 4)
    assert "Gắn với vụ việc trước" not in client.get(f"/cases/{later.pk}/").content.decode()


# --------------------------------------------------------------------------- reclassify


def test_reclassify_recomputes_the_resolution_period_from_acceptance(open_case, leader, ward):
    case = open_case(received_on=D(2025, 1, 6), accepted_on=D(2025, 1, 8))
    clock = calendar_selectors.clock_list_for_target(case).get(rule_code="complaint.resolve.first")
    response = _client(leader, ward).post(
        f"/cases/{case.pk}/steps/reclassify/",
        {
            "reclassify-on": "2025-02-10",
            "reclassify-complexity": "complex",
            "reclassify-reason": "Nhiều hộ liên quan, phải trưng cầu đo đạc",
        },
    )
    assert response.status_code == 302, response.content.decode()
    clock.refresh_from_db()
    rule = rule_catalogue().get("complaint.resolve.first", D(2025, 1, 8))
    expected = engine.compute_deadline(
        rule, D(2025, 1, 8), calendar_selectors.working_calendar(), complexity="complex"
    ).due
    normal = engine.compute_deadline(
        rule, D(2025, 1, 8), calendar_selectors.working_calendar(), complexity="normal"
    ).due
    assert (clock.complexity, clock.due) == ("complex", expected)
    assert expected > normal  # 45 days, not 30
    case.refresh_from_db()
    assert case.complexity == "complex"
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.RECLASSIFIED).exists()
    assert AuditEvent.objects.filter(action="clock.reclassified").exists()


def test_reclassify_refuses_fewer_extensions_than_granted(denunciation, leader):
    services.case_reclassify(
        case=denunciation,
        on=D(2025, 4, 1),
        complexity="very_complex",
        reason="Nhiều nội dung, nhiều người bị tố cáo",
        actor=leader,
    )
    event = CaseEvent.objects.get(case=denunciation, kind=CaseEvent.Kind.RECLASSIFIED)
    assert "được gia hạn tối đa 2 lần" in event.summary  # the 30-day period itself stays
    services.case_extend(case=denunciation, on=D(2025, 4, 20), reason="Phức tạp", actor=leader)
    services.case_extend(case=denunciation, on=D(2025, 5, 5), reason="Phức tạp", actor=leader)
    with pytest.raises(DomainError):
        services.case_reclassify(
            case=denunciation,
            on=D(2025, 5, 6),
            complexity="normal",
            reason="Nhầm lẫn",
            actor=leader,
        )
    clock = calendar_selectors.clock_list_for_target(denunciation).get(
        rule_code="denunciation.resolve"
    )
    assert (clock.complexity, clock.extensions, clock.status) == (
        "very_complex",
        2,
        Clock.Status.RUNNING,
    )


def test_reclassify_needs_a_reason_and_a_change(open_case, leader, ward):
    case = open_case(received_on=D(2025, 1, 6), accepted_on=D(2025, 1, 8))
    client = _client(leader, ward)
    same = client.post(
        f"/cases/{case.pk}/steps/reclassify/",
        {
            "reclassify-on": "2025-02-10",
            "reclassify-complexity": "normal",
            "reclassify-reason": "x",
        },
    )
    assert same.status_code == 400
    assert "Mức độ phức tạp không thay đổi." in same.content.decode()
    assert not CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.RECLASSIFIED).exists()


# --------------------------------------------------------------------------- proposals


def test_a_proposal_is_answered_through_the_page(open_case, leader, ward):
    case = open_case(
        petition_type="proposal",
        received_on=D(2025, 3, 3),
        accepted_on=D(2025, 3, 5),
        summary="Kiến nghị lắp đèn chiếu sáng ngõ 12",
    )
    client = _client(leader, ward)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Đã trả lời kiến nghị, phản ánh" in page  # the only outcome offered
    assert "Khiếu nại đúng" not in page
    response = client.post(
        f"/cases/{case.pk}/steps/decide/",
        {
            "decide-on": "2025-03-20",
            "decide-outcome": "answered",
            "decide-text": "Đã đưa vào kế hoạch chiếu sáng quý II",
        },
    )
    assert response.status_code == 302, response.content.decode()
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.outcome) in {
        (CaseStatus.RESOLVED, "answered"),
        (CaseStatus.CLOSED, "answered"),
    }
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.ANSWERED).exists()


# --------------------------------------------------------------------------- working copy


def test_resolver_files_a_masked_working_copy_for_the_team(denunciation, leader, ward, viewer):
    client = _client(leader, ward)
    masked = SimpleUploadedFile("don-che.pdf", b"%PDF-1.4 masked", content_type="application/pdf")
    response = client.post(
        f"/cases/{denunciation.pk}/identity/working-copy/",
        {"title": "Đơn tố cáo (đã che)", "file": masked},
    )
    assert response.status_code == 302
    document = denunciation.documents.get(code=vault.WORKING_COPY_CODE)
    assert document.title == "Bản sao che thông tin người tố cáo: Đơn tố cáo (đã che)"
    assert CaseEvent.objects.filter(case=denunciation, kind="working_copy").exists()
    # An officer of the unit who may not see the denouncer downloads the working copy.
    download = _client(viewer, ward).get(f"/cases/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 masked"


def test_working_copy_refuses_a_file_that_is_not_a_scan(denunciation, leader, ward, viewer):
    client = _client(leader, ward)
    fake = SimpleUploadedFile("don.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(
        f"/cases/{denunciation.pk}/identity/working-copy/", {"title": "Đơn", "file": fake}
    )
    assert response.status_code == 400
    assert "Nội dung tệp không đúng định dạng PDF." in response.content.decode()
    masked = SimpleUploadedFile("don.pdf", b"%PDF-1.4 masked", content_type="application/pdf")
    refused = _client(viewer, ward).post(
        f"/cases/{denunciation.pk}/identity/working-copy/", {"title": "Đơn", "file": masked}
    )
    assert refused.status_code == 403
    assert not denunciation.documents.filter(code=vault.WORKING_COPY_CODE).exists()


def test_extension_is_not_offered_once_used_up(denunciation, leader, ward):
    client = _client(leader, ward)
    assert 'id="step-extend"' not in client.get(f"/cases/{denunciation.pk}/").content.decode()
    services.case_reclassify(
        case=denunciation, on=D(2025, 3, 10), complexity="complex", reason="Phức tạp", actor=leader
    )
    assert 'id="step-extend"' in client.get(f"/cases/{denunciation.pk}/").content.decode()
    services.case_extend(case=denunciation, on=D(2025, 3, 20), reason="Phức tạp", actor=leader)
    assert 'id="step-extend"' not in client.get(f"/cases/{denunciation.pk}/").content.decode()
