import datetime as dt

import pytest
from django.core.files.base import ContentFile

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import PetitionAttachment
from tiepdan.reception import services as reception_services
from tiepdan.reception import session_services
from tiepdan.vault import vault

PASSWORD = "Mat-khau-thu-nghiem-2026"


@pytest.fixture
def resolver(ward: Unit) -> User:
    return org_services.user_create(
        username="giaiquyet",
        password=PASSWORD,
        full_name="Đỗ Thị Thủy",
        memberships=[(ward, Role.RESOLVER)],
    )


@pytest.fixture
def viewer(ward: Unit) -> User:
    return org_services.user_create(
        username="xem", password=PASSWORD, full_name="Lý Văn Xem", memberships=[(ward, Role.VIEWER)]
    )


@pytest.fixture
def province_leader(province: Unit) -> User:
    return org_services.user_create(
        username="chutichtinh",
        password=PASSWORD,
        full_name="Hà Văn Tỉnh",
        memberships=[(province, Role.LEADER)],
    )


@pytest.fixture
def complainant(ward: Unit) -> Citizen:
    return citizen_services.citizen_create(
        unit=ward,
        actor=None,
        full_name="Lê Thị Hương Giang",
        id_number="038190012345",
        date_of_birth=dt.date(1990, 5, 1),
        phone="0987654321",
        address="Khu phố Đông Hương",
    )


@pytest.fixture
def open_case(ward: Unit, processor: User, leader: User, complainant: Citizen):
    """Receive a petition and accept it (petition processing), returning the case."""

    def make(
        *,
        petition_type: str = "complaint",
        received_on: dt.date,
        accepted_on: dt.date,
        complexity: str = "normal",
        remote_area: bool = False,
        senders: list[Citizen] | None = None,
        summary: str = "Khiếu nại quyết định thu hồi đất mở rộng đường Nguyễn Trãi",
        prior_resolution: str = "",
    ):
        petition = petition_services.petition_receive(
            unit=ward,
            received_on=received_on,
            source="post",
            petition_type=petition_type,
            domain="admin.land_housing",
            summary=summary,
            senders=senders if senders is not None else [complainant],
            actor=processor,
        )
        if prior_resolution:
            petition.prior_resolution = prior_resolution
            petition.save(update_fields=["prior_resolution"])
        petition_services.petition_decide(
            petition=petition,
            actor=leader,
            outcome="accept",
            decided_on=accepted_on,
            complexity=complexity,
            remote_area=remote_area,
        )
        petition.refresh_from_db()
        return petition.case

    return make


SCAN_BYTES = b"%PDF-1.4 " + "Đơn tố cáo viết tay — Nguyễn Văn Tố, CCCD 038092000111".encode()


@pytest.fixture
def denunciation(ward, processor, leader, complainant):
    petition = petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 3, 3),
        source="post",
        petition_type="denunciation",
        domain="corruption",
        summary="Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận",
        senders=[complainant],
        actor=processor,
    )
    PetitionAttachment.objects.create(
        petition=petition,
        title="Đơn viết tay",
        file=ContentFile(SCAN_BYTES, name="don.pdf"),
        uploaded_by=processor,
    )
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 3, 5)
    )
    petition.refresh_from_db()
    case = petition.case
    vault.vault_seal(case=case, actor=leader)
    return case


@pytest.fixture
def leader_direction(ward, leader, open_case, receptionist, complainant):
    """A leader's periodic session at which the case was received, and its conclusion
    directing the ward to report on the case by 20/3/2025."""
    case = open_case(received_on=dt.date(2025, 3, 3), accepted_on=dt.date(2025, 3, 5))
    session = session_services.session_create(
        unit=ward, actor=leader, date=dt.date(2025, 3, 6), mode="periodic", chaired_by="head"
    )
    reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward,
            received_at=dt.datetime(2025, 3, 6, 8, 30, tzinfo=dt.UTC),
            mode="periodic",
            chaired_by="head",
            channel="in_person",
            people_count=1,
            petition_type="complaint",
            domain="admin.land_housing",
            content="Hỏi tiến độ giải quyết khiếu nại",
            handling="answered",
            case=case,
            session=session,
            attendees=reception_services.attendees_of([complainant]),
        ),
        actor=receptionist,
    )
    conclusion = session_services.session_conclude(
        session=session,
        actor=leader,
        issued_on=dt.date(2025, 3, 7),
        content="Giao bộ phận địa chính kiểm tra lại hồ sơ",
        directions=[
            {
                "text": "Kiểm tra lại hồ sơ thu hồi đất",
                "assignee": ward,
                "due_on": dt.date(2025, 3, 20),
            }
        ],
    )
    return case, conclusion.directions.get()


@pytest.fixture
def render_documents():
    """Do what the task worker does once the steps commit: render every pending document.
    (Tests do not commit; running all the commit callbacks would also drop the registry rows
    that sealing leaves for after the commit.)"""
    from tiepdan.cases.models import CaseDocument
    from tiepdan.cases.services import case_document_render
    from tiepdan.petitions.documents import outcome_document_render

    def run() -> int:
        done = 0
        for pk in CaseDocument.objects.filter(status="pending").values_list("pk", flat=True):
            done += case_document_render(document_id=pk)
        pending = PetitionAttachment.objects.filter(status="pending").values_list("pk", flat=True)
        for pk in pending:
            done += outcome_document_render(attachment_id=pk)
        return done

    return run
