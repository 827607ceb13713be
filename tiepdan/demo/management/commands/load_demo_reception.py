"""Demo reception data for the seed agencies: venues, a subject catalogue, visits around Tết.

Idempotent. Visits of Phường Bắc Sơn fall in the Tết Ất Tỵ 2025 plan period (a mass group on a
road-widening project, repeat visits, a refusal, a leader's periodic session with directions);
those of Sở TT&TT Kiên Giang in the Tết Tân Sửu 2021 period.
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction

from tiepdan.cases.models import SubjectCategory
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import Domain
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.reception import services, session_services
from tiepdan.reception.models import ReceptionVenue, ReceptionVisit

VN = ZoneInfo("Asia/Ho_Chi_Minh")

SUBJECTS = [
    ("Bồi thường, hỗ trợ, tái định cư khi thu hồi đất", Domain.ADMIN_LAND_HOUSING),
    ("Tranh chấp đất đai", Domain.ADMIN_LAND_HOUSING),
    ("Cấp giấy chứng nhận quyền sử dụng đất", Domain.ADMIN_LAND_HOUSING),
    ("Chế độ chính sách người có công", Domain.ADMIN_POLICY),
    ("Bảo hiểm xã hội, trợ cấp", Domain.ADMIN_POLICY),
    ("Thái độ, tác phong của cán bộ, công chức", Domain.ADMIN_CIVIL_SERVICE),
    ("Viễn thông, internet, bưu chính", Domain.ADMIN_OTHER),
    ("Môi trường, tiếng ồn", Domain.OTHER),
]


def _at(day: str, hour: int = 8, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=VN)


def _visit(
    unit: Unit,
    actor: User,
    citizens: list[Citizen],
    *,
    representatives: list[Citizen] | None = None,
    **fields: Any,
) -> ReceptionVisit:
    """A visit at the desk; by default a citizen's own complaint about land, guided."""
    values: dict[str, Any] = {
        "mode": "regular",
        "chaired_by": "officer",
        "channel": "in_person",
        "petition_type": "complaint",
        "domain": Domain.ADMIN_LAND_HOUSING,
        "handling": "guided",
        "people_count": len(citizens),
    }
    values.update(fields)
    data = services.VisitInput(
        unit=unit, attendees=services.attendees_of(citizens, representatives or []), **values
    )
    return services.visit_record(data, actor=actor).visit


class Command(BaseCommand):
    help = "Load demo reception data for the seed agencies (idempotent)."

    def handle(self, *args, **options) -> None:
        ward = Unit.objects.filter(code="26734").first()
        if ward is None:
            self.stderr.write("Run load_demo first.")
            return
        if ReceptionVisit.objects.filter(unit=ward).exists():
            self.stdout.write("Demo reception data already loaded.")
            return
        self._load(ward, Unit.objects.get(code="91-STTTT"))
        self.stdout.write(self.style.SUCCESS("Demo reception data loaded."))

    @transaction.atomic
    def _load(self, ward: Unit, department: Unit) -> None:
        subjects = {
            name: SubjectCategory.objects.create(name=name, bucket=bucket)
            for name, bucket in SUBJECTS
        }
        self._venues(ward, department)
        self._ward(ward, subjects)
        self._department(department, subjects)

    def _venues(self, ward: Unit, department: Unit) -> None:
        ReceptionVenue.objects.create(
            unit=ward,
            name="Trụ sở Tiếp công dân phường Bắc Sơn",
            address="Trụ sở UBND phường Bắc Sơn",
            facilities="Phòng tiếp 20 m², bàn ghế cho 10 người, máy tính kết nối mạng, camera, "
            "tủ lưu hồ sơ; bảng niêm yết nội quy và lịch tiếp công dân.",
        )
        ReceptionVenue.objects.create(
            unit=department,
            name="Địa điểm tiếp công dân Sở Thông tin và Truyền thông",
            address="Phòng Thanh tra Sở",
            facilities="Phòng làm việc của Thanh tra Sở, bố trí bàn tiếp và sổ tiếp công dân.",
        )

    def _ward(self, ward: Unit, subjects: dict[str, SubjectCategory]) -> None:
        """A land complaint that comes back, a group led to the chairman's session, a refusal."""
        officer = User.objects.get(username="tiep.bacson")
        chairman = User.objects.get(username="chutich.bacson")
        people = {c.full_name: c for c in Citizen.objects.filter(unit=ward)}
        an, thang = people["Nguyễn Văn An"], people["Trần Đức Thắng"]
        dao, duc = people["Phạm Thị Đào"], people["Đặng Văn Đức"]
        land = subjects["Bồi thường, hỗ trợ, tái định cư khi thu hồi đất"]

        def visit(citizens: list[Citizen], **kw: Any) -> ReceptionVisit:
            return _visit(ward, officer, citizens, **kw)

        first = visit(
            received_at=_at("2025-01-13"),
            citizens=[an],
            subject=land,
            content="Khiếu nại mức bồi thường đất ở khi thu hồi để mở rộng đường Nguyễn Huệ",
            request="Đề nghị xem xét lại đơn giá bồi thường",
            handling="petition_received",
            written_petition=True,
            within_competence=True,
            documents=[
                {"title": "Đơn khiếu nại", "pages": 2, "kind": "bản chính"},
                {"title": "Quyết định thu hồi đất", "pages": 3, "kind": "bản sao"},
            ],
        )
        group = visit(
            received_at=_at("2025-01-20", 9, 15),
            citizens=[thang, dao, duc],
            representatives=[thang, duc],
            people_count=9,
            subject=land,
            content="Đoàn 9 hộ dân khu phố 2 khiếu nại việc bồi thường dự án mở rộng đường "
            "Nguyễn Huệ",
            request="Đề nghị đối thoại với lãnh đạo phường",
            handling="appointment",
            appointment_at=_at("2025-01-22", 8, 0),
            appointment_place="Trụ sở Tiếp công dân phường Bắc Sơn",
        )
        self._chairman_session(ward, chairman, officer, group, [thang, duc])
        self._ward_later(ward, officer, chairman, first, subjects)

    def _ward_later(
        self,
        ward: Unit,
        officer: User,
        chairman: User,
        first: ReceptionVisit,
        subjects: dict[str, SubjectCategory],
    ) -> None:
        """After the session: a proposal, the land complaint again, a transfer, a refusal; the
        chairman accepts the land complaint."""
        people = {c.full_name: c for c in Citizen.objects.filter(unit=ward)}
        an, bich, anh = people["Nguyễn Văn An"], people["Lê Thị Bích"], people["Hồ Ngọc Ánh"]

        def visit(citizens: list[Citizen], **kw: Any) -> ReceptionVisit:
            return _visit(ward, officer, citizens, **kw)

        visit(
            received_at=_at("2025-01-24", 14, 0),
            citizens=[bich],
            petition_type="proposal",
            domain=Domain.OTHER,
            subject=subjects["Môi trường, tiếng ồn"],
            content="Phản ánh tiếng ồn của cơ sở sản xuất tại khu phố 1",
            guidance="Đã tiếp nhận, chuyển công chức địa chính – môi trường kiểm tra",
            handling="petition_received",
            written_petition=True,
        )
        visit(
            received_at=_at("2025-02-03"),
            citizens=[an],
            case=first.case,
            content="Hỏi tiến độ giải quyết đơn khiếu nại về bồi thường",
            guidance="Đơn đang được xác minh; hẹn trả lời trong tháng 2",
        )
        visit(
            received_at=_at("2025-02-04", 10, 0),
            citizens=[anh],
            petition_type="proposal",
            domain=Domain.ADMIN_POLICY,
            subject=subjects["Bảo hiểm xã hội, trợ cấp"],
            content="Hỏi thủ tục hưởng trợ cấp thai sản",
            handling="transferred",
            competent_body="Bảo hiểm xã hội tỉnh",
            within_competence=False,
        )
        visit(
            received_at=_at("2025-02-05", 15, 30),
            citizens=[an],
            case=first.case,
            content="Tiếp tục khiếu nại, có lời lẽ xúc phạm cán bộ tiếp",
            handling="refused",
            refusal_ground="art9.2",
            refusal_details="Công dân to tiếng, xúc phạm cán bộ tiếp",
        )

        # The chairman accepts the land complaint: the matter goes to resolution, its clock runs.
        petition_services.petition_decide(
            petition=first.petitions.get(),
            actor=chairman,
            outcome="accept",
            decided_on=dt.date(2025, 1, 17),
            reason="Thuộc thẩm quyền, đủ điều kiện thụ lý",
        )

    def _chairman_session(
        self,
        ward: Unit,
        chairman: User,
        officer: User,
        group: ReceptionVisit,
        representatives: list[Citizen],
    ) -> None:
        """The chairman's periodic session before Tết: the group's dialogue and its directions."""
        session = session_services.session_create(
            unit=ward,
            actor=chairman,
            date=dt.date(2025, 1, 22),
            mode="periodic",
            chaired_by="head",
            chair=chairman,
            notes="Tiếp định kỳ của Chủ tịch UBND phường trước Tết Nguyên đán Ất Tỵ",
        )
        _visit(
            ward,
            officer,
            representatives,
            received_at=_at("2025-01-22", 8, 15),
            people_count=9,
            representatives=representatives,
            mode="periodic",
            chaired_by="head",
            session=session,
            case=group.case,
            content="Đối thoại về phương án bồi thường dự án đường Nguyễn Huệ",
            handling="answered",
            within_competence=True,
        )
        session_services.session_conclude(
            session=session,
            actor=chairman,
            issued_on=dt.date(2025, 1, 23),
            number="12/TB-UBND",
            content="Chủ tịch UBND phường giao rà soát hồ sơ bồi thường của 9 hộ dân, báo cáo "
            "trước Tết; Công an phường nắm tình hình, không để phát sinh khiếu kiện vượt cấp.",
            directions=[
                {
                    "text": "Rà soát hồ sơ bồi thường của 9 hộ dân khu phố 2, báo cáo Chủ tịch",
                    "assignee": ward,
                    "due_on": dt.date(2025, 1, 24),
                },
                {
                    "text": "Nắm tình hình, phòng ngừa khiếu kiện đông người dịp Tết",
                    "assignee": Unit.objects.get(code="26734-CA"),
                    "due_on": dt.date(2025, 2, 5),
                },
            ],
        )

    def _department(self, department: Unit, subjects: dict[str, SubjectCategory]) -> None:
        """Two visits at the department in 2021, under the law then in force."""
        dept_officer = User.objects.get(username="tiep.stttt")
        dept_people = {c.full_name: c for c in Citizen.objects.filter(unit=department)}
        _visit(
            department,
            dept_officer,
            [dept_people["Võ Thành Long"]],
            received_at=_at("2021-01-08"),
            petition_type="proposal",
            domain=Domain.ADMIN_OTHER,
            subject=subjects["Viễn thông, internet, bưu chính"],
            content="Phản ánh trạm BTS gây ảnh hưởng khu dân cư",
            handling="petition_received",
            written_petition=True,
            within_competence=True,
        )
        _visit(
            department,
            dept_officer,
            [dept_people["Lý Văn Hùng"]],
            received_at=_at("2021-02-17", 9, 0),
            petition_type="denunciation",
            domain=Domain.ADMIN_CIVIL_SERVICE,
            subject=subjects["Thái độ, tác phong của cán bộ, công chức"],
            content="Tố cáo công chức gây khó khăn khi cấp giấy phép",
            handling="petition_received",
            written_petition=True,
            within_competence=True,
        )
