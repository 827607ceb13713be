"""The leak test: a denouncer must appear in no page, API response, export or report for
anyone who may not see him or her (architecture rule 4; Luật TC Arts 8.3, 40.3, 47).

Routes are enumerated from the root resolver, so a new endpoint is walked automatically; a
route with path parameters must be filled in FILL (or allow-listed with a reason), otherwise
the test fails. DOCX/XLSX answers are unzipped and their XML searched too.
"""

import datetime as dt
import html
import io
import subprocess
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tiepdan.cases import services as case_services
from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.core.text import search_key
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.reception.models import ReceptionVisit
from tiepdan.vault import vault
from tiepdan.vault.models import SealedFile

pytestmark = pytest.mark.django_db

NAME = "Trịnh Quốc Bảo"
ID_NUMBER = "038092054321"
PHONE = "0903111222"

# Routes that need no check, with the reason.
ALLOW = {
    "login/": "login form, no data",
    "logout/": "logout",
    "api/v1/schema/": "OpenAPI schema, no data",
    "api/v1/docs/": "Swagger UI, no data",
}
ALLOW_PREFIXES = ("admin/",)  # Django admin: staff only; none of the roles walked is staff


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _parts(response) -> list[str]:
    """The response's text as a reader copies it, in parts: a DOCX's or XLSX's XML parts one
    by one, anything else whole."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:5] == b"%PDF-":  # its text, as a reader copies it (the streams are compressed)
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True
        )
        return [done.stdout.decode("utf-8", "replace") + content.decode("latin-1")]
    if content[:2] == b"PK":
        # Unescaped: openpyxl writes every character outside ASCII as a character reference
        # ("Qu&#225;ch"), which no search for a Vietnamese name or address would find.
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return [
                html.unescape(z.read(name).decode("utf-8", "replace"))
                for name in z.namelist()
                if name.endswith((".xml", ".rels"))
            ]
    return [content.decode("utf-8", "replace")]


def _text(response) -> str:
    return "\n".join(_parts(response))


def _leaks(text: str) -> list[str]:
    found = []
    folded = search_key(text)
    if NAME in text or NAME.upper() in text:
        found.append("name")
    if search_key(NAME) in folded:
        found.append("name without diacritics")
    if ID_NUMBER in text:
        found.append("id")
    digits = "".join(ch for ch in text if ch.isdigit() or ch == "\n")
    if PHONE in text or PHONE in digits.replace("\n", ""):
        found.append("phone")
    return found


@pytest.fixture
def world(
    client_for,
    receptionist,
    processor,
    leader,
    ward,
    province,
    police,
    other_ward,
    render_documents,
) -> dict:
    visit_body = {
        "unit": ward.code,
        "received_at": "2025-01-27T08:30:00+07:00",
        "mode": "regular",
        "chaired_by": "officer",
        "channel": "in_person",
        "people_count": 1,
        "citizens": [
            {"full_name": NAME, "id_number": ID_NUMBER, "address": "Thôn Yên Vực", "phone": PHONE}
        ],
        "petition_type": "denunciation",
        "domain": "corruption",
        "summary": f"Ông {NAME} tố cáo cán bộ địa chính nhận tiền",
        "case": None,
    }
    created = client_for(receptionist).post("/api/v1/visits/", visit_body, format="json")
    assert created.status_code == 201, created.content
    visit = ReceptionVisit.objects.get(pk=created.json()["id"])
    # Sealed at rest: the attendee is in the vault; the registry row made for the visit waits,
    # hidden, to be deleted when the sealing commits (tests do not commit).
    citizen = Citizen.objects.get(id_number=ID_NUMBER)
    assert citizen.sealed
    assert not visit.attendees.exists()
    petition = petition_services.petition_receive(
        unit=ward,
        received_on=dt.date(2025, 1, 27),
        source="reception",
        petition_type="denunciation",
        domain="corruption",
        summary=f"{NAME} (CCCD {ID_NUMBER}, ĐT {PHONE}) tố cáo cán bộ địa chính nhận tiền",
        senders=[citizen],
        visit=visit,
        case=visit.case,
        actor=processor,
    )
    PetitionAttachment.objects.create(
        petition=petition,
        title="Bản scan đơn",
        file=ContentFile(f"scan: {NAME} {ID_NUMBER}".encode(), name="scan.txt"),
        uploaded_by=processor,
    )
    petition_services.petition_decide(
        petition=petition, actor=leader, outcome="accept", decided_on=dt.date(2025, 1, 28)
    )
    petition.refresh_from_db()
    case = petition.case
    vault.vault_seal(case=case, actor=leader)
    case_services.verification_assign(
        case=case,
        on=dt.date(2025, 1, 28),
        team=["Đỗ Thị Thủy, tổ trưởng", "Lương Văn Hải"],
        content="Việc nhận tiền",
        actor=leader,
    )
    render_documents()
    return {
        "visit": visit,
        "petition": petition,
        "case": case,
        "citizen": citizen,
        "attachments": list(petition.attachments.all()),
        "document": case.documents.get(),
        "sealed_file": SealedFile.objects.filter(identity__case=case).order_by("pk").first(),
        "ward": ward,
        "province": province,
    }


def _prints(world: dict) -> list[dict]:
    """Every document of the world's visits, each on a visit that has it to print: the desk's
    receipt and appointment slip, the slip of a visit guided elsewhere, a refusal's notice."""
    from tiepdan.reception.documents import documents_for

    codes = ("receipt", "appointment_slip", "guidance_slip", "refusal_notice")
    visits = [world["visit"], *world.get("turned_away", [])]
    return [
        {"pk": visit.pk, "code": f"reception.{code}"}
        for code in codes
        for visit in visits
        if f"reception.{code}" in documents_for(visit)
    ]


def _fill(world: dict) -> dict[str, dict]:
    w = world
    year = 2025
    return {
        "units/<str:code>/": {"code": w["ward"].code},
        "citizens/<int:pk>/": {"pk": w["citizen"].pk},
        "citizens/<int:pk>/merge/": {"pk": w["citizen"].pk},
        "privacy/citizens/<int:pk>/": {"pk": w["citizen"].pk},
        "privacy/citizens/<int:pk>/export.json": {"pk": w["citizen"].pk},
        "privacy/citizens/<int:pk>/export.pdf": {"pk": w["citizen"].pk},
        "calendar/<int:year>/": {"year": year},
        "calendar/<int:year>/edit/": {"year": year},
        "reception/desk/pick/<int:pk>/": {"pk": w["citizen"].pk},
        "reception/visits/<int:pk>/": {"pk": w["visit"].pk},
        "reception/visits/<int:pk>/print/<str:code>/": _prints(w),
        "reception/visits/<int:pk>/print/<str:code>/pdf/": _prints(w),
        "reception/register.<str:fmt>": [{"fmt": "xlsx"}, {"fmt": "docx"}],
        # The online session of test_leak_paths (a denouncer received at it), concluded with a
        # direction, its recording kept in TiếpDân.
        "reception/sessions/<int:pk>/": {"pk": w["session"].pk},
        "reception/sessions/<int:pk>/conclusion.docx": {"pk": w["session"].pk},
        "reception/directions/<int:pk>/done/": {"pk": w["direction"].pk},
        "reception/sessions/<int:pk>/points/": {"pk": w["session"].pk},
        "reception/sessions/<int:pk>/steps/<str:step>/": [
            {"pk": w["session"].pk, "step": s} for s in ("notice", "test", "connect")
        ],
        "reception/sessions/<int:pk>/minutes/": {"pk": w["session"].pk},
        "reception/sessions/<int:pk>/recording/": {"pk": w["session"].pk},
        "reception/sessions/<int:pk>/recording/file/": {"pk": w["session"].pk},
        "petitions/<int:pk>/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/classify/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/propose/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/proposal.docx": {"pk": w["petition"].pk},
        "petitions/<int:pk>/decide/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/split/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/duplicate/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/urge/": {"pk": w["petition"].pk},
        "petitions/<int:pk>/review/": {"pk": w["petition"].pk},
        "petitions/transfers/<int:pk>/acknowledge/": {"pk": w["transfer"].pk},
        "petitions/transfers/<int:pk>/reply/": {"pk": w["transfer"].pk},
        "petitions/attachments/<int:pk>/": [{"pk": a.pk} for a in w["attachments"]],
        "petitions/attachments/<int:pk>/retry/": [{"pk": a.pk} for a in w["attachments"]],
        "plans/ical/<str:token>/shifts.ics": {"token": "x"},
        "plans/public/<str:unit_code>/": {"unit_code": w["ward"].code},
        "cong-dan/gui-don/<str:unit_code>/": {"unit_code": w["ward"].code},
        "cong-dan/gui-don/<str:unit_code>/xac-nhan/": {"unit_code": w["ward"].code},
        "cong-dan/cong-khai/<str:unit_code>/": {"unit_code": w["ward"].code},
        "cong-dan/t/<str:code>/": {"code": w.get("tracking_code", "ABCDEFGHJKMN")},
        "api/v1/public/petitions/<str:tracking_code>/": {
            "tracking_code": w.get("tracking_code", "ABCDEFGHJKMN")
        },
        # The ward's reception plan of test_leak_paths: its roster, a task and its report.
        **{
            route: {"pk": w["plan"].pk}
            | ({"task_pk": w["task"].pk} if "task_pk" in route else {})
            | ({"shift_pk": w["shift"].pk} if "shift_pk" in route else {})
            for route in (
                "plans/<int:pk>/",
                "plans/<int:pk>/edit/",
                "plans/<int:pk>/issue/",
                "plans/<int:pk>/results/",
                "plans/<int:pk>/plan.docx",
                "plans/<int:pk>/report.docx",
                "plans/<int:pk>/tasks/",
                "plans/<int:pk>/tasks/<int:task_pk>/report/",
                "plans/<int:pk>/roster/",
                "plans/<int:pk>/roster/publish/",
                "plans/<int:pk>/roster.xlsx",
                "plans/<int:pk>/roster.docx",
                "plans/<int:pk>/shifts/<int:shift_pk>/",
                "api/v1/plans/<int:pk>/",
                "api/v1/plans/<int:pk>/roster/generate",
                "api/v1/plans/<int:pk>/roster/",
            )
        },
        **{
            route: {"pk": 1}
            for route in (
                "reports/submitted/<int:pk>/",
                "reports/submitted/<int:pk>/send/",
                "monitoring/alerts/<int:pk>/",
                "monitoring/alerts/<int:pk>/acknowledge/",
                "monitoring/alerts/<int:pk>/assign/",
                "monitoring/alerts/<int:pk>/follow-up/",
                "monitoring/alerts/<int:pk>/close/",
                "monitoring/hotspots/<int:pk>/",
                "national-sync/records/<int:pk>/retry/",
            )
        },
        "reports/<str:form>/": [{"form": f} for f in FORMS],
        "reports/<str:form>/submit/": {"form": "01-XLD"},
        "reports/<str:form>/export/": {"form": "01-XLD"},
        # Every file the world's exports made (test_leak_paths: each form, format and period).
        "reports/exports/<int:pk>/download/": [{"pk": e.pk} for e in w["exports"]],
        "reports/<str:form>/<int:number>/": [
            {"form": f, "number": n} for f in FORMS for n in (1, 2, 3)
        ],
        "api/v1/units/<str:code>/": {"code": w["ward"].code},
        "api/v1/petitions/<int:pk>/": {"pk": w["petition"].pk},
        "api/v1/petitions/<int:pk>/process/": {"pk": w["petition"].pk},
        "api/v1/petitions/<int:pk>/acknowledge/": {"pk": w["petition"].pk},
        "api/v1/cases/<int:pk>/": {"pk": w["case"].pk},
        "api/v1/calendar/<int:year>/": {"year": year},
        "api/v1/reports/<str:form>/": [{"form": f} for f in FORMS],
        "cases/<int:pk>/": {"pk": w["case"].pk},
        "cases/<int:pk>/steps/<str:step>/": {"pk": w["case"].pk, "step": "verify"},
        "cases/<int:pk>/identity/": {"pk": w["case"].pk},
        "cases/<int:pk>/identity/grants/": {"pk": w["case"].pk},
        "cases/<int:pk>/identity/grants/<int:grant_pk>/revoke/": {
            "pk": w["case"].pk,
            "grant_pk": 1,
        },
        "cases/documents/<int:pk>/": {"pk": w["document"].pk},
        "cases/documents/<int:pk>/retry/": {"pk": w["document"].pk},
        "cases/<int:pk>/identity/working-copy/": {"pk": w["case"].pk},
        "cases/<int:pk>/identity/files/<int:file_pk>/": {
            "pk": w["case"].pk,
            "file_pk": w["sealed_file"].pk,
        },
    }


FORMS = ("01-TCD", "01-XLD", "02-XLD", "03-XLD", "04-XLD", "01-KQGQ", "02-KQGQ")
# Served by the pages only, for TT 02/2021 periods: 404 here, read for their own period in
# test_leak_paths (`_tt2021_urls`).
FORMS += ("02-TCD", "03-KQGQ", "04-KQGQ")
# TT 06/2025 (from 30/09/2025): the walked period ends in 2025, so these answer it.
FORMS += ("03-GQKN", "04-GQTC", "05-KQTH", "06-QLKNTC")


def _query(world: dict) -> dict[str, str]:
    """Query strings for list, search, export and report routes."""
    unit = world["ward"].code
    period = "from=2025-01-01&to=2025-12-31&from_=2025-01-01"
    reports = f"?unit={unit}&{period}&period=custom"
    return {
        "citizens/": f"?q={search_key(NAME)}",
        "reception/desk/search/": f"?q={search_key(NAME)}",
        "reception/register.<str:fmt>": "?first=2025-01-01&last=2025-12-31",
        "reception/": "?first=2025-01-01&last=2025-12-31",
        "petitions/": "?view=open",
        "cases/": f"?q={search_key(NAME)}",
        "cong-dan/cong-khai/": f"?q={search_key('Bắc Sơn')}",
        "reports/<str:form>/": reports,
        "reports/<str:form>/<int:number>/": reports,
        "api/v1/reports/<str:form>/": reports,
        "reports/<str:form>/export/": reports,
        "reports/plan-period/": reports,
        "api/v1/alerts/": f"?unit={unit}",
        "monitoring/bulletin/docx/": "",
    }


def _urls(world: dict) -> list[str]:
    fill, queries = _fill(world), _query(world)
    urls, unfilled = [], []
    for route in sorted(set(_routes())):
        if route in ALLOW or route.startswith(ALLOW_PREFIXES):
            continue
        query = queries.get(route, "")
        if "<" not in route:
            urls.append("/" + route + query)
            continue
        if route not in fill:
            unfilled.append(route)
            continue
        values = fill[route]
        for kwargs in values if isinstance(values, list) else [values]:
            path = route
            for name, value in kwargs.items():
                path = path.replace(f"<int:{name}>", str(value)).replace(
                    f"<str:{name}>", str(value)
                )
            assert "<" not in path, path
            urls.append("/" + path + query)
    assert not unfilled, f"Routes the leak test cannot fill — add them to FILL: {unfilled}"
    return urls


@pytest.fixture
def sealed_users(unit_admin, receptionist, ward_admin, partner, outsider, ward, province):
    from tiepdan.organizations import services as org_services

    viewer = org_services.user_create(
        username="xem", password="x-Mat-khau-2026", memberships=[(ward, "viewer")]
    )
    province_leader = org_services.user_create(
        username="ldtinh", password="x-Mat-khau-2026", memberships=[(province, "leader")]
    )
    province_processor = org_services.user_create(
        username="xltinh", password="x-Mat-khau-2026", memberships=[(province, "processor")]
    )
    return {
        "province_leader": province_leader,
        "province_processor": province_processor,
        "unit_admin": unit_admin,
        "ward_admin": ward_admin,
        "viewer": viewer,
        "partner": partner,
        "receptionist": receptionist,
        "outsider": outsider,
    }


# The route walk itself runs in test_leak_paths, over denunciations made through every intake
# and acceptance path; the tests below keep this module's own world.


def test_sealed_scans_are_refused_to_everyone_else(world, sealed_users) -> None:
    """The scan download is a POST (it is audited); nobody but the resolver or a granted
    officer gets its bytes, whatever reason they type."""
    url = f"/cases/{world['case'].pk}/identity/files/{world['sealed_file'].pk}/"
    for role, user in sealed_users.items():
        client = Client()
        client.force_login(user)
        response = client.post(url, {"reason": "Cần xem để xác minh"})
        assert response.status_code in (403, 404), role
        assert not _leaks(_text(response)), role


def test_sealing_helpers_for_the_other_apps(world, sealed_users, leader) -> None:
    from tiepdan.citizens import selectors as citizen_selectors
    from tiepdan.reception.models import ReceptionVisit

    citizen = world["citizen"]
    for user in [*sealed_users.values(), leader]:
        # No plain link is left to hide: the row itself is sealed (then deleted on commit).
        assert not citizen_selectors.citizen_queryset(user).filter(pk=citizen.pk).exists()
    for user in sealed_users.values():
        assert ReceptionVisit.objects.filter(vault.sealed_visit_q(user)).exists()


def test_case_rows_carry_no_identity(world) -> None:
    case = Case.objects.get(pk=world["case"].pk)
    assert NAME not in case.summary
    assert not case.citizens.exists()
    # The only link between the denunciation and its sender is the vault's (issue #18).
    assert not Petition.objects.filter(case=case).filter(senders__isnull=False).exists()
    assert [p.full_name for p in vault.petition_people(world["petition"])] == [NAME]
