import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tiepdan.audit.models import AuditEvent
from tiepdan.core.errors import DomainError
from tiepdan.documents import services
from tiepdan.documents.models import DocumentTemplate
from tiepdan.documents.samples import ISSUED_ON, sample_context
from tiepdan.documents.services import TEMPLATES_DIR
from tiepdan.documents.tests.readers import docx_text, docx_with_extra_paragraph

pytestmark = pytest.mark.django_db

CODE = "reception.refusal_notice"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _edited(marker: str, name: str = "mau-sua.docx") -> SimpleUploadedFile:
    source = (TEMPLATES_DIR / "reception_refusal_notice.docx").read_bytes()
    content = docx_with_extra_paragraph(source, marker)
    return SimpleUploadedFile(name, content)


def _upload(unit, marker, *, user=None, valid_from=dt.date(2025, 1, 1)):
    return services.document_template_upload(
        code=CODE, file=_edited(marker), valid_from=valid_from, unit=unit, uploaded_by=user
    )


def _render(unit, on=ISSUED_ON) -> str:
    rendered = services.document_render(code=CODE, on=on, context=sample_context(CODE), unit=unit)
    return docx_text(rendered.content)


def test_it_uses_the_default_without_uploads(ward):
    assert "Mẫu riêng" not in _render(ward)


def test_a_units_upload_overrides_the_default(ward, receptionist):
    _upload(ward, "Mẫu riêng của phường {{ agency.place }}", user=receptionist)

    assert "Mẫu riêng của phường Bắc Sơn" in _render(ward)


def test_a_parents_upload_applies_to_its_child_but_not_elsewhere(province, ward, other_ward):
    _upload(province, "Mẫu riêng của tỉnh")

    assert "Mẫu riêng của tỉnh" in _render(ward)
    assert "Mẫu riêng của tỉnh" in _render(province)
    assert "Mẫu riêng của tỉnh" not in _render(other_ward)


def test_the_nearest_unit_wins(province, ward):
    _upload(None, "Mẫu toàn hệ thống")
    _upload(ward, "Mẫu riêng của phường")
    _upload(province, "Mẫu riêng của tỉnh", valid_from=dt.date(2025, 1, 20))

    text = _render(ward)

    assert "Mẫu riêng của phường" in text
    assert "Mẫu riêng của tỉnh" not in text
    assert "Mẫu toàn hệ thống" in _render(None)


def test_inactive_and_future_uploads_are_ignored(ward, leader):
    template = _upload(ward, "Mẫu đã tắt")
    services.document_template_set_active(template=template, is_active=False, actor=leader)
    _upload(ward, "Mẫu chưa áp dụng", valid_from=dt.date(2025, 6, 1))

    text = _render(ward)

    assert "Mẫu đã tắt" not in text
    assert "Mẫu chưa áp dụng" not in text
    assert AuditEvent.objects.filter(action="document_template.deactivated").count() == 1


def test_an_upload_for_the_old_version_does_not_shadow_the_new_form(ward):
    _upload(ward, "Mẫu theo Thông tư 04")

    assert "Mẫu theo Thông tư 04" in _render(ward, on=dt.date(2026, 6, 30))
    assert "Mẫu theo Thông tư 04" not in _render(ward, on=dt.date(2026, 7, 1))


def test_an_upload_is_audited(ward, unit_admin):
    template = _upload(ward, "Mẫu riêng", user=unit_admin)

    event = AuditEvent.objects.get(action="document_template.uploaded")
    assert event.target_id == str(template.pk)
    assert event.unit == ward
    assert event.actor == unit_admin
    assert event.data["code"] == CODE
    assert event.data["file_name"] == "mau-sua.docx"
    assert len(event.data["sha256"]) == 64
    assert template.file.name.startswith(f"document_templates/{CODE}/")


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        ("{{ citizen.full_name ", "lỗi cú pháp"),
        ("{% for x in %}", "lỗi cú pháp"),
        ("{{ truong_khong_co }}", "trường dữ liệu không có"),
    ],
)
def test_a_broken_template_is_rejected_and_nothing_is_saved(ward, media_root, marker, reason):
    with pytest.raises(DomainError) as caught:
        _upload(ward, marker)

    assert caught.value.code == "invalid_template"
    assert caught.value.message.startswith("Mẫu văn bản tải lên không dùng được.")
    assert reason in caught.value.message
    assert caught.value.fields["file"]
    assert not DocumentTemplate.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="document_template").exists()
    assert not media_root.exists() or not any(media_root.rglob("*.docx"))


def test_a_file_that_is_not_docx_is_rejected(ward):
    with pytest.raises(DomainError) as caught:
        services.document_template_upload(
            code=CODE,
            file=SimpleUploadedFile("mau.docx", b"khong phai docx"),
            valid_from=ISSUED_ON,
            unit=ward,
        )

    assert "không phải là tệp Word .docx hợp lệ" in caught.value.message
    assert not DocumentTemplate.objects.exists()


def test_a_wrong_extension_is_rejected(ward):
    with pytest.raises(DomainError) as caught:
        services.document_template_upload(
            code=CODE, file=_edited("x", name="mau.pdf"), valid_from=ISSUED_ON, unit=ward
        )

    assert caught.value.message == "Tệp mẫu phải là tệp Word định dạng .docx."


def test_a_valid_from_before_any_version_is_rejected(ward):
    with pytest.raises(DomainError) as caught:
        _upload(ward, "Mẫu cũ", valid_from=dt.date(2020, 1, 1))

    assert caught.value.code == "no_form_version"


def test_a_broken_stored_override_raises_render_failed(ward):
    template = _upload(ward, "Mẫu riêng")
    template.file.save("hong.docx", SimpleUploadedFile("hong.docx", b"hong"), save=True)

    with pytest.raises(DomainError) as caught:
        _render(ward)

    assert caught.value.code == "render_failed"
