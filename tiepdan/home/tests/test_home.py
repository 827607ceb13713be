"""The home page's figures, each read from the app that owns it."""

import pytest
from django.test import Client

from tiepdan.citizens.models import Citizen
from tiepdan.core import navigation

pytestmark = pytest.mark.django_db


def test_home_counts_the_subtree_of_the_current_unit(client: Client, ward_admin, ward, police):
    Citizen.objects.create(unit=ward, full_name="Nguyễn Văn An")
    Citizen.objects.create(unit=police, full_name="Trần Thị Bình")
    client.force_login(ward_admin)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["figures"] == {"units": 2, "partners": 1, "users": 1, "citizens": 2}


def test_every_app_declares_its_menu_entries() -> None:
    assert navigation.entries() == (
        "cases",
        "citizen_new",
        "citizen_ratings",
        "citizens",
        "desk",
        "monitoring",
        "national_sync",
        "petition_new",
        "petitions",
        "privacy",
        "register",
        "reports",
        "thresholds",
        "unit_plans",
    )
