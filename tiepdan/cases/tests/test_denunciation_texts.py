"""What officers type about a sealed denunciation (minutes, findings, the conclusion) never
carries the denouncer: stored masked, kept as typed in the vault, printed masked."""

import datetime as dt
import json
import zipfile

import pytest

from tiepdan.cases import services
from tiepdan.cases.models import CaseDocument, CaseEvent
from tiepdan.matters.models import Matter
from tiepdan.vault.crypto import decrypt
from tiepdan.vault.models import SealedText

pytestmark = pytest.mark.django_db
D = dt.date
SECRETS = ("Hương Giang", "038190012345", "0987654321")


def _steps(case, leader) -> None:
    services.verification_assign(
        case=case,
        on=D(2025, 3, 10),
        team=["Trần Văn Xuân, tổ trưởng", "Lê Văn Hạ"],
        content="Xác minh lời bà Lê Thị Hương Giang (CCCD 038190012345) về việc cấp giấy",
        actor=leader,
    )
    services.verification_minutes_add(
        case=case,
        on=D(2025, 3, 20),
        summary="Làm việc với bà Lê Thị Hương Giang, điện thoại 0987654321",
        actor=leader,
    )
    services.verification_report(
        case=case,
        on=D(2025, 4, 10),
        findings="Bà Lê Thị Hương Giang tố cáo đúng việc nhận tiền",
        differs=False,
        actor=leader,
    )
    services.case_decide(
        case=case,
        on=D(2025, 4, 12),
        outcome="den_partly",
        text="Nội dung bà Lê Thị Hương Giang tố cáo là đúng một phần",
        actor=leader,
    )


def test_a_denouncer_named_in_the_texts_is_masked_stored_sealed_and_printed_masked(
    denunciation, leader, render_documents
) -> None:
    _steps(denunciation, leader)
    case = Matter.objects.get(pk=denunciation.pk)
    stored = [case.verification_findings, case.decision_text]
    stored += list(CaseEvent.objects.filter(case=case).values_list("summary", flat=True))
    stored += [
        json.dumps(c, ensure_ascii=False)
        for c in CaseDocument.objects.values_list("context", flat=True)
    ]
    assert "tố cáo đúng việc nhận tiền" in case.verification_findings
    assert "tố cáo là đúng một phần" in case.decision_text
    for text in stored:
        for secret in SECRETS:
            assert secret not in text, text
    typed = {
        row.field: decrypt(row.text_enc).decode()
        for row in SealedText.objects.filter(object_id=case.pk, target="matters.matter")
    }
    assert typed["verification_findings"] == "Bà Lê Thị Hương Giang tố cáo đúng việc nhận tiền"
    assert typed["decision_text"] == "Nội dung bà Lê Thị Hương Giang tố cáo là đúng một phần"
    render_documents()
    printed = {}
    for document in case.documents.all():
        with zipfile.ZipFile(document.file.open("rb")) as docx:
            printed[document.code] = docx.read("word/document.xml").decode()
    assert set(printed) == {"case.verification_assignment", "case.denunciation_conclusion"}
    assert "về việc cấp giấy" in printed["case.verification_assignment"]
    for code, xml in printed.items():
        for secret in SECRETS:
            assert secret not in xml, code


def test_a_complaint_keeps_its_texts_as_typed(open_case, leader, complainant) -> None:
    case = open_case(received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 5))
    services.verification_minutes_add(
        case=case, on=D(2025, 3, 20), summary="Đối thoại với bà Lê Thị Hương Giang", actor=leader
    )
    event = CaseEvent.objects.get(case=case, kind="verification_minutes")
    assert event.summary == "Đối thoại với bà Lê Thị Hương Giang"
