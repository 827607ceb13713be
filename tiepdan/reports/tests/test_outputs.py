import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tiepdan.organizations.models import Unit
from tiepdan.reports import outputs, selectors
from tiepdan.reports.forms_registry import VERSIONS, form_version_for
from tiepdan.reports.layouts import LAYOUTS
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import DataSet

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "reports"
TEMPLATE = Path("/work/shared/reference/forms/BaoCao_TT2024_TCD01_TT2024.xlsx")


def _workbook(province: Unit, form: str = "01-TCD") -> tuple[bytes, selectors.ReportData]:
    report = selectors.report_compute(form_version_for(form, PERIOD.end), province, PERIOD)
    return outputs.report_xlsx(report), report


def test_xlsx_has_the_template_header_structure(province: Unit, dataset: DataSet) -> None:
    content, report = _workbook(province)
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    top = outputs.FIRST_HEADER_ROW
    merged = {str(r) for r in ws.merged_cells.ranges}
    if TEMPLATE.exists():  # compare with the vendor template itself, shifted to our first row
        template = openpyxl.load_workbook(TEMPLATE).active
        shift = top - 3
        for rng in template.merged_cells.ranges:
            if rng.min_row < 3:
                continue
            first, last = get_column_letter(rng.min_col), get_column_letter(rng.max_col)
            moved = f"{first}{rng.min_row + shift}:{last}{rng.max_row + shift}"
            assert moved in merged, moved
            assert ws.cell(rng.min_row + shift, rng.min_col).value == " ".join(
                str(template.cell(rng.min_row, rng.min_col).value).split()
            )
    ms = top + LAYOUTS["TT2024_TCD01"].header_rows
    assert [ws.cell(ms, c).value for c in range(1, 5)] == [
        "MS",
        "1=4+13+22",
        "2=5+14+23",
        "3=6+7+15+16+24+25",
    ]
    assert ws.cell(ms, 30).value == 29
    assert ws.cell(top, 2).font.name == "Times New Roman"
    assert ws.cell(ms + 1, 2).value == report.columns[1]
    assert ws.page_setup.orientation == "landscape"
    texts = {c.value for row in ws.iter_rows() for c in row if c.value}
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in texts


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.key)
def test_every_form_version_exports(version, province: Unit) -> None:
    report = selectors.report_compute(version, province, PERIOD)
    ws = openpyxl.load_workbook(io.BytesIO(outputs.report_xlsx(report))).active
    assert ws.max_column == version.layout.columns + 1


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftoppm"), reason="no soffice"
)
def test_xlsx_renders_to_png(province: Unit, dataset: DataSet, tmp_path: Path) -> None:
    content, _ = _workbook(province)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    xlsx = ARTIFACTS / "bieu_01_tcd.xlsx"
    xlsx.write_bytes(content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(ARTIFACTS),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
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
            str(ARTIFACTS / "bieu_01_tcd.pdf"),
            str(ARTIFACTS / "bieu_01_tcd"),
        ],
        check=True,
        timeout=60,
    )
    assert list(ARTIFACTS.glob("bieu_01_tcd*.png"))
