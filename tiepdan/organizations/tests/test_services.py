import datetime as dt

import pytest

from tiepdan.audit.models import AuditEvent
from tiepdan.core.errors import DomainError
from tiepdan.organizations import selectors, services
from tiepdan.organizations.constants import UNIT_CREATED, UNIT_MERGED, UnitKind
from tiepdan.organizations.models import Unit

pytestmark = pytest.mark.django_db


def test_unit_create_builds_path_under_parent_and_audits(province: Unit, ward: Unit) -> None:
    assert ward.path.startswith(province.path)
    assert ward.depth == 1
    event = AuditEvent.objects.filter(action=UNIT_CREATED, target_id=str(ward.pk)).get()
    assert event.data["code"] == "26734"


def test_unit_create_rejects_duplicate_code_and_saves_nothing(ward: Unit) -> None:
    before = Unit.objects.count()
    with pytest.raises(DomainError) as exc:
        services.unit_create(code="26734", name="Trùng", kind=UnitKind.WARD)
    assert "đã tồn tại" in exc.value.message
    assert Unit.objects.count() == before


def test_unit_create_rejects_bad_kind_and_code() -> None:
    with pytest.raises(DomainError) as exc:
        services.unit_create(code="mã có dấu", name="X", kind="district")
    assert set(exc.value.fields) == {"code", "kind"}


def test_unit_move_rewrites_the_subtree_paths(province: Unit, ward: Unit, police: Unit) -> None:
    other = services.unit_create(code="40", name="Tỉnh Nghệ An", kind=UnitKind.PROVINCE)
    services.unit_move(unit=ward, parent=other)
    police.refresh_from_db()
    assert police.path.startswith(other.path)
    assert police.depth == 2
    assert not police.path.startswith(province.path)


def test_unit_move_refuses_a_cycle(province: Unit, ward: Unit) -> None:
    with pytest.raises(DomainError):
        services.unit_move(unit=province, parent=ward)


def test_unit_merge_keeps_the_old_unit_and_its_lineage(province: Unit) -> None:
    new = services.unit_create(code="89", name="Tỉnh An Giang", kind=UnitKind.PROVINCE)
    services.unit_merge(unit=province, into=new, on=dt.date(2025, 7, 1))
    province.refresh_from_db()
    assert province.merged_into == new
    assert province.valid_to == dt.date(2025, 6, 30)
    assert set(selectors.unit_lineage_ids(new)) == {new.pk, province.pk}
    assert AuditEvent.objects.filter(action=UNIT_MERGED).count() == 1


CSV = """code,name,kind,parent_code,valid_from,valid_to
T1,Tỉnh Một,province,,2025-07-01,
X1,Xã Một,commune,T1,01/07/2025,
X2,Xã Hai,district,T1,,
X3,Xã Ba,commune,KHONGCO,,
X1,Xã Trùng,commune,T1,,
X4,Xã Bốn,commune,T1,2025-13-01,
X5,Xã Năm,commune,T1,2025-07-01,2025-01-01
P1,Phường Một,ward,T1,,
"""


def test_units_import_csv_creates_good_lines_and_reports_bad_ones() -> None:
    report = services.units_import_csv(data=CSV)
    assert report.created == ["T1", "X1", "P1"]
    rejected = dict(report.rejected)
    assert sorted(rejected) == [4, 5, 6, 7, 8]
    assert "Loại đơn vị không hợp lệ" in rejected[4]
    assert "KHONGCO" in rejected[5]
    assert "đã tồn tại" in rejected[6]
    assert "ngày không hợp lệ" in rejected[7]
    assert "trước ngày bắt đầu" in rejected[8]
    assert Unit.objects.get(code="X1").parent.code == "T1"
    assert Unit.objects.get(code="X1").valid_from == dt.date(2025, 7, 1)


def test_units_import_csv_dry_run_saves_nothing() -> None:
    report = services.units_import_csv(data=CSV, dry_run=True)
    assert len(report.created) == 3
    assert not Unit.objects.exists()


def test_units_import_csv_missing_columns_is_a_clear_error() -> None:
    with pytest.raises(DomainError) as exc:
        services.units_import_csv(data="ma,ten\nA,B\n")
    assert "thiếu cột" in exc.value.message.lower()
