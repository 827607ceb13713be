"""End-to-end resolution scenarios; every due date is checked against the deadline engine,
across Tết 2025 (25/01–02/02) and Tết 2026 (14/02–22/02)."""

import datetime as dt

import pytest

from tiepdan.audit.models import AuditEvent
from tiepdan.cases import services
from tiepdan.cases.models import CaseEvent, CaseStatus
from tiepdan.core.errors import DomainError
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord
from tiepdan.workcalendar.selectors import clock_list_for_target, deadline_compute

pytestmark = pytest.mark.django_db
D = dt.date


def clock(case, rule):
    return clock_list_for_target(case).get(rule_code=rule)


def test_first_instance_land_complaint_with_dialogue_complex_and_decision(
    open_case, leader, resolver
):
    case = open_case(received_on=D(2025, 1, 10), accepted_on=D(2025, 1, 16), complexity="complex")
    resolve = clock(case, "complaint.resolve.first")
    # Complex → 45 days from acceptance (Luật KN Art 28).
    assert (
        resolve.due
        == deadline_compute(
            rule_code="complaint.resolve.first", start=D(2025, 1, 16), complexity="complex"
        ).due
        == D(2025, 3, 3)
    )
    services.case_resolver_set(case=case, resolver=resolver, actor=leader)
    services.verification_assign(
        case=case,
        on=D(2025, 1, 17),
        team=["Đỗ Thị Thủy, Tổ trưởng", "Lương Văn Hải, thành viên"],
        content="Giá đất bồi thường",
        actor=resolver,
    )
    services.verification_report(
        case=case,
        on=D(2025, 1, 21),
        findings="Giá đất áp dụng sai vị trí.",
        differs=True,
        actor=resolver,
    )
    case.refresh_from_db()
    assert case.complexity == "complex"
    # The request and the verification differ: no decision without a dialogue (Art 30.1).
    with pytest.raises(DomainError) as err:
        services.case_decide(case=case, on=D(2025, 1, 23), outcome="partly", text="x", actor=leader)
    assert err.value.code == "dialogue_required"
    dialogue = services.dialogue_schedule(
        case=case,
        scheduled_on=D(2025, 1, 22),
        place="Trụ sở UBND phường",
        invited_on=D(2025, 1, 21),
        actor=resolver,
    )
    services.dialogue_record(
        dialogue=dialogue,
        held_on=D(2025, 1, 22),
        attendance=[
            {"name": "Lê Thị Hương Giang", "role": "người khiếu nại", "present": True},
            {"name": "Phòng Kinh tế", "role": "bị khiếu nại", "present": False, "reason": "ốm"},
        ],
        agreed="Vị trí thửa đất",
        actor=resolver,
    )
    services.case_decide(
        case=case,
        on=D(2025, 1, 24),
        outcome="partly",
        text="Tính lại giá bồi thường đất ở.",
        number="25/QĐ-UBND",
        actor=leader,
    )
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.RESOLVED, "partly")
    assert clock(case, "complaint.resolve.first").status == "met"
    # Sending within 3 working days, across Tết 2025 (Luật KN Art 32).
    send = clock(case, "complaint.send_decision")
    assert (
        send.due == deadline_compute(rule_code="complaint.send_decision", start=D(2025, 1, 24)).due
    )
    assert send.due == D(2025, 2, 5)
    assert (
        clock(case, "complaint.decision_effective.first").due
        == deadline_compute(
            rule_code="complaint.decision_effective.first", start=D(2025, 1, 24)
        ).due
    )
    services.case_send(case=case, on=D(2025, 2, 4), actor=resolver)
    services.case_execution_record(
        case=case, on=D(2025, 3, 10), actor=resolver, land_returned=120, money_returned=35
    )
    case.refresh_from_db()
    assert (case.land_returned, case.money_returned) == (120, 35)
    assert clock(case, "complaint.send_decision").status == "met"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[0] == "verification_assigned"
    assert {
        "resolver_set",
        "dialogue_scheduled",
        "dialogue_held",
        "decided",
        "sent",
        "execution",
    } <= set(kinds)
    codes = set(case.documents.values_list("code", flat=True))
    assert codes == {
        "case.verification_assignment",
        "case.dialogue_invitation",
        "case.dialogue_minutes",
        "case.complaint_decision",
    }
    assert AuditEvent.objects.filter(action="case.decided", target_id=str(case.pk)).exists()


def test_second_instance_complaint_requires_dialogue_and_links_the_first(
    open_case, leader, complainant
):
    first = open_case(received_on=D(2025, 12, 1), accepted_on=D(2025, 12, 5))
    services.verification_assign(
        case=first, on=D(2025, 12, 8), team=["A, tổ trưởng", "B"], content="x", actor=leader
    )
    services.verification_report(
        case=first, on=D(2025, 12, 9), findings="y", differs=False, actor=leader
    )
    services.case_decide(
        case=first, on=D(2025, 12, 10), outcome="wrong", text="Bác đơn.", actor=leader
    )
    second = open_case(
        received_on=D(2026, 7, 6), accepted_on=D(2026, 7, 10), prior_resolution="first"
    )
    assert second.kind == "complaint_second"
    assert (
        clock(second, "complaint.resolve.second").due
        == deadline_compute(rule_code="complaint.resolve.second", start=D(2026, 7, 10)).due
    )
    services.case_follow_up_link(case=second, previous=first, actor=leader)
    services.verification_assign(
        case=second, on=D(2026, 7, 13), team=["A, tổ trưởng", "B"], content="x", actor=leader
    )
    services.verification_report(
        case=second, on=D(2026, 7, 14), findings="y", differs=False, actor=leader
    )
    # Second instance: dialogue always (Luật KN Art 39), invitation ≥ 5 days before (2026 rule).
    with pytest.raises(DomainError) as err:
        services.case_decide(
            case=second, on=D(2026, 7, 15), outcome="uphold", text="x", actor=leader
        )
    assert err.value.code == "dialogue_required"
    with pytest.raises(DomainError) as err:
        services.dialogue_schedule(
            case=second,
            scheduled_on=D(2026, 7, 20),
            place="UBND",
            invited_on=D(2026, 7, 17),
            actor=leader,
        )
    assert "15/07/2026" in err.value.message
    dialogue = services.dialogue_schedule(
        case=second,
        scheduled_on=D(2026, 7, 20),
        place="UBND",
        invited_on=D(2026, 7, 15),
        actor=leader,
    )
    services.dialogue_record(
        dialogue=dialogue,
        held_on=D(2026, 7, 20),
        attendance=[{"name": "X", "present": True}],
        actor=leader,
    )
    with pytest.raises(DomainError):  # a first-instance outcome is not a second-instance one
        services.case_decide(
            case=second, on=D(2026, 7, 21), outcome="right", text="x", actor=leader
        )
    services.case_decide(
        case=second, on=D(2026, 7, 21), outcome="uphold", text="Công nhận.", actor=leader
    )
    second.refresh_from_db()
    assert second.previous == first
    assert (
        clock(second, "complaint.send_decision.second").due
        == deadline_compute(rule_code="complaint.send_decision.second", start=D(2026, 7, 21)).due
    )


def test_very_complex_denunciation_two_extensions_suspension_across_tet_2026(
    open_case, leader, resolver, complainant, render_documents
):
    case = open_case(
        petition_type="denunciation",
        received_on=D(2025, 12, 29),
        accepted_on=D(2026, 1, 5),
        complexity="very_complex",
        senders=[complainant],
        summary="Lê Thị Hương Giang tố cáo cán bộ địa chính nhận tiền",
    )
    notify = clock(case, "denunciation.notify_acceptance")
    assert (
        notify.due
        == deadline_compute(rule_code="denunciation.notify_acceptance", start=D(2026, 1, 5)).due
    )
    services.case_suspend(
        case=case, on=D(2026, 1, 10), reason="Chờ kết quả giám định", actor=leader
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    # Sealed at the first step: the case summary is the redacted working copy.
    assert "Hương Giang" not in case.summary
    assert IdentityRecord.objects.filter(case=case).count() == 1
    with pytest.raises(DomainError):
        services.case_extend(case=case, on=D(2026, 1, 12), reason="x", actor=leader)
    services.case_resume(case=case, on=D(2026, 1, 20), actor=leader)
    services.case_extend(case=case, on=D(2026, 2, 2), reason="Nhiều nội dung", actor=leader)
    services.case_extend(case=case, on=D(2026, 3, 2), reason="Nhiều địa điểm", actor=leader)
    with pytest.raises(DomainError) as err:
        services.case_extend(case=case, on=D(2026, 3, 3), reason="Thêm", actor=leader)
    assert err.value.code == "option_not_allowed"
    resolve = clock(case, "denunciation.resolve")
    assert resolve.extensions == 2
    assert (
        resolve.due
        == deadline_compute(
            rule_code="denunciation.resolve",
            start=D(2026, 1, 5),
            complexity="very_complex",
            extensions=2,
            paused=[(D(2026, 1, 10), D(2026, 1, 20))],
        ).due
    )
    services.verification_assign(
        case=case, on=D(2026, 1, 21), team=["A, tổ trưởng", "B"], content="x", actor=leader
    )
    services.verification_report(
        case=case, on=D(2026, 2, 10), findings="y", differs=False, actor=leader
    )
    services.case_decide(
        case=case, on=D(2026, 2, 12), outcome="den_partly", text="Kiểm điểm.", actor=leader
    )
    for rule in ("denunciation.handle_conclusion", "denunciation.publish"):
        due = clock(case, rule).due
        assert due == deadline_compute(rule_code=rule, start=D(2026, 2, 12)).due
        assert due > D(2026, 2, 22)  # Tết 2026 is skipped
    services.case_publish(case=case, on=D(2026, 2, 24), channel="Niêm yết tại trụ sở", actor=leader)
    assert clock(case, "denunciation.publish").status == "met"
    # Every decision of the case is issued; none names the denouncer.
    import zipfile

    codes = sorted(case.documents.values_list("code", flat=True))
    render_documents()
    assert not case.documents.exclude(status="ready").exists()
    assert codes == [
        "case.denunciation_conclusion",
        "case.extension_decision",
        "case.extension_decision",
        "case.resumption_decision",
        "case.suspension_decision",
        "case.verification_assignment",
    ]
    for doc in case.documents.all():
        with zipfile.ZipFile(doc.file.open("rb")) as z:
            xml = z.read("word/document.xml").decode()
        assert "Hương Giang" not in xml, doc.code
        assert "038190012345" not in xml, doc.code
        if doc.code != "case.verification_assignment":
            assert "giữ bí mật" in xml, doc.code
    second = case.documents.filter(code="case.extension_decision").order_by("pk").last()
    with zipfile.ZipFile(second.file.open("rb")) as z:
        xml = z.read("word/document.xml").decode()
    # The new due date, written out ("ngày 16 tháng 4 năm 2026"), is in the decision.
    assert f"tháng {resolve.due.month} năm {resolve.due.year}" in xml


def test_full_withdrawal_ends_a_complaint_and_stops_its_clock(open_case, leader):
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    services.case_withdraw(
        case=case, on=D(2025, 1, 23), full=False, content="Rút nội dung 2", actor=leader
    )
    case.refresh_from_db()
    assert (case.status, case.withdrawal) == (CaseStatus.ACCEPTED, "partial")
    services.case_withdraw(case=case, on=D(2025, 2, 3), full=True, content="Đơn rút", actor=leader)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.withdrawal) == ("closed", "withdrawn", "full")
    resolve = clock(case, "complaint.resolve.first")
    assert resolve.status == "met"
    assert resolve.met_on == D(2025, 2, 3)
    assert (
        resolve.due
        == deadline_compute(rule_code="complaint.resolve.first", start=D(2025, 1, 22)).due
    )
    assert CaseEvent.objects.filter(case=case, kind="withdrawn").count() == 2


def test_withdrawn_denunciation_with_signs_of_violation_continues(open_case, leader, complainant):
    case = open_case(
        petition_type="denunciation",
        received_on=D(2025, 3, 3),
        accepted_on=D(2025, 3, 5),
        senders=[complainant],
    )
    services.case_withdraw(
        case=case, on=D(2025, 3, 6), full=True, content="Rút", signs_of_violation=True, actor=leader
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_bad_input_is_refused_and_nothing_is_half_saved(open_case, leader):
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    with pytest.raises(DomainError) as err:
        services.verification_assign(
            case=case, on=D(2025, 1, 23), team=["Một người"], content="x", actor=leader
        )
    assert "ít nhất 2 người" in err.value.message
    case.refresh_from_db()
    assert case.verification_assigned_on is None
    assert not case.events.exists()
    assert not case.documents.exists()


def test_identity_reveal_grant_and_audit(open_case, leader, resolver, processor, complainant):
    case = open_case(
        petition_type="denunciation",
        received_on=D(2025, 3, 3),
        accepted_on=D(2025, 3, 5),
        senders=[complainant],
    )
    services.case_resolver_set(case=case, resolver=resolver, actor=leader)
    case.refresh_from_db()
    record = IdentityRecord.objects.get(case=case)
    assert b"Giang" not in bytes(record.full_name_enc)
    with pytest.raises(DomainError):
        vault.identity_reveal(case=case, user=processor, reason="cần xác minh")
    with pytest.raises(DomainError):
        vault.identity_reveal(case=case, user=resolver, reason="")
    people = vault.identity_reveal(case=case, user=resolver, reason="Đối chiếu chữ ký")
    assert people[0].full_name == "Lê Thị Hương Giang"
    event = AuditEvent.objects.get(action="identity.revealed")
    assert event.actor == resolver
    assert event.data["reason"] == "Đối chiếu chữ ký"
    assert "Giang" not in str(event.data)
    assert "038190012345" not in str(event.data)
    vault.identity_grant(case=case, user=processor, granted_by=resolver, reason="Thư ký tổ")
    assert vault.identity_reveal(case=case, user=processor, reason="Lập biên bản")[0].phone
    vault.identity_waive(record=record, actor=resolver, on=D(2025, 3, 6), note="Biên bản ngày 06/3")
    record.refresh_from_db()
    assert record.waived_on == D(2025, 3, 6)


def test_complaint_suspension_exists_only_from_1_july_2026(
    open_case, leader, django_capture_on_commit_callbacks
):
    before = open_case(received_on=D(2026, 6, 1), accepted_on=D(2026, 6, 8))
    with pytest.raises(DomainError) as err:
        services.case_suspend(case=before, on=D(2026, 6, 15), reason="Chờ giám định", actor=leader)
    assert err.value.code == "option_not_allowed"
    assert CaseEvent.objects.filter(case=before, kind="suspended").count() == 0

    after = open_case(received_on=D(2026, 8, 3), accepted_on=D(2026, 8, 10))
    with django_capture_on_commit_callbacks(execute=True):
        services.case_suspend(case=after, on=D(2026, 8, 17), reason="Chờ giám định", actor=leader)
    after.refresh_from_db()
    assert after.status == CaseStatus.SUSPENDED
    assert clock(after, "complaint.suspension_notice").status == "running"
    document = after.documents.get(code="case.suspension_decision")
    import zipfile

    with zipfile.ZipFile(document.file.open("rb")) as z:
        xml = z.read("word/document.xml").decode()
    assert "155/2026" in xml  # the version in force on its date cites the amending decree
