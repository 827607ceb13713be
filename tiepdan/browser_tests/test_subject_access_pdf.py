"""An officer downloads a citizen's subject-access answer as a PDF from the citizen's data page
(Luật 91/2025), ready to hand over."""

import subprocess

import pytest

from tiepdan.audit.models import AuditEvent
from tiepdan.browser_tests.support import ARTIFACTS, login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.privacy.tests.test_privacy import ID_NUMBER, NAME, person, records
from tiepdan.privacy.tests.test_subject_access_pdf import pdf_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["person", "records"]  # the fixtures of the privacy tests


def test_officer_downloads_the_answer_as_pdf(page, records, person, processor) -> None:
    login(page, "xulydon", PASSWORD)
    page.goto(f"/privacy/citizens/{person.pk}/")
    assert page.get_by_role("heading", level=1).inner_text().endswith(NAME)
    screenshot(page, "privacy-subject-access")
    link = page.get_by_role("link", name="Tải văn bản trả lời (PDF)")
    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.suggested_filename == f"du-lieu-ca-nhan-{person.pk}.pdf"
    saved = ARTIFACTS / "privacy-subject-access.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert NAME in text
    assert ID_NUMBER in text
    assert "Tố cáo cán bộ" not in text
    exported = AuditEvent.objects.filter(action="personal_data.exported").latest("pk")
    assert exported.data["what"] == "subject_access.pdf"
    assert exported.actor_id == processor.pk
    # The first page as an image, to look at the layout the citizen gets.
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(saved),
            str(ARTIFACTS / "privacy-subject-access-pdf"),
        ],
        check=True,
    )
    assert (ARTIFACTS / "privacy-subject-access-pdf.png").stat().st_size > 10_000
