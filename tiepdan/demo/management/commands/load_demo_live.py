"""A living demo around a given day (default today), on top of the seed history (idempotent).

The seeds are archived records of 2025 and 2021; on any later day they leave the dashboard,
monitoring and worklists empty. This layer adds, relative to `--today`: the ward's visits over
the last four months (a mass group two days ago and one three weeks ago on the same project),
written petitions whose clocks are running, due within two working days and overdue, accepted
complaints whose resolution time limit is near or passed, open alerts (the mass group and the
hotspot scan), the plan for the coming Tết copied from the seed plan, in preparation with its
draft roster, and a lighter desk at the department with two petitions waiting. The same
`--today` gives the same data (the variety is seeded by the date), so tests pin it.
"""

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tiepdan.cases.models import SubjectCategory
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import Domain
from tiepdan.monitoring import services as monitoring_services
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.plans import roster_services
from tiepdan.plans import services as plan_services
from tiepdan.plans.models import Plan
from tiepdan.reception import services as reception_services
from tiepdan.reception import session_services
from tiepdan.workcalendar import lunar
from tiepdan.workcalendar.selectors import working_calendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HISTORY_DAYS = 120
# The seed history ends in 2025: a living layer before it would mix with the archived records.
EARLIEST = dt.date(2025, 9, 1)

# full name, CCCD, year of birth, gender, address, phone
PEOPLE = [
    ("Mai Văn Tùng", "038079011223", 1979, "male", "Khu phố 2, phường Bắc Sơn", "0915222444"),
    ("Chu Thị Hằng", "038186021334", 1986, "female", "Khu phố 1, phường Bắc Sơn", "0986333555"),
    ("Lương Văn Quyết", "038061031445", 1961, "male", "Khu phố 3, phường Bắc Sơn", ""),
    ("Tạ Thị Thu", "038193041556", 1993, "female", "Khu phố 2, phường Bắc Sơn", "0367444666"),
    ("Dương Văn Hải", "038070051667", 1970, "male", "Khu phố 1, phường Bắc Sơn", "0908555777"),
    ("Kiều Thị Nga", "038158061778", 1958, "female", "Khu phố 3, phường Bắc Sơn", "0979666888"),
]

# subject, petition type, domain, what the citizen says, how the desk guided (competent body)
THEMES = [
    (
        "Bồi thường, hỗ trợ, tái định cư khi thu hồi đất",
        "complaint",
        Domain.ADMIN_LAND_HOUSING,
        "Khiếu nại mức hỗ trợ tái định cư dự án khu dân cư phía Tây",
        "",
    ),
    (
        "Tranh chấp đất đai",
        "proposal",
        Domain.ADMIN_LAND_HOUSING,
        "Kiến nghị hòa giải tranh chấp ranh giới đất với hộ liền kề",
        "Tổ hòa giải khu phố",
    ),
    (
        "Cấp giấy chứng nhận quyền sử dụng đất",
        "proposal",
        Domain.ADMIN_LAND_HOUSING,
        "Hỏi tiến độ cấp giấy chứng nhận quyền sử dụng đất",
        "",
    ),
    (
        "Chế độ chính sách người có công",
        "proposal",
        Domain.ADMIN_POLICY,
        "Kiến nghị xem xét chế độ trợ cấp người có công với cách mạng",
        "",
    ),
    (
        "Bảo hiểm xã hội, trợ cấp",
        "proposal",
        Domain.ADMIN_POLICY,
        "Hỏi thủ tục hưởng bảo hiểm xã hội một lần",
        "Bảo hiểm xã hội tỉnh Thanh Hóa",
    ),
    (
        "Môi trường, tiếng ồn",
        "proposal",
        Domain.OTHER,
        "Phản ánh khói bụi của xưởng gỗ trong khu dân cư",
        "",
    ),
    (
        "Thái độ, tác phong của cán bộ, công chức",
        "complaint",
        Domain.ADMIN_CIVIL_SERVICE,
        "Khiếu nại việc chậm trả kết quả thủ tục hành chính",
        "",
    ),
]
# The department's desk (Sở TT&TT): fewer visits, on its own field.
DEPARTMENT_THEMES = [
    (
        "Viễn thông, internet, bưu chính",
        "proposal",
        Domain.ADMIN_OTHER,
        "Phản ánh sóng di động yếu tại khu dân cư",
        "Doanh nghiệp viễn thông quản lý trạm phát sóng",
    ),
    (
        "Viễn thông, internet, bưu chính",
        "proposal",
        Domain.ADMIN_OTHER,
        "Kiến nghị xử lý tin nhắn rác, cuộc gọi lừa đảo",
        "",
    ),
    (
        "Thái độ, tác phong của cán bộ, công chức",
        "complaint",
        Domain.ADMIN_CIVIL_SERVICE,
        "Khiếu nại việc chậm cấp giấy phép hoạt động in",
        "",
    ),
]
GROUP_CONTENT = "Đoàn hộ dân khu phố 2 khiếu nại mức hỗ trợ tái định cư dự án khu dân cư phía Tây"


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu sống động quanh một ngày (mặc định hôm nay); chạy load_demo trước."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="ngày làm mốc, YYYY-MM-DD (mặc định hôm nay)",
        )

    def handle(self, *args, today: dt.date | None = None, **options) -> None:
        today = today or timezone.localdate()
        if today < EARLIEST or today > timezone.localdate():
            raise CommandError(
                f"Ngày làm mốc phải từ {EARLIEST:%d/%m/%Y} đến hôm nay: {today:%d/%m/%Y}."
            )
        ward = Unit.objects.filter(code="26734").first()
        seed_plan = Plan.objects.filter(unit=ward, parent_plan__isnull=False).first()
        if ward is None or seed_plan is None:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `manage.py load_demo` trước.")
        tet = coming_tet(today)
        title = plan_services.retext(seed_plan.title, seed_plan.ends_on.year, tet.year)
        if Plan.objects.filter(unit=ward, title=title).exists():
            self.stdout.write(f"Dữ liệu mẫu quanh ngày {today:%d/%m/%Y} đã có.")
            return
        Live(ward, today).load(seed_plan, tet)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo dữ liệu mẫu quanh ngày {today:%d/%m/%Y} và kế hoạch Tết "
                f"{plan_services.can_chi(tet.year)} {tet.year} (đang chuẩn bị)."
            )
        )


def coming_tet(today: dt.date) -> dt.date:
    """Mùng 1 Tết of the coming lunar new year (this year's while it is still ahead)."""
    this_year = lunar.lunar_new_year(today.year)
    if this_year is not None and this_year > today:
        return this_year
    next_year = lunar.lunar_new_year(today.year + 1)
    assert next_year is not None  # the lunar table covers every year the demo can reach
    return next_year


class Live:
    def __init__(self, ward: Unit, today: dt.date) -> None:
        self.ward, self.today = ward, today
        # Seeded by the day: the same --today always builds the same records.
        self.rng = random.Random(today.toordinal())
        self.calendar = working_calendar()
        self.officer = User.objects.get(username="tiep.bacson")
        self.chairman = User.objects.get(username="chutich.bacson")
        self.subjects = {s.name: s for s in SubjectCategory.objects.all()}

    def working_days_back(self, n: int) -> dt.date:
        day = self.today
        while n > 0:
            day -= dt.timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VN)
        return min(moment, timezone.now() - dt.timedelta(minutes=5))

    @transaction.atomic
    def load(self, seed_plan: Plan, tet: dt.date) -> None:
        people = self._people()
        self._visits(people)
        self._petitions(people)
        self._groups(people)
        self._plan(seed_plan, tet)
        self._online_session()
        self._department()
        monitoring_services.hotspot_scan(root=self.ward, today=self.today)

    def _people(self) -> list[Citizen]:
        existing = {c.id_number: c for c in Citizen.objects.filter(unit=self.ward)}
        for name, id_number, born, gender, address, phone in PEOPLE:
            if id_number not in existing:
                existing[id_number] = citizen_services.citizen_create(
                    unit=self.ward,
                    actor=None,
                    full_name=name,
                    id_number=id_number,
                    date_of_birth=dt.date(born, 1, 1),
                    gender=gender,
                    address=address,
                    phone=phone,
                )
        # The sealed denouncer of the seed stays out of the everyday desk traffic.
        return sorted(
            (c for c in existing.values() if c.full_name != "Hồ Ngọc Ánh"), key=lambda c: c.pk
        )

    def _visit(
        self,
        day: dt.date,
        hour: int,
        citizens: list[Citizen],
        theme: tuple,
        *,
        representatives: list[Citizen] | None = None,
        actor: User | None = None,
        **kw: Any,
    ) -> reception_services.VisitResult:
        subject, petition_type, domain, content, body = theme
        values: dict[str, Any] = {
            "unit": self.ward,
            "received_at": self.at(day, hour, self.rng.choice((0, 15, 30, 45))),
            "mode": "regular",
            "chaired_by": "officer",
            "channel": "in_person",
            "people_count": len(citizens),
            "attendees": reception_services.attendees_of(citizens, representatives or []),
            "petition_type": petition_type,
            "domain": domain,
            "subject": self.subjects.get(subject),
            "content": content,
            "handling": "guided",
            "guidance": "Giải thích chính sách, pháp luật; hướng dẫn công dân thực hiện theo "
            "quy định" + (f"; gửi đơn đến {body}" if body else ""),
            # Named only when the matter belongs elsewhere (the guidance slip prints it).
            "competent_body": body,
        }
        values.update(kw)
        return reception_services.visit_record(
            reception_services.VisitInput(**values), actor=actor or self.officer
        )

    def _visits(self, people: list[Citizen]) -> None:
        """Everyday desk traffic: guidance and answers, one to three visits a working day."""
        day = self.today - dt.timedelta(days=HISTORY_DAYS)
        while day < self.today:
            if self.calendar.is_working_day(day):
                for n in range(self.rng.choice((0, 1, 1, 2, 3))):
                    self._visit(day, 8 + 2 * n, [self.rng.choice(people)], self.rng.choice(THEMES))
            day += dt.timedelta(days=1)
        if timezone.localtime().date() > self.today or timezone.localtime().hour >= 9:
            self._visit(self.today, 8, [people[0]], THEMES[2])

    def _online_session(self) -> None:
        """The chairman's next online session, 7 working days ahead, with two points."""
        from tiepdan.reception import online

        day = self.today
        for _n in range(7):
            day += dt.timedelta(days=1)
            while not self.calendar.is_working_day(day):
                day += dt.timedelta(days=1)
        if not online.online_allowed(day):
            return
        session = session_services.session_create(
            unit=self.ward,
            actor=self.chairman,
            date=day,
            mode="periodic",
            chaired_by="head",
            chair=self.chairman,
            channel="online",
            start_time=dt.time(8, 0),
            video_link="https://hop-truc-tuyen.example.gov.vn/phong/tiep-cong-dan",
            online_ground="remote",
            online_reason="Công dân các khu phố xa trụ sở, người cao tuổi khó đi lại",
        )
        for kind, room in (
            ("central", "Hội trường UBND phường"),
            ("component", "Nhà văn hóa khu phố 7"),
        ):
            session_services.point_add(
                session=session,
                actor=self.chairman,
                kind=kind,
                unit=self.ward,
                room=room,
                officers="Cán bộ tiếp công dân phường",
            )

    def _department(self) -> None:
        """A visit or two a week at the department, and two written petitions waiting (one
        due within two working days, one overdue)."""
        department = Unit.objects.filter(code="91-STTTT").first()
        people = list(
            Citizen.objects.filter(
                unit=department, full_name__in=["Võ Thành Long", "Nguyễn Thị Ngọc Trâm"]
            ).order_by("pk")
        )
        if department is None or not people:
            return
        officer = User.objects.get(username="tiep.stttt")
        day = self.today - dt.timedelta(days=HISTORY_DAYS)
        while day < self.today:
            if self.calendar.is_working_day(day) and self.rng.random() < 0.3:
                theme = self.rng.choice(DEPARTMENT_THEMES)
                self._visit(
                    day, 9, [self.rng.choice(people)], theme, unit=department, actor=officer
                )
            day += dt.timedelta(days=1)
        for n, ago in enumerate((9, 14)):
            self._visit(
                self.working_days_back(ago),
                10,
                [people[n % len(people)]],
                DEPARTMENT_THEMES[n],
                handling="petition_received",
                written_petition=True,
                within_competence=True,
                guidance="",
                competent_body="",
                unit=department,
                actor=officer,
            )

    def _petitions(self, people: list[Citizen]) -> None:
        """Written petitions at every stage of their clocks (petition.notify: 10 working days)."""
        # working days ago, theme, decided how: None (waiting), "accept", "transfer"
        stages = [
            (3, THEMES[5], None),  # running
            (5, THEMES[3], None),  # running
            (9, THEMES[0], None),  # due within two working days
            (10, THEMES[6], None),  # due today
            (13, THEMES[1], None),  # overdue
            (18, THEMES[5], None),  # overdue
            (19, THEMES[0], "accept"),  # resolution (30 days) due soon
            (30, THEMES[4], "transfer"),
            (40, THEMES[0], "accept"),  # resolution overdue
        ]
        for n, (ago, theme, outcome) in enumerate(stages):
            day = self.working_days_back(ago)
            result = self._visit(
                day,
                9,
                [people[(n * 5) % len(people)]],
                theme,
                handling="petition_received",
                written_petition=True,
                within_competence=outcome != "transfer",
                guidance="",
                competent_body="",
            )
            if outcome is None:
                continue
            decided_on = min(self.today, day + dt.timedelta(days=2))
            petition = result.petition
            assert petition is not None  # a written petition was received at the desk
            if outcome == "accept":
                petition_services.petition_decide(
                    petition=petition,
                    actor=self.chairman,
                    outcome="accept",
                    decided_on=decided_on,
                    reason="Thuộc thẩm quyền, đủ điều kiện thụ lý",
                )
            else:
                petition_services.petition_decide(
                    petition=petition,
                    actor=self.chairman,
                    outcome="transfer",
                    decided_on=decided_on,
                    to_body=theme[4],
                    reason="Không thuộc thẩm quyền của UBND phường",
                )

    def _groups(self, people: list[Citizen]) -> None:
        """The same mass group three weeks ago and two days ago: alerts and a hotspot."""
        theme = THEMES[0]
        for ago, count in ((15, 8), (2, 14)):
            group = people[1:4]
            self._visit(
                self.working_days_back(ago),
                9,
                group,
                (theme[0], theme[1], theme[2], GROUP_CONTENT, ""),
                people_count=count,
                representatives=group[:2],
                handling="appointment",
                appointment_at=self.at(self.working_days_back(ago), 14),
                appointment_place="Trụ sở Tiếp công dân phường Bắc Sơn",
                guidance="",
                competent_body="",
            )

    def _plan(self, seed_plan: Plan, tet: dt.date) -> None:
        """The coming Tết's plan copied from the seed plan, not issued yet, its roster drafted."""
        seed_tet = lunar.lunar_new_year(seed_plan.ends_on.year)
        assert seed_tet is not None  # the seed plan's year is in the lunar table
        plan = plan_services.plan_copy(
            source=seed_plan,
            unit=self.ward,
            starts_on=tet - (seed_tet - seed_plan.starts_on),
            actor=self.chairman,
        )
        users = {u.username: u for u in User.objects.filter(username__contains=".bacson")}
        roster_services.roster_generate(
            plan=plan,
            officers=[users["tiep.bacson"], users["tiep2.bacson"], users["xuly.bacson"]],
            leaders=[users["chutich.bacson"], users["phochutich.bacson"]],
            actor=self.chairman,
            publish_on=self.today,
        )
