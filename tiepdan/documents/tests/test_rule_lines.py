"""The rule lines of the shared frame (under the agency's name, under the national motto, under a
title's summary) sit below the text above them, with white space between, not on its
descenders: in the templates' XML, and in the pages LibreOffice lays out."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tiepdan.documents import services
from tiepdan.documents.docx_frame import TEMPLATES_DIR
from tiepdan.documents.samples import ISSUED_ON, sample_context
from tiepdan.documents.tests.rule_lines import page_rules

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Twentieths of a point between a line of text and the rule paragraph under it.
MIN_SPACE_BEFORE = 3 * 20
# White space LibreOffice leaves between the ink of a line (its descenders) and the rule.
MIN_GAP_PT = 2.0


def _rule_paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as docx:
        root = etree.fromstring(docx.read("word/document.xml"))
    return [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr/{W}top") is not None]


@pytest.mark.parametrize("path", sorted(TEMPLATES_DIR.glob("*.docx")), ids=lambda p: p.stem)
def test_every_rule_of_the_shipped_templates_keeps_its_distance(path: Path) -> None:
    rules = _rule_paragraphs(path)
    assert rules, "every template has the frame's rule under the agency's or unit's name"
    for p in rules:
        spacing = p.find(f"{W}pPr/{W}spacing")
        assert spacing is not None
        assert int(spacing.get(f"{W}before")) >= MIN_SPACE_BEFORE


@pytest.mark.django_db
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftoppm)",
)
def test_libreoffice_draws_the_rules_below_the_text(tmp_path: Path) -> None:
    """The plan and report frame (plan.document, also Mẫu số 02): the motto's rule clears the
    "p" of "Hạnh phúc", the agency's rule the name; both as long as the frame draws them."""
    rendered = services.document_render(
        code="plan.document", on=ISSUED_ON, context=sample_context("plan.document")
    )
    docx = tmp_path / "plan.docx"
    docx.write_bytes(rendered.content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    # The frame's rules; a table's borders, as wide as the text, are not among them.
    rules = [rule for rule in page_rules(tmp_path / "plan.pdf") if rule.length_mm < 100]
    lengths = sorted(round(r.length_mm) for r in rules)
    assert {21, 61} <= set(lengths), lengths  # the agency's 22 mm and the motto's 62 mm rules
    for rule in rules:
        assert rule.gap_pt >= MIN_GAP_PT, rule
