import datetime as dt
import io

import pytest
from django.test import Client
from docx import Document

from tiepdan.core.errors import DomainError
from tiepdan.documents import services as document_services
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition, Transfer

pytestmark = pytest.mark.django_db


def text_of(attachment) -> str:
    with attachment.file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(parts)


def test_acceptance_issues_the_notice_with_the_resolution_deadline(
    receive, leader: User, django_capture_on_commit_callbacks
) -> None:
    petition = receive()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 1, 22)
        )
    notice = petition.attachments.get()
    text = text_of(notice)
    assert "Nguyễn Văn An" in text
    assert "thụ lý" in text.lower()
    assert "Nguyễn Văn Trường" in text


def test_denunciation_transfer_slip_carries_no_identity(
    receive, leader: User, department: Unit, django_capture_on_commit_callbacks
) -> None:
    petition = receive(petition_type="denunciation")
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome="transfer",
            decided_on=dt.date(2025, 1, 22),
            to_unit=department,
        )
    text = text_of(petition.attachments.get())
    assert "Sở Nông nghiệp và Môi trường" in text
    for secret in ("Nguyễn Văn An", "038085012345", "0912345678"):
        assert secret not in text


@pytest.mark.parametrize("outcome", ["transfer", "urge"])
def test_a_document_sent_elsewhere_masks_a_denouncer_named_in_the_texts(
    receive,
    leader: User,
    department: Unit,
    police: Unit,
    django_capture_on_commit_callbacks,
    outcome: str,
) -> None:
    """The summary and the reason as typed before acceptance may name the denouncer: the slip
    or reminder that goes to another body masks them; the notice to the sender does not need
    to (it is addressed to them by name)."""
    petition = receive(
        petition_type="denunciation",
        summary="Tôi là Nguyễn Văn An, CCCD 038085012345, tố cáo cán bộ địa chính",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome=outcome,
            decided_on=dt.date(2025, 1, 22),
            to_unit=department if outcome == "transfer" else police,
            reason="Ông Nguyễn Văn An, điện thoại 0912345678, đề nghị chuyển",
        )
    text = text_of(petition.attachments.get())
    assert "tố cáo cán bộ địa chính" in text
    assert "đề nghị chuyển" in text
    for secret in ("Nguyễn Văn An", "038085012345", "0912345678"):
        assert secret not in text


def test_a_failed_render_keeps_the_decision_and_a_retry_renders_it(
    receive,
    leader: User,
    ward: Unit,
    department: Unit,
    monkeypatch,
    django_capture_on_commit_callbacks,
) -> None:
    petition = receive()
    render = document_services.document_render

    def broken(**kwargs):
        raise DomainError("Không tạo được văn bản: mẫu có lỗi cú pháp.", code="render_failed")

    monkeypatch.setattr(document_services, "document_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome="transfer",
            decided_on=dt.date(2025, 1, 22),
            to_unit=department,
        )
    petition = Petition.objects.get(pk=petition.pk)
    assert (petition.outcome, petition.status) == ("transfer", "transferred")
    assert Transfer.objects.count() == 1
    slip = petition.attachments.get()
    assert (slip.status, bool(slip.file)) == ("failed", False)
    assert "mẫu có lỗi cú pháp" in slip.error

    client = Client()
    client.force_login(leader)
    client.post("/units/switch/", {"unit": ward.pk})
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert "lỗi khi tạo" in page
    assert f"/petitions/attachments/{slip.pk}/retry/" in page

    monkeypatch.setattr(document_services, "document_render", render)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/petitions/attachments/{slip.pk}/retry/").status_code == 302
    slip.refresh_from_db()
    assert (slip.status, slip.error) == ("ready", "")
    assert "Sở Nông nghiệp và Môi trường" in text_of(slip)
    assert client.get(f"/petitions/attachments/{slip.pk}/").status_code == 200


def test_a_document_missing_what_it_must_name_refuses_the_decision(receive, leader: User) -> None:
    petition = receive()
    with pytest.raises(DomainError):
        services.petition_decide(
            petition=petition, actor=leader, outcome="guide", decided_on=dt.date(2025, 1, 22)
        )
    petition = Petition.objects.get(pk=petition.pk)
    assert (petition.outcome, petition.status) == ("", "received")
    assert not petition.attachments.exists()


def test_proposal_slip_download(client: Client, receive, processor: User) -> None:
    petition = receive()
    petition.eligibility = "eligible"
    petition.save()
    services.petition_propose(
        petition=petition, actor=processor, outcome="accept", note="Đủ điều kiện thụ lý"
    )
    client.force_login(processor)
    response = client.get(f"/petitions/{petition.pk}/proposal.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Đủ điều kiện thụ lý" in text
    # The slip names the sender: the download is audited (Luật 91/2025).
    from tiepdan.audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="personal_data.exported").latest("pk")
    assert (event.data["what"], event.actor) == ("petition.proposal", processor)
