"""The matter's first visit copied on its visits (for "tiếp lần đầu" without a join) stays
equal to the matter's whoever writes: the desk service, a backdated visit, bulk loads, direct
updates of the matter or of the visit's matter."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tiepdan.cases.models import Case
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import services as reception_services
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reports import selectors
from tiepdan.reports.forms_registry import form_version_for
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import case_create, visit_build

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, AGAIN = 6, 7  # 01/TCD, regular desk: matters received for the first time, again


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


@pytest.fixture
def citizen(ward: Unit) -> Citizen:
    return citizen_services.citizen_create(unit=ward, actor=None, full_name="Nguyễn Văn An")


def _record(ward: Unit, actor: User, citizen: Citizen, received_at: dt.datetime, case=None):
    return reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward,
            received_at=received_at,
            mode="regular",
            chaired_by="officer",
            channel="in_person",
            people_count=1,
            petition_type="complaint",
            domain="admin.land_housing",
            content="Khiếu nại về bồi thường",
            handling="guided",
            case=case,
            attendees=reception_services.attendees_of([citizen]),
        ),
        actor=actor,
    ).visit


def _ward_row(ward: Unit) -> dict[int, int]:
    report = selectors.report_compute(form_version_for("01-TCD", PERIOD.end), ward, PERIOD)
    return next(r for r in report.rows if r.own).columns


def _copies(case: Case) -> set:
    return set(ReceptionVisit.objects.filter(case=case).values_list("matter_first_at", flat=True))


def test_a_backdated_earlier_visit_turns_a_first_matter_into_a_repeated_one(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    in_period = _at(PERIOD.start + dt.timedelta(days=10))
    visit = _record(ward, receptionist, citizen, in_period)
    assert _copies(visit.case) == {in_period}
    assert (_ward_row(ward)[FIRST], _ward_row(ward)[AGAIN]) == (1, 0)

    # The same matter had been received before the period, entered late.
    before = _at(PERIOD.start - dt.timedelta(days=30))
    _record(ward, receptionist, citizen, before, case=visit.case)
    visit.case.refresh_from_db()
    assert visit.case.first_visit_at == before
    assert _copies(visit.case) == {before}
    assert (_ward_row(ward)[FIRST], _ward_row(ward)[AGAIN]) == (0, 1)


def test_a_later_visit_keeps_the_first_one(
    ward: Unit, receptionist: User, citizen: Citizen
) -> None:
    first = _at(PERIOD.start + dt.timedelta(days=3))
    visit = _record(ward, receptionist, citizen, first)
    _record(ward, receptionist, citizen, _at(PERIOD.start + dt.timedelta(days=20)), case=visit.case)
    assert _copies(visit.case) == {first}
    assert (_ward_row(ward)[FIRST], _ward_row(ward)[AGAIN]) == (1, 0)


def test_bulk_loads_and_direct_updates_keep_the_copy(ward: Unit) -> None:
    known = _at(PERIOD.start - dt.timedelta(days=200))
    old, new = case_create(ward, first_visit_at=known), case_create(ward)
    day = PERIOD.start + dt.timedelta(days=5)
    ReceptionVisit.objects.bulk_create(
        [visit_build(ward, old, _at(day)), visit_build(ward, new, _at(day, 10))]
    )
    assert _copies(old) == {known}
    assert _copies(new) == {None}

    # The first visit set on the matter afterwards (as an import would) reaches its visits.
    Case.objects.filter(pk=new.pk).update(first_visit_at=_at(day, 10))
    assert _copies(new) == {_at(day, 10)}
    assert (_ward_row(ward)[FIRST], _ward_row(ward)[AGAIN]) == (1, 1)

    # A visit moved to another matter takes that matter's first visit.
    moved = ReceptionVisit.objects.get(case=new)
    ReceptionVisit.objects.filter(pk=moved.pk).update(case=old)
    assert ReceptionVisit.objects.get(pk=moved.pk).matter_first_at == known
    assert (_ward_row(ward)[FIRST], _ward_row(ward)[AGAIN]) == (0, 1)

    # A value written on the visit itself cannot disagree with its matter.
    ReceptionVisit.objects.filter(pk=moved.pk).update(matter_first_at=_at(day))
    assert ReceptionVisit.objects.get(pk=moved.pk).matter_first_at == known


def test_triggers_dropped_by_a_table_rebuild_come_back_after_migrate(ward: Unit) -> None:
    """SQLite drops triggers when a migration rebuilds a table; post_migrate restores them."""
    from django.db import connection

    from tiepdan.reception.triggers import ensure_triggers

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps triggers across ALTER TABLE")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER cases_case_first_visit_to_visits")
    ensure_triggers(using=connection.alias)
    case = case_create(ward)
    day = PERIOD.start + dt.timedelta(days=5)
    ReceptionVisit.objects.bulk_create([visit_build(ward, case, _at(day))])
    Case.objects.filter(pk=case.pk).update(first_visit_at=_at(day))
    assert _copies(case) == {_at(day)}
