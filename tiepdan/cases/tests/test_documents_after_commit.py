"""A step's document is rendered once the step commits: a failed render keeps the step, shows
the document as failed on the case page, and a retry renders it."""

import datetime as dt
import io

import pytest
from django.test import Client
from docx import Document

from tiepdan.cases import services
from tiepdan.cases.models import Case, CaseDocument
from tiepdan.core.errors import DomainError
from tiepdan.documents import services as document_services

pytestmark = pytest.mark.django_db
D = dt.date


def _assign(case: Case, leader) -> Case:
    return services.verification_assign(
        case=case,
        on=D(2025, 1, 23),
        team=["Đỗ Thị Thủy, tổ trưởng", "Lương Văn Hải"],
        content="Giá đất bồi thường",
        actor=leader,
    )


def _text(document: CaseDocument) -> str:
    with document.file.open("rb") as handle:
        return "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)


def test_the_document_is_pending_until_the_step_commits(
    open_case, leader, django_capture_on_commit_callbacks
) -> None:
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _assign(case, leader)
        document = case.documents.get()
        assert (document.status, bool(document.file)) == ("pending", False)
    assert case.events.get(kind="verification_assigned").document == document
    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.status == "ready"
    assert "Giá đất bồi thường" in _text(document)
    # The event still points to the same row, now with its file.
    assert case.events.get(kind="verification_assigned").document_id == document.pk


def test_a_failed_render_keeps_the_step_and_a_retry_renders_it(
    open_case, leader, ward, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    case = open_case(received_on=D(2025, 1, 20), accepted_on=D(2025, 1, 22))
    render = document_services.document_render

    def broken(**kwargs):
        raise DomainError("Không tạo được văn bản: mẫu có lỗi cú pháp.", code="render_failed")

    monkeypatch.setattr(document_services, "document_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        _assign(case, leader)
    case.refresh_from_db()
    assert case.verification_assigned_on == D(2025, 1, 23)  # the step stays recorded
    document = case.documents.get()
    assert (document.status, bool(document.file)) == ("failed", False)
    assert "mẫu có lỗi cú pháp" in document.error

    client = Client()
    client.force_login(leader)
    client.post("/units/switch/", {"unit": ward.pk})
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "lỗi khi tạo" in page
    assert f"/cases/documents/{document.pk}/retry/" in page
    assert client.get(f"/cases/documents/{document.pk}/").status_code == 404

    monkeypatch.setattr(document_services, "document_render", render)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cases/documents/{document.pk}/retry/")
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.error) == ("ready", "")
    assert "Giá đất bồi thường" in _text(document)
    assert client.get(f"/cases/documents/{document.pk}/").status_code == 200
    # A rendered document is not rendered again.
    assert services.case_document_render(document_id=document.pk) is False
