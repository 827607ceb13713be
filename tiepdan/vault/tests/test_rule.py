"""The sealing rule in its one place: it fails closed, every app that holds people is
registered, and the registry of persons refuses to list anyone without it."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens import visibility
from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
from tiepdan.vault import holders, vault

pytestmark = pytest.mark.django_db


@pytest.fixture
def denunciation(ward: Unit, processor: User) -> Petition:
    """A denunciation received and not yet linked to its matter: its sender is linked in
    plain, as intake and the acceptance check need, so the rule alone hides them."""
    sender = citizen_services.citizen_create(
        unit=ward, actor=processor, full_name="Hà Văn Kín", id_number="001090123456"
    )
    return petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 1, 20),
        source="post",
        petition_type="denunciation",
        domain="admin.land_housing",
        summary="Tố cáo cán bộ địa chính nhận tiền",
        senders=[sender],
        actor=processor,
    )


@pytest.mark.parametrize("who", ["none", "anonymous", "not a user"])
def test_an_unknown_caller_sees_every_denunciation_sealed(denunciation: Petition, who) -> None:
    user = {"none": None, "anonymous": AnonymousUser(), "not a user": object()}[who]
    sender = denunciation.senders.get()
    assert not vault.can_see_senders(user, denunciation)
    assert Petition.objects.filter(vault.sealed_q(user), pk=denunciation.pk).exists()
    assert Citizen.objects.filter(vault.sealed_person_q(user), pk=sender.pk).exists()
    assert sender.pk in vault.sealed_citizen_ids(user)


def test_the_officer_who_checks_the_denouncer_sees_them(
    denunciation: Petition, processor: User, unit_admin: User
) -> None:
    sender = denunciation.senders.get()
    assert vault.can_see_senders(processor, denunciation)
    assert not Citizen.objects.filter(vault.sealed_person_q(processor), pk=sender.pk).exists()
    assert citizen_selectors.citizen_queryset(processor).filter(pk=sender.pk).exists()
    # A superior unit's administrator does not: the person is left out of the registry too.
    assert not vault.can_see_senders(unit_admin, denunciation)
    assert sender.pk in vault.sealed_citizen_ids(unit_admin)
    assert not citizen_selectors.citizen_queryset(unit_admin).filter(pk=sender.pk).exists()


def test_every_app_that_holds_people_is_registered() -> None:
    registered = {type(h).__module__ for h in holders.holders()}
    assert registered == {
        "tiepdan.petitions.sealing",
        "tiepdan.reception.sealing",
        "tiepdan.matters.sealing",
    }
    linked = {link.model._meta.label_lower for link in holders.rule_links()}
    assert linked == {"petitions.petition_senders", "reception.visitcitizen"}


def test_nothing_is_listed_without_the_rule(monkeypatch, processor: User) -> None:
    monkeypatch.setattr(visibility, "_HIDDEN", [])
    with pytest.raises(ImproperlyConfigured):
        citizen_selectors.citizen_queryset(processor)
    monkeypatch.setattr(holders, "_HOLDERS", {})
    with pytest.raises(ImproperlyConfigured):
        vault.sealed_person_q(processor)


def test_terms_over_no_unit_or_matter_are_left_out_of_the_rule(
    denunciation: Petition, receptionist: User, processor: User
) -> None:
    """A reader with no identity role, no leading role and no grant: the rule is the matter's
    resolver alone (a term `IN ()` matches nothing, so nothing is built for it), and it still
    hides the denouncer."""
    assert vault.visible_q(receptionist) == Q(case__resolver_id=receptionist.pk)
    assert not vault.can_see_senders(receptionist, denunciation)
    assert Petition.objects.filter(vault.sealed_q(receptionist), pk=denunciation.pk).exists()
    assert vault.visible_q(processor) != Q(case__resolver_id=processor.pk)
    assert not Petition.objects.filter(vault.sealed_q(processor), pk=denunciation.pk).exists()
