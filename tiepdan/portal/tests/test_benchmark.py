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
