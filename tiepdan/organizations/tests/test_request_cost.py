"""What every officer page pays before its view: the session, the user and the memberships with
their units, read once. Nothing is kept from one request to the next, so a revoked membership or
a deactivated account counts on the very next request."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Membership, Unit, User
from tiepdan.organizations.second_factor import PENDING

pytestmark = pytest.mark.django_db

# The session, the user, the memberships with their units (current unit and switcher included).
FIXED = 3


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/no-such-page/")  # a first request may save the session's activity stamp
    return client


@pytest.mark.parametrize("who", ["receptionist", "unit_admin"])
def test_a_bare_404_costs_the_session_the_user_and_the_memberships(
    request, who: str, django_assert_num_queries
) -> None:
    client = _client(request.getfixturevalue(who))
    with django_assert_num_queries(FIXED):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    # The page still names the current unit and offers the switcher.
    assert "<select" in response.content.decode()


def test_a_unit_chosen_below_the_memberships_costs_one_query(
    unit_admin: User, ward: Unit, django_assert_num_queries
) -> None:
    client = _client(unit_admin)
    client.post("/units/switch/", {"unit": ward.pk})
    client.get("/no-such-page/")
    with django_assert_num_queries(FIXED + 1):
        response = client.get("/no-such-page/")
    assert f'value="{ward.pk}" selected' in response.content.decode()


def test_a_second_factor_session_reads_no_device_on_a_page(
    leader: User, django_assert_num_queries
) -> None:
    device = TOTPDevice.objects.create(user=leader, name="t", confirmed=True)
    client = Client()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    client.post("/login/", {"username": "chutich", "password": PASSWORD, "otp_token": code})
    client.get("/no-such-page/")
    with django_assert_num_queries(FIXED):
        assert client.get("/no-such-page/").status_code == 404
    # Asked for, the verified device is still read from the session: a session marked as
    # waiting for its second factor is let through because the code was given.
    session = client.session
    session[PENDING] = True
    session.save()
    assert client.get("/reception/desk/").status_code == 200
    assert PENDING not in client.session


def test_a_revoked_membership_counts_on_the_next_request(receptionist: User) -> None:
    client = _client(receptionist)
    assert client.get("/reception/desk/").status_code == 200
    Membership.objects.filter(user=receptionist).delete()
    # No unit left: refused (not a server error on an empty current unit).
    assert client.get("/reception/desk/").status_code == 403


def test_a_chosen_unit_out_of_reach_after_a_revocation_is_dropped(
    unit_admin: User, ward: Unit, other_ward: Unit
) -> None:
    client = _client(unit_admin)
    client.post("/units/switch/", {"unit": ward.pk})
    assert f'value="{ward.pk}" selected' in client.get("/no-such-page/").content.decode()
    Membership.objects.filter(user=unit_admin).update(unit=other_ward)
    html = client.get("/no-such-page/").content.decode()
    assert f'value="{ward.pk}"' not in html
    assert f'value="{other_ward.pk}" selected' in html


def test_a_deactivated_account_is_signed_out_on_the_next_request(receptionist: User) -> None:
    client = _client(receptionist)
    assert client.get("/reception/desk/").status_code == 200
    User.objects.filter(pk=receptionist.pk).update(is_active=False)
    response = client.get("/reception/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
