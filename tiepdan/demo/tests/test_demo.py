import pytest
from django.core.management import call_command

from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.models import ReceptionVisit

pytestmark = pytest.mark.django_db


def test_load_demo_builds_the_seed_agencies_and_is_idempotent() -> None:
    call_command("load_demo", fixed=True, verbosity=0)
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
    call_command("load_demo", fixed=True, verbosity=0)
    assert ReceptionVisit.objects.filter(unit=ward).count() == visits
    assert Citizen.objects.count() == citizens


def test_load_demo_resolves_a_complaint_and_seals_a_denouncer(
    django_capture_on_commit_callbacks,
) -> None:
    from tiepdan.cases.models import Case, CaseEvent
    from tiepdan.reports import selectors
    from tiepdan.reports.forms_registry import form_version_for
    from tiepdan.reports.periods import Period
    from tiepdan.vault.models import IdentityRecord, SealedFile

    # As on a real database: the deletions that follow each sealing's commit run.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", fixed=True, verbosity=0)
    ward = Unit.objects.get(code="26734")
    complaint = Case.objects.get(unit=ward, kind="complaint_first", outcome="partly")
    assert complaint.executed_on is not None
    codes = set(complaint.documents.values_list("code", flat=True))
    assert {"case.dialogue_minutes", "case.complaint_decision"} <= codes
    denunciation = Case.objects.get(unit=ward, kind="denunciation", status="accepted")
    assert "Hồ Ngọc Ánh" not in denunciation.summary
    assert IdentityRecord.objects.filter(case=denunciation).count() == 1
    assert SealedFile.objects.filter(identity__case=denunciation).exists()
    events = CaseEvent.objects.count()
    # Every matter linked to a denunciation is sealed (the check CI runs on the demo).
    call_command("check_seals", verbosity=0)
    # 01/KQGQ of 2025 for the ward counts the decided complaint.
    year = Period(complaint.accepted_on.replace(month=1, day=1), complaint.decided_on)
    report = selectors.report_compute(form_version_for("01-KQGQ", year.end), ward, year)
    assert report.columns[5] == 1
    call_command("load_demo", fixed=True, verbosity=0)
    assert CaseEvent.objects.count() == events
