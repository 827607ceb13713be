"""`check_seals` finds a registry row hidden at sealing and left behind (the sealing committed,
the deletion that follows it never ran: a crash), and `--fix` deletes it."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.petitions import services as petition_services
from tiepdan.vault import vault

pytestmark = pytest.mark.django_db


def _sealed_without_cleanup(ward, processor, leader, name: str, id_number: str) -> Citizen:
    """Seal a denunciation whose sender exists only for it, and lose the deletion that should
    follow the commit (the test's transaction never commits: as if the process died)."""
    person = citizen_services.citizen_create(
        unit=ward, actor=processor, full_name=name, id_number=id_number, phone="", address=""
    )
    petition = petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 3, 3),
        source="post",
        petition_type="denunciation",
        domain="corruption",
        summary="Tố cáo cán bộ địa chính nhận tiền",
        senders=[person],
        actor=processor,
    )
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 3, 5)
    )
    return person


def test_check_seals_reports_and_fixes_a_hidden_row_left_behind(ward, processor, leader) -> None:
    person = _sealed_without_cleanup(ward, processor, leader, "Đinh Thị Sót", "001190000111")
    assert Citizen.objects.get(pk=person.pk).sealed  # hidden, still holding the name
    assert vault.unsealed_matters() == []  # the matter itself is sealed
    assert vault.hidden_leftovers() == [person.pk]
    with pytest.raises(CommandError, match=f"#{person.pk}"):
        call_command("check_seals")
    call_command("check_seals", "--fix")
    assert not Citizen.objects.filter(pk=person.pk).exists()
    assert vault.hidden_leftovers() == []
    call_command("check_seals")


def test_fix_shows_again_a_hidden_row_linked_to_something_else(
    ward, processor, leader, receptionist
) -> None:
    """A person hidden at sealing but linked meanwhile (they came to the desk about something
    else) keeps their row, shown again."""
    person = _sealed_without_cleanup(ward, processor, leader, "Mạc Văn Còn", "001190000222")
    petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 3, 6),
        source="post",
        petition_type="complaint",
        domain="admin.land_housing",
        summary="Khiếu nại quyết định thu hồi đất",
        senders=[Citizen.objects.get(pk=person.pk)],
        actor=processor,
    )
    with pytest.raises(CommandError, match=f"#{person.pk}"):
        call_command("check_seals")
    call_command("check_seals", "--fix")
    kept = Citizen.objects.get(pk=person.pk)
    assert kept.sealed is False
    assert vault.hidden_leftovers() == []
