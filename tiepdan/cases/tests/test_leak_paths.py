"""The generated leak test: denunciations through every intake and every acceptance path.

Each denunciation has its own denouncer (name, CCCD, phone, address), so a leak names its path.
Intakes: the desk page with a written petition, the post intake page with a scan, the API, a
transfer in from another unit acknowledged in the inbox, and the citizens' public channel.
Acceptance: the API, the leader's decision page, and not yet accepted. Every route of the
application (walked as in test_leak) and every object page of every denunciation is then read as
each role that may never see a denouncer, the superuser and Django admin included; a ward
processor, who verifies the denouncer before acceptance (Luật TC Art 24), may not see one after.
Every report export is made and run to completion, and its file downloaded and read too.
"""

import datetime as dt
import functools
import itertools
import re
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.cases.tests.leak_walk import Walk, found, in_one_stack_chunk
from tiepdan.cases.tests.test_leak import _query, _routes, _text, _urls
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.petitions.models import Petition, PetitionAttachment, Transfer
from tiepdan.reception.documents import documents_for
from tiepdan.reception.models import ReceptionVisit
from tiepdan.reports import views as report_views
from tiepdan.reports.constants import ExportFormat
from tiepdan.reports.forms_registry import (
    FORM_CODES,
    WEB_FORM_CODES,
    WEB_ONLY_FORM_CODES,
    FormNotInForce,
    form_version_for,
    form_versions,
)
from tiepdan.reports.models import ReportExport
from tiepdan.reports.periods import statutory_period
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityGrant, IdentityRecord, SealedFile

pytestmark = pytest.mark.django_db

PASSWORD = "x-Mat-khau-2026"
INTAKES = ("desk", "post_page", "api", "transfer_in", "online")
ACCEPTANCES = ("api", "page", "pending")
# One given name each, none the start of another (a leak must name the right path).
GIVEN = (
    "Lãm",
    "Khiêm",
    "Nhẫn",
    "Thuận",
    "Ước",
    "Dưỡng",
    "Hạnh",
    "Tín",
    "Mẫn",
    "Cẩn",
    "Tường",
    "Đoan",
    "Khang",
    "Phúc",
    "Vượng",
    # The denouncers the desk guides elsewhere and refuses (their visits' slips and notice).
    "Hiếu",
    "Trọng",
)


def _identity(n: int) -> dict[str, str]:
    """A denouncer nobody else shares: family name Quách, a given name of its own."""
    return {
        "full_name": f"Quách Thị {GIVEN[n]}",
        "id_number": f"0381900{n:05d}",
        "phone": f"09{n:02d}7{n:02d}5{n:02d}"[:10],
        "address": f"Ngõ Kín Đáo số {n + 11}, phường Bắc Sơn",
    }


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def department(province):
    return org_services.unit_create(
        code="38-STNMT",
        name="Sở Nông nghiệp và Môi trường",
        kind=UnitKind.DEPARTMENT,
        parent=province,
    )


@pytest.fixture
def cast(
    ward,
    province,
    department,
    receptionist,
    processor,
    leader,
    unit_admin,
    ward_admin,
    partner,
    outsider,
    django_user_model,
):
    def user(name, unit, role):
        return org_services.user_create(
            username=name, password=PASSWORD, memberships=[(unit, role)]
        )

    superuser = django_user_model.objects.create_superuser("sieuquantri", "", PASSWORD)
    return {
        "never": {
            "receptionist": receptionist,
            "unit_admin": unit_admin,
            "ward_admin": ward_admin,
            "viewer": user("xem", ward, Role.VIEWER),
            "partner": partner,
            "province_viewer": user("xemtinh", province, Role.VIEWER),
            "province_leader": user("ldtinh", province, Role.LEADER),
            "province_processor": user("xltinh", province, Role.PROCESSOR),
            "outsider": outsider,
            "superuser": superuser,
        },
        "processor": processor,
        "leader": leader,
        "sender": org_services.user_create(
            username="xlso",
            password=PASSWORD,
            memberships=[(department, Role.PROCESSOR), (department, Role.LEADER)],
        ),
    }


def _desk_denunciation(desk: Client, who: dict, received_at: str, content: str, **fields) -> None:
    """A denouncer registered at the desk and their visit recorded on the desk page, as the
    receptionist does it; `fields`: how the visit is handled."""
    chip = desk.post("/reception/desk/new-citizen/", who, HTTP_HX_REQUEST="true")
    assert chip.status_code == 200, chip.content.decode()[:2000]
    person = Citizen.objects.get(id_number=who["id_number"])
    response = desk.post(
        "/reception/desk/",
        {
            "received_at": received_at,
            "mode": "regular",
            "chaired_by": "officer",
            "channel": "in_person",
            "people_count": "1",
            "case": "",
            "citizen": [person.pk],
            "petition_type": "denunciation",
            "domain": "corruption",
            "content": content,
            **fields,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def _intake(
    kind: str, n: int, who: dict, *, ward, department, receptionist, processor, sender, client_for
) -> Petition:
    summary = f"Bà {who['full_name']} (CCCD {who['id_number']}, {who['address']}) tố cáo cán bộ"
    if kind == "desk":
        desk = _login(receptionist)
        desk.post("/units/switch/", {"unit": ward.pk})
        _desk_denunciation(
            desk,
            who,
            f"2025-02-{n + 1:02d}T08:30",
            summary,
            handling="petition_received",
            written_petition="on",
            within_competence="true",
            # What the desk received and when it answers: the receipt and appointment slip.
            documents="Đơn tố cáo; 3; bản chính\nBiên lai nộp tiền; 1; bản sao",
            appointment_at=f"2025-03-{n + 1:02d}T14:00",
            appointment_place="Phòng tiếp công dân",
        )
        # Sealed at rest: the attendee is in the vault, no longer linked to the visit.
        return Petition.objects.filter(visit__isnull=False).order_by("-pk").first()
    if kind == "post_page":
        response = _login(processor).post(
            "/petitions/new/",
            {
                "received_on": f"2025-02-{n + 1:02d}",
                "source": "post",
                "petition_type": "denunciation",
                "domain": "corruption",
                "summary": summary,
                "signatory_count": 1,
                **who,
                "scan": SimpleUploadedFile(
                    "don.pdf",
                    b"%PDF-1.4 " + who["full_name"].encode(),
                    content_type="application/pdf",
                ),
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        return Petition.objects.latest("pk")
    if kind == "api":
        response = client_for(processor).post(
            "/api/v1/petitions/",
            {
                "unit": ward.code,
                "received_on": f"2025-02-{n + 1:02d}",
                "source": "post",
                "petition_type": "denunciation",
                "domain": "corruption",
                "senders": [who],
                "signatory_count": 1,
                "anonymous": False,
                "summary": summary,
                "visit": None,
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        return Petition.objects.get(pk=response.json()["id"])
    if kind == "online":
        response = Client().post(
            "/api/v1/public/petitions/",
            {
                "unit": ward.code,
                "petition_type": "denunciation",
                "content": summary,
                "sender": who,
                "anonymous": False,
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        code = response.json()["tracking_code"]
        return Petition.objects.get(public_submission__tracking_code=code)
    # Transfer in: a department receives it, finds it is the ward's, and sends it down.
    response = client_for(sender).post(
        "/api/v1/petitions/",
        {
            "unit": department.code,
            "received_on": f"2025-02-{n + 1:02d}",
            "source": "post",
            "petition_type": "denunciation",
            "domain": "corruption",
            "senders": [who],
            "signatory_count": 1,
            "anonymous": False,
            "summary": summary,
            "visit": None,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    original = response.json()["id"]
    sent = client_for(sender).post(
        f"/api/v1/petitions/{original}/process/",
        {
            "outcome": "transfer",
            "decided_on": f"2025-02-{n + 2:02d}",
            "to_unit": ward.code,
        },
        format="json",
    )
    assert sent.status_code == 200, sent.content
    transfer = Transfer.objects.get(petition_id=original)
    taken = _login(processor).post(f"/petitions/transfers/{transfer.pk}/acknowledge/")
    assert taken.status_code == 302
    return Petition.objects.get(origin_id=original)


def _accept(kind: str, petition: Petition, n: int, *, processor, leader, client_for) -> None:
    # Today: a transferred petition enters the ward's register on the day it is acknowledged.
    on = timezone.localdate().isoformat()
    if kind in ("page", "pending"):  # the processor's proposal (its phiếu) waits for the leader
        classified = _login(processor).post(
            f"/petitions/{petition.pk}/classify/",
            {
                "c-petition_type": "denunciation",
                "c-domain": "corruption",
                "c-eligibility": "eligible",
                "c-within_jurisdiction": "true",
                "c-prior_resolution": "unresolved",
            },
        )
        assert classified.status_code == 302, classified.content.decode()[:2000]
        proposed = _login(processor).post(
            f"/petitions/{petition.pk}/propose/",
            {"p-outcome": "accept", "p-note": "Đủ điều kiện thụ lý tố cáo"},
        )
        assert proposed.status_code == 302, proposed.content.decode()[:2000]
        petition.refresh_from_db()
        assert petition.proposed_outcome == "accept"
    if kind == "api":
        response = client_for(leader).post(
            f"/api/v1/petitions/{petition.pk}/process/",
            {"outcome": "accept", "decided_on": on},
            format="json",
        )
        assert response.status_code == 200, response.content
    elif kind == "page":
        response = _login(leader).post(
            f"/petitions/{petition.pk}/decide/",
            {"d-outcome": "accept", "d-decided_on": on, "d-complexity": "normal"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
@in_one_stack_chunk
def denunciations(
    cast, ward, department, receptionist, processor, leader, client_for, render_documents
) -> list:
    made = []
    for n, (intake, acceptance) in enumerate(itertools.product(INTAKES, ACCEPTANCES)):
        who = _identity(n)
        petition = _intake(
            intake,
            n,
            who,
            ward=ward,
            department=department,
            receptionist=receptionist,
            processor=processor,
            sender=cast["sender"],
            client_for=client_for,
        )
        _accept(acceptance, petition, n, processor=processor, leader=leader, client_for=client_for)
        render_documents()
        petition.refresh_from_db()
        made.append(
            {
                "path": f"{intake}×{acceptance}",
                "who": who,
                "petition": petition,
                "accepted": acceptance != "pending",
            }
        )
    return made


# Denunciations the desk does not take in as a petition: guided to the competent body (the
# guidance slip), refused for a settled matter pursued again (Luật TCD Art 9.3: the notice).
TURNED_AWAY = {
    "desk_guided": {
        "handling": "guided",
        "within_competence": "false",
        "competent_body": "Thanh tra tỉnh",
        "guidance": "Gửi đơn tố cáo đến Thanh tra tỉnh",
    },
    "desk_refused": {
        "handling": "refused",
        "refusal_ground": "art9.3",
        "refusal_details": "Vụ việc đã giải quyết, đã được hướng dẫn",
    },
}


@pytest.fixture
@in_one_stack_chunk
def turned_away(denunciations, ward, receptionist) -> list:
    """Each with a denouncer of its own, recorded on the desk page as the desk records them."""
    desk = _login(receptionist)
    desk.post("/units/switch/", {"unit": ward.pk})
    made = []
    for n, (path, fields) in enumerate(TURNED_AWAY.items(), start=len(denunciations)):
        who = _identity(n)
        _desk_denunciation(
            desk,
            who,
            f"2025-04-{n + 1:02d}T08:30",
            f"Bà {who['full_name']} ({who['address']}) tố cáo cán bộ",
            **fields,
        )
        visit = ReceptionVisit.objects.latest("pk")
        assert visit.handling == fields["handling"], path
        assert documents_for(visit), path
        made.append({"path": path, "who": who, "visit": visit})
    return made


def _print_urls(visit: ReceptionVisit) -> list[str]:
    """Every document the visit's page offers to print, as DOCX and as PDF."""
    return [
        f"/reception/visits/{visit.pk}/print/{code}/{pdf}"
        for code in documents_for(visit)
        for pdf in ("", "pdf/")
    ]


def _object_urls(d: dict) -> list[str]:
    p = d["petition"]
    urls = [f"/petitions/{p.pk}/", f"/api/v1/petitions/{p.pk}/", f"/petitions/{p.pk}/proposal.docx"]
    urls += [f"/petitions/attachments/{a.pk}/" for a in p.attachments.all()]
    if p.case_id:
        urls += [f"/cases/{p.case_id}/", f"/api/v1/cases/{p.case_id}/"]
        urls += [
            f"/cases/documents/{doc.pk}/" for doc in Case.objects.get(pk=p.case_id).documents.all()
        ]
    submission = getattr(p, "public_submission", None)
    if submission is not None:  # what the sender reads: still no identity in the answer
        urls.append(
            f"/api/v1/public/petitions/{submission.tracking_code}/?id_number={d['who']['id_number']}"
        )
    if p.visit_id:
        urls.append(f"/reception/visits/{p.visit_id}/")
        urls += _print_urls(p.visit)
    transfer = _transfer(d)
    if transfer is not None:
        urls += _original_urls(transfer)
    return urls


# The routes that take one object's id, by kind of object: a route added under one is walked.
ROUTES_OF = {
    "citizen": (
        "citizens/<int:pk>/",
        "privacy/citizens/<int:pk>/",
        "reception/desk/pick/<int:pk>/",
    ),
    "petition": ("petitions/<int:pk>/", "api/v1/petitions/<int:pk>/"),
    "attachment": ("petitions/attachments/<int:pk>/",),
    "transfer": ("petitions/transfers/<int:pk>/",),
}


@functools.cache
def _routes_of(kind: str) -> list[str]:
    return sorted(route for route in set(_routes()) if route.startswith(ROUTES_OF[kind]))


def _pages(kind: str, pk: int) -> list[str]:
    """Every route that takes an object of `kind`, on object `pk`."""
    return ["/" + route.replace("<int:pk>", str(pk)) for route in _routes_of(kind)]


def _citizen_pages(who: dict) -> list[tuple[str, str]]:
    """(URL, kind) of the pages of every record the person registry holds of the denouncer: the
    desk's and the intakes', sealed at rest (hidden, deleted when the sealing commits), or still
    linked in plain at their unit (to a letter not yet accepted, or to the original of one
    transferred, at the sending unit). The kind is what decides who may find the record."""
    records = Citizen.objects.filter(id_number=who["id_number"]).select_related("unit")
    return [
        (url, "sealed" if c.sealed else f"plain at {c.unit.code}")
        for c in records.order_by("pk")
        for url in _pages("citizen", c.pk)
    ]


def _transfer(d: dict) -> Transfer | None:
    """The transfer that brought the denunciation in from another unit, if any."""
    return Transfer.objects.select_related("petition").filter(received_copy=d["petition"]).first()


def _original_urls(transfer: Transfer) -> list[str]:
    """The original of a petition transferred in, kept at the sending unit: every page that takes
    its id or its attachments', and its transfer's."""
    original = transfer.petition
    urls = _pages("petition", original.pk)
    for attachment in original.attachments.all():
        urls += _pages("attachment", attachment.pk)
    return urls + _pages("transfer", transfer.pk)


# A column of each TT 02/2021 form that lists the matter moved into its period.
TT2021_LISTED = {"02-TCD": 5, "03-KQGQ": 6, "04-KQGQ": 1}


def _tt2021_urls(d: dict, ward) -> list[str]:
    """The forms of TT 02/2021 alone (02/TCD, 03/KQGQ, 04/KQGQ) answer only a period that ends
    before TT 01/2024 took over (05/03/2024): the walk's 2025 period gets their 404. Their last
    months are read here, every column, with the accepted denunciation `d` moved into them
    (received, accepted and concluded there) so that the forms count it and the columns list it."""
    last = max(v.valid_to for code in WEB_ONLY_FORM_CODES for v in form_versions(code))
    first = last.replace(month=1, day=1)
    received, accepted = first + dt.timedelta(days=14), first + dt.timedelta(days=21)
    p = d["petition"]
    Petition.objects.filter(pk=p.pk).update(received_on=received, decided_on=accepted)
    Case.objects.filter(pk=p.case_id).update(
        opened_on=received, accepted_on=accepted, decided_on=last - dt.timedelta(days=7)
    )
    query = f"?unit={ward.code}&period=custom&from={first}&to={last}"
    urls = []
    for code in WEB_ONLY_FORM_CODES:
        urls.append(f"/reports/{code}/{query}")
        urls += [f"/reports/{code}/{n}/{query}" for n in form_version_for(code, last).columns]
    return urls


def _search_urls(made: list) -> list[str]:
    urls = []
    for n, d in enumerate(made):
        who = d["who"]
        # Each denouncer is looked for one way (name, CCCD, phone in turn), all ways are tried.
        for q in ((search_key(who["full_name"]), who["id_number"], who["phone"])[n % 3],):
            urls += [
                f"/citizens/?q={q}",
                f"/reception/desk/search/?q={q}",
                f"/cases/?q={q}",
                f"/admin/citizens/citizen/?q={q}",
            ]
    urls += ["/admin/citizens/citizen/", "/admin/audit/auditevent/"]
    return urls


# What the online session's conclusion says (the denouncer it names is left out of the notice).
CONCLUDED = "Giao Thanh tra phường xác minh việc cán bộ địa chính nhận tiền"
DIRECTED = "Xác minh nội dung tố cáo cán bộ địa chính nhận tiền"
# The recording kept in TiếpDân: its bytes come back as they were filed.
RECORDING = b"\x00\x00\x00\x18ftypmp42 ghi hinh ky tiep truc tuyen " * 64


def _online_session(ward, leader, denunciation: dict) -> tuple[SimpleNamespace, list[str]]:
    """A denouncer who waived protection received, on the accepted matter, at a point of an
    online session, which the leader then concludes (the notice names the denouncer in its
    content and its direction, as a leader may write it) and whose recording is filed in
    TiếpDân: the session page, its conclusion notice, the register and the public schedule
    name nobody. The session's objects (for the routes), and its pages."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from tiepdan.citizens import services as citizen_services
    from tiepdan.reception import services as reception_services
    from tiepdan.reception import session_services

    who = denunciation["who"]
    case = Case.objects.get(pk=denunciation["petition"].case_id)
    citizen = citizen_services.citizen_find_or_create(unit=ward, actor=None, **who)
    session = session_services.session_create(
        unit=ward,
        actor=leader,
        date=dt.date(2026, 8, 26),
        mode="periodic",
        chaired_by="head",
        chair=leader,
        channel="online",
        start_time=dt.time(8, 0),
        video_link="https://hop.example.vn/tcd",
        online_ground="complex",
        online_reason="Vụ việc phức tạp",
    )
    point = session_services.point_add(
        session=session, actor=leader, kind="central", unit=ward, room="Hội trường"
    )
    reception_services.visit_record(
        reception_services.VisitInput(
            unit=ward,
            received_at=dt.datetime(2026, 8, 26, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            mode="periodic",
            chaired_by="head",
            channel="online",
            people_count=1,
            petition_type="denunciation",
            domain="corruption",
            content=f"{who['full_name']} tố cáo cán bộ địa chính nhận tiền",
            handling="petition_received",
            case=case,
            session=session,
            identification="cccd_chip_qr",
            attendees=reception_services.attendees_of([citizen]),
            online=reception_services.OnlineAttendance(
                point=point,
                ground="denunciation_waived",
                reason="Người tố cáo ở xa",
                waiver_reference="Văn bản ngày 20/08/2026",
            ),
        ),
        actor=leader,
    )
    named = f"Bà {who['full_name']} (CCCD {who['id_number']}, ĐT {who['phone']}, {who['address']})"
    conclusion = session_services.session_conclude(
        session=session,
        actor=leader,
        issued_on=dt.date(2026, 8, 28),
        number="15/TB-UBND",
        content=f"{named} tố cáo cán bộ địa chính nhận tiền. {CONCLUDED}.",
        directions=[
            {
                "text": DIRECTED,
                "assignee": ward,
                "due_on": dt.date(2026, 9, 30),
            }
        ],
    )
    recording = session_services.recording_file(
        session=session,
        actor=leader,
        duration_seconds=2710,
        retain_until=dt.date(2031, 8, 26),
        upload=SimpleUploadedFile("ky-tiep.mp4", RECORDING, content_type="video/mp4"),
    )
    assert recording.file
    assert recording.size_bytes == len(RECORDING)
    made = SimpleNamespace(
        session=session, direction=conclusion.directions.get(), conclusion=conclusion
    )
    period = "?first=2026-08-01&last=2026-08-31"
    return made, [
        f"/reception/sessions/{session.pk}/",
        f"/reception/{period}",
        f"/reception/register.xlsx{period}",
        f"/reception/register.docx{period}",
        f"/plans/public/{ward.code}/",
        f"/privacy/citizens/{citizen.pk}/",
        f"/privacy/citizens/{citizen.pk}/export.json",
        f"/privacy/citizens/{citizen.pk}/export.pdf",
    ]


PLAN_TITLE = "Kế hoạch tiếp công dân tháng 02 năm 2025"
TASK_DONE = "Đã tiếp công dân, tiếp nhận và phân loại đơn tố cáo theo đúng trình tự"


def _reception_plan(ward, cast) -> SimpleNamespace:
    """The ward's reception plan over the month the desk and the post received the
    denunciations, made through the plans' services: issued, its duty roster generated (the
    leader's periodic reception shifts among the officers' shifts) and posted, a task reported
    done. Its report counts the month's visits and letters, the denunciations among them."""
    from tiepdan.plans import roster_services
    from tiepdan.plans import services as plan_services
    from tiepdan.plans.constants import AssignmentRole, ShiftKind

    leader, never = cast["leader"], cast["never"]
    issued, first, last = dt.date(2025, 1, 20), dt.date(2025, 2, 1), dt.date(2025, 2, 28)
    plan = plan_services.plan_create(
        unit=ward, actor=leader, title=PLAN_TITLE, starts_on=first, ends_on=last
    )
    plan = plan_services.plan_issue(plan=plan, actor=leader, number="07", issued_on=issued)
    officers = [never["receptionist"], never["viewer"], never["ward_admin"], cast["processor"]]
    roster_services.roster_generate(
        plan=plan, officers=officers, leaders=[leader], actor=leader, publish_on=issued
    )
    roster_services.roster_publish(plan=plan, actor=leader, on=issued)
    task = plan_services.task_create(
        plan=plan,
        actor=leader,
        assignee_label="Ban Tiếp công dân phường",
        content="Tiếp công dân, tiếp nhận và phân loại đơn trong tháng",
        due_on=last,
        lead_unit=ward,
    )
    plan_services.task_report(
        task=task, actor=never["receptionist"], text=TASK_DONE, done=True, unit=ward, on=last
    )
    # The leader's reception shifts: the periodic ones, the leader on duty in each.
    periodic = plan.shifts.filter(kind=ShiftKind.PERIODIC).order_by("date", "slot")
    assert periodic.exists()
    assert set(periodic.values_list("assignments__user", flat=True)) >= {leader.pk}
    assert all(s.assignments.filter(role=AssignmentRole.LEADER).exists() for s in periodic)
    return SimpleNamespace(plan=plan, task=task, shift=periodic.first())


# The ward role that exports besides the superuser (any internal role may export a report).
EXPORTER = "receptionist"


def _in_force(query: str) -> list[str]:
    """The forms the report pages serve for the period of a report query (its last day)."""
    end = dt.date.fromisoformat(parse_qs(query.lstrip("?"))["to"][0])
    codes = []
    for code in WEB_FORM_CODES:
        try:
            form_version_for(code, end)
        except FormNotInForce:
            continue
        codes.append(code)
    return codes


def _export_periods(ward, tt2021: list[str]) -> list[str]:
    """The report queries exported: the walk's period (the report pages' own query); the
    statutory year in which the denunciations were accepted and concluded (today), which has
    a narrative (Mẫu số 02); and the TT 02/2021 forms' last months, a matter moved into them."""
    today = timezone.localdate()
    year = statutory_period(today.year, "year")
    if today > year.end:  # the year's data end on 14/12: from the 15th, next year's report
        year = statutory_period(today.year + 1, "year")
    return [
        _query({"ward": ward})["reports/<str:form>/export/"],
        f"?unit={ward.code}&period=custom&from={year.start}&to={year.end}",
        "?" + tt2021[0].partition("?")[2],
    ]


def _export(client: Client, asked: list[tuple[str, str, str]]) -> list[str]:
    """Each (form, report query, format) exported from the report's page; where each answer
    sends the reader."""
    sent = []
    for form, query, fmt in asked:
        response = client.post(f"/reports/{form}/export/{query}", {"fmt": fmt})
        assert response.status_code == 302, (form, query, fmt)
        sent.append(response["Location"])
    return sent


def _download(export: ReportExport) -> str:
    return f"/reports/exports/{export.pk}/download/"


def _report_exports(
    cast, periods: list[str], monkeypatch, capture_on_commit
) -> dict[str, list[ReportExport]]:
    """Every report export the application offers, made for the ward and run to completion:
    {role: the exports it made}. The superuser exports every form in force in XLSX and PDF
    for each period, and the narrative (DOCX) where the period has one. A file is made from
    the unit and period alone (`report_file` takes no user), so the ward role exports one of
    each format: what differs for it is the way (queued) and who may download."""
    _, year, tt2021_period = periods
    asked = [(code, q, fmt) for q in periods for code in _in_force(q) for fmt in ("xlsx", "pdf")]
    # One narrative per unit and period, whichever form asks; a TT 06/2025 period has one only
    # for Q1, 6 and 9 months and the year (Điều 4): the walk's period (a custom one) has none.
    asked += [(_in_force(q)[0], q, "docx") for q in (year, tt2021_period)]
    assert {fmt for *_, fmt in asked} == set(ExportFormat.values)  # a new format is walked
    assert {code for code, *_ in asked} == set(WEB_FORM_CODES)
    # The ward's subtree is small: the page makes the file at once and sends to its download.
    superuser = cast["never"]["superuser"]
    sent = _export(_login(superuser), asked)
    assert all(url.endswith("/download/") for url in sent), sent
    # A large subtree's export is queued; the export task makes it once the request commits.
    mine = [next(a for a in asked if a[2] == fmt) for fmt in ExportFormat.values]
    exporter = cast["never"][EXPORTER]
    with monkeypatch.context() as m, capture_on_commit(execute=True) as queued:
        m.setattr(report_views, "SYNC_EXPORT_MAX_UNITS", 0)
        sent = _export(_login(exporter), mine)
    assert set(sent) == {"/reports/exports/"}, sent
    assert len(queued) == len(mine)  # each request queued its task
    made = {}
    for role, user, wanted in (("superuser", superuser, asked), (EXPORTER, exporter, mine)):
        exports = list(ReportExport.objects.filter(requested_by=user).order_by("pk"))
        done = [(e.form, e.fmt, e.status, e.error) for e in exports]
        assert done == [(code, fmt, "done", "") for code, _, fmt in wanted], role
        made[role] = exports
        # Read as text (a PDF through pdftotext): each format's file shows its period.
        client = _login(user)
        for export in _one_of_each_format(exports):
            text = _text(client.get(_download(export)))
            assert f"{export.period_start:%d/%m/%Y}" in text, (role, export.fmt)
    return made


def _one_of_each_format(exports: list[ReportExport]) -> list[ReportExport]:
    return [next(e for e in exports if e.fmt == fmt) for fmt in ExportFormat.values]


def _downloads(exports: dict[str, list[ReportExport]], role: str) -> list[str]:
    """What a reader downloads: every export it made, and one of each format of every other
    exporter's (refused before any file is opened, alike for each)."""
    urls = []
    for owner, made in exports.items():
        urls += [_download(e) for e in (made if owner == role else _one_of_each_format(made))]
    return urls


def test_every_intake_and_acceptance_path_is_sealed(denunciations, cast, ward, leader) -> None:
    assert vault.unsealed_matters() == []
    for d in denunciations:
        p = d["petition"]
        if p.case_id is None:  # a letter not yet accepted has no matter: nothing to seal yet
            assert not d["accepted"], d["path"]
            continue
        case = Case.objects.get(pk=p.case_id)
        assert IdentityRecord.objects.filter(case=case).exists(), d["path"]
        assert not case.citizens.exists(), d["path"]
        assert not found(case.summary, d["who"]), (d["path"], case.summary)


def _representatives(denunciations: list) -> list[str]:
    """The object pages every reader reads: the world's objects (accepted: desk×api's visit,
    post_page×api's petition, matter and files) are in the route walk; these add the same
    intakes not yet accepted, whose people the rule seals from all but the unit's direct
    processors and leaders."""
    by_path = {d["path"]: d for d in denunciations}
    return [*_object_urls(by_path["desk×pending"]), *_object_urls(by_path["post_page×pending"])]


def _sweep(candidates: list[tuple[str, str]]) -> list[str]:
    """The pages every other reader reads, from those that consulted the rule (each tagged
    with the kind of its object: accepted or pending). One URL per view and kind of object,
    per view and way of searching (a name, a CCCD, a phone number), per list and query: a
    view's other parameters (a print's form, an export's format, a document drawn as DOCX or
    as PDF from the same rows) lay out the rows the rule left, alike for every reader, and
    the superuser reads every one. The Django admin is
    left out: it sends a reader who is not staff to its login before any admin view runs,
    and no reader but the superuser is staff."""
    seen, kept = set(), []
    for url, kind in candidates:
        path, _, query = url.partition("?")
        if path.startswith("/admin/"):
            continue
        match = resolve(path)
        view = match.route.removesuffix("pdf/")
        if any(isinstance(v, int) for v in match.kwargs.values()):
            # A visit's documents differ in what they print: each is read (as DOCX).
            key = (view, kind, match.kwargs.get("code", ""))
        elif query.startswith("q="):
            value = query[2:]
            key = (view, "id" if len(value) == 12 else "phone" if value.isdigit() else "name")
        else:
            key = (view, query)
        if key not in seen:
            seen.add(key)
            kept.append(url)
    return kept


@in_one_stack_chunk
def test_no_role_sees_a_denouncer_on_any_path(
    denunciations,
    turned_away,
    cast,
    ward,
    department,
    monkeypatch,
    django_capture_on_commit_callbacks,
) -> None:
    """Every page, read by the widest reader; every page that applies the sealing rule, read
    by every reader.

    1. The superuser reads every URL: every route (on the world's objects), every object page
       of every denunciation (a transferred one's original, at the sending unit, included),
       every record the person registry holds of each denouncer, every search, the online
       session's pages, the public register, and the TT 02/2021 forms for their own period.
       The rule denies him as it denies every reader here; he holds every permission
       (`has_permission` is true for him) and sees every unit (`scope_q` is None), so every
       section a permission opens, on every row, is in his pages. A denouncer shown without
       the rule — a plain copy an intake or acceptance path left behind, a field or a file
       printed as stored — is shown to him, on the page of the path that left it.
    2. What a reader may see of a denouncer is decided in one place, `vault.rule`; the pages
       that consult it while the superuser reads them (a spy on the rule records them) are
       the only pages whose people differ by reader. Every other reader reads those pages,
       on one accepted denunciation (the world's: desk×api, post_page×api) and on the same
       intakes not yet accepted (desk×pending, post_page×pending): the rule's answer depends
       on the row's type, unit and matter (accepted or not, its resolver, its grants), which
       the test checks are the same for every denunciation of a kind, so the other paths'
       pages answer a reader as these do. Searches and lists are read as they are (they
       show every denunciation at once). So are the denouncers' records, one of each kind
       (sealed at rest; linked in plain at the ward, or at the department that transferred
       the letter), and the originals transferred (their copy accepted, or not yet).
    3. A page the superuser finds absent (404 without asking the rule, or for object 0: no
       such row for anyone) or not readable with GET (405: the method is refused before the
       view) is not read again.
    4. Where a reader may not see a denouncer's record or an original, the answer is checked
       too (`_check_statuses`): 404, not a page that happens to name nobody.
    5. The conftest's `unit_admin` is the province's unit administrator: a second user with
       the same membership would read the same pages through the same code, so none is made.
    6. Every report export (each form in XLSX and PDF, the narrative in DOCX, for the walk's
       period, the statutory year and the TT 02/2021 forms' months) is made as the superuser,
       at once, and some as the ward receptionist, queued and made by the export task; each
       is downloaded and read by whoever made it, and refused (404) to every other reader.
    7. The online session's conclusion notice and recording, and the ward's reception plan's
       files (plan, report, roster as XLSX and DOCX), are read by every reader: each renders
       for whoever may open it and shows what it is, and is refused to the others
       (`_check_files`).
    Readers: ward receptionist, viewer, unit administrator; the province's viewer, unit
    administrator, leader and processor; a partner (police); an outsider (a leader of another
    province); the superuser; and the ward's processor, who verifies a denouncer before
    acceptance (Luật TC Art 24) and may not see one after.
    """
    from tiepdan.vault import rule

    by_path = {d["path"]: d["petition"] for d in denunciations}
    scanned, desk = by_path["post_page×api"], by_path["desk×api"]
    case = Case.objects.get(pk=scanned.case_id)
    # Transferred in and accepted: its original stays at the department, its denouncer's record
    # there linked to it in plain (the ward's copy is sealed).
    transfer = _transfer({"petition": by_path["transfer_in×api"]})
    none = SimpleNamespace(pk=0)
    world = {
        "visit": desk.visit,
        "petition": scanned,
        "case": case,
        "citizen": transfer.petition.senders.get(),
        "transfer": transfer,
        "attachments": list(scanned.attachments.all()),
        "document": case.documents.first() or none,
        "sealed_file": SealedFile.objects.filter(identity__case=case).first() or none,
        "ward": ward,
        "province": ward.parent,
        "turned_away": [t["visit"] for t in turned_away],
    }
    # The premise of step 2: the rule answers every denunciation of a kind alike.
    for d in denunciations:
        p = d["petition"]
        assert (p.petition_type, p.unit_id) == ("denunciation", ward.pk), d["path"]
        if p.case_id:
            matter = Case.objects.get(pk=p.case_id)
            assert matter.resolver_id is None, d["path"]
            assert not IdentityGrant.objects.filter(case_id=matter.pk).exists(), d["path"]
            assert (matter.accepted_on is not None) == d["accepted"], d["path"]
        else:
            assert not d["accepted"], d["path"]
        if d["path"].startswith("transfer_in"):  # its original: the department's, no matter
            o = _transfer(d).petition
            kept = (o.petition_type, o.unit_id, o.case_id, o.outcome)
            assert kept == ("denunciation", department.pk, None, "transfer"), d["path"]
    searches = _search_urls(denunciations)
    accepted = next(d for d in denunciations if d["accepted"] and d["path"].startswith("desk"))
    online, session = _online_session(ward, cast["leader"], accepted)
    world |= {"session": online.session, "direction": online.direction}
    reception_plan = _reception_plan(ward, cast)
    world |= {"plan": reception_plan.plan, "task": reception_plan.task}
    world["shift"] = reception_plan.shift
    # Every accepted matter concluded and published: the public register lists them all.
    Case.objects.filter(pk__in=[d["petition"].case_id for d in denunciations]).update(
        status="resolved",
        outcome="den_right",
        decided_on=timezone.localdate(),
        published_on=timezone.localdate(),
    )
    public = [f"/cong-dan/cong-khai/{ward.code}/", "/cong-dan/cong-khai/?q=bac+son"]
    moved = next(d for d in denunciations if d["path"] == "desk×page")
    tt2021 = _tt2021_urls(moved, ward)
    # The report exports, made once every matter is accepted, concluded or moved: the
    # superuser's are the world's (the download route walks them all).
    periods = _export_periods(ward, tt2021)
    exports = _report_exports(cast, periods, monkeypatch, django_capture_on_commit_callbacks)
    world["exports"] = exports["superuser"]
    # The API's Excel answer: the export's XLSX table, made on the request.
    api_xlsx = [
        f"/api/v1/reports/{code}/{query}&format=xlsx"
        for query in periods
        for code in _in_force(query)
        if code in FORM_CODES
    ]
    routes = _urls(world)
    files = _file_urls(online, reception_plan)
    assert set(files) <= set(routes)  # the routes are filled with them
    # Every visit document is printed (none is sent back to the visit as not applicable).
    printed = {u.split("/print/")[1].split("/")[0] for u in routes if "/print/" in u}
    assert printed == {
        "reception.receipt",
        "reception.appointment_slip",
        "reception.guidance_slip",
        "reception.refusal_notice",
    }
    watched_all = [*denunciations, *turned_away]
    citizens = [page for d in watched_all for page in _citizen_pages(d["who"])]
    every = [*routes]
    for d in denunciations:
        every += _object_urls(d)
    for t in turned_away:
        every += [f"/reception/visits/{t['visit'].pk}/", *_print_urls(t["visit"])]
    every += [url for url, _ in citizens]
    # A page listed twice (a route's filled object is also one of the denunciations' own) is
    # read once per reader: the same route, object and query answer the same.
    every = [*every, *searches, *session, *public, *tt2021, *api_xlsx]
    every = list(dict.fromkeys([*every, *_downloads(exports, "superuser")]))

    walk = Walk(watched_all)
    consulted: set[str] = set()
    current: list[str] = [""]
    known = rule._known

    def spy(user):
        consulted.add(current[0])
        return known(user)

    monkeypatch.setattr(rule, "_known", spy)
    superuser = _login(cast["never"]["superuser"])
    superuser.post("/units/switch/", {"unit": ward.pk})
    statuses = {}
    for url in every:
        current[0] = url
        statuses |= walk.read("superuser", superuser, [url], watched=watched_all)
    monkeypatch.undo()
    # The TT 02/2021 forms render for their period, and list the matter moved into it.
    assert {url: statuses[url] for url in tt2021} == dict.fromkeys(tt2021, 200)
    for code, column in TT2021_LISTED.items():
        url = next(u for u in tt2021 if u.startswith(f"/reports/{code}/{column}/?"))
        assert f"#{moved['petition'].case_id}<" in superuser.get(url).content.decode(), url
    # Absent for everyone: refused the method, not found without the rule being asked, or
    # the page of object 0 (the world's stand-in where a kind has no row).
    gone = {
        u
        for u, status in statuses.items()
        if status == 405 or (status == 404 and (u not in consulted or "/0/" in u))
    }
    candidates = [(url, "accepted") for url in [*routes, *searches, *session, *public]]
    candidates += [(url, "pending") for url in _representatives(denunciations)]
    candidates += [
        (url, "turned_away")
        for t in turned_away
        for url in (f"/reception/visits/{t['visit'].pk}/", *_print_urls(t["visit"]))
        if url not in routes  # their prints filled in the routes are read there already
    ]
    # The denouncers' records, one of each kind; the originals transferred, whose page shows
    # their copy at the ward, accepted or not.
    candidates += [(url, kind) for url, kind in citizens if url not in routes]
    candidates += [
        (url, "original of an accepted copy" if d["accepted"] else "original of a pending copy")
        for d in denunciations
        if (t := _transfer(d)) is not None
        for url in _original_urls(t)
    ]
    sweep = _sweep([(u, kind) for u, kind in candidates if u in consulted and u not in gone])
    readers = {**cast["never"], "processor": cast["processor"]}
    del readers["superuser"]
    assert not any(user.is_staff for user in readers.values())  # the admin is not theirs
    read = {"superuser": statuses}
    for role, user in readers.items():
        client = _login(user)
        client.post("/units/switch/", {"unit": ward.pk})
        watched = [d for d in denunciations if role != "processor" or d["accepted"]]
        # Never accepted, a turned-away denouncer stays the ward processor's to verify.
        watched += turned_away if role != "processor" else []
        reads = [*sweep, *[f for f in files if f not in sweep], *_downloads(exports, role)]
        read[role] = walk.read(role, client, reads, watched=watched)
    assert not walk.unread, "Pages refused for the rate, not read:\n" + "\n".join(walk.unread)
    leaks = walk.leaks
    assert not leaks, f"{len(leaks)} leaking responses:\n" + "\n".join(leaks[:60])
    _check_statuses(read, citizens, [_transfer(d) for d in denunciations], ward)
    _check_downloads(read, exports)
    _check_files(read, files, cast)


def _file_urls(
    online: SimpleNamespace, reception_plan: SimpleNamespace
) -> dict[str, tuple[str, ...]]:
    """{URL: what it shows} of the online session's files and the reception plan's: the notice
    its session's date, its conclusion and direction (the denouncer masked), the recording its
    bytes, the plan its title, the report the month's denunciations counted and the task's
    result, the roster its leader on duty."""
    from tiepdan.plans.selectors import plan_results

    session, plan, leader = online.session, reception_plan.plan, online.session.chair
    counted = plan_results(plan)["by_type"].get("denunciation", 0)
    assert counted > 0  # the plan's month holds denunciations: its report counts them
    day = session.date
    return {
        f"/reception/sessions/{session.pk}/conclusion.docx": (
            f"ngày {day.day} tháng {day.month} năm {day.year}",
            CONCLUDED,
            DIRECTED,
            "Bà [đã giữ bí mật] (CCCD [đã giữ bí mật]",
        ),
        f"/reception/sessions/{session.pk}/recording/file/": (RECORDING.decode(),),
        f"/plans/{plan.pk}/plan.docx": (PLAN_TITLE,),
        f"/plans/{plan.pk}/report.docx": (f"tố cáo: {counted}", TASK_DONE),
        f"/plans/{plan.pk}/roster.xlsx": (f"{leader.display_name} tiếp công dân định kỳ",),
        f"/plans/{plan.pk}/roster.docx": (f"{leader.display_name} tiếp công dân định kỳ",),
    }


# Who may open the session's recording (VisitAction.SESSION_MANAGE, on the ward or above).
MANAGE_SESSIONS = {"superuser", "receptionist", "unit_admin", "ward_admin", "province_leader"}
# Who finds neither the session nor the plan (outside their scope, or a partner's, which sees a
# plan's tasks of its own unit only).
OUT_OF_SCOPE = {"partner", "outsider"}


def _check_files(read: dict, files: dict[str, tuple[str, ...]], cast) -> None:
    """The session's and the plan's files open (200) for every reader of the ward or the
    province who may see the session or the plan (VisitAction.VIEW, PlanAction.VIEW), the
    recording only for who manages the session (403 to the others); the police partner and the
    other province's leader find none (404). Each renders what it is, for the superuser and the
    ward receptionist: a route that answers a 404 or an empty file fails here."""
    for url in files:
        for role, statuses in read.items():
            expected = 404 if role in OUT_OF_SCOPE else 200
            if url.endswith("/recording/file/") and expected == 200:
                expected = 200 if role in MANAGE_SESSIONS else 403
            assert statuses[url] == expected, (role, url)
    for role in ("superuser", "receptionist"):
        client = _login(cast["never"][role])
        for url, shown in files.items():
            response = client.get(url)
            # What a reader reads: the parts' text, their XML markup dropped (a date or a name
            # split across a DOCX's runs is read whole).
            text = re.sub(r"<[^>]*>", "", _text(response))
            assert response.status_code == 200, (role, url)
            assert text.strip(), (role, url)
            assert all(what in text for what in shown), (role, url, shown)
    # The recording comes back as it was filed, whole.
    superuser = _login(cast["never"]["superuser"])
    response = superuser.get(next(u for u in files if "/recording/" in u))
    assert b"".join(response.streaming_content) == RECORDING
    # The session's page shows its conclusion (as its notice prints it: the walk found no
    # denouncer in it) and the direction given.
    conclusion = next(u for u in files if u.endswith("/conclusion.docx"))
    page = superuser.get(conclusion.removesuffix("conclusion.docx")).content.decode()
    assert CONCLUDED in page
    assert DIRECTED in page
    assert "[đã giữ bí mật]" in page


def _check_statuses(read: dict, citizens: list, transfers: list, ward) -> None:
    """What each reader was answered on the denouncers' records and the originals transferred."""
    # A denouncer's record is found by nobody (404) but the ward processor, who verifies the
    # letters not yet accepted at the ward (Art 24): he reads their records (200).
    for url, kind in citizens:
        for role, statuses in read.items():
            if url in statuses and "/merge/" not in url:  # merging is a POST (405)
                mine = role == "processor" and kind == f"plain at {ward.code}"
                assert statuses[url] == (200 if mine else 404), (role, url, kind)
    # The original is read (200) by every reader in the department's or the ward's line, the
    # superuser included; the police partner and the other province's leader find none (404).
    for t in filter(None, transfers):
        for url in (f"/petitions/{t.petition_id}/", f"/api/v1/petitions/{t.petition_id}/"):
            for role, statuses in read.items():
                if url in statuses:
                    expected = 404 if role in ("partner", "outsider") else 200
                    assert statuses[url] == expected, (role, url)


def _check_downloads(read: dict, exports: dict[str, list[ReportExport]]) -> None:
    """Each export is downloaded (200) by the one who made it, by nobody else (404: the
    download looks among the reader's own exports only)."""
    for role, statuses in read.items():
        mine = {_download(e) for e in exports.get(role, [])}
        for url in _downloads(exports, role):
            assert statuses[url] == (200 if url in mine else 404), (role, url)


def test_the_resolver_sees_and_every_view_is_audited(denunciations, leader) -> None:
    client = _login(leader)
    for d in denunciations:
        p = d["petition"]
        before = AuditEvent.objects.filter(action=vault.IDENTITY_VIEWED).count()
        page = client.get(f"/petitions/{p.pk}/").content.decode()
        assert d["who"]["full_name"] in page, d["path"]
        viewed = AuditEvent.objects.filter(action=vault.IDENTITY_VIEWED).order_by("pk")
        assert viewed.count() == before + 1, d["path"]
        event = viewed.last()
        assert event.actor_id == leader.pk
        assert event.data["petitions"] == [p.pk]
        assert d["who"]["full_name"] not in str(event.data)


def test_check_seals_lists_a_matter_left_unsealed(denunciations) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    scanned = next(d for d in denunciations if d["path"] == "post_page×api")["petition"]
    case = Case.objects.get(pk=scanned.case_id)
    # Every attachment (the scan, the acceptance notice that names the denouncer) is copied
    # into the vault once, for its own matter.
    attachments = PetitionAttachment.objects.filter(petition__case=case)
    assert attachments.count() == 2
    for sealed in SealedFile.objects.select_related("identity"):
        source = PetitionAttachment.objects.get(pk=sealed.source_attachment_id)
        assert source.petition.case_id == sealed.identity.case_id
    assert SealedFile.objects.filter(identity__case=case).count() == 2
    # Sealed at rest: no plain link to a sender, no plain file left.
    assert not Petition.objects.filter(case=case, senders__isnull=False).exists()
    assert not attachments.exclude(file="").exists()
    # The fixture's transaction never commits, so the deletions that follow each sealing did
    # not run: the rows hidden at sealing are still there, and reported.
    with pytest.raises(CommandError, match="ẩn khi niêm phong"):
        call_command("check_seals")
    vault.drop_orphans(set(vault.hidden_leftovers()))
    call_command("check_seals")
    # A plain link written behind the services' back (bulk, SQL, a restore) is found and fixed.
    from tiepdan.citizens.models import Citizen

    person = Citizen.objects.create(unit=case.unit, full_name="Người Ghi Thẳng", name_key="x")
    Petition.senders.through.objects.create(petition_id=scanned.pk, citizen_id=person.pk)
    with pytest.raises(CommandError, match=f"#{case.pk}"):
        call_command("check_seals")
    call_command("check_seals", "--fix")
    assert not Petition.objects.filter(case=case, senders__isnull=False).exists()
    assert "Người Ghi Thẳng" in [p.full_name for p in vault.petition_people(scanned)]
    assert SealedFile.objects.filter(identity__case=case).count() == 2
