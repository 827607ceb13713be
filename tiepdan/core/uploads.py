"""Scanned documents accepted from officers: PDF or images, checked by their first bytes as
well as their name, so that a renamed executable or an HTML page is not stored as a "scan"."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_SCAN_BYTES = 20 * 1024 * 1024
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}


def validate_scan(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(_("Chỉ nhận tệp PDF, JPG, PNG hoặc TIFF."), code="scan_type")
    if (upload.size or 0) > MAX_SCAN_BYTES:
        raise ValidationError(_("Tệp lớn hơn 20 MB."), code="scan_size")
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            _("Nội dung tệp không đúng định dạng %(e)s.") % {"e": extension[1:].upper()},
            code="scan_content",
        )


class ScanField(forms.FileField):
    default_validators = [validate_scan]


def scan_extension(content: bytes) -> str:
    """The extension of a scan from its first bytes ("" when unknown), to name a download."""
    for extension, signatures in SIGNATURES.items():
        if content.startswith(signatures):
            return extension
    return ""
