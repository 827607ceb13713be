"""Recording visits at the desk, leaders' sessions and their conclusions."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases import sealed_files, vault
from tiepdan.citizens.models import Citizen
from tiepdan.core import events
from tiepdan.core.classification import MASS_GROUP_THRESHOLD, Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.sequences import next_number
from tiepdan.core.text import nfc, search_key
from tiepdan.matters.models import KIND_FOR_TYPE, Matter, SubjectCategory
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionSource
from tiepdan.reception import constants, online, refusals
from tiepdan.reception.constants import (
    ChairedBy,
    Channel,
    DirectionStatus,
    Handling,
    Identification,
    PointKind,
    ReceptionMode,
    RecordingKind,
    SessionStatus,
)
from tiepdan.reception.models import (
    Direction,
    OnlinePoint,
    OnlineVisit,
    ReceptionRefusal,
    ReceptionSession,
    ReceptionVisit,
    SessionConclusion,
    SessionRecording,
    VisitCitizen,
)
from tiepdan.workcalendar import selectors as calendar_selectors

# Online reception exists in law from 1 July 2026 (Luật 136/2025 new Art 3a; NĐ 154/2026).
ONLINE_FROM = online.NEW_LAW
# Clock skew tolerated between the desk PC and the server before a time counts as "future".
FUTURE_TOLERANCE = dt.timedelta(minutes=10)


def representatives_warning(people_count: int, representatives: int) -> str:
    """Luật TCD Art 29: 5–10 people appoint 1 or 2 representatives; more than 10, at most 5."""
    if people_count < MASS_GROUP_THRESHOLD:
        return ""
    if representatives == 0:
        return _("Đoàn đông người chưa cử người đại diện (Luật Tiếp công dân, Điều 29).")
    if people_count <= 10 and representatives > 2:
        return _(
            "Đoàn từ 5 đến 10 người chỉ cử 1 hoặc 2 người đại diện; đang ghi %(n)d người "
            "(Luật Tiếp công dân, Điều 29 khoản 1)."
        ) % {"n": representatives}
    if people_count > 10 and representatives > 5:
        return _(
            "Đoàn trên 10 người cử không quá 5 người đại diện; đang ghi %(n)d người "
            "(Luật Tiếp công dân, Điều 29 khoản 1)."
        ) % {"n": representatives}
    return ""


@dataclass
class VisitResult:
    visit: ReceptionVisit
    petition: Petition | None = None
    refusal: ReceptionRefusal | None = None
    alert_ids: list[int] = field(default_factory=list)


def _check_visit(
    *,
    unit: Unit,
    received_at: dt.datetime,
    mode: str,
    chaired_by: str,
    channel: str,
    people_count: int,
    citizens: list[Citizen],
    representatives: list[Citizen],
    petition_type: str,
    domain: str,
    content: str,
    handling: str,
    case: Matter | None,
    session: ReceptionSession | None,
    refusal_ground: str,
    appointment_at: dt.datetime | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if timezone.is_naive(received_at):
        err("received_at", _("Thời gian tiếp phải có múi giờ."))
    elif received_at > timezone.now() + FUTURE_TOLERANCE:
        err("received_at", _("Thời gian tiếp ở tương lai."))
    if mode not in ReceptionMode.values:
        err("mode", _("Hình thức tiếp không hợp lệ."))
    if chaired_by not in ChairedBy.values:
        err("chaired_by", _("Người chủ trì không hợp lệ."))
    elif mode in (ReceptionMode.PERIODIC, ReceptionMode.ADHOC) and chaired_by == ChairedBy.OFFICER:
        err(
            "chaired_by",
            _("Tiếp định kỳ, đột xuất do Thủ trưởng hoặc người được ủy quyền chủ trì."),
        )
    elif mode == ReceptionMode.REGULAR and chaired_by != ChairedBy.OFFICER:
        err("chaired_by", _("Tiếp thường xuyên do cán bộ tiếp công dân thực hiện."))
    if channel not in Channel.values:
        err("channel", _("Phương thức tiếp không hợp lệ."))
    elif (
        channel == Channel.ONLINE
        and not errors.get("received_at")
        and timezone.localtime(received_at).date() < ONLINE_FROM
    ):
        err("channel", _("Tiếp công dân trực tuyến chỉ áp dụng từ ngày 01/07/2026."))
    if people_count < 1:
        err("people_count", _("Số người phải từ 1 trở lên."))
    if not citizens:
        err("citizens", _("Cần ít nhất một công dân (với đoàn đông người: người đại diện)."))
    elif people_count >= 1 and len(citizens) > people_count:
        err("people_count", _("Số người ít hơn số công dân đã ghi."))
    if any(r not in citizens for r in representatives):
        err("representatives", _("Người đại diện phải là công dân có mặt trong lượt tiếp."))
    if petition_type not in PetitionType.values:
        err("petition_type", _("Loại đơn không hợp lệ."))
    if domain not in Domain.values:
        err("domain", _("Lĩnh vực không hợp lệ."))
    if not content:
        err("content", _("Thiếu nội dung vụ việc."))
    if handling not in Handling.values:
        err("handling", _("Kết quả tiếp không hợp lệ."))
    if handling == Handling.REFUSED and not refusal_ground:
        err("refusal_ground", _("Chọn căn cứ từ chối tiếp."))
    if handling == Handling.APPOINTMENT and appointment_at is None:
        err("appointment_at", _("Nhập thời gian hẹn."))
    if case is not None and not case.unit.path.startswith(unit.path):
        err("case", _("Vụ việc không thuộc đơn vị này."))
    if session is not None and session.unit_id != unit.pk:
        err("session", _("Kỳ tiếp không thuộc đơn vị này."))
    elif session is not None and session.channel == Channel.ONLINE and channel != Channel.ONLINE:
        err("channel", _("Lượt tiếp trong kỳ tiếp trực tuyến ghi phương thức trực tuyến."))
    return errors


def _check_online_visit(
    errors: dict[str, list[str]],
    *,
    day: dt.date,
    session: ReceptionSession | None,
    point: OnlinePoint | None,
    petition_type: str,
    ground: str,
    reason: str,
    waiver_reference: str,
) -> online.EligibilityGround | None:
    """An online visit: a denunciation only with the denouncer's written waiver (NĐ 154/2026
    Art 20.4); in an online session, the point attended and the ground with its reason."""
    if petition_type == PetitionType.DENUNCIATION:
        refusal = online.denunciation_refusal(day, waiver_reference=waiver_reference)
        if refusal:
            errors.setdefault("waiver_reference", []).append(refusal)
    if session is None or session.channel != Channel.ONLINE:
        if point is not None:
            errors.setdefault("online_point", []).append(
                _("Điểm cầu chỉ ghi cho lượt tiếp trong kỳ tiếp trực tuyến.")
            )
        return None
    if point is None or point.session_id != session.pk:
        errors.setdefault("online_point", []).append(
            _("Chọn điểm cầu mà công dân tham dự trong kỳ tiếp này.")
        )
    if not reason:
        errors.setdefault("online_reason", []).append(_("Ghi lý do tiếp công dân trực tuyến."))
    try:
        return online.ground_get(ground, day)
    except DomainError as exc:
        for name, messages in exc.fields.items():
            errors.setdefault(name, []).extend(messages)
        return None


@transaction.atomic
def visit_record(
    *,
    unit: Unit,
    actor: User | None,
    received_at: dt.datetime,
    mode: str,
    chaired_by: str,
    channel: str,
    people_count: int,
    citizens: list[Citizen],
    petition_type: str,
    domain: str,
    content: str,
    handling: str,
    representatives: list[Citizen] | None = None,
    case: Matter | None = None,
    session: ReceptionSession | None = None,
    subject: SubjectCategory | None = None,
    request: str = "",
    resolution_history: str = "",
    documents: list[dict[str, Any]] | None = None,
    within_competence: bool | None = None,
    competent_body: str = "",
    guidance: str = "",
    appointment_at: dt.datetime | None = None,
    appointment_place: str = "",
    notes: str = "",
    written_petition: bool = False,
    refusal_ground: str = "",
    refusal_details: str = "",
    identification: str = "",
    online_point: OnlinePoint | None = None,
    online_ground: str = "",
    online_reason: str = "",
    waiver_reference: str = "",
) -> VisitResult:
    """Record a visit: its register line, its matter, a written petition, a refusal, and the
    immediate alert for a mass group. Everything or nothing is saved."""
    representatives = representatives or []
    content = nfc(content or "")
    errors = _check_visit(
        unit=unit,
        received_at=received_at,
        mode=mode,
        chaired_by=chaired_by,
        channel=channel,
        people_count=people_count,
        citizens=citizens,
        representatives=representatives,
        petition_type=petition_type,
        domain=domain,
        content=content,
        handling=handling,
        case=case,
        session=session,
        refusal_ground=refusal_ground,
        appointment_at=appointment_at,
    )
    if identification and identification not in Identification.values:
        errors.setdefault("identification", []).append(_("Cách xác định danh tính không hợp lệ."))
    day = timezone.localtime(received_at).date() if not errors.get("received_at") else None
    online_ground_row = None
    if day and channel == Channel.ONLINE and not errors.get("channel"):
        online_ground_row = _check_online_visit(
            errors,
            day=day,
            session=session,
            point=online_point,
            petition_type=petition_type,
            ground=online_ground,
            reason=nfc(online_reason),
            waiver_reference=nfc(waiver_reference),
        )
    ground = None
    if day and handling == Handling.REFUSED and refusal_ground:
        try:
            ground = refusals.ground_get(refusal_ground, day)
        except DomainError as exc:
            errors.update(exc.fields)
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    assert day is not None  # guaranteed by the checks above

    is_repeat = False
    if case is None:
        case = Matter.objects.create(
            unit=unit,
            kind=KIND_FOR_TYPE[petition_type],
            domain=domain,
            subject=subject,
            summary=content,
            summary_key=search_key(content),
            opened_on=day,
            first_visit_at=received_at,
        )
    else:
        is_repeat = case.visits.exists()
        # Reports count a matter as "tiếp lần đầu" in the period of its first visit ever.
        if case.first_visit_at is None or received_at < case.first_visit_at:
            case.first_visit_at = received_at
            case.save(update_fields=["first_visit_at", "updated_at"])
    case.citizens.add(*citizens)

    is_mass_group = people_count >= MASS_GROUP_THRESHOLD
    warning = representatives_warning(people_count, len(representatives)) if is_mass_group else ""
    visit = ReceptionVisit.objects.create(
        unit=unit,
        year=day.year,
        register_number=next_number(
            sequence=constants.REGISTER_SEQUENCE, unit_id=unit.pk, year=day.year
        ),
        session=session,
        received_at=received_at,
        mode=mode,
        chaired_by=chaired_by,
        channel=channel,
        officer=actor,
        people_count=people_count,
        is_mass_group=is_mass_group,
        case=case,
        is_repeat=is_repeat,
        petition_type=petition_type,
        domain=domain,
        subject=subject,
        content=content,
        request=nfc(request),
        resolution_history=nfc(resolution_history),
        documents=documents or [],
        handling=handling,
        within_competence=within_competence,
        competent_body=nfc(competent_body),
        guidance=nfc(guidance),
        appointment_at=appointment_at,
        appointment_place=nfc(appointment_place),
        notes=nfc(notes),
        warnings=[warning] if warning else [],
        identification=identification,
    )
    if online_ground_row is not None and online_point is not None:
        OnlineVisit.objects.create(
            visit=visit,
            point=online_point,
            ground=online_ground_row.code,
            reason=nfc(online_reason),
            waiver_reference=nfc(waiver_reference),
        )
    VisitCitizen.objects.bulk_create(
        [
            VisitCitizen(visit=visit, citizen=c, is_representative=c in representatives)
            for c in citizens
        ]
    )
    if petition_type == PetitionType.DENUNCIATION:
        # bulk_create sends no signal: seal the attendees here (cases.sealing).
        vault.vault_seal(case=case, actor=actor)
    result = VisitResult(visit=visit)

    if ground is not None:
        notice_due = None
        if ground.notice_required and day >= refusals.NEW_LAW:
            notice_due = calendar_selectors.deadline_compute(
                rule_code="reception.refusal_notice", start=day
            ).due
        result.refusal = ReceptionRefusal.objects.create(
            visit=visit,
            ground=ground.code,
            ground_text=str(ground.text),
            legal_basis=ground.legal_basis,
            details=nfc(refusal_details),
            notice_required=ground.notice_required,
            notice_due=notice_due,
        )
    if written_petition and handling != Handling.REFUSED:
        result.petition = petition_services.petition_receive(
            unit=unit,
            received_on=day,
            source=PetitionSource.RECEPTION,
            petition_type=petition_type,
            domain=domain,
            summary=content,
            senders=citizens,
            signatory_count=len(citizens),
            case=case,
            visit=visit,
            actor=actor,
        )
    if is_mass_group:
        # Monitoring raises the alert and routes it (tiepdan/core/events.py).
        answers = events.mass_group_arrived.send(
            sender=ReceptionVisit,
            unit=unit,
            visit=visit,
            case=case,
            people_count=people_count,
            content=content,
            actor=actor,
        )
        result.alert_ids.extend(alert_id for _receiver, alert_id in answers if alert_id)

    audit_services.audit_record(
        action=constants.VISIT_REFUSED if ground else constants.VISIT_RECORDED,
        target=visit,
        actor=actor,
        unit=unit,
        data={
            "register_number": visit.register_number,
            "case": case.pk,
            "handling": handling,
            "people_count": people_count,
            "repeat": is_repeat,
        },
    )
    return result


@transaction.atomic
def session_create(
    *,
    unit: Unit,
    actor: User | None,
    date: dt.date,
    mode: str,
    chaired_by: str,
    chair: User | None = None,
    body: str = "peoples_committee",
    channel: str = Channel.IN_PERSON,
    venue=None,
    notes: str = "",
    start_time: dt.time | None = None,
    video_link: str = "",
    online_ground: str = "",
    online_reason: str = "",
) -> ReceptionSession:
    """Open a reception session (a leader's periodic or ad-hoc reception, or a desk day).

    An online session (from 1 July 2026) needs its start time, the link of the agency's video
    conference, and the ground and reason for receiving online; its lead times (notice, test,
    connection) are computed on the working calendar when shown (selectors.session_lead_times).
    """
    if mode in (ReceptionMode.PERIODIC, ReceptionMode.ADHOC) and chaired_by == ChairedBy.OFFICER:
        raise DomainError(
            _("Tiếp định kỳ, đột xuất do Thủ trưởng hoặc người được ủy quyền chủ trì."),
            fields={"chaired_by": [_("Chọn Thủ trưởng hoặc ủy quyền.")]},
        )
    video_link = (video_link or "").strip()
    online_reason = nfc(online_reason or "")
    if channel == Channel.ONLINE:
        if date < ONLINE_FROM:
            message = _("Tiếp công dân trực tuyến chỉ áp dụng từ ngày 01/07/2026.")
            raise DomainError(message, fields={"channel": [message]})
        errors: dict[str, list[str]] = {}
        if start_time is None:
            errors["start_time"] = [_("Nhập giờ bắt đầu của kỳ tiếp trực tuyến.")]
        if not video_link.startswith(("https://", "http://")):
            errors["video_link"] = [_("Nhập đường dẫn phòng họp trực tuyến (https://…).")]
        if not online_reason:
            errors["online_reason"] = [_("Ghi lý do tiếp công dân trực tuyến.")]
        try:
            online.ground_get(online_ground, date)
        except DomainError as exc:
            errors.update(exc.fields)
        if errors:
            raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    elif video_link or online_ground:
        message = _("Đường dẫn và căn cứ tiếp trực tuyến chỉ ghi cho kỳ tiếp trực tuyến.")
        raise DomainError(message, fields={"channel": [message]})
    session = ReceptionSession.objects.create(
        unit=unit,
        date=date,
        mode=mode,
        chaired_by=chaired_by,
        chair=chair,
        body=body,
        channel=channel,
        venue=venue,
        notes=nfc(notes),
        start_time=start_time if channel == Channel.ONLINE else None,
        video_link=video_link,
        online_ground=online_ground if channel == Channel.ONLINE else "",
        online_reason=online_reason if channel == Channel.ONLINE else "",
    )
    audit_services.audit_record(
        action=constants.ONLINE_SCHEDULED
        if channel == Channel.ONLINE
        else constants.SESSION_CREATED,
        target=session,
        actor=actor,
        unit=unit,
        data={"date": date.isoformat(), "mode": mode, "body": body, "channel": channel},
    )
    return session


def _require_online(session: ReceptionSession) -> None:
    if session.channel != Channel.ONLINE:
        raise DomainError(_("Kỳ tiếp này không phải kỳ tiếp trực tuyến."))
    if session.status == SessionStatus.CANCELLED:
        raise DomainError(_("Kỳ tiếp đã hoãn, hủy."))


@transaction.atomic
def point_add(
    *,
    session: ReceptionSession,
    actor: User | None,
    kind: str,
    unit: Unit,
    room: str,
    officers: str = "",
) -> OnlinePoint:
    """Add a connection point (the central one, or a component) to an online session."""
    _require_online(session)
    errors: dict[str, list[str]] = {}
    if kind not in PointKind.values:
        errors["kind"] = [_("Loại điểm cầu không hợp lệ.")]
    elif kind == PointKind.CENTRAL and session.points.filter(kind=PointKind.CENTRAL).exists():
        errors["kind"] = [_("Kỳ tiếp đã có điểm cầu trung tâm.")]
    room = nfc(room or "").strip()
    if not room:
        errors["room"] = [_("Nhập phòng, địa điểm của điểm cầu.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    point = OnlinePoint.objects.create(
        session=session, kind=kind, unit=unit, room=room, officers=nfc(officers or "").strip()
    )
    audit_services.audit_record(
        action=constants.ONLINE_POINT_ADDED,
        target=session,
        actor=actor,
        unit=session.unit,
        data={"point": point.pk, "kind": kind, "unit": unit.pk},
    )
    return point


ONLINE_STEPS = ("notice", "test", "connect")


@transaction.atomic
def online_step_record(
    *, session: ReceptionSession, actor: User | None, step: str, at: dt.datetime
) -> ReceptionSession:
    """Record that the schedule was notified, the connection tested, or the points connected;
    on time or late is what the session's lead-time clocks then show."""
    _require_online(session)
    if step not in ONLINE_STEPS:
        raise DomainError(_("Bước chuẩn bị không hợp lệ."))
    if at > timezone.now() + FUTURE_TOLERANCE:
        raise DomainError(_("Thời điểm thực hiện ở tương lai."), fields={"at": [_("Ở tương lai.")]})
    day = timezone.localtime(at).date()
    if step == "notice":
        session.notified_on = day
    elif step == "test":
        session.tested_on = day
    else:
        session.connected_at = at
    session.save(update_fields=["notified_on", "tested_on", "connected_at", "updated_at"])
    audit_services.audit_record(
        action=constants.ONLINE_STEP_DONE,
        target=session,
        actor=actor,
        unit=session.unit,
        data={"step": step, "at": at.isoformat()},
    )
    return session


@transaction.atomic
def minutes_file(
    *, session: ReceptionSession, actor: User | None, minutes: str
) -> ReceptionSession:
    """File the minutes (biên bản) of an online session once it has been held."""
    _require_online(session)
    minutes = nfc(minutes or "").strip()
    if not minutes:
        raise DomainError(_("Nhập nội dung biên bản."), fields={"minutes": [_("Bắt buộc.")]})
    if session.date > timezone.localdate():
        raise DomainError(_("Kỳ tiếp chưa diễn ra: chưa lập biên bản."))
    session.minutes = minutes
    session.status = SessionStatus.HELD
    session.save(update_fields=["minutes", "status", "updated_at"])
    audit_services.audit_record(
        action=constants.ONLINE_MINUTES_FILED,
        target=session,
        actor=actor,
        unit=session.unit,
        data={"length": len(minutes)},
    )
    return session


SHA256_HEX = frozenset("0123456789abcdef")


@transaction.atomic
def recording_file(
    *,
    session: ReceptionSession,
    actor: User | None,
    duration_seconds: int,
    retain_until: dt.date,
    archive_reference: str = "",
    sha256: str = "",
    size_bytes: int | None = None,
    upload: Any = None,
) -> SessionRecording:
    """File the recording of an online session: the archive's reference with the file's SHA-256
    and size, or the uploaded file itself (its SHA-256 and size are then computed here)."""
    _require_online(session)
    if hasattr(session, "recording"):
        raise DomainError(_("Kỳ tiếp này đã có bản ghi hình."))
    if session.date > timezone.localdate():
        raise DomainError(_("Kỳ tiếp chưa diễn ra: chưa có bản ghi hình."))
    errors: dict[str, list[str]] = {}
    archive_reference = nfc(archive_reference or "").strip()
    sha256 = (sha256 or "").strip().lower()
    sealed = None
    if upload is not None:
        # Encrypted as it is read: the plain file never reaches the storage.
        sealed = sealed_files.seal(upload.chunks())
        if sha256 and sha256 != sealed.sha256:
            errors["sha256"] = [_("Mã SHA-256 đã nhập không khớp với tệp tải lên.")]
        sha256, size_bytes = sealed.sha256, sealed.size
        kind = RecordingKind.UPLOAD
    else:
        kind = RecordingKind.ARCHIVE_REFERENCE
        if not archive_reference:
            errors["archive_reference"] = [_("Nhập nơi lưu, số hiệu lưu trữ của tệp ghi hình.")]
        if len(sha256) != 64 or not set(sha256) <= SHA256_HEX:
            errors["sha256"] = [_("Mã SHA-256 phải gồm đúng 64 ký tự 0–9, a–f.")]
        if not size_bytes or size_bytes < 1:
            errors["size_bytes"] = [_("Dung lượng tệp phải lớn hơn 0 byte.")]
    if duration_seconds < 1:
        errors["duration_seconds"] = [_("Thời lượng phải lớn hơn 0.")]
    if retain_until <= session.date:
        errors["retain_until"] = [_("Hạn lưu trữ phải sau ngày tiếp.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    recording = SessionRecording(
        session=session,
        kind=kind,
        archive_reference=archive_reference,
        sha256=sha256,
        size_bytes=size_bytes,
        duration_seconds=duration_seconds,
        retain_until=retain_until,
        filed_by=actor,
    )
    if sealed is not None:
        recording.file_key = sealed.wrapped_key
        with sealed.file:
            name = f"session-{session.pk}-{sha256[:16]}.sealed"
            recording.file.save(name, sealed.file, save=False)
    recording.save()
    audit_services.audit_record(
        action=constants.ONLINE_RECORDING_FILED,
        target=session,
        actor=actor,
        unit=session.unit,
        data={"kind": kind, "sha256": sha256, "size": size_bytes},
    )
    return recording


@transaction.atomic
def session_conclude(
    *,
    session: ReceptionSession,
    actor: User | None,
    issued_on: dt.date,
    content: str,
    directions: list[dict[str, Any]],
    number: str = "",
) -> SessionConclusion:
    """Issue the conclusion notice of a leader's session; each direction becomes a task with
    its assignee and due date (NĐ 154/2026 Art 25.2)."""
    if session.mode == ReceptionMode.REGULAR:
        raise DomainError(_("Chỉ kỳ tiếp của lãnh đạo mới có thông báo kết luận."))
    if hasattr(session, "conclusion"):
        raise DomainError(_("Kỳ tiếp này đã có thông báo kết luận."))
    if not nfc(content):
        raise DomainError(_("Thiếu nội dung kết luận."), fields={"content": [_("Bắt buộc.")]})
    for index, item in enumerate(directions):
        if not nfc(item.get("text", "")) or item.get("assignee") is None or not item.get("due_on"):
            raise DomainError(
                _("Chỉ đạo thứ %(i)d thiếu nội dung, đơn vị thực hiện hoặc hạn.") % {"i": index + 1}
            )
        if item["due_on"] < issued_on:
            raise DomainError(
                _("Hạn của chỉ đạo thứ %(i)d trước ngày ban hành thông báo.") % {"i": index + 1}
            )
    conclusion = SessionConclusion.objects.create(
        session=session, number=nfc(number), issued_on=issued_on, content=nfc(content)
    )
    Direction.objects.bulk_create(
        [
            Direction(
                conclusion=conclusion,
                text=nfc(d["text"]),
                assignee=d["assignee"],
                due_on=d["due_on"],
            )
            for d in directions
        ]
    )
    audit_services.audit_record(
        action=constants.SESSION_CONCLUDED,
        target=session,
        actor=actor,
        unit=session.unit,
        data={"directions": len(directions), "number": number},
    )
    return conclusion


@transaction.atomic
def direction_complete(*, direction: Direction, actor: User | None, result: str) -> Direction:
    """Report a direction done, with its result."""
    if direction.status == DirectionStatus.DONE:
        raise DomainError(_("Nội dung chỉ đạo này đã hoàn thành."))
    if not nfc(result):
        raise DomainError(_("Nhập kết quả thực hiện."), fields={"result": [_("Bắt buộc.")]})
    direction.status = DirectionStatus.DONE
    direction.done_on = timezone.localdate()
    direction.result = nfc(result)
    direction.save(update_fields=["status", "done_on", "result", "updated_at"])
    audit_services.audit_record(
        action=constants.DIRECTION_DONE,
        target=direction,
        actor=actor,
        unit=direction.assignee,
        data={"late": direction.done_on > direction.due_on},
    )
    return direction
