"""The subject-access answer as a PDF a citizen can be handed: the same content as the JSON
export, in Vietnamese, sealed items left out, audited like the JSON."""

import json
import subprocess
import unicodedata

import pytest
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.privacy import constants
from tiepdan.privacy.tests.test_privacy import ID_NUMBER, NAME, PHONE, person, records

pytestmark = pytest.mark.django_db
__all__ = ["person", "records"]  # the fixtures, shared with the JSON export's tests

# Codes and dates the PDF writes as words and dd/mm/yyyy (checked one by one below).
SHOWN_OTHERWISE = {
    "petition_type",
    "kind",
    "status",
    "gender",
    "date_of_birth",
    "registered_on",
    "received_at",
    "received_on",
    "opened_on",
    "valid_from",
}


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return unicodedata.normalize("NFC", done.stdout.decode())


def _squeezed(text: str) -> str:
    """Without any white space: a table cell wraps its text over several lines."""
    return "".join(unicodedata.normalize("NFC", str(text)).split())


def _leaves(value, key: str = ""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v, key)
    elif value not in (None, "") and key not in SHOWN_OTHERWISE:
        yield key, value


def test_the_pdf_holds_what_the_json_holds(records, processor, person) -> None:
    _visit, petition, _denunciation = records
    client = Client()
    client.force_login(processor)
    data = json.loads(client.get(f"/privacy/citizens/{person.pk}/export.json").content)
    before = AuditEvent.objects.count()
    response = client.get(f"/privacy/citizens/{person.pk}/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="du-lieu-ca-nhan-{person.pk}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    flat = _squeezed(text)

    # Every value of the JSON answer is in the PDF ...
    leaves = list(_leaves(data))
    assert len(leaves) > 10
    for key, value in leaves:
        assert _squeezed(value) in flat, (key, value)
    # ... the codes and dates as a citizen reads them.
    assert "THÔNG TIN VỀ DỮ LIỆU CÁ NHÂN ĐANG ĐƯỢC XỬ LÝ" in text
    shown = ("Khiếu nại", "Kiến nghị, phản ánh", "03/02/2025", "27/01/2025 08:30", "10 năm")
    for words in (*shown, processor.display_name):
        assert _squeezed(words) in flat, words
    assert _squeezed(f"{petition.number}/{petition.year}") in flat
    for value in (NAME, ID_NUMBER, PHONE):
        assert value in text
    # Sealed items are left out, as in the JSON.
    assert "Tố cáo cán bộ" not in text
    assert "Tố cáo cán bộ" not in json.dumps(data, ensure_ascii=False)

    # Audited like the JSON export.
    events = list(AuditEvent.objects.order_by("pk")[before:])
    actions = [e.action for e in events]
    assert constants.SUBJECT_ACCESS_EXPORTED in actions
    exported = next(e for e in events if e.action == "personal_data.exported")
    assert exported.data["what"] == "subject_access.pdf"
    assert exported.actor == processor
    assert NAME not in json.dumps([e.data for e in events], ensure_ascii=False)


def test_the_pdf_is_refused_outside_the_scope(records, person, receptionist) -> None:
    client = Client()
    # The desk without a processing role does not learn the person denounced something: the
    # page is not found for them, the PDF neither.
    client.force_login(receptionist)
    assert client.get(f"/privacy/citizens/{person.pk}/export.pdf").status_code == 404
