import pytest
from django.core.management import call_command

from tiepdan.petitions.models import Petition


@pytest.mark.django_db
def test_benchmark_runs_and_keeps_nothing(capsys) -> None:
    call_command("portal_benchmark", petitions=300, lookups=30)
    out = capsys.readouterr().out
    assert "30 look-ups: p50" in out
    assert "Rolled back" in out
    assert not Petition.objects.exists()


@pytest.mark.django_db
def test_benchmark_on_an_existing_data_set_keeps_nothing(capsys) -> None:
    import datetime as dt

    from tiepdan.organizations import services as org_services
    from tiepdan.organizations.constants import UnitKind
    from tiepdan.portal.models import PublicSubmission

    province = org_services.unit_create(code="P-BENCH", name="Tỉnh", kind=UnitKind.PROVINCE)
    ward = org_services.unit_create(
        code="P-BENCH-1", name="Phường", kind=UnitKind.WARD, parent=province
    )
    for n in range(1, 41):
        Petition.objects.create(
            unit=ward,
            year=2026,
            number=n,
            received_on=dt.date(2026, 3, 2),
            source="post",
            petition_type="complaint",
            domain="other",
            summary="Đơn có sẵn",
        )
    call_command("portal_benchmark", province="P-BENCH", lookups=25)
    out = capsys.readouterr().out
    assert "40 of 40 petitions under P-BENCH given a tracking code" in out
    assert "25 look-ups: p50" in out
    assert not PublicSubmission.objects.exists()
    assert Petition.objects.count() == 40
