"""Recording a visit at the desk: the register line, its matter, its attendees, a written
petition, a refusal and the alert for a mass group. The sessions' writes are in
`session_services`."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.core import events
from tiepdan.core.classification import MASS_GROUP_THRESHOLD, Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.prepared import statements_kept
from tiepdan.core.sequences import next_number
from tiepdan.core.text import nfc, search_key
from tiepdan.matters.models import KIND_FOR_TYPE, CaseKind, Matter, SubjectCategory
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionSource
from tiepdan.reception import constants, online, refusals
from tiepdan.reception.constants import (
    ChairedBy,
    Channel,
    Handling,
    Identification,
    ReceptionMode,
)
from tiepdan.reception.models import (
    OnlinePoint,
    OnlineVisit,
    ReceptionRefusal,
    ReceptionSession,
    ReceptionVisit,
    VisitCitizen,
)
from tiepdan.vault import vault
from tiepdan.workcalendar import selectors as calendar_selectors

# Online reception exists in law from 1 July 2026 (Luật 136/2025 new Art 3a; NĐ 154/2026).
ONLINE_FROM = online.NEW_LAW
# Clock skew tolerated between the desk PC and the server before a time counts as "future".
FUTURE_TOLERANCE = dt.timedelta(minutes=10)

Errors = dict[str, list[str]]


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


@dataclass(frozen=True)
class Attendee:
    """A registered citizen present at the visit; a group marks its representatives."""

    citizen: Citizen
    representative: bool = False


def attendees_of(
    citizens: Iterable[Citizen], representatives: Iterable[Citizen] = ()
) -> list[Attendee]:
    """The attendees, in the order given, the representatives marked among them."""
    chosen = list(representatives)
    return [Attendee(citizen=c, representative=c in chosen) for c in citizens]


@dataclass(frozen=True)
class OnlineAttendance:
    """A visit received online: the point attended in an online session, the ground and reason
    for receiving online, and a denouncer's written waiver of protection (NĐ 154/2026)."""

    point: OnlinePoint | None = None
    ground: str = ""
    reason: str = ""
    waiver_reference: str = ""


@dataclass(frozen=True, kw_only=True)
class VisitInput:
    """What the desk records of one visit (Mẫu số 01 of the register, and its handling)."""

    unit: Unit
    received_at: dt.datetime
    mode: str
    chaired_by: str
    channel: str
    people_count: int
    attendees: Sequence[Attendee]
    petition_type: str
    domain: str
    content: str
    handling: str
    case: Matter | None = None
    session: ReceptionSession | None = None
    subject: SubjectCategory | None = None
    request: str = ""
    resolution_history: str = ""
    documents: list[dict[str, Any]] = field(default_factory=list)
    within_competence: bool | None = None
    competent_body: str = ""
    guidance: str = ""
    appointment_at: dt.datetime | None = None
    appointment_place: str = ""
    notes: str = ""
    written_petition: bool = False
    refusal_ground: str = ""
    refusal_details: str = ""
    identification: str = ""
    online: OnlineAttendance = OnlineAttendance()

    @property
    def citizens(self) -> list[Citizen]:
        return [a.citizen for a in self.attendees]

    @property
    def representatives(self) -> list[Citizen]:
        return [a.citizen for a in self.attendees if a.representative]


@dataclass
class VisitResult:
    visit: ReceptionVisit
    petition: Petition | None = None
    refusal: ReceptionRefusal | None = None
    alert_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Checked:
    """What the checks found valid and looked up: the day of the visit in local time, the
    online ground and the refusal ground in force that day."""

    day: dt.date
    online_ground: online.EligibilityGround | None
    refusal_ground: refusals.RefusalGround | None


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _check_time_and_form(errors: Errors, data: VisitInput) -> None:
    """When, how (regular, periodic, ad hoc), by whom and through which channel."""
    if timezone.is_naive(data.received_at):
        _add(errors, "received_at", _("Thời gian tiếp phải có múi giờ."))
    elif data.received_at > timezone.now() + FUTURE_TOLERANCE:
        _add(errors, "received_at", _("Thời gian tiếp ở tương lai."))
    if data.mode not in ReceptionMode.values:
        _add(errors, "mode", _("Hình thức tiếp không hợp lệ."))
    if data.chaired_by not in ChairedBy.values:
        _add(errors, "chaired_by", _("Người chủ trì không hợp lệ."))
    elif (
        data.mode in (ReceptionMode.PERIODIC, ReceptionMode.ADHOC)
        and data.chaired_by == ChairedBy.OFFICER
    ):
        _add(
            errors,
            "chaired_by",
            _("Tiếp định kỳ, đột xuất do Thủ trưởng hoặc người được ủy quyền chủ trì."),
        )
    elif data.mode == ReceptionMode.REGULAR and data.chaired_by != ChairedBy.OFFICER:
        _add(errors, "chaired_by", _("Tiếp thường xuyên do cán bộ tiếp công dân thực hiện."))
    if data.channel not in Channel.values:
        _add(errors, "channel", _("Phương thức tiếp không hợp lệ."))
    elif (
        data.channel == Channel.ONLINE
        and not errors.get("received_at")
        and timezone.localtime(data.received_at).date() < ONLINE_FROM
    ):
        _add(errors, "channel", _("Tiếp công dân trực tuyến chỉ áp dụng từ ngày 01/07/2026."))


def _check_people(errors: Errors, data: VisitInput) -> None:
    if data.people_count < 1:
        _add(errors, "people_count", _("Số người phải từ 1 trở lên."))
    if not data.attendees:
        _add(
            errors,
            "citizens",
            _("Cần ít nhất một công dân (với đoàn đông người: người đại diện)."),
        )
    elif data.people_count >= 1 and len(data.attendees) > data.people_count:
        _add(errors, "people_count", _("Số người ít hơn số công dân đã ghi."))


def _check_matter(errors: Errors, data: VisitInput, content: str) -> None:
    """The classification and content, and the handling at the desk."""
    if data.petition_type not in PetitionType.values:
        _add(errors, "petition_type", _("Loại đơn không hợp lệ."))
    if data.domain not in Domain.values:
        _add(errors, "domain", _("Lĩnh vực không hợp lệ."))
    if not content:
        _add(errors, "content", _("Thiếu nội dung vụ việc."))
    if data.handling not in Handling.values:
        _add(errors, "handling", _("Kết quả tiếp không hợp lệ."))
    if data.handling == Handling.REFUSED and not data.refusal_ground:
        _add(errors, "refusal_ground", _("Chọn căn cứ từ chối tiếp."))
    if data.handling == Handling.APPOINTMENT and data.appointment_at is None:
        _add(errors, "appointment_at", _("Nhập thời gian hẹn."))


def _check_scope(errors: Errors, data: VisitInput) -> None:
    """The matter and the session named belong to the unit; an online session's visits are
    received online."""
    if data.case is not None and not data.case.unit.path.startswith(data.unit.path):
        _add(errors, "case", _("Vụ việc không thuộc đơn vị này."))
    session = data.session
    if session is not None and session.unit_id != data.unit.pk:
        _add(errors, "session", _("Kỳ tiếp không thuộc đơn vị này."))
    elif (
        session is not None and session.channel == Channel.ONLINE and data.channel != Channel.ONLINE
    ):
        _add(errors, "channel", _("Lượt tiếp trong kỳ tiếp trực tuyến ghi phương thức trực tuyến."))


def _check_online_visit(
    errors: Errors, data: VisitInput, day: dt.date
) -> online.EligibilityGround | None:
    """An online visit: a denunciation only with the denouncer's written waiver (NĐ 154/2026
    Art 20.4); in an online session, the point attended and the ground with its reason."""
    session, point = data.session, data.online.point
    if data.petition_type == PetitionType.DENUNCIATION:
        refusal = online.denunciation_refusal(
            day, waiver_reference=nfc(data.online.waiver_reference)
        )
        if refusal:
            _add(errors, "waiver_reference", refusal)
    if session is None or session.channel != Channel.ONLINE:
        if point is not None:
            _add(
                errors,
                "online_point",
                _("Điểm cầu chỉ ghi cho lượt tiếp trong kỳ tiếp trực tuyến."),
            )
        return None
    if point is None or point.session_id != session.pk:
        _add(errors, "online_point", _("Chọn điểm cầu mà công dân tham dự trong kỳ tiếp này."))
    if not nfc(data.online.reason):
        _add(errors, "online_reason", _("Ghi lý do tiếp công dân trực tuyến."))
    try:
        return online.ground_get(data.online.ground, day)
    except DomainError as exc:
        for name, messages in exc.fields.items():
            errors.setdefault(name, []).extend(messages)
        return None


def _refusal_ground(
    errors: Errors, data: VisitInput, day: dt.date
) -> refusals.RefusalGround | None:
    if data.handling != Handling.REFUSED or not data.refusal_ground:
        return None
    try:
        return refusals.ground_get(data.refusal_ground, day)
    except DomainError as exc:
        errors.update(exc.fields)
        return None


def _check_visit(data: VisitInput, content: str) -> _Checked:
    """Every check of the visit at once, so the desk shows all its errors together."""
    errors: Errors = {}
    _check_time_and_form(errors, data)
    _check_people(errors, data)
    _check_matter(errors, data, content)
    _check_scope(errors, data)
    if data.identification and data.identification not in Identification.values:
        _add(errors, "identification", _("Cách xác định danh tính không hợp lệ."))
    day = None if errors.get("received_at") else timezone.localtime(data.received_at).date()
    online_ground = refusal_ground = None
    if day is not None:
        if data.channel == Channel.ONLINE and not errors.get("channel"):
            online_ground = _check_online_visit(errors, data, day)
        refusal_ground = _refusal_ground(errors, data, day)
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    assert day is not None  # a received_at error would have been raised above
    return _Checked(day=day, online_ground=online_ground, refusal_ground=refusal_ground)


def _matter_for(data: VisitInput, content: str, day: dt.date) -> tuple[Matter, bool]:
    """The matter of the visit (a new one on a first visit) and whether this is a repeat."""
    case = data.case
    if case is None:
        case = Matter.objects.create(
            unit=data.unit,
            kind=KIND_FOR_TYPE[PetitionType(data.petition_type)],
            domain=data.domain,
            subject=data.subject,
            summary=content,
            summary_key=search_key(content),
            opened_on=day,
            first_visit_at=data.received_at,
        )
        _link_new_matter(case, data.citizens)
        return case, False
    is_repeat = case.visits.exists()
    # Reports count a matter as "tiếp lần đầu" in the period of its first visit ever.
    if case.first_visit_at is None or data.received_at < case.first_visit_at:
        case.first_visit_at = data.received_at
        case.save(update_fields=["first_visit_at", "updated_at"])
    case.citizens.add(*data.citizens)
    return case, is_repeat


def _link_new_matter(case: Matter, citizens: Sequence[Citizen]) -> None:
    """The persons of a matter created by this visit, in one INSERT. `citizens.add` would first
    read the links (there are none yet) and its signal would ask every vault holder whether the
    new matter is a denunciation; only its kind can say so yet, as nothing else is linked to it:
    a denunciation matter is sealed here as the signal would."""
    through = Matter.citizens.through
    through.objects.bulk_create(
        [through(matter_id=case.pk, citizen_id=pk) for pk in dict.fromkeys(c.pk for c in citizens)]
    )
    if case.kind == CaseKind.DENUNCIATION:
        vault.vault_seal(case=case)


def _register_line(
    data: VisitInput,
    content: str,
    day: dt.date,
    *,
    case: Matter,
    is_repeat: bool,
    actor: User | None,
) -> ReceptionVisit:
    """The visit's line in the register, numbered in the unit's yearly sequence."""
    is_mass_group = data.people_count >= MASS_GROUP_THRESHOLD
    warning = (
        representatives_warning(data.people_count, len(data.representatives))
        if is_mass_group
        else ""
    )
    return ReceptionVisit.objects.create(
        unit=data.unit,
        year=day.year,
        register_number=next_number(
            sequence=constants.REGISTER_SEQUENCE, unit_id=data.unit.pk, year=day.year
        ),
        session=data.session,
        received_at=data.received_at,
        mode=data.mode,
        chaired_by=data.chaired_by,
        channel=data.channel,
        officer=actor,
        people_count=data.people_count,
        is_mass_group=is_mass_group,
        case=case,
        is_repeat=is_repeat,
        petition_type=data.petition_type,
        domain=data.domain,
        subject=data.subject,
        content=content,
        request=nfc(data.request),
        resolution_history=nfc(data.resolution_history),
        documents=data.documents or [],
        handling=data.handling,
        within_competence=data.within_competence,
        competent_body=nfc(data.competent_body),
        guidance=nfc(data.guidance),
        appointment_at=data.appointment_at,
        appointment_place=nfc(data.appointment_place),
        notes=nfc(data.notes),
        warnings=[warning] if warning else [],
        identification=data.identification,
    )


def _attendance_save(
    visit: ReceptionVisit, data: VisitInput, checked: _Checked, *, actor: User | None
) -> None:
    """The attendees (sealed for a denunciation) and the online point they attended."""
    if checked.online_ground is not None and data.online.point is not None:
        OnlineVisit.objects.create(
            visit=visit,
            point=data.online.point,
            ground=checked.online_ground.code,
            reason=nfc(data.online.reason),
            waiver_reference=nfc(data.online.waiver_reference),
        )
    VisitCitizen.objects.bulk_create(
        [
            VisitCitizen(visit=visit, citizen=a.citizen, is_representative=a.representative)
            for a in data.attendees
        ]
    )
    if data.petition_type == PetitionType.DENUNCIATION:
        # bulk_create sends no signal: seal the attendees here (reception.sealing).
        vault.vault_seal(case=visit.case, actor=actor)


def _refusal_record(
    visit: ReceptionVisit, data: VisitInput, ground: refusals.RefusalGround, day: dt.date
) -> ReceptionRefusal:
    """The refusal, with the due date of its written notice where the law asks for one."""
    notice_due = None
    if ground.notice_required and day >= refusals.NEW_LAW:
        notice_due = calendar_selectors.deadline_compute(
            rule_code="reception.refusal_notice", start=day
        ).due
    return ReceptionRefusal.objects.create(
        visit=visit,
        ground=ground.code,
        ground_text=str(ground.text),
        legal_basis=ground.legal_basis,
        details=nfc(data.refusal_details),
        notice_required=ground.notice_required,
        notice_due=notice_due,
    )


def _mass_group_alerts(visit: ReceptionVisit, content: str, *, actor: User | None) -> list[int]:
    """Monitoring raises the alert and routes it (tiepdan/core/events.py)."""
    answers = events.mass_group_arrived.send(
        sender=ReceptionVisit,
        unit=visit.unit,
        visit=visit,
        case=visit.case,
        people_count=visit.people_count,
        content=content,
        actor=actor,
    )
    # Each receiver answers the id of the alert it raised, or None.
    return [cast(int, alert_id) for _receiver, alert_id in answers if alert_id]


@transaction.atomic
def visit_record(data: VisitInput, *, actor: User | None) -> VisitResult:
    """Record a visit: its register line, its matter, a written petition, a refusal, and the
    immediate alert for a mass group. Everything or nothing is saved."""
    with statements_kept():
        return _visit_record(data, actor=actor)


def _visit_record(data: VisitInput, *, actor: User | None) -> VisitResult:
    """`visit_record` in the caller's transaction, without a savepoint of its own: an error
    fails the caller's whole write."""
    content = nfc(data.content or "")
    checked = _check_visit(data, content)
    day = checked.day
    case, is_repeat = _matter_for(data, content, day)
    visit = _register_line(data, content, day, case=case, is_repeat=is_repeat, actor=actor)
    _attendance_save(visit, data, checked, actor=actor)
    result = VisitResult(visit=visit)
    if checked.refusal_ground is not None:
        result.refusal = _refusal_record(visit, data, checked.refusal_ground, day)
    if data.written_petition and data.handling != Handling.REFUSED:
        result.petition = petition_services.petition_receive(
            unit=data.unit,
            received_on=day,
            source=PetitionSource.RECEPTION,
            petition_type=data.petition_type,
            domain=data.domain,
            summary=content,
            senders=data.citizens,
            signatory_count=len(data.attendees),
            case=case,
            visit=visit,
            actor=actor,
        )
    if visit.is_mass_group:
        result.alert_ids.extend(_mass_group_alerts(visit, content, actor=actor))
    audit_services.audit_record(
        action=constants.VISIT_REFUSED if checked.refusal_ground else constants.VISIT_RECORDED,
        target=visit,
        actor=actor,
        unit=data.unit,
        data={
            "register_number": visit.register_number,
            "case": case.pk,
            "handling": data.handling,
            "people_count": data.people_count,
            "repeat": is_repeat,
        },
    )
    return result


@dataclass(frozen=True)
class Newcomer:
    """A person given by their particulars (the API): found in the registry, or registered."""

    particulars: dict[str, Any]
    representative: bool = False


def visit_record_with_people(
    data: VisitInput, people: Sequence[Newcomer], *, actor: User
) -> VisitResult:
    """Find or register the people, then record the visit, in one transaction. Without any
    marked representative, a mass group is represented by everyone given."""
    # The audit events go last: the chain's lock is then held a moment, not the whole write.
    with statements_kept(), transaction.atomic(), audit_services.deferred():
        citizens = citizen_services.citizens_find_or_create(
            unit=data.unit, actor=actor, people=[dict(p.particulars) for p in people]
        )
        chosen = [c for c, p in zip(citizens, people, strict=True) if p.representative]
        if not chosen and data.people_count >= MASS_GROUP_THRESHOLD:
            chosen = citizens
        return _visit_record(replace(data, attendees=attendees_of(citizens, chosen)), actor=actor)
