import pytest
from django.urls import reverse

from tiepdan.documents.models import DocumentTemplate
from tiepdan.documents.services import TEMPLATES_DIR
from tiepdan.documents.tests.readers import docx_with_extra_paragraph

pytestmark = pytest.mark.django_db

ADD_URL = "admin:documents_documenttemplate_add"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _file(marker: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    source = (TEMPLATES_DIR / "reception_receipt.docx").read_bytes()
    return SimpleUploadedFile("bien-nhan.docx", docx_with_extra_paragraph(source, marker))


def _post(client, unit, marker):
    return client.post(
        reverse(ADD_URL),
        {
            "code": "reception.receipt",
            "unit": unit.pk,
            "valid_from": "2025-01-01",
            "file": _file(marker),
            "is_active": "on",
        },
    )


def test_an_admin_uploads_a_template(client, superuser, ward):
    client.force_login(superuser)

    response = _post(client, ward, "Mẫu của phường")

    assert response.status_code == 302
    template = DocumentTemplate.objects.get()
    assert template.unit == ward
    assert template.uploaded_by == superuser
    assert template.original_name == "bien-nhan.docx"


def test_a_broken_upload_shows_a_vietnamese_error(client, superuser, ward):
    client.force_login(superuser)

    response = _post(client, ward, "{{ citizen.full_name ")

    assert response.status_code == 200
    assert "Mẫu văn bản tải lên không dùng được." in response.content.decode()
    assert not DocumentTemplate.objects.exists()
