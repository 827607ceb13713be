import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tiepdan.petitions.models import Petition
from tiepdan.portal import services
from tiepdan.portal.management.commands.portal_benchmark import percentile
from tiepdan.portal.models import PublicSubmission
from tiepdan.portal.tests.conftest import PHONE

pytestmark = pytest.mark.django_db


def test_benchmark_runs_and_keeps_nothing(capsys) -> None:
    call_command("portal_benchmark", petitions=300, lookups=30)
    out = capsys.readouterr().out
    assert re.search(r"30 look-ups: p50 [\d.]+ ms, p95 [\d.]+ ms", out)
    assert "Rolled back" in out
    assert not Petition.objects.exists()


def test_benchmark_on_the_petitions_of_an_existing_unit(capsys, ward, submit) -> None:
    submit()  # one sent online (with its own code and proof), the rest registered at the desk
    for n in range(8):
        services.public_petition_submit(
            unit_code=ward.code, petition_type="proposal", content=f"Kiến nghị {n}", anonymous=True
        )
    PublicSubmission.objects.filter(petition__anonymous=True).delete()
    before = list(PublicSubmission.objects.values_list("tracking_code", "phone_digest"))
    call_command("portal_benchmark", unit=ward.code, lookups=5)
    out = capsys.readouterr().out
    assert "of 9 petitions (9 in the database" in out
    assert re.search(r"5 look-ups: p50 [\d.]+ ms, p95 [\d.]+ ms", out)
    assert list(PublicSubmission.objects.values_list("tracking_code", "phone_digest")) == before
    assert services.digest(PHONE) == before[0][1]
    assert Petition.objects.count() == 9


def test_benchmark_refuses_an_unknown_unit() -> None:
    with pytest.raises(CommandError, match="Không có đơn vị mã X"):
        call_command("portal_benchmark", unit="X")


def test_percentile_is_the_nearest_rank() -> None:
    timings = [float(n) for n in range(1, 101)]
    assert percentile(timings, 0.95) == 95.0
    assert percentile(timings, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
