import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Max, Min
from django.utils import timezone

from tiepdan.audit.chain import verify
from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.core.models import SequenceCounter
from tiepdan.petitions.models import Petition
from tiepdan.reception import visit_days
from tiepdan.reception.constants import REGISTER_SEQUENCE
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault.models import IdentityRecord
from tiepdan.vault.vault import unsealed_matters


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_small_data_set_has_the_shape_of_the_full_one() -> None:
    out = io.StringIO()
    call_command("benchmark_data", scale=0.0001, stdout=out)
    assert "1,000 visits" in out.getvalue()
    in_tree = {"unit__path__startswith": Case.objects.first().unit.path[:4]}
    assert Citizen.objects.filter(**in_tree).count() >= 1000
    assert Petition.objects.filter(**in_tree).count() == 1000
    visits = ReceptionVisit.objects.filter(**in_tree)
    ids = list(visits.values_list("unit_id", flat=True).distinct())
    span = visits.aggregate(first=Min("received_at"), last=Max("received_at"))
    first, last = (timezone.localdate(span["first"]), timezone.localdate(span["last"]))
    assert visits.count() > 1000  # and the planted hotspots
    # Each matter opens at its first visit; the visits carry it (the reports' "first time").
    firsts = Case.objects.annotate(first=Min("visits__received_at"))
    assert not firsts.exclude(first=F("first_visit_at")).exists()
    assert not visits.exclude(matter_first_at=F("case__first_visit_at")).exists()
    assert visits.filter(is_repeat=False).count() == Case.objects.count()
    # Denouncers are sealed as the vault leaves them; the others attend in plain.
    assert unsealed_matters() == []
    assert IdentityRecord.objects.filter(visit__isnull=False).count() == (
        visits.filter(petition_type="denunciation").count()
    )
    assert IdentityRecord.objects.filter(petition__isnull=False).exists()
    assert VisitCitizen.objects.count() == visits.exclude(petition_type="denunciation").count()
    # The per-day summary of visits (PostgreSQL) is filled, equal to a direct count.
    if connection.vendor == "postgresql":
        assert visit_days.daily_counts(ids, first, last) == visit_days._live(ids, first, last)
        assert sum(n for n, _p, _g in visit_days.daily_counts(ids, first, last).values()) == (
            visits.count()
        )
    # The register goes on after the loaded numbers.
    last = SequenceCounter.objects.filter(sequence=REGISTER_SEQUENCE).order_by("-last").first()
    top = visits.filter(unit_id=last.unit_id, year=last.year).order_by("-register_number").first()
    assert top.register_number == last.last
    # The audit trail holds an event per visit and petition, every chain intact.
    recorded = AuditEvent.objects.filter(action__in=["visit.recorded", "petition.received"])
    assert recorded.count() == visits.count() + Petition.objects.count()
    assert verify(AuditEvent.objects.order_by("id")).broken is None
    # A second run keeps the data set.
    call_command("benchmark_data", scale=0.0001, stdout=out)
    assert "reusing it" in out.getvalue()
    assert Petition.objects.filter(**in_tree).count() == 1000
