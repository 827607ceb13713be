"""01/XLD counts a guided, transferred or urged petition among the eligible ones: the decision
sets eligibility and competence from the outcome (and a data migration fixes older records).
The columns are compared with a count made here, independently of the report code."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition

pytestmark = pytest.mark.django_db

# (petition type, outcome, target): what the ward decided in January 2025.
DECISIONS = [
    ("complaint", "accept", None),
    ("complaint", "guide", None),
    ("complaint", "transfer", "department"),
    ("denunciation", "transfer", "department"),
    ("proposal", "guide", None),
    ("proposal", "transfer", "department"),
    ("proposal", "urge", "police"),
    ("complaint", "urge", "police"),
]


@pytest.fixture
def decided(receive, leader: User, department: Unit, police: Unit) -> list[Petition]:
    targets = {"department": department, "police": police}
    petitions = []
    for petition_type, outcome, target in DECISIONS:
        petition = receive(petition_type=petition_type, summary=f"Đơn {petition_type} {outcome}")
        services.petition_decide(
            petition=petition,
            actor=leader,
            outcome=outcome,
            decided_on=dt.date(2025, 1, 22),
            to_unit=targets.get(target),
            to_body="Tòa án nhân dân tỉnh" if outcome == "guide" else "",
        )
        petitions.append(petition)
    return petitions


def expected_columns() -> dict[int, int]:
    """01/XLD (TT 01/2024) columns 6–21 for DECISIONS, counted by hand from the list."""

    def n(pred) -> int:
        return sum(1 for d in DECISIONS if pred(*d))

    outside = ("guide", "transfer", "urge")
    return {
        6: len(DECISIONS),
        8: n(lambda t, o, _: t == "complaint"),
        9: n(lambda t, o, _: t == "denunciation"),
        10: n(lambda t, o, _: t == "proposal"),
        14: n(lambda t, o, _: o == "accept"),
        18: n(lambda t, o, _: o in outside),
        19: n(lambda t, o, _: o == "guide"),
        20: n(lambda t, o, _: o == "transfer"),
        21: n(lambda t, o, _: o == "urge"),
    }


def test_outcome_sets_eligibility_and_competence(decided: list[Petition]) -> None:
    for petition, (_, outcome, _) in zip(decided, DECISIONS, strict=True):
        petition.refresh_from_db()
        assert petition.eligibility == "eligible", outcome
        assert petition.within_jurisdiction is (outcome == "accept"), outcome


def test_xld01_counts_guided_and_transferred_petitions(
    decided: list[Petition], client_for, unit_admin: User
) -> None:
    body = (
        client_for(unit_admin)
        .get("/api/v1/reports/01-XLD/?unit=38&from=2025-01-01&to=2025-03-14")
        .json()
    )
    expected = expected_columns()
    assert expected == {6: 8, 8: 4, 9: 1, 10: 3, 14: 1, 18: 7, 19: 2, 20: 3, 21: 2}
    province_total = {n: body["columns"][str(n)] for n in expected}
    ward_row = next(r for r in body["rows"] if r["unit"] == "26734")
    assert province_total == expected
    assert {n: ward_row["columns"][str(n)] for n in expected} == expected
    assert body["columns"]["4"] == len(DECISIONS)  # processed: as before


def test_migration_fixes_earlier_records(decided: list[Petition]) -> None:
    Petition.objects.filter(outcome__in=["guide", "transfer", "urge"]).update(
        eligibility="pending", within_jurisdiction=None
    )
    migration = importlib.import_module(
        "tiepdan.petitions.migrations.0006_outcome_sets_eligibility"
    )
    migration.eligibility_from_outcome(apps, None)
    rows = Petition.objects.filter(unit__code="26734").values_list(
        "outcome", "eligibility", "within_jurisdiction"
    )
    assert {(o, e, w) for o, e, w in rows} == {
        ("accept", "eligible", True),
        ("guide", "eligible", False),
        ("transfer", "eligible", False),
        ("urge", "eligible", False),
    }
