"""What a visit recorded through the API costs the database, and what the cheaper path keeps:
the sealing of a denouncer, the audit rows, the answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.audit.models import AuditEvent
from tiepdan.matters.models import Matter
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.api import VisitCreateApi
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault import vault

pytestmark = pytest.mark.django_db

VISIT = {
    "unit": "26734",
    "received_at": "2025-01-27T08:30:00+07:00",
    "mode": "regular",
    "chaired_by": "officer",
    "channel": "in_person",
    "people_count": 1,
    "citizens": [{"full_name": "Nguyễn Văn A", "id_number": "001085012345"}],
    "petition_type": "complaint",
    "domain": "admin.land_housing",
    "summary": "Khiếu nại về bồi thường giải phóng mặt bằng",
    "case": None,
}


def test_a_new_citizens_visit_takes_eleven_queries_without_savepoints(
    client_for, receptionist: User, ward: Unit
) -> None:
    api = client_for(receptionist)
    # The unit's first visit of the year starts its register numbering: the next ones count.
    first = {**VISIT, "citizens": [{"full_name": "Trần Văn B", "id_number": "001085012346"}]}
    assert api.post("/api/v1/visits/", first, format="json").status_code == 201
    last_event = AuditEvent.objects.order_by("pk").last()
    with CaptureQueriesContext(connection) as queries:
        response = api.post("/api/v1/visits/", VISIT, format="json")
    assert response.status_code == 201, response.json()
    sql = [q["sql"] for q in queries.captured_queries]
    # The test's transaction makes the visit's own a savepoint: that one, and no other.
    savepoints = [s for s in sql if "SAVEPOINT" in s]
    assert len(savepoints) == 2, savepoints
    sql = [s for s in sql if "SAVEPOINT" not in s]
    # A matter created by the visit is a denunciation by its kind alone: no holder is asked.
    assert not [s for s in sql if "petitions_petition" in s]
    # Token with its lockout, memberships (the desk's unit among them), look-up by ID number,
    # citizen, matter, its person, register number, visit, attendee; on PostgreSQL the audit
    # chain's lock and its tail with the new ids, the rows in one INSERT; elsewhere the tail
    # and the rows.
    assert len(sql) == (12 if connection.vendor == "postgresql" else 11), "\n".join(sql)
    assert not [s for s in sql if s.startswith("COPY")]
    assert not [s for s in sql if s.startswith('SELECT "organizations_unit"')]
    events = AuditEvent.objects.filter(pk__gt=last_event.pk).order_by("pk")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["citizen.created", "visit.recorded"]


def test_a_unit_below_the_users_own_is_read_and_one_outside_is_not_found(
    client_for, province: Unit, ward: Unit, other_ward: Unit
) -> None:
    """A desk at the province records a visit for a ward below it (no membership there: the
    unit is read), never for a unit outside its subtree."""
    from tiepdan.conftest import _user
    from tiepdan.organizations.constants import Role

    api = client_for(_user("tiepdan.tinh", province, Role.RECEPTIONIST))
    assert api.post("/api/v1/visits/", VISIT, format="json").status_code == 201
    assert ReceptionVisit.objects.get().unit == ward
    outside = {**VISIT, "unit": other_ward.code}
    assert api.post("/api/v1/visits/", outside, format="json").status_code == 404


def test_the_answer_is_the_contracts(client_for, receptionist: User, ward: Unit) -> None:
    body = client_for(receptionist).post("/api/v1/visits/", VISIT, format="json").json()
    visit = ReceptionVisit.objects.get()
    assert body == {
        "id": visit.pk,
        "register_number": 1,
        "case": visit.case_id,
        "is_repeat": False,
        "is_mass_group": False,
        "petition": None,
        "warnings": [],
        "identification": "",
    }
    assert body == VisitCreateApi.OutputSerializer(body).data


def test_a_denunciation_on_a_new_matter_is_sealed(
    client_for, receptionist: User, ward: Unit
) -> None:
    response = client_for(receptionist).post(
        "/api/v1/visits/", {**VISIT, "petition_type": "denunciation"}, format="json"
    )
    assert response.status_code == 201, response.json()
    matter = Matter.objects.get(pk=response.json()["case"])
    assert not matter.citizens.exists()
    assert not VisitCitizen.objects.filter(visit__case=matter).exists()
    assert vault.sealed_attendees(list(ReceptionVisit.objects.filter(case=matter)))
    assert vault.unsealed_matters() == []


def test_the_serializers_fields_share_their_choices_and_copy_their_child() -> None:
    declared = VisitCreateApi.InputSerializer._declared_fields
    fields = VisitCreateApi.InputSerializer().fields
    assert fields["domain"] is not declared["domain"]
    assert fields["domain"]._kwargs["choices"] is declared["domain"]._kwargs["choices"]
    assert fields["citizens"].child is not declared["citizens"].child
    assert fields["citizens"].child.parent is fields["citizens"]
