"""Online reception sessions (Luật TCD Art 3a; NĐ 154/2026 Arts 16–24) and identification."""

import datetime as dt
import hashlib
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.core.errors import DomainError
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import services, session_services
from tiepdan.reception.models import OnlineVisit, ReceptionSession, ReceptionVisit, SessionRecording
from tiepdan.reception.selectors import session_lead_times
from tiepdan.vault import sealed_files, vault

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 18/08/2026; Saturday 22/08/2026 is a decreed make-up working day (calendar data).
SCHEDULED = dt.datetime(2026, 8, 18, 9, 0, tzinfo=VN)
SESSION_DAY = dt.date(2026, 8, 26)  # the 7th working day after 18/08, counting 22/08
HELD = dt.datetime(2026, 8, 26, 8, 20, tzinfo=VN)
LINK = "https://hop.example.gov.vn/phong/tcd-26-08"


def online_session(unit: Unit, leader: User, day: dt.date = SESSION_DAY) -> ReceptionSession:
    return session_services.session_create(
        unit=unit,
        actor=leader,
        date=day,
        mode="periodic",
        chaired_by="head",
        chair=leader,
        channel="online",
        start_time=dt.time(8, 0),
        video_link=LINK,
        online_ground="remote",
        online_reason="Công dân ở các thôn xa trụ sở phường",
    )


def visit(unit, user, session, point, citizens, **extra):
    values = {
        "unit": unit,
        "received_at": HELD,
        "mode": "periodic",
        "chaired_by": "head",
        "channel": "online",
        "people_count": len(citizens),
        "petition_type": "complaint",
        "domain": "admin.land_housing",
        "content": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "handling": "answered",
        "session": session,
        "online_point": point,
        "online_ground": "remote",
        "online_reason": "Ở xa trụ sở",
        "identification": "cccd_chip_qr",
    }
    values.update(extra)
    online = services.OnlineAttendance(
        point=values.pop("online_point"),
        ground=values.pop("online_ground"),
        reason=values.pop("online_reason"),
        waiver_reference=values.pop("waiver_reference", ""),
    )
    data = services.VisitInput(attendees=services.attendees_of(citizens), online=online, **values)
    return services.visit_record(data, actor=user)


def test_the_lead_times_are_counted_on_the_working_calendar_across_a_make_up_saturday(
    ward: Unit, leader: User
) -> None:
    with time_machine.travel(SCHEDULED, tick=False):
        session = online_session(ward, leader)
        notice, test, connect = session_lead_times(session)
    # Backwards from 26/08: 25 (1), 24 (2), Saturday 22 worked (3), 21 (4), 20 (5).
    assert (notice.code, notice.due, notice.state) == ("notice", dt.date(2026, 8, 20), "open")
    assert "Điều 23" in notice.legal_basis
    assert (test.code, test.due) == ("test", dt.date(2026, 8, 25))
    assert connect.due == dt.datetime(2026, 8, 26, 7, 0, tzinfo=VN)
    assert AuditEvent.objects.filter(action="reception_session.online_scheduled").count() == 1


def test_steps_done_late_or_not_done_show_on_the_clocks(ward: Unit, leader: User) -> None:
    with time_machine.travel(SCHEDULED, tick=False):
        session = online_session(ward, leader)
    with time_machine.travel(dt.datetime(2026, 8, 21, 10, 0, tzinfo=VN), tick=False):
        session_services.online_step_record(
            session=session, actor=leader, step="notice", at=dt.datetime.now(tz=VN)
        )
        states = {c.code: c.state for c in session_lead_times(session)}
    assert states == {"notice": "missed", "test": "open", "connect": "open"}
    with time_machine.travel(dt.datetime(2026, 8, 26, 7, 30, tzinfo=VN), tick=False):
        states = {c.code: c.state for c in session_lead_times(session)}
    assert states == {"notice": "missed", "test": "overdue", "connect": "overdue"}


def test_no_online_session_before_july_2026_and_online_needs_its_particulars(
    ward: Unit, leader: User
) -> None:
    with pytest.raises(DomainError, match="01/07/2026"):
        online_session(ward, leader, day=dt.date(2026, 6, 30))
    with pytest.raises(DomainError) as caught:
        session_services.session_create(
            unit=ward,
            actor=leader,
            date=SESSION_DAY,
            mode="periodic",
            chaired_by="head",
            channel="online",
        )
    assert set(caught.value.fields) == {
        "start_time",
        "video_link",
        "online_reason",
        "online_ground",
    }
    assert not ReceptionSession.objects.exists()


def test_points_visits_minutes_and_recording_of_a_session(
    ward: Unit, police: Unit, leader: User, receptionist: User, group: list[Citizen]
) -> None:
    with time_machine.travel(SCHEDULED, tick=False):
        session = online_session(ward, leader)
        central = session_services.point_add(
            session=session, actor=leader, kind="central", unit=ward, room="Phòng họp tầng 2"
        )
        component = session_services.point_add(
            session=session,
            actor=leader,
            kind="component",
            unit=police,
            room="Nhà văn hóa thôn 5",
            officers="Đ/c Lò Văn Hùng",
        )
        with pytest.raises(DomainError, match="trung tâm"):
            session_services.point_add(
                session=session, actor=leader, kind="central", unit=ward, room="X"
            )
        with pytest.raises(DomainError, match="chưa diễn ra"):
            session_services.minutes_file(session=session, actor=leader, minutes="Biên bản")
    with time_machine.travel(HELD, tick=False):
        first = visit(ward, receptionist, session, central, group[:1]).visit
        visit(ward, receptionist, session, component, group[1:])
        with pytest.raises(DomainError) as caught:
            visit(ward, receptionist, session, component, group[:1], channel="in_person")
        assert "channel" in caught.value.fields
        with pytest.raises(DomainError) as caught:
            visit(ward, receptionist, session, None, group[:1], online_reason="")
        assert {"online_point", "online_reason"} <= set(caught.value.fields)
        session_services.minutes_file(session=session, actor=leader, minutes="Biên bản kỳ tiếp")
        with pytest.raises(DomainError) as caught:
            session_services.recording_file(
                session=session,
                actor=leader,
                duration_seconds=3600,
                retain_until=dt.date(2026, 8, 1),
                archive_reference="",
                sha256="abc",
                size_bytes=0,
            )
        assert set(caught.value.fields) == {
            "archive_reference",
            "sha256",
            "size_bytes",
            "retain_until",
        }
        content = b"\x00video" * 100
        recording = session_services.recording_file(
            session=session,
            actor=leader,
            duration_seconds=5400,
            retain_until=dt.date(2036, 8, 26),
            upload=SimpleUploadedFile("ghi-hinh.mp4", content),
        )
    assert first.channel == "online"
    assert first.identification == "cccd_chip_qr"
    assert first.online.point == central
    assert ReceptionVisit.objects.filter(session=session).count() == 2
    assert OnlineVisit.objects.filter(point=component).get().visit.people_count == 2
    session.refresh_from_db()
    assert session.status == "held"
    assert recording.kind == "upload"
    assert recording.sha256 == hashlib.sha256(content).hexdigest()
    assert recording.size_bytes == len(content)
    # Sealed in storage: no plain byte of it there, read back whole with its key.
    with recording.file.open("rb") as stored:
        assert stored.read(len(sealed_files.MAGIC)) == sealed_files.MAGIC
        stored.seek(0)
        assert b"video" not in stored.read()
        stored.seek(0)
        assert b"".join(sealed_files.unseal(stored, recording.file_key)) == content


def test_an_online_denunciation_without_a_written_waiver_is_refused_and_nothing_saved(
    ward: Unit, leader: User, receptionist: User, citizen: Citizen
) -> None:
    with time_machine.travel(SCHEDULED, tick=False):
        session = online_session(ward, leader)
        point = session_services.point_add(
            session=session, actor=leader, kind="central", unit=ward, room="Phòng 1"
        )
    with time_machine.travel(HELD, tick=False):
        cases = Case.objects.count()
        with pytest.raises(DomainError) as caught:
            visit(ward, receptionist, session, point, [citizen], petition_type="denunciation")
        assert "Điều 20 khoản 4" in caught.value.fields["waiver_reference"][0]
        assert not ReceptionVisit.objects.exists()
        assert Case.objects.count() == cases
        result = visit(
            ward,
            receptionist,
            session,
            point,
            [citizen],
            petition_type="denunciation",
            online_ground="denunciation_waived",
            waiver_reference="Văn bản ngày 20/08/2026",
        )
    assert result.visit.online.waiver_reference == "Văn bản ngày 20/08/2026"


def test_session_pages_show_the_clocks_and_take_points_steps_and_a_recording_reference(
    client: Client, ward: Unit, police: Unit, leader: User
) -> None:
    client.force_login(leader)
    with time_machine.travel(SCHEDULED, tick=False):
        response = client.post(
            "/reception/sessions/",
            {
                "date": "2026-08-26",
                "mode": "periodic",
                "chaired_by": "head",
                "chair": leader.pk,
                "body": "peoples_committee",
                "channel": "online",
                "start_time": "08:00",
                "video_link": LINK,
                "online_ground": "elderly_disabled",
                "online_reason": "Người cao tuổi",
            },
        )
        session = ReceptionSession.objects.get()
        assert response["Location"] == f"/reception/sessions/{session.pk}/"
        bad = client.post(f"/reception/sessions/{session.pk}/points/", {"kind": "central"})
        assert bad.status_code == 400
        client.post(
            f"/reception/sessions/{session.pk}/points/",
            {"kind": "central", "unit": ward.pk, "room": "Hội trường UBND"},
        )
        client.post(f"/reception/sessions/{session.pk}/steps/notice/", {"at": "2026-08-18T09:00"})
        page = client.get(f"/reception/sessions/{session.pk}/").content.decode()
    assert "20/08/2026" in page
    assert "25/08/2026" in page
    assert "07:00 26/08/2026" in page
    assert "Hội trường UBND" in page
    assert f'href="{LINK}"' in page
    assert "Đã thực hiện đúng hạn" in page
    with time_machine.travel(HELD, tick=False):
        response = client.post(
            f"/reception/sessions/{session.pk}/recording/",
            {
                "archive_reference": "Kho lưu trữ UBND, hộp 12, tệp TCD-2026-08-26.mp4",
                "sha256": "A" * 64,
                "size_bytes": "734003200",
                "duration": "1:30:00",
                "retain_until": "2036-08-26",
            },
        )
        assert response.status_code == 302
        page = client.get(f"/reception/sessions/{session.pk}/").content.decode()
    assert "a" * 64 in page
    assert "1:30:00" in page
    assert "26/08/2036" in page


def test_the_desk_reads_a_scanned_card(
    client: Client, receptionist: User, citizen: Citizen
) -> None:
    client.force_login(receptionist)
    same = "038085012345|172345678|Nguyễn Văn An|12031985|Nam|Khu phố 3|15062021"
    page = client.get("/reception/desk/search/", {"q": same}).content.decode()
    assert f"/reception/desk/pick/{citizen.pk}/" in page
    assert "data-card-mismatch" not in page
    differing = "038085012345|172345678|Nguyễn Văn Ân|13031985|Nam|Khu phố 3|15062021"
    page = client.get("/reception/desk/search/", {"q": differing}).content.decode()
    assert "Họ tên trên thẻ “Nguyễn Văn Ân” khác với sổ “Nguyễn Văn An”" in page
    assert "Ngày sinh trên thẻ 13/03/1985 khác với sổ 12/03/1985" in page
    new = "001190000001||Trần Thị Cúc|01011990|Nữ|Thôn 5, xã Đông Hòa|01012022"
    page = client.get("/reception/desk/search/", {"q": new}).content.decode()
    assert 'hx-swap-oob="true"' in page
    assert 'value="Trần Thị Cúc"' in page
    assert 'value="01/01/1990"' in page
    assert 'value="001190000001"' in page
    before = Citizen.objects.count()
    for bad in (
        "038085012345|Nguyễn Văn An|12031985",
        "038085012345|172345678|Nguyễn Văn An|32131985|Nam|KP3|15062021",
        "0380850123456|172345678|Nguyễn Văn An|12031985|Nam|KP3|15062021",
    ):
        response = client.get("/reception/desk/search/", {"q": bad})
        assert response.status_code == 200
        assert "data-card-error" in response.content.decode()
    assert Citizen.objects.count() == before


def _two_online_days(ward: Unit, leader: User) -> None:
    with time_machine.travel(SCHEDULED, tick=False):
        for day in (dt.date(2026, 8, 26), dt.date(2026, 8, 27)):
            online_session(ward, leader, day=day)


def test_online_periodic_sessions_count_toward_the_chairmans_minimum_as_the_rule_reads(
    ward: Unit, leader: User, settings
) -> None:
    from tiepdan.plans import selectors as plan_selectors
    from tiepdan.plans import services as plan_services

    plan = plan_services.plan_create(
        unit=ward,
        actor=leader,
        title="Kế hoạch tháng 8/2026",
        starts_on=dt.date(2026, 8, 1),
        ends_on=dt.date(2026, 8, 31),
    )

    def august():
        rows = plan_selectors.roster_compliance(plan, today=dt.date(2026, 7, 1))
        return next(r for r in rows if r.rule_code == "commune_chair.2026")

    assert (august().required, august().scheduled) == (2, 0)
    _two_online_days(ward, leader)
    assert (august().scheduled, august().ok) == (2, True)
    settings.TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM = False
    assert (august().scheduled, august().ok) == (0, False)


def test_public_schedule_and_register_show_the_online_sessions(
    client: Client, ward: Unit, police: Unit, leader: User, receptionist: User, group
) -> None:
    _two_online_days(ward, leader)
    session = ReceptionSession.objects.order_by("date").first()
    with time_machine.travel(SCHEDULED, tick=False):
        point = session_services.point_add(
            session=session, actor=leader, kind="component", unit=police, room="Nhà văn hóa thôn 5"
        )
        public = Client().get(f"/plans/public/{ward.code}/").content.decode()
    assert "Lịch tiếp công dân trực tuyến" in public
    assert "Nhà văn hóa thôn 5 (Công an phường Bắc Sơn)" in public
    assert LINK not in public  # where to attend, never the conference link
    with time_machine.travel(HELD, tick=False):
        visit(ward, receptionist, session, point, group[:1])
    client.force_login(leader)
    page = client.get("/reception/", {"first": "2026-08-01", "last": "2026-08-31"})
    text = page.content.decode()
    assert 'id="register-online"' in text
    assert 'id="register-leaders"' in text
    assert "Tiếp trực tuyến" in text  # column 13 of Mẫu 03/TCD for the online visit


def test_the_visits_api_takes_the_identification_and_refuses_an_online_denunciation(
    client_for, ward: Unit, receptionist: User
) -> None:
    body = {
        "unit": ward.code,
        "received_at": "2026-08-26T08:30:00+07:00",
        "mode": "regular",
        "chaired_by": "officer",
        "channel": "online",
        "people_count": 1,
        "citizens": [{"full_name": "Nguyễn Văn An", "id_number": "038085012345"}],
        "petition_type": "denunciation",
        "domain": "corruption",
        "summary": "Tố cáo cán bộ nhận tiền",
        "identification": "cccd_chip_qr",
    }
    api = client_for(receptionist)
    refused = api.post("/api/v1/visits/", body, format="json")
    assert refused.status_code == 400
    assert "Điều 20 khoản 4" in refused.content.decode()
    assert not ReceptionVisit.objects.exists()
    body["waiver_reference"] = "Văn bản từ bỏ ngày 20/08/2026"
    created = api.post("/api/v1/visits/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["identification"] == "cccd_chip_qr"
    bad = api.post("/api/v1/visits/", {**body, "identification": "guess"}, format="json")
    assert bad.status_code == 400


def test_only_those_who_manage_sessions_change_one_or_read_its_recording(
    client: Client, ward: Unit, leader: User, outsider: User, settings
) -> None:
    from tiepdan.organizations import services as org_services

    viewer = org_services.user_create(
        username="xem", password="x-Mat-khau-2026", memberships=[(ward, "viewer")]
    )
    with time_machine.travel(SCHEDULED, tick=False):
        session = online_session(ward, leader)
    with time_machine.travel(HELD, tick=False):
        session_services.recording_file(
            session=session,
            actor=leader,
            duration_seconds=60,
            retain_until=dt.date(2036, 8, 26),
            upload=SimpleUploadedFile("a.mp4", b"video"),
        )
    base = f"/reception/sessions/{session.pk}"
    client.force_login(viewer)
    assert client.get(f"{base}/").status_code == 200
    assert client.post(f"{base}/points/", {"kind": "central"}).status_code == 403
    assert client.post(f"{base}/steps/notice/", {"at": "2026-08-18T09:00"}).status_code == 403
    assert client.get(f"{base}/recording/file/").status_code == 403
    client.force_login(outsider)
    assert client.get(f"{base}/recording/file/").status_code == 404
    client.force_login(leader)
    response = client.get(f"{base}/recording/file/")
    assert b"".join(response.streaming_content) == b"video"
    assert response["Cache-Control"] == "no-store"
    # A field key rotation re-wraps the recording's data key; the file reads the same.
    settings.TIEPDAN_FIELD_KEY_FALLBACKS = [settings.TIEPDAN_FIELD_KEY]
    settings.TIEPDAN_FIELD_KEY = "cd" * 32
    call_command("rotate_field_key", stdout=io.StringIO())
    recording = SessionRecording.objects.get(session=session)
    assert vault.is_current(recording.file_key)
    settings.TIEPDAN_FIELD_KEY_FALLBACKS = []
    response = client.get(f"{base}/recording/file/")
    assert b"".join(response.streaming_content) == b"video"
    assert AuditEvent.objects.filter(action="reception_session.recording_read").count() == 2
