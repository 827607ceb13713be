"""Leaders' and online reception sessions: scheduling, connection points, the preparation
steps, minutes and recording, and the conclusion notice with its directions."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import Unit, User
from tiepdan.reception import constants, online
from tiepdan.reception.constants import (
    ChairedBy,
    Channel,
    DirectionStatus,
    PointKind,
    ReceptionMode,
    RecordingKind,
    SessionStatus,
)
from tiepdan.reception.models import (
    Direction,
    OnlinePoint,
    ReceptionSession,
    ReceptionVenue,
    SessionConclusion,
    SessionRecording,
)
from tiepdan.reception.services import FUTURE_TOLERANCE, ONLINE_FROM
from tiepdan.vault import sealed_files


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)


def _check_online_session(
    *,
    date: dt.date,
    start_time: dt.time | None,
    video_link: str,
    online_ground: str,
    online_reason: str,
) -> None:
    """An online session: from 1 July 2026, with its start time, link, ground and reason."""
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
    _raise_if(errors)


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
    venue: ReceptionVenue | None = None,
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
        _check_online_session(
            date=date,
            start_time=start_time,
            video_link=video_link,
            online_ground=online_ground,
            online_reason=online_reason,
        )
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
    _raise_if(errors)
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


def _check_archive_reference(
    errors: dict[str, list[str]], *, archive_reference: str, sha256: str, size_bytes: int | None
) -> None:
    """A recording kept in the archive: where it is, with the file's SHA-256 and size."""
    if not archive_reference:
        errors["archive_reference"] = [_("Nhập nơi lưu, số hiệu lưu trữ của tệp ghi hình.")]
    if len(sha256) != 64 or not set(sha256) <= SHA256_HEX:
        errors["sha256"] = [_("Mã SHA-256 phải gồm đúng 64 ký tự 0–9, a–f.")]
    if not size_bytes or size_bytes < 1:
        errors["size_bytes"] = [_("Dung lượng tệp phải lớn hơn 0 byte.")]


def _require_held_without_recording(session: ReceptionSession) -> None:
    _require_online(session)
    if hasattr(session, "recording"):
        raise DomainError(_("Kỳ tiếp này đã có bản ghi hình."))
    if session.date > timezone.localdate():
        raise DomainError(_("Kỳ tiếp chưa diễn ra: chưa có bản ghi hình."))


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
    _require_held_without_recording(session)
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
        _check_archive_reference(
            errors, archive_reference=archive_reference, sha256=sha256, size_bytes=size_bytes
        )
    if duration_seconds < 1:
        errors["duration_seconds"] = [_("Thời lượng phải lớn hơn 0.")]
    if retain_until <= session.date:
        errors["retain_until"] = [_("Hạn lưu trữ phải sau ngày tiếp.")]
    _raise_if(errors)
    assert size_bytes is not None  # checked above, or measured from the upload
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


def recording_read(*, session: ReceptionSession, actor: User) -> None:
    """Audit a download of the recording kept in TiếpDân (every read is recorded)."""
    audit_services.audit_record(
        action=constants.ONLINE_RECORDING_READ,
        target=session,
        actor=actor,
        unit=session.unit,
        data={"sha256": session.recording.sha256},
    )


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
