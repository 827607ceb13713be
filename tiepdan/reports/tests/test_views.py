import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reports import services
from tiepdan.reports.models import ReportExport, ReportSnapshot
from tiepdan.reports.periods import Period
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import DataSet, alerts_create

pytestmark = pytest.mark.django_db
Q = f"from={PERIOD.start}&to={PERIOD.end}"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("unit_admin", 200),
        ("leader", 200),
        ("receptionist", 200),
        ("outsider", 404),
        ("partner", 403),
    ],
)
def test_report_page_permissions(
    request, who: str, status: int, province: Unit, ward: Unit, police: Unit
) -> None:
    user = request.getfixturevalue(who)
    unit = police if who == "partner" else ward
    response = _client(user).get(f"/reports/01-TCD/?unit={unit.code}&{Q}")
    assert response.status_code == status


def test_anonymous_is_sent_to_login(client) -> None:
    response = client.get("/reports/")
    assert response.status_code == 302


def test_report_page_links_every_number(unit_admin: User, province: Unit, dataset: DataSet) -> None:
    client = _client(unit_admin)
    page = client.get(f"/reports/01-TCD/?unit=38&{Q}").content.decode()
    assert "Tiếp thường xuyên" in page
    assert "/reports/01-TCD/4/?" in page
    kqgq = client.get(f"/reports/01-KQGQ/?unit=38&{Q}").content.decode()
    assert "/reports/01-KQGQ/5/?" in kqgq  # every column is computed from the cases now
    assert "chưa có dữ liệu" not in kqgq


def test_report_page_query_count_is_constant(
    unit_admin: User, province: Unit, dataset: DataSet, django_assert_max_num_queries
) -> None:
    client = _client(unit_admin)
    client.get(f"/reports/01-XLD/?unit=38&{Q}")  # warm the session
    # session, user, memberships, unit, children, subtree, savepoint, petitions (2), transfers…
    with django_assert_max_num_queries(15):
        response = client.get(f"/reports/01-XLD/?unit=38&{Q}")
    assert response.status_code == 200


def test_drilldown_paginates_and_hides_denunciation_content(
    unit_admin: User, province: Unit, ward: Unit, dataset: DataSet, django_assert_max_num_queries
) -> None:
    client = _client(unit_admin)
    with django_assert_max_num_queries(12):
        response = client.get(f"/reports/01-XLD/1/?unit=38&{Q}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trang 1/" in body
    assert "nội dung tố cáo được bảo mật" in body
    assert client.get(f"/reports/01-XLD/1/?unit=38&{Q}&page=2").status_code == 200
    own = client.get(f"/reports/01-TCD/4/?unit=38&{Q}&row={ward.code}")
    assert own.status_code == 200


def test_drilldown_row_outside_report_unit_is_404(leader: User, ward: Unit, province: Unit) -> None:
    response = _client(leader).get(f"/reports/01-TCD/4/?unit={ward.code}&{Q}&row=38")
    assert response.status_code == 404


def test_submit_freezes_and_send_lands_in_parent_inbox(
    leader: User, unit_admin: User, receptionist: User, ward: Unit, province: Unit, dataset: DataSet
) -> None:
    assert (
        _client(receptionist).post(f"/reports/01-TCD/submit/?unit={ward.code}&{Q}").status_code
        == 403
    )
    response = _client(leader).post(f"/reports/01-TCD/submit/?unit={ward.code}&{Q}")
    snapshot = ReportSnapshot.objects.get()
    assert response.status_code == 302
    assert snapshot.data["columns"]["1"] >= 0
    assert AuditEvent.objects.filter(action="report.submitted").count() == 1
    again = _client(leader).post(f"/reports/01-TCD/submit/?unit={ward.code}&{Q}")
    assert again.status_code == 302
    assert ReportSnapshot.objects.count() == 1

    _client(leader).post(f"/reports/submitted/{snapshot.pk}/send/")
    snapshot.refresh_from_db()
    assert snapshot.sent_to == province
    assert AuditEvent.objects.filter(action="report.sent").count() == 1
    inbox = _client(unit_admin).get("/reports/submitted/?inbox=1").content.decode()
    assert f"/reports/submitted/{snapshot.pk}/" in inbox
    detail = _client(unit_admin).get(f"/reports/submitted/{snapshot.pk}/")
    assert "Chưa thay đổi từ khi chốt" in detail.content.decode()


def test_snapshot_compare_shows_changed_columns(leader: User, ward: Unit, dataset: DataSet) -> None:
    snapshot = services.snapshot_submit(form="01-TCD", unit=ward, period=PERIOD, actor=leader)
    ReceptionVisit.objects.filter(unit__path__startswith=ward.path).delete()
    comparison = services.snapshot_compare(snapshot)
    assert comparison["data_changed"]
    assert comparison["changed"].get(1, (0, 0))[1] == 0


def test_outsider_cannot_open_a_snapshot(leader: User, outsider: User, ward: Unit) -> None:
    snapshot = services.snapshot_submit(form="01-TCD", unit=ward, period=PERIOD, actor=leader)
    assert _client(outsider).get(f"/reports/submitted/{snapshot.pk}/").status_code == 404


def test_export_small_subtree_runs_at_once(leader: User, ward: Unit, dataset: DataSet) -> None:
    client = _client(leader)
    response = client.post(f"/reports/01-TCD/export/?unit={ward.code}&{Q}", {"fmt": "xlsx"})
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/reports/exports/{export.pk}/download/")
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert AuditEvent.objects.filter(action="report.export_requested").count() == 1


def test_docx_narrative_export(leader: User, ward: Unit, dataset: DataSet) -> None:
    export = services.export_request(
        form="01-TCD", fmt="docx", unit=ward, period=PERIOD, actor=leader
    )
    assert services.export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == "done", export.error
    assert export.filename.endswith(".docx")
    content, _name, _type = services.report_file(
        form="01-TCD", fmt="docx", unit=ward, period=PERIOD
    )
    body = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "/BC-" in body  # a report's symbol, not the plan's
    assert "/KH-" not in body


def test_run_report_exports_is_idempotent(leader: User, ward: Unit, dataset: DataSet) -> None:
    export = services.export_request(
        form="01-XLD", fmt="xlsx", unit=ward, period=PERIOD, actor=leader
    )
    call_command("run_report_exports")
    export.refresh_from_db()
    assert export.status == "done"
    assert not services.export_run(export_id=export.pk)  # already claimed and done


def test_plan_period_report(
    unit_admin: User, province: Unit, ward: Unit, dataset: DataSet, today
) -> None:
    alerts_create([province, ward])
    response = _client(unit_admin).get(
        f"/reports/plan-period/?unit=38&from={PERIOD.start}&to={today}"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đoàn đông người" in body
    assert "Đã xử lý xong" in body  # the closed alerts


def test_index_lists_the_forms(receptionist: User, ward: Unit) -> None:
    response = _client(receptionist).get("/reports/?period=year&year=2025")
    assert response.status_code == 200
    assert "03/GQKN" in response.content.decode()  # TT 06/2025 for the year 2025
    old = _client(receptionist).get("/reports/?period=year&year=2023").content.decode()
    assert "TT 02/2021/TT-TTCP" in old


def test_period_label_custom_period_kind() -> None:
    assert Period(PERIOD.start, PERIOD.end).title.startswith("Từ ngày")
