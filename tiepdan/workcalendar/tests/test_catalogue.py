"""The seeded catalogue and decreed days, the benchmark command."""

import itertools
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tiepdan.workcalendar.models import CalendarDay, LegalRule
from tiepdan.workcalendar.rules import rule_catalogue

CONTRACT_RULES = {
    "petition.notify": ("working", 10),
    "complaint.limitation": ("calendar", 90),
    "complaint.accept": ("working", 10),
    "complaint.resolve.first": ("calendar", 30),
    "complaint.resolve.second": ("calendar", 45),
    "complaint.second_filing": ("calendar", 30),
    "complaint.send_decision": ("working", 3),
    "denunciation.intake": ("working", 7),
    "denunciation.transfer": ("working", 5),
    "denunciation.notify_acceptance": ("working", 5),
    "denunciation.resolve": ("calendar", 30),
    "denunciation.handle_conclusion": ("working", 7),
    "denunciation.publish": ("working", 7),
    "transfer.report_back": ("working", 7),
}


@pytest.mark.django_db
def test_catalogue_has_every_contract_rule_with_basis() -> None:
    catalogue = rule_catalogue()
    for code, (day_type, days) in CONTRACT_RULES.items():
        rule = catalogue.get(code, date(2025, 1, 10))
        assert (rule.day_type, rule.days) == (day_type, days), code
        assert rule.legal_basis
        assert "Điều" in rule.legal_basis


@pytest.mark.django_db
def test_unverified_rules_say_so(client, leader) -> None:
    """The rules page marks every unverified rule for officers (in their words, not ours)."""
    unverified = LegalRule.objects.filter(confidence="unverified")
    assert unverified.exists()
    client.force_login(leader)
    html = client.get("/calendar/rules/").content.decode()
    assert html.count("Cần đối chiếu văn bản gốc") >= unverified.count()


@pytest.mark.django_db
def test_versions_of_a_rule_do_not_overlap() -> None:
    catalogue = rule_catalogue()
    for code in catalogue.codes():
        versions = catalogue.versions(code)
        for older, newer in itertools.pairwise(versions):
            assert older.valid_to is not None, code
            assert older.valid_to < newer.valid_from, code


@pytest.mark.django_db
def test_decreed_days_are_seeded_with_their_source() -> None:
    makeup = CalendarDay.objects.get(date=date(2025, 4, 26))
    assert makeup.kind == CalendarDay.Kind.WORKING_DAY
    assert "6150" in makeup.source
    assert CalendarDay.objects.get(date=date(2026, 8, 22)).kind == CalendarDay.Kind.WORKING_DAY
    assert (
        CalendarDay.objects.filter(date__range=(date(2026, 2, 14), date(2026, 2, 22))).count() == 9
    )


@pytest.mark.django_db
def test_benchmark_command_reaches_50000_per_second() -> None:
    out = StringIO()
    call_command("benchmark_deadlines", count=100_000, stdout=out)
    text = out.getvalue()
    assert "per second" in text
    rate = int(text.split(": ")[1].split(" per")[0].replace(",", ""))
    assert rate >= 50_000
