import pytest
from django.core.management import call_command

from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit

pytestmark = pytest.mark.django_db


def test_load_demo_builds_the_seed_agencies_and_is_idempotent() -> None:
    call_command("load_demo", verbosity=0)
    ward = Unit.objects.get(code="26734")
    assert ward.parent.code == "38"
    assert {u.kind for u in ward.children.all()} == {"police", "military", "front", "quarter"}
    department = Unit.objects.get(code="91-STTTT")
    assert department.parent.merged_into.code == "89"
    assert User.objects.get(username="chutich.bacson").full_name == "Nguyễn Văn Trường"
    assert User.objects.get(username="giamdoc.stttt").full_name == "Lâm Văn Sễn"
    visits = ReceptionVisit.objects.filter(unit=ward).count()
    assert visits >= 5
    assert ReceptionVisit.objects.filter(unit=ward, is_mass_group=True).exists()
    citizens = Citizen.objects.count()
    call_command("load_demo", verbosity=0)
    assert ReceptionVisit.objects.filter(unit=ward).count() == visits
    assert Citizen.objects.count() == citizens
