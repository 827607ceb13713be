"""Demo case resolution for Phường Bắc Sơn (idempotent), on top of the demo reception data.

The land complaint accepted on 17/01/2025 goes through verification, a dialogue, a partly-right
decision sent within the time limit, a superior's directive reported on, legal effect and its
execution (so 01/KQGQ and 02/KQGQ have figures). A denunciation of a land officer is accepted
with its denouncer sealed, found complex and extended once, still being resolved.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from tiepdan.cases import services
from tiepdan.cases.models import Case, CaseEvent, CaseKind
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import Domain
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import PetitionAttachment

D = dt.date
# A one-page PDF standing for the scanned handwritten petition.
SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Command(BaseCommand):
    help = "Load demo case resolution for the ward of the seed plan (idempotent)."

    def handle(self, *args, **options) -> None:
        ward = Unit.objects.filter(code="26734").first()
        complaint = (
            Case.objects.filter(unit=ward, kind=CaseKind.COMPLAINT_FIRST, accepted_on__isnull=False)
            .order_by("pk")
            .first()
        )
        if ward is None or complaint is None:
            self.stderr.write("Run load_demo_reception first.")
            return
        if CaseEvent.objects.filter(case__unit=ward).exclude(kind="accepted").exists():
            self.stdout.write("Demo cases already loaded.")
            return
        self._load(ward, complaint)
        self.stdout.write(self.style.SUCCESS("Demo cases loaded."))

    @transaction.atomic
    def _load(self, ward: Unit, complaint: Case) -> None:
        chairman = User.objects.get(username="chutich.bacson")
        processor = User.objects.get(username="xuly.bacson")
        self._complaint(complaint, chairman)
        self._denunciation(ward, chairman, processor)

    def _complaint(self, case: Case, chairman: User) -> None:
        """The land complaint: verified, a dialogue, a decision partly upheld and carried out."""
        self._complaint_verification(case, chairman)
        self._complaint_dialogue(case, chairman)
        self._complaint_decision(case, chairman)

    def _complaint_verification(self, case: Case, chairman: User) -> None:
        """The verification team, the province's directive, and the team's findings."""
        services.verification_assign(
            case=case,
            on=D(2025, 1, 20),
            number="05/QĐ-UBND",
            team=[
                "Phạm Minh Tuấn, Công chức địa chính, tổ trưởng",
                "Lê Văn Đức, Công chức tư pháp",
            ],
            content="Đơn giá bồi thường đất ở áp dụng cho thửa đất số 112, tờ bản đồ số 7\n"
            "Vị trí thửa đất so với đường Nguyễn Huệ",
            days=15,
            actor=chairman,
        )
        services.directive_add(
            case=case,
            source="superior",
            reference="Công văn 85/TTT-P4",
            issuer="Thanh tra tỉnh Thanh Hóa",
            text="Giải quyết dứt điểm khiếu nại về bồi thường dự án đường Nguyễn Huệ, báo cáo "
            "kết quả về Thanh tra tỉnh",
            issued_on=D(2025, 2, 3),
            due_on=D(2025, 2, 28),
            actor=chairman,
        )
        services.verification_report(
            case=case,
            on=D(2025, 2, 10),
            findings="Thửa đất có một cạnh tiếp giáp đường Nguyễn Huệ nhưng được áp giá vị trí 2; "
            "diện tích và nguồn gốc đất đúng hồ sơ.",
            differs=True,
            actor=chairman,
        )

    def _complaint_dialogue(self, case: Case, chairman: User) -> None:
        dialogue = services.dialogue_schedule(
            case=case,
            scheduled_on=D(2025, 2, 14),
            place="Trụ sở UBND phường Bắc Sơn",
            invited_on=D(2025, 2, 11),
            content="Kết quả xác minh về vị trí thửa đất và đơn giá bồi thường",
            actor=chairman,
        )
        services.dialogue_record(
            dialogue=dialogue,
            held_on=D(2025, 2, 14),
            attendance=[
                {"name": "Nguyễn Văn Trường", "role": "Chủ tịch UBND phường", "present": True},
                {"name": "Nguyễn Văn An", "role": "Người khiếu nại", "present": True},
                {"name": "Phạm Minh Tuấn", "role": "Tổ trưởng tổ xác minh", "present": True},
                {
                    "name": "Ban bồi thường, giải phóng mặt bằng",
                    "role": "Cơ quan có liên quan",
                    "present": False,
                    "reason": "Có lý do",
                },
            ],
            agreed="Thửa đất được xác định lại là vị trí 1.",
            disagreed="Người khiếu nại đề nghị hỗ trợ thêm chi phí di chuyển.",
            actor=chairman,
        )

    def _complaint_decision(self, case: Case, chairman: User) -> None:
        """The decision, sent, the directive reported done, in force, and carried out."""
        services.case_decide(
            case=case,
            on=D(2025, 2, 20),
            number="18/QĐ-UBND",
            outcome="partly",
            text="Điều chỉnh đơn giá bồi thường theo vị trí 1; không chấp nhận đề nghị hỗ trợ "
            "thêm chi phí di chuyển.",
            actor=chairman,
        )
        services.case_send(case=case, on=D(2025, 2, 21), actor=chairman)
        directive = case.directives.get()
        services.directive_done(
            directive=directive,
            on=D(2025, 2, 24),
            result="Đã ban hành Quyết định 18/QĐ-UBND và báo cáo Thanh tra tỉnh",
            actor=chairman,
        )
        services.case_effective(case=case, on=D(2025, 3, 24), actor=chairman)
        services.case_execution_record(
            case=case,
            on=D(2025, 4, 10),
            decision_money_returned=Decimal("48.6"),
            decision_restored_persons=1,
            money_returned=Decimal("48.6"),
            restored_persons=1,
            completed=True,
            note="Đã chi trả phần chênh lệch bồi thường",
            actor=chairman,
        )

    def _denunciation(self, ward: Unit, chairman: User, processor: User) -> None:
        denouncer = Citizen.objects.get(unit=ward, full_name="Hồ Ngọc Ánh")
        petition = petition_services.petition_receive(
            unit=ward,
            received_on=D(2025, 2, 3),
            source="post",
            petition_type="denunciation",
            domain=Domain.ADMIN_LAND_HOUSING,
            summary="Tố cáo công chức địa chính đòi tiền khi làm thủ tục cấp giấy chứng nhận "
            "quyền sử dụng đất",
            senders=[denouncer],
            actor=processor,
        )
        PetitionAttachment.objects.create(
            petition=petition,
            title="Đơn tố cáo (bản quét)",
            file=ContentFile(SCAN, name="don-to-cao.pdf"),
            uploaded_by=processor,
        )
        petition_services.petition_decide(
            petition=petition,
            actor=chairman,
            outcome="accept",
            decided_on=D(2025, 2, 6),
            reason="Đủ điều kiện thụ lý tố cáo",
        )
        petition.refresh_from_db()
        assert petition.case_id is not None  # accepted just above: the decision opened the case
        case = Case.objects.get(pk=petition.case_id)
        services.verification_assign(
            case=case,
            on=D(2025, 2, 10),
            number="09/QĐ-UBND",
            team=[
                "Đỗ Thị Lan, Phó Chủ tịch UBND phường, tổ trưởng",
                "Lê Văn Đức, Công chức tư pháp",
            ],
            content="Việc nhận tiền khi làm thủ tục cấp giấy chứng nhận",
            actor=chairman,
        )
        services.case_reclassify(
            case=case,
            on=D(2025, 2, 25),
            complexity="complex",
            reason="Liên quan nhiều hồ sơ cấp giấy chứng nhận trong hai năm",
            actor=chairman,
        )
        services.case_extend(
            case=case,
            on=D(2025, 3, 5),
            number="14/QĐ-UBND",
            reason="Cần đối chiếu 27 hồ sơ cấp giấy chứng nhận",
            actor=chairman,
        )
