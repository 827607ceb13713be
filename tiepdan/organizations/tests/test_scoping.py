import pytest

from tiepdan.citizens.permissions import CitizenAction
from tiepdan.organizations import selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import Action, has_permission
from tiepdan.workcalendar.permissions import CalendarAction

pytestmark = pytest.mark.django_db


def test_membership_covers_the_unit_and_its_subtree(
    province: Unit, ward: Unit, police: Unit, other_ward: Unit, unit_admin: User
) -> None:
    assert set(selectors.visible_units(unit_admin)) == {province, ward, police}


def test_ward_officer_does_not_see_the_province(
    province: Unit, ward: Unit, police: Unit, receptionist: User
) -> None:
    assert set(selectors.visible_units(receptionist)) == {ward, police}


def test_outsider_sees_nothing_of_the_province(
    province: Unit, ward: Unit, other_ward: Unit, outsider: User
) -> None:
    assert set(selectors.visible_units(outsider)) == {other_ward}


def test_user_without_membership_sees_nothing(province: Unit) -> None:
    lonely = User.objects.create_user("lonely", password="x")
    assert not selectors.visible_units(lonely).exists()


def test_superuser_sees_everything(province: Unit, other_ward: Unit, superuser: User) -> None:
    assert set(selectors.visible_units(superuser)) >= {province, other_ward}


@pytest.mark.parametrize(
    ("user_fixture", "action", "unit_fixture", "allowed"),
    [
        ("receptionist", CitizenAction.EDIT, "ward", True),
        ("receptionist", Action.UNIT_MANAGE, "ward", False),
        ("receptionist", CitizenAction.VIEW, "province", False),
        ("unit_admin", Action.UNIT_MANAGE, "ward", True),
        ("unit_admin", CalendarAction.EDIT, None, True),
        ("ward_admin", CalendarAction.EDIT, None, False),
        ("partner", CitizenAction.VIEW, "police", False),
        ("outsider", CitizenAction.VIEW, "ward", False),
        ("leader", CitizenAction.MERGE, "ward", True),
    ],
)
def test_has_permission_matrix(
    request: pytest.FixtureRequest,
    user_fixture: str,
    action: Action,
    unit_fixture: str | None,
    allowed: bool,
    police: Unit,
) -> None:
    user = request.getfixturevalue(user_fixture)
    unit = request.getfixturevalue(unit_fixture) if unit_fixture else None
    assert has_permission(user, action, unit) is allowed
