"""06/QLKNTC: the figures a unit enters for a period, audited, refused whole when wrong, and
rolled up the unit tree by the table."""

import pytest
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.core.errors import DomainError
from tiepdan.organizations.models import Unit, User
from tiepdan.reports import selectors, services
from tiepdan.reports.forms_registry import FormNotInForce, form_version_for
from tiepdan.reports.forms_tt2025 import MANAGEMENT_FIELDS
from tiepdan.reports.models import ManagementFigures
from tiepdan.reports.periods import statutory_period

pytestmark = pytest.mark.django_db

YEAR = statutory_period(2025, "year")
URL = "/reports/management/?period=year&year=2025&unit="


def _values(**kw: int) -> dict[str, int]:
    return {name: kw.get(name, i) for i, name in enumerate(MANAGEMENT_FIELDS, start=1)} | {
        "inspections_concluded": kw.get("inspections_concluded", 2)
    }


def test_saved_figures_are_audited_and_rolled_up(
    province: Unit, ward: Unit, police: Unit, unit_admin: User
) -> None:
    for unit in (province, ward, police):
        services.management_figures_save(
            unit=unit, period=YEAR, values=_values(), source_note="Sổ theo dõi", actor=unit_admin
        )
    services.management_figures_save(
        unit=police,
        period=YEAR,
        values=_values(documents_issued=7),
        source_note="Sổ theo dõi, bản sửa",
        actor=unit_admin,
    )
    assert ManagementFigures.objects.count() == 3
    events = AuditEvent.objects.filter(action="report.management_saved")
    assert events.count() == 4
    assert events.order_by("pk").last().data["documents_issued"] == [1, 7]
    report = selectors.report_compute(form_version_for("06-QLKNTC", YEAR.end), province, YEAR)
    assert report.columns[1] == 1 + 1 + 7
    assert report.columns[6] == 3 * 6
    rows = {row.unit.code: row.columns for row in report.rows}
    assert rows[ward.code][1] == 1 + 7  # the ward and its police
    assert rows[province.code][1] == 1
    # Another period's figures do not count.
    other = statutory_period(2026, "q1")
    services.management_figures_save(
        unit=ward, period=other, values=_values(), source_note="x", actor=unit_admin
    )
    again = selectors.report_compute(form_version_for("06-QLKNTC", YEAR.end), province, YEAR)
    assert again.columns == report.columns


@pytest.mark.parametrize(
    ("values", "source", "field", "message"),
    [
        (_values(training_classes=-1), "Sổ", "training_classes", "Số liệu không được âm."),
        ({**_values(), "inspections": "mười"}, "Sổ", "inspections", "Nhập một số nguyên"),
        (
            _values(inspections=1, inspections_concluded=3),
            "Sổ",
            "inspections_concluded",
            "không lớn hơn",
        ),
        (_values(), "  ", "source_note", "Ghi nguồn"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(
    province: Unit, unit_admin: User, values: dict, source: str, field: str, message: str
) -> None:
    with pytest.raises(DomainError) as exc:
        services.management_figures_save(
            unit=province, period=YEAR, values=values, source_note=source, actor=unit_admin
        )
    assert message in exc.value.fields[field][0]
    assert not ManagementFigures.objects.exists()
    assert not AuditEvent.objects.filter(action="report.management_saved").exists()


def test_a_period_before_tt_06_2025_is_refused(province: Unit, unit_admin: User) -> None:
    with pytest.raises(FormNotInForce):
        services.management_figures_save(
            unit=province,
            period=statutory_period(2025, "q3"),
            values=_values(),
            source_note="Sổ",
            actor=unit_admin,
        )
    assert not ManagementFigures.objects.exists()


def test_the_page_saves_and_shows_vietnamese_errors(province: Unit, unit_admin: User) -> None:
    client = Client()
    client.force_login(unit_admin)
    page = client.get(URL + province.code)
    assert page.status_code == 200
    assert "Tập huấn, tuyên truyền, giáo dục pháp luật: số lớp" in page.content.decode()
    bad = client.post(
        URL + province.code,
        {**_values(documents_issued=-2), "inspections": "abc", "source_note": ""},
    )
    body = bad.content.decode()
    assert bad.status_code == 200
    assert "Số liệu không được âm." in body
    assert "Nhập một số nguyên, không âm." in body
    assert "Ghi nguồn của số liệu." in body
    assert not ManagementFigures.objects.exists()
    good = client.post(URL + province.code, {**_values(), "source_note": "Báo cáo của Thanh tra"})
    assert good.status_code == 302
    figures = ManagementFigures.objects.get()
    assert (figures.period_start, figures.period_end) == (YEAR.start, YEAR.end)
    assert figures.source_note == "Báo cáo của Thanh tra"
    report = client.get(f"/reports/06-QLKNTC/?unit={province.code}&from={YEAR.start}&to={YEAR.end}")
    assert report.status_code == 200
    assert "Số liệu của đơn vị" in report.content.decode()


def test_a_receptionist_may_not_enter_figures(ward: Unit, receptionist: User) -> None:
    client = Client()
    client.force_login(receptionist)
    assert client.get(URL + ward.code).status_code == 200
    assert client.post(URL + ward.code, {**_values(), "source_note": "x"}).status_code == 403
    assert not ManagementFigures.objects.exists()
