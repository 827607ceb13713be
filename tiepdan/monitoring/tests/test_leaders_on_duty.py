"""The leaders told of an alert: the roster's leader on duty, else the unit's leaders, else the
nearest unit above's; for many units at once in a constant number of queries."""

import datetime as dt

import pytest

from tiepdan.monitoring import selectors
from tiepdan.monitoring.services import alert_partner_units
from tiepdan.monitoring.services.alerts import alert_partner_units_of
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.plans.constants import AssignmentRole
from tiepdan.plans.models import Plan, Shift, ShiftAssignment

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 2, 16)


def _person(username, unit, role=Role.LEADER, **kw):
    return org_services.user_create(
        username=username,
        password="Mat-khau-thu-nghiem-2026",
        full_name=username,
        memberships=[(unit, role)],
        **kw,
    )


def _on_duty(unit, user, day):
    plan = Plan.objects.create(unit=unit, title="Trực Tết", starts_on=day, ends_on=day)
    shift = Shift.objects.create(
        plan=plan, date=day, slot=Shift._meta.get_field("slot").choices[0][0]
    )
    ShiftAssignment.objects.create(
        shift=shift, user=user, role=AssignmentRole.LEADER, date=shift.date, slot=shift.slot
    )


def test_each_unit_gets_its_own_roster_its_leaders_or_those_above(
    province, ward, police, leader, django_assert_max_num_queries
) -> None:
    quiet = org_services.unit_create(
        code="26735", name="Phường Đông Sơn", kind=UnitKind.WARD, parent=province
    )
    rostered = org_services.unit_create(
        code="26736", name="Phường Ba Đình", kind=UnitKind.WARD, parent=province
    )
    governor = _person("chutichtinh", province)
    _person("phochutich", rostered)
    on_duty = _person("truc", rostered, Role.RECEPTIONIST)
    _on_duty(rostered, on_duty, DAY)
    _on_duty(rostered, on_duty, DAY + dt.timedelta(days=1))  # another day's roster: not read
    gone = _person("daxuong", quiet)
    gone.is_active = False
    gone.save()

    units = [ward, police, quiet, rostered, province]
    with django_assert_max_num_queries(3):
        told = selectors.leaders_on_duty_of(units, DAY)
    assert told == {
        ward.pk: [leader],  # its own leader
        police.pk: [leader],  # a partner without leaders: the ward's
        quiet.pk: [governor],  # its only leader left: the province's
        rostered.pk: [on_duty],  # the roster first
        province.pk: [governor],
    }
    for unit in units:
        assert selectors.leaders_on_duty(unit, DAY) == told[unit.pk]
    assert selectors.leaders_on_duty(rostered, DAY + dt.timedelta(days=2)) != [on_duty]


def test_the_police_under_each_unit_in_one_query(
    province, ward, police, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        partners = alert_partner_units_of([province, ward])
    assert partners == {province.pk: [], ward.pk: [police]}
    assert alert_partner_units(ward) == [police]
