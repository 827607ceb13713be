"""The living demo: on the day it is loaded the dashboard, worklists and plans have content."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from tiepdan.monitoring import selectors as monitoring_selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.plans.models import Plan
from tiepdan.reception.models import ReceptionVisit
from tiepdan.workcalendar.models import Clock

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)
NOW = dt.datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_the_demo_lives_around_today_and_loads_once() -> None:
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo", today=TODAY, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        ward = Unit.objects.get(code="26734")
        chairman = User.objects.get(username="chutich.bacson")
        board = monitoring_selectors.dashboard(chairman, ward, TODAY)

        assert board["today_figures"]["visits"] >= 1
        days_with_visits = [d for d, figures in board["series"] if figures.get("visits")]
        assert len(days_with_visits) >= 10
        assert board["clocks"]["overdue"] >= 2
        assert board["clocks"]["due_soon"] >= 2
        assert board["open_alerts"] >= 2

        running = Clock.objects.filter(unit=ward, status=Clock.Status.RUNNING)
        assert running.filter(due__gt=TODAY).exists()  # still running, not every one overdue
        assert running.filter(rule_code="complaint.resolve.first", due__gt=TODAY).exists()
        assert running.filter(rule_code="complaint.resolve.first", due__lt=TODAY).exists()

        plan = Plan.objects.get(unit=ward, title__contains="Đinh Mùi năm 2027")
        assert plan.starts_on < dt.date(2027, 2, 6) < plan.ends_on  # around mùng 1 Tết
        assert not plan.number  # in preparation: not issued
        assert plan.issued_on is None
        assert plan.shifts.exists()
        assert plan.roster_published_on is None

        department = Unit.objects.get(code="91-STTTT")
        assert ReceptionVisit.objects.filter(unit=department, received_at__year=2026).exists()
        assert Clock.objects.filter(unit=department, status="running", due__lt=TODAY).exists()

        visits = ReceptionVisit.objects.count()
        call_command("load_demo", today=TODAY, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert ReceptionVisit.objects.count() == visits


def test_the_fixed_variant_keeps_only_the_dated_seeds() -> None:
    call_command("load_demo", fixed=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ReceptionVisit.objects.filter(received_at__year__gte=2026).exists()
    assert not Plan.objects.filter(title__contains="2027").exists()


def test_a_day_after_today_is_refused() -> None:
    call_command("load_demo", fixed=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with time_machine.travel(NOW, tick=False), pytest.raises(CommandError, match="hôm nay"):
        call_command("load_demo_live", today=TODAY + dt.timedelta(days=1))
