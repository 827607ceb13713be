"""The plan document reads like the seed plan; rendered to PNG to be looked at."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from docx import Document

from tiepdan.plans import outputs, services
from tiepdan.plans.models import Plan

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "plans"


@pytest.fixture
def demo_plans(db) -> tuple[Plan, Plan]:
    call_command("load_demo", fixed=True, stdout=io.StringIO())
    call_command("load_demo_plans", stdout=io.StringIO())
    ward = Plan.objects.get(unit__code="26734", parent_plan__isnull=False)
    department = Plan.objects.get(unit__code="91-STTTT")
    return ward, department


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_ward_plan_reads_like_the_seed(demo_plans):
    ward, _department = demo_plans
    context = outputs.plan_document_context(ward)
    headings = [s["heading"] for s in context["sections"]]
    assert headings == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG KẾ HOẠCH", "III. TỔ CHỨC THỰC HIỆN"]
    first = context["sections"][0]["paragraphs"]
    assert first[0] == "1. Mục đích"
    assert first[1].startswith("1.1. Tăng cường")
    assert "2. Yêu cầu" in first
    third = context["sections"][2]["paragraphs"]
    assert third[0] == "1. Chủ tịch UBND phường:"
    assert third[1].startswith("Thực hiện nghiêm túc Luật Tiếp công dân")
    assert any(p.startswith("3. Đề nghị đại diện Ủy ban Kiểm tra Đảng ủy") for p in third)
    assert third[-1].startswith("Trên đây là Kế hoạch")
    assert third[-1].endswith("/.")
    assert context["recipients"][-1] == "Lưu: VP"
    assert context["signer"] == {"title": "CHỦ TỊCH", "name": "Nguyễn Văn Trường", "authority": ""}

    text = text_of(outputs.plan_docx(ward).content)
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/KH-UBND",
        "Bắc Sơn, ngày 16 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "Tổ chức tiếp công dân phục vụ Tết Nguyên đán Ất Tỵ năm 2025",
        "III. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "- Lưu: VP.",
        "Nguyễn Văn Trường",
    ]:
        assert expected in text, expected


def test_department_plan_and_outputs(demo_plans):
    _ward, department = demo_plans
    context = outputs.plan_document_context(department)
    assert context["sections"][1]["heading"] == "II. NỘI DUNG"
    assert context["sections"][0]["paragraphs"][0].startswith("Đảm bảo an ninh trật tự")
    text = text_of(outputs.plan_docx(department).content)
    assert "02/KH-STTTT" in text
    assert "Kiên Giang, ngày 06 tháng 01 năm 2021" in text
    assert "GIÁM ĐỐC" in text
    assert "Lâm Văn Sễn" in text
    report = text_of(outputs.report_docx(department, on=department.ends_on).content)
    assert "BÁO CÁO" in report
    assert "Kết quả tổ chức tiếp công dân" in report
    roster = text_of(outputs.roster_docx(department).content)
    assert "LỊCH TRỰC TIẾP CÔNG DÂN" in roster
    assert "tiếp công dân định kỳ" in roster


def to_png(docx: bytes, name: str) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.docx"
    source.write_bytes(docx)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(ARTIFACTS), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", str(ARTIFACTS / f"{name}.pdf"), str(ARTIFACTS / name)],
        check=True,
        timeout=60,
    )
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_render_plan_report_and_roster_to_png(demo_plans):
    ward, department = demo_plans
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    pages = to_png(outputs.plan_docx(ward).content, "ke-hoach-bac-son-2025")
    assert len(pages) >= 3
    assert to_png(outputs.plan_docx(department).content, "ke-hoach-stttt-2021")
    assert to_png(outputs.report_docx(ward, on=ward.ends_on).content, "bao-cao-bac-son-2025")
    assert to_png(outputs.roster_docx(ward).content, "lich-truc-bac-son-2025")


def test_plan_document_for_a_copied_plan(demo_plans):
    ward, _department = demo_plans
    import datetime as dt

    copy = services.plan_copy(
        source=ward, unit=ward.unit, starts_on=dt.date(2027, 1, 29), actor=None
    )
    context = outputs.plan_document_context(copy)
    assert "Đinh Mùi năm 2027" in context["subtitle"]
    assert "Ất Tỵ" not in context["sections"][2]["paragraphs"][-1]
