"""Render every sample, convert to PDF with LibreOffice and to PNG with pdftoppm for a human look.

Output: /work/main/artifacts/documents/ (git-ignored). Skipped where LibreOffice is absent
(Debian packages libreoffice-writer-nogui, libreoffice-calc-nogui; poppler-utils).
"""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tiepdan.documents import services
from tiepdan.documents.samples import ISSUED_ON, sample_context

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
        reason="needs LibreOffice (soffice) and poppler-utils (pdftoppm)",
    ),
]

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "documents"
NEW_RULES = dt.date(2026, 7, 15)

DOCX_CODES = [
    "reception.refusal_notice",
    "reception.receipt",
    "reception.appointment_slip",
    "reception.guidance_slip",
    "reception.conclusion_notice",
    "reception.register",
    "plan.document",
    "petition.acceptance_proposal",
    "petition.transfer_slip",
    "petition.guidance",
    "petition.acceptance_notice",
    "petition.rejection_notice",
    "petition.return_notice",
    "petition.reminder",
]


def _to_pngs(path: Path, tmp_path: Path) -> tuple[str, list[Path]]:
    """Convert to PDF in a private LibreOffice profile; return the PDF text and the PNG pages."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = path.with_suffix(".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for old in path.parent.glob(f"{path.stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", str(pdf), str(path.parent / path.stem)],
        check=True,
        timeout=60,
    )
    return text, sorted(path.parent.glob(f"{path.stem}-*.png"))


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["tt04", "nd154"])
@pytest.mark.parametrize("code", DOCX_CODES)
def test_it_converts_docx_to_pdf_and_png(code, on, tmp_path):
    if code != "reception.register" and on == NEW_RULES:
        pytest.skip("same template under both versions")
    rendered = services.document_render(code=code, on=on, context=sample_context(code))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{code.replace('.', '_')}_{on:%Y%m%d}.docx"
    path.write_bytes(rendered.content)

    text, pages = _to_pngs(path, tmp_path)

    assert pages
    expected = (
        "SỔ TIẾP CÔNG DÂN" if code == "reception.register" else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert expected in text
    assert "{{" not in text
    assert "{%" not in text


@pytest.mark.parametrize("on", [ISSUED_ON, NEW_RULES], ids=["tt04", "nd154"])
def test_it_converts_register_xlsx_to_pdf_and_png(on, tmp_path):
    rendered = services.register_xlsx(on=on, context=sample_context("reception.register_xlsx"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"register_xlsx_{on:%Y%m%d}.xlsx"
    path.write_bytes(rendered.content)

    text, pages = _to_pngs(path, tmp_path)

    assert pages
    assert "SỔ TIẾP CÔNG DÂN" in text
