"""Services against the database: the demo ward's Tết rosters, rule versions, bad input."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from tiepdan.audit.models import AuditEvent
from tiepdan.citizens import services as citizen_services
from tiepdan.core.errors import DomainError
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.plans import constants, roster, roster_services, selectors, services
from tiepdan.plans.models import Plan, Shift, ShiftAssignment
from tiepdan.plans.tests.conftest import make_user
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar import services as calendar_services
from tiepdan.workcalendar.services import DayEntry

D = dt.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TET_2027 = [
    D(2027, 2, 4),
    D(2027, 2, 5),
    D(2027, 2, 8),
    D(2027, 2, 9),
    D(2027, 2, 10),
    D(2027, 2, 11),
]


def tet_plan(ward, leader, **extra) -> Plan:
    return services.plan_create(
        unit=ward,
        actor=leader,
        title="Tổ chức tiếp công dân phục vụ Tết Nguyên đán Ất Tỵ năm 2025",
        starts_on=extra.pop("starts_on", D(2025, 1, 23)),
        ends_on=extra.pop("ends_on", D(2025, 2, 9)),
        issued_on=D(2025, 1, 16),
        **extra,
    )


def enter_tet_2027(actor=None) -> None:
    """The 2027 calendar as a decree would set it: Tết 04/02–11/02 plus the usual holidays."""
    lists = calendar_selectors.calendar_year_lists(2027)
    days_off = {d: n for d, n in lists.days_off.items() if not D(2027, 2, 1) <= d <= D(2027, 2, 28)}
    days_off.update(dict.fromkeys(TET_2027, "Nghỉ Tết Nguyên đán Đinh Mùi"))
    calendar_services.calendar_year_update(
        year=2027,
        days_off=[DayEntry(d, n) for d, n in sorted(days_off.items())],
        working_days=[],
        actor=actor,
    )


def check_roster(plan: Plan, usernames: set[str]) -> None:
    """Every day covered with its slots, every shift staffed with a leader, nobody twice at
    once, compliance satisfied under the rule version in force."""
    rows = selectors.roster_rows(plan)
    days = selectors.plan_days(plan.starts_on, plan.ends_on)
    expected = {(d.date, slot) for d in days for slot in roster.day_slots(d)}
    assert {(r.shift.date, r.shift.slot) for r in rows} == expected
    held: set[tuple[str, dt.date, str]] = set()
    for r in rows:
        assert r.officers
        assert r.leader is not None
        people = [u.username for u in r.officers] + [r.leader.username]
        assert len(people) == len(set(people))
        for p in people:
            assert p in usernames
            assert (p, r.shift.date, r.shift.slot) not in held
            held.add((p, r.shift.date, r.shift.slot))
    compliance = selectors.roster_compliance(plan, rows, today=plan.starts_on)
    assert all(c.ok for c in compliance if c.rule_code != "reception.schedule_notice"), [
        c for c in compliance if not c.ok
    ]


def test_demo_ward_tet_2025(ward, leader, deputy, officers):
    plan = tet_plan(ward, leader)
    assert [p.name for p in plan.phases.all()] == [
        "Trước Tết",
        "Trong thời gian nghỉ Tết",
        "Sau Tết",
    ]
    result = roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader, deputy], actor=leader
    )
    plan.refresh_from_db()
    check_roster(plan, {u.username for u in [*officers, leader, deputy]})
    tet = Shift.objects.filter(plan=plan, date__range=(D(2025, 1, 25), D(2025, 2, 2)))
    assert set(tet.values_list("slot", flat=True)) == {"day_off"}
    assert tet.count() == 9
    periodic = list(plan.shifts.filter(kind="periodic").values_list("date", flat=True))
    assert periodic
    assert all(calendar_selectors.is_working_day(d) for d in periodic)
    assert result.report["officer_tet_spread"] <= 1
    rows = selectors.roster_compliance(plan)
    assert [r.rule_code for r in rows] == ["commune_chair.2014"] * 3 + ["reception.schedule_notice"]
    assert AuditEvent.objects.filter(action=constants.ROSTER_GENERATED).count() == 1


@pytest.mark.django_db
class TestTet2027(HypothesisTestCase):
    """Tết Đinh Mùi 2027 after entering the decreed break, over random officer sets."""

    @classmethod
    def setUpTestData(cls):
        cls.ward = org_services.unit_create(code="26734", name="Phường Bắc Sơn", kind=UnitKind.WARD)
        cls.people = [
            make_user(f"cb{i:02d}", cls.ward, Role.RECEPTIONIST, f"Cán bộ {i}") for i in range(14)
        ]
        cls.chiefs = [make_user(f"ld{i}", cls.ward, Role.LEADER, f"Lãnh đạo {i}") for i in range(4)]
        enter_tet_2027()

    def test_calendar_has_the_decreed_break(self):
        assert not calendar_selectors.is_working_day(D(2027, 2, 11))
        days = {d.date: d for d in selectors.plan_days(D(2027, 2, 1), D(2027, 2, 14))}
        assert [d for d, info in days.items() if info.tet] == [
            D(2027, 2, 4) + dt.timedelta(days=i) for i in range(8)
        ]

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        officer_count=st.integers(1, 14),
        leader_count=st.integers(1, 4),
        start=st.dates(D(2027, 1, 4), D(2027, 2, 10)),
        length=st.integers(5, 50),
    )
    def test_roster_invariants(self, officer_count, leader_count, start, length):
        plan = services.plan_create(
            unit=self.ward,
            actor=None,
            title="Tổ chức tiếp công dân phục vụ Tết Nguyên đán Đinh Mùi năm 2027",
            starts_on=start,
            ends_on=start + dt.timedelta(days=length - 1),
        )
        officers, leaders = self.people[:officer_count], self.chiefs[:leader_count]
        roster_services.roster_generate(
            plan=plan,
            officers=officers,
            leaders=leaders,
            actor=None,
            publish_on=start - dt.timedelta(days=30),
        )
        check_roster(plan, {u.username for u in [*officers, *leaders]})
        tet = plan.shifts.filter(date__range=(D(2027, 2, 4), D(2027, 2, 11)))
        assert set(tet.values_list("slot", flat=True)) <= {"day_off"}
        plan.shifts.all().delete()  # the next example may reuse the same people and days


def test_rule_version_in_force_on_each_date(ward, leader, officers):
    plan = services.plan_create(
        unit=ward, actor=leader, title="Kế hoạch tháng 6–7/2026", starts_on=D(2026, 6, 15),
        ends_on=D(2026, 7, 31),
    )  # fmt: skip
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader], actor=leader, publish_on=D(2026, 6, 1)
    )
    rows = selectors.roster_compliance(plan, today=D(2026, 6, 1))
    codes = [(r.rule_code, r.first, r.required, r.ok) for r in rows]
    assert codes[:3] == [
        ("commune_chair.2014", D(2026, 6, 15), 1, True),
        ("commune_chair.2014", D(2026, 6, 22), 1, True),
        ("commune_chair.2014", D(2026, 6, 29), 1, True),
    ]
    assert codes[3] == ("commune_chair.2026", D(2026, 7, 1), 2, True)
    july = plan.shifts.filter(kind="periodic", date__month=7).count()
    assert july == 2


def test_province_and_department_rule(province, unit_admin):
    dept = org_services.unit_create(
        code="38-STTTT", name="Sở Thông tin và Truyền thông", kind=UnitKind.DEPARTMENT,
        parent=province,
    )  # fmt: skip
    head = make_user("giamdoc", dept, Role.LEADER, "Lâm Văn Sễn")
    staff = [make_user("ttra", dept, Role.RECEPTIONIST, "Ngô Thanh Bình")]
    plan = services.plan_create(
        unit=dept, actor=None, title="Tết 2027", starts_on=D(2027, 1, 20), ends_on=D(2027, 2, 28)
    )
    roster_services.roster_generate(plan=plan, officers=staff, leaders=[head], actor=None)
    rows = selectors.roster_compliance(plan)
    assert [(r.rule_code, r.required, r.ok) for r in rows[:2]] == [
        ("agency_head.2014", 1, True),
        ("agency_head.2014", 1, True),
    ]
    assert plan.agency_parent_name == "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"


def test_period_ending_before_start(ward, leader):
    with pytest.raises(DomainError) as caught:
        tet_plan(ward, leader, starts_on=D(2025, 2, 9), ends_on=D(2025, 1, 23))
    assert caught.value.code == "invalid_period"
    assert "09/02/2025" in caught.value.message
    assert "trước ngày bắt đầu" in caught.value.message
    assert not Plan.objects.exists()


def test_failed_generation_keeps_the_previous_roster(ward, leader, deputy, officers):
    plan = tet_plan(ward, leader, starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 31))
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader, deputy], actor=leader
    )
    before = sorted(ShiftAssignment.objects.values_list("user_id", "date", "slot"))
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as caught:
        roster_services.roster_generate(plan=plan, officers=[], leaders=[leader], actor=leader)
    assert caught.value.code == "no_officers"

    services.leave_create(
        user=leader, starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 31), reason="Học tập trung",
        actor=leader,
    )  # fmt: skip
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        roster_services.roster_generate(
            plan=plan, officers=officers, leaders=[leader, deputy], actor=leader
        )
    assert caught.value.code == "periodic_unsatisfiable"
    assert "Nguyễn Văn Trường" in caught.value.message
    assert "nghỉ phép" in caught.value.message
    assert sorted(ShiftAssignment.objects.values_list("user_id", "date", "slot")) == before
    assert AuditEvent.objects.count() == events

    with pytest.raises(DomainError) as caught:
        roster_services.roster_generate(
            plan=plan, officers=officers, leaders=[leader], actor=leader
        )
    assert caught.value.code in {"periodic_unsatisfiable", "no_leader_available"}


def test_deputy_first_works_when_chairman_is_away(ward, leader, deputy, officers):
    plan = tet_plan(ward, leader, starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 31))
    services.leave_create(
        user=leader, starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 31), reason="Công tác",
        actor=leader,
    )  # fmt: skip
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[deputy, leader], actor=leader
    )
    assert not ShiftAssignment.objects.filter(user=leader).exists()


def test_no_double_booking_across_plans(ward, leader, deputy, officers):
    first = tet_plan(ward, leader)
    roster_services.roster_generate(
        plan=first, officers=officers[:2], leaders=[leader], actor=leader
    )
    second = tet_plan(ward, leader, starts_on=D(2025, 2, 3), ends_on=D(2025, 2, 16))
    roster_services.roster_generate(
        plan=second, officers=officers, leaders=[deputy, leader], actor=leader,
        publish_on=D(2025, 1, 16),
    )  # fmt: skip
    clash = ShiftAssignment.objects.values("user", "date", "slot")
    assert clash.count() == len({tuple(r.values()) for r in clash})


def test_manual_edit_and_swap_are_audited(ward, leader, deputy, officers):
    plan = tet_plan(ward, leader)
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader, deputy], actor=leader
    )
    shift = plan.shifts.get(date=D(2025, 1, 29))
    roster_services.shift_update(
        shift=shift, officers=officers[3:5], leader=deputy, actor=leader, note="Đổi người"
    )
    assert shift.assignments.count() == 3
    assert AuditEvent.objects.filter(action=constants.SHIFT_EDITED).exists()
    with pytest.raises(DomainError) as caught:
        roster_services.shift_update(shift=shift, officers=[deputy], leader=deputy, actor=leader)
    assert caught.value.code == "officer_is_leader"

    a = ShiftAssignment.objects.filter(shift=shift, role="officer").first()
    other = (
        ShiftAssignment.objects.filter(shift__plan=plan, role="officer")
        .exclude(user__in=shift.assignments.values("user"))
        .exclude(date=shift.date)
        .first()
    )
    other_user, a_user = other.user, a.user
    if ShiftAssignment.objects.filter(user=a_user, date=other.date, slot=other.slot).exists():
        pytest.skip("generated roster happens to block this swap")
    roster_services.shift_swap(first=a, second=other, actor=leader, note="Việc gia đình")
    assert ShiftAssignment.objects.filter(shift=shift, user=other_user).exists()
    assert ShiftAssignment.objects.filter(shift=other.shift, user=a_user).exists()
    assert AuditEvent.objects.filter(action=constants.SHIFTS_SWAPPED).exists()


def test_plan_copy_shifts_dates_and_names(ward, leader, police, deputy, officers):
    source = tet_plan(
        ward, leader, closing="Trên đây là Kế hoạch phục vụ Tết Nguyên đán Ất Tỵ năm 2025./."
    )
    services.task_create(
        plan=source, actor=leader, assignee_label="Công an phường", content="Nắm tình hình.",
        due_on=D(2025, 1, 24), lead_unit=police,
    )  # fmt: skip
    copy = services.plan_copy(source=source, unit=ward, starts_on=D(2027, 1, 29), actor=leader)
    delta = D(2027, 1, 29) - D(2025, 1, 23)
    assert copy.title == "Tổ chức tiếp công dân phục vụ Tết Nguyên đán Đinh Mùi năm 2027"
    assert copy.ends_on == D(2025, 2, 9) + delta
    assert "Đinh Mùi năm 2027" in copy.closing
    task = copy.tasks.get()
    assert task.due_on == D(2025, 1, 24) + delta
    assert task.assignees.get().unit == police
    assert copy.parent_plan is None
    assert copy.copied_from == source


def test_copy_superior_plan_implements_it(province, ward, unit_admin, leader):
    superior = services.plan_create(
        unit=province, actor=unit_admin, title="Tết Đinh Mùi năm 2027 toàn tỉnh",
        starts_on=D(2027, 1, 25), ends_on=D(2027, 2, 20),
    )  # fmt: skip
    copy = services.plan_copy(source=superior, unit=ward, starts_on=D(2027, 1, 25), actor=leader)
    assert copy.parent_plan == superior
    assert copy.agency_name == "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN"
    with pytest.raises(DomainError):
        services.plan_create(
            unit=province, actor=unit_admin, title="x", starts_on=D(2027, 1, 1),
            ends_on=D(2027, 1, 2), parent_plan=copy,
        )  # fmt: skip


def test_results_aggregate_the_subtree(ward, police, leader, receptionist, officers):
    plan = tet_plan(ward, leader)
    citizens = [
        citizen_services.citizen_create(unit=ward, actor=None, full_name=name)
        for name in ["Lê An", "Trần Bình", "Phạm Cúc", "Hồ Dung", "Vũ Giang", "Đỗ Hà"]
    ]
    from tiepdan.reception import services as reception_services

    reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward, received_at=dt.datetime(2025, 1, 27, 9, tzinfo=VN), mode="regular",
            chaired_by="officer", channel="in_person", people_count=6,
            attendees=reception_services.attendees_of(citizens, citizens[:2]),
            petition_type="complaint", domain="admin.other", content="Khiếu nại về đền bù",
            handling="guided",
        ),
        actor=receptionist,
    )  # fmt: skip
    task = services.task_create(
        plan=plan, actor=leader, assignee_label="Công an phường", content="Nắm tình hình.",
        lead_unit=police,
    )  # fmt: skip
    services.task_report(task=task, actor=leader, text="Đã nắm tình hình.", done=True)
    results = selectors.plan_results(plan)
    assert results["visits"] == 1
    assert results["people"] == 6
    assert results["groups"] == 1
    assert results["tasks_done"] == 1 == results["tasks"]


def test_notify_shifts_is_idempotent(ward, leader, deputy, officers, settings):
    for i, u in enumerate([*officers, leader, deputy]):
        u.email = f"u{i}@example.org"
        u.save()
    today = dt.date.today()
    plan = tet_plan(ward, leader, starts_on=today, ends_on=today + dt.timedelta(days=6))
    plan.issued_on = None
    plan.save()
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader, deputy], actor=leader
    )
    call_command("notify_shifts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent = len(mail.outbox)
    assert sent == len({a.user_id for a in ShiftAssignment.objects.all()})
    assert "Lịch trực" in mail.outbox[0].subject
    call_command("notify_shifts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == sent
    assert not ShiftAssignment.objects.filter(notified_at__isnull=True).exists()


def test_load_demo_plans_is_idempotent(db):
    call_command("load_demo", fixed=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_plans", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Plan.objects.count(), Shift.objects.count(), ShiftAssignment.objects.count())
    call_command("load_demo_plans", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (Plan.objects.count(), Shift.objects.count(), ShiftAssignment.objects.count())
    ward_plan = Plan.objects.get(unit__code="26734", parent_plan__isnull=False)
    assert ward_plan.signer_name == "Nguyễn Văn Trường"
    assert ward_plan.tasks.count() == 5
    dept_plan = Plan.objects.get(unit__code="91-STTTT")
    assert dept_plan.signer_title == "GIÁM ĐỐC"
    assert dept_plan.number_symbol == "02/KH-STTTT"
    for plan in (ward_plan, dept_plan):
        assert all(r.ok for r in selectors.roster_compliance(plan))


def test_transaction_rolls_back_on_failure(ward, leader, officers):
    plan = tet_plan(ward, leader)
    with pytest.raises(DomainError), transaction.atomic():
        roster_services.roster_generate(plan=plan, officers=officers, leaders=[], actor=leader)
    assert not plan.shifts.exists()
