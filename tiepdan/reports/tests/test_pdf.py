import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reports import outputs, pdf, selectors, services
from tiepdan.reports.forms_registry import (
    DERIVED,
    PENDING,
    VERSIONS,
    FormVersion,
    form_version_for,
)
from tiepdan.reports.models import ReportExport
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import TZ, DataSet, case_create, visit_build

pytestmark = pytest.mark.django_db
Q = f"from={PERIOD.start}&to={PERIOD.end}"
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "reports"
A4_LANDSCAPE_WIDTH = 297 / 25.4 * 72  # points
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdftoppm"), reason="no poppler-utils"
)


def _text(content: bytes, tmp_path: Path, *args: str) -> str:
    source = tmp_path / "report.pdf"
    source.write_bytes(content)
    done = subprocess.run(
        ["pdftotext", *args, str(source), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode()


def _numbers_on_lines(text: str) -> list[list[str]]:
    return [
        re.findall(r"(?<![\w=+])\d[\d.]*(?:,\d+)?\*?(?![\w=+])", line) for line in text.splitlines()
    ]


def _contains_run(lines: list[list[str]], run: list[str]) -> bool:
    return any(
        line[i : i + len(run)] == run for line in lines for i in range(len(line) - len(run) + 1)
    )


@pytest.fixture
def small_dataset(ward: Unit, police: Unit) -> None:
    """Three regular visits in the period: two at the ward (1 person, a group of 5), one at the
    ward's police (3 people); each a matter seen for the first time."""
    at = dt.datetime(2025, 1, 10, 9, tzinfo=TZ)
    visits = [
        visit_build(ward, case_create(ward), at, people_count=1),
        visit_build(ward, case_create(ward), at, people_count=5),
        visit_build(police, case_create(police), at, people_count=3),
    ]
    ReceptionVisit.objects.bulk_create(visits)
    for visit in visits:
        visit.case.first_visit_at = at
        visit.case.save(update_fields=["first_visit_at"])


def _tcd(unit: Unit) -> selectors.ReportData:
    return selectors.report_compute(form_version_for("01-TCD", PERIOD.end), unit, PERIOD)


@needs_poppler
def test_pdf_prints_title_symbol_units_and_figures(
    ward: Unit, small_dataset: None, tmp_path: Path
) -> None:
    report = _tcd(ward)
    content = pdf.report_pdf(report, issued_on=dt.date(2025, 3, 20))

    assert content.startswith(b"%PDF-")
    text = " ".join(_text(content, tmp_path).split())
    for expected in (
        "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT",
        "Biểu số 01/TCD",
        "Số liệu tính từ ngày 15/12/2024 đến ngày 14/03/2025",
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG BẮC SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tiếp thường xuyên",
        "Công an phường Bắc Sơn",
        "Phường Bắc Sơn (trực tiếp)",
        "Tổng cộng",
        "Bắc Sơn, ngày 20 tháng 3 năm 2025",
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        "NGƯỜI LẬP BIỂU",
    ):
        assert expected in text, expected
    # Lượt, người, vụ việc: 3 visits of 9 people; the ward's own 2 of 6, the police's 1 of 3.
    assert (report.columns[1], report.columns[2], report.columns[3]) == (3, 9, 3)
    lines = _numbers_on_lines(_text(content, tmp_path, "-layout"))
    for row_columns in [report.columns, *(row.columns for row in report.rows)]:
        run = [outputs.number_text(row_columns[n]) for n in range(1, 30)]
        assert _contains_run(lines, run), run
    assert _contains_run(lines, ["3", "9", "3", "3", "9"])
    assert _contains_run(lines, ["2", "6", "2", "2", "6"])


def _with_pending(version: FormVersion) -> FormVersion:
    """The version with columns 4 and 5 not recorded yet, and column 1 summing 4 with others."""
    columns = dict(version.columns)
    for n in (4, 5):
        columns[n] = dataclasses.replace(columns[n], source=PENDING)
    columns[1] = dataclasses.replace(columns[1], source=DERIVED, formula="4+13+22")
    return dataclasses.replace(version, columns=columns)


@needs_poppler
def test_pdf_shows_pending_columns_as_the_page_does(
    ward: Unit, small_dataset: None, tmp_path: Path
) -> None:
    report = dataclasses.replace(_tcd(ward), version=_with_pending(_tcd(ward).version))

    content = pdf.report_pdf(report)

    text = " ".join(_text(content, tmp_path).split())
    assert text.count("chưa có") >= 2 * (len(report.rows) + 1)  # total row and every unit
    assert "Các cột 4, 5: chưa có dữ liệu trong hệ thống (ghi «chưa có dữ liệu»)." in text
    assert "(*) Số liệu chưa đầy đủ" in text
    assert _contains_run(_numbers_on_lines(_text(content, tmp_path, "-layout")), ["3*", "9"])


def test_long_amounts_are_set_smaller_to_stay_in_their_cell(
    province: Unit, dataset: DataSet
) -> None:
    report = selectors.report_compute(form_version_for("01-KQGQ", PERIOD.end), province, PERIOD)
    report.columns[7] = Decimal("123456.75")  # million đồng

    context = pdf.pdf_context(report, issued_on=dt.date(2025, 3, 20))

    amount = context["total"][6]
    assert amount["text"] == "123.456,75"
    assert amount["size"] < context["sizes"].figure
    assert context["total"][1]["size"] is None


@needs_poppler
@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.key)
def test_every_form_version_fits_a_landscape_page(
    version, province: Unit, dataset: DataSet, tmp_path: Path
) -> None:
    content = pdf.report_pdf(selectors.report_compute(version, province, PERIOD))
    boxes = _text(content, tmp_path, "-bbox")
    widths = {round(float(w)) for w in re.findall(r'<page width="([\d.]+)"', boxes)}
    assert widths == {round(A4_LANDSCAPE_WIDTH)}, "A4 landscape"
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert max(right_edges) <= A4_LANDSCAPE_WIDTH - 20, "no column runs past the margin"
    assert version.symbol in " ".join(re.findall(r">([^<]+)</word>", boxes))


def test_pdf_export_through_the_background_queue(leader: User, ward: Unit, small_dataset) -> None:
    export = services.export_request(
        form="01-TCD", fmt="pdf", unit=ward, period=PERIOD, actor=leader
    )

    call_command("run_report_exports")

    export.refresh_from_db()
    assert export.status == "done", export.error
    assert export.filename == f"BieuSo_01-TCD_{ward.code}_20241215-20250314.pdf"
    with export.file.open("rb") as file:
        assert file.read(5) == b"%PDF-"


def test_report_page_pdf_button_downloads_the_pdf(
    leader: User, ward: Unit, small_dataset: None
) -> None:
    client = Client()
    client.force_login(leader)
    page = client.get(f"/reports/01-TCD/?unit={ward.code}&{Q}").content.decode()
    assert 'name="fmt" value="pdf"' in page

    response = client.post(f"/reports/01-TCD/export/?unit={ward.code}&{Q}", {"fmt": "pdf"})

    export = ReportExport.objects.get()
    assert response["Location"].endswith(f"/reports/exports/{export.pk}/download/")
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@needs_poppler
def test_pdf_renders_to_png(province: Unit, dataset: DataSet) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "bieu_01_tcd_pdf.pdf"
    target.write_bytes(pdf.report_pdf(_tcd(province)))
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "110",
            "-f",
            "1",
            "-l",
            "1",
            str(target),
            str(target.with_suffix("")),
        ],
        check=True,
        timeout=60,
    )
    assert list(ARTIFACTS.glob("bieu_01_tcd_pdf*.png"))
