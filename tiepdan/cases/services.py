"""Case resolution: every step is one transaction with its clock, audit row, timeline event
(`CaseEvent`) and, where a form exists, its generated document.

Complaints: Luật Khiếu nại 2011 (Arts 27–46), NĐ 124/2020 (amended by NĐ 155/2026).
Denunciations: Luật Tố cáo 2018 (Arts 28–40), NĐ 31/2019 (amended by NĐ 156/2026).
Proposals and feedback: Luật Tiếp công dân Art 28. Clocks come from the deadline engine
(`tiepdan.workcalendar`); pure rules from `tiepdan.cases.rules`.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases import rules, vault
from tiepdan.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Dialogue,
    Directive,
    Outcome,
    Withdrawal,
)
from tiepdan.core import events
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context, head_signer
from tiepdan.organizations.models import User
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar import services as clock_services
from tiepdan.workcalendar.models import Clock, Complexity

Kind = CaseEvent.Kind


def _today() -> dt.date:
    return timezone.localdate()


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field: [message]})


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("unit").get(pk=case.pk)


def _require_open(case: Case) -> None:
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED):
        raise DomainError(
            _("Vụ việc không ở trạng thái đang giải quyết (%(s)s).")
            % {"s": case.get_status_display()},
            code="case_not_open",
        )


def _require_running(case: Case) -> None:
    _require_open(case)
    if case.status == CaseStatus.SUSPENDED:
        raise DomainError(
            _("Vụ việc đang tạm đình chỉ: cần quyết định tiếp tục giải quyết trước."),
            code="case_suspended",
        )


def _check_date(case: Case, on: dt.date, field: str = "on") -> None:
    if on > _today():
        raise _invalid(field, _("Ngày ở tương lai."))
    if case.accepted_on and on < case.accepted_on:
        raise _invalid(
            field, _("Ngày trước ngày thụ lý (%s).") % case.accepted_on.strftime("%d/%m/%Y")
        )


def _event(
    case: Case,
    kind: str,
    on: dt.date,
    actor: User | None,
    summary: str = "",
    document: CaseDocument | None = None,
    **data: Any,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case, kind=kind, on=on, actor=actor, summary=summary, data=data, document=document
    )
    audit_services.audit_record(
        action=f"case.{kind}",
        target=case,
        actor=actor,
        unit=case.unit,
        data={"on": on.isoformat(), **data},
    )
    return event


def _open_clocks(case: Case, rule_codes: list[str] | None = None) -> list[Clock]:
    qs = calendar_selectors.clock_list_for_target(case).filter(status__in=Clock.Status.open())
    if rule_codes is not None:
        qs = qs.filter(rule_code__in=rule_codes)
    return list(qs)


def _start(case: Case, rule: str | None, start: dt.date, actor: User | None, **kw: Any) -> None:
    if rule:
        clock_services.clock_start(
            target=case, unit=case.unit, rule_code=rule, start=start, actor=actor, **kw
        )


def _stop(case: Case, rule_codes: list[str], on: dt.date, actor: User | None) -> None:
    for clock in _open_clocks(case, rule_codes):
        clock_services.clock_stop(clock=clock, met_on=max(on, clock.start), actor=actor)


def _resolution_clock(case: Case) -> Clock | None:
    rule = rules.resolution_rule(case.kind)
    clocks = _open_clocks(case, [rule]) if rule else []
    return clocks[0] if clocks else None


def _sync(case: Case, actor: User | None) -> None:
    """Bring a case accepted by petition processing under the resolution module: record its
    complexity from the resolution clock and seal a denunciation's identity."""
    clock = _resolution_clock(case)
    if clock is not None and (case.complexity, case.remote_area) != (
        clock.complexity,
        clock.remote_area,
    ):
        case.complexity, case.remote_area = clock.complexity, clock.remote_area
        case.save(update_fields=["complexity", "remote_area", "updated_at"])
    vault.vault_seal(case=case, actor=actor)


# Decisions whose last article names who carries them out ("Nơi nhận: Như Điều 3").
DECISIONS_WITH_ARTICLE_3 = frozenset(
    {
        "case.verification_assignment",
        "case.complaint_decision",
        "case.extension_decision",
        "case.suspension_decision",
        "case.resumption_decision",
    }
)


def _issue(
    case: Case, code: str, on: dt.date, context: dict[str, Any], actor: User | None
) -> CaseDocument:
    """Render form `code` and keep it with the case (same transaction: no document, no step)."""
    base = {
        "agency": agency_context(case.unit),
        "number": "",
        "issued_on": on,
        "signer": head_signer(case.unit, actor if case.resolver_id is None else case.resolver),
        "recipients": [
            _("Như Điều 3") if code in DECISIONS_WITH_ARTICLE_3 else _("Như trên"),
            _("Lưu: VT, hồ sơ"),
        ],
        "case": case_context(case),
    }
    rendered = document_services.document_render(
        code=code, on=on, context={**base, **context}, unit=case.unit
    )
    document = CaseDocument(
        case=case, code=code, title=rendered.version.title, issued_on=on, created_by=actor
    )
    document.file.save(rendered.filename, ContentFile(rendered.content), save=False)
    document.save()
    return document


def case_context(case: Case) -> dict[str, Any]:
    """The case as documents see it; a denunciation's summary is the vault-redacted copy and
    no document of the case ever names the denouncer (Luật TC Arts 8.3, 40.3)."""
    return {
        "id": case.pk,
        "kind": case.get_kind_display(),
        "kind_code": case.kind,
        "domain": case.get_domain_display(),
        "summary": case.summary,
        "accepted_on": case.accepted_on,
        "identity_sealed": case.kind == CaseKind.DENUNCIATION,
    }


# --------------------------------------------------------------------------- common steps


@transaction.atomic
def case_resolver_set(*, case: Case, resolver: User, actor: User) -> Case:
    """Name the person who resolves (người giải quyết); he or she sees a denouncer."""
    case = _lock(case)
    _require_open(case)
    _sync(case, actor)
    case.resolver = resolver
    case.save(update_fields=["resolver", "updated_at"])
    _event(
        case,
        Kind.RESOLVER_SET,
        _today(),
        actor,
        _("Người giải quyết: %(n)s.") % {"n": resolver.display_name},
        resolver=resolver.pk,
    )
    return case


@transaction.atomic
def verification_assign(
    *,
    case: Case,
    on: dt.date,
    team: list[str],
    content: str,
    actor: User,
    number: str = "",
    days: int = 0,
) -> Case:
    """Decision assigning verification to a team of ≥ 2 (Luật KN Art 29; Luật TC Art 31;
    NĐ 31/2019 Mẫu 07)."""
    case = _lock(case)
    _require_running(case)
    _check_date(case, on)
    team = [nfc(t).strip() for t in team if t and t.strip()]
    content = nfc(content or "").strip()
    if len(team) < 2:
        raise _invalid("team", _("Tổ xác minh phải có ít nhất 2 người."))
    if not content:
        raise _invalid("content", _("Ghi rõ nội dung cần xác minh."))
    _sync(case, actor)
    case.verification_assigned_on = on
    case.verification_team = "\n".join(team)
    case.save(update_fields=["verification_assigned_on", "verification_team", "updated_at"])
    clock = _resolution_clock(case)
    document = _issue(
        case,
        "case.verification_assignment",
        on,
        {
            "number": number,
            "team": [
                {"name": t.split(",")[0].strip(), "role": ", ".join(t.split(",")[1:]).strip()}
                for t in team
            ],
            "content": content,
            "days": days or "",
            "due": clock.due if clock else None,
        },
        actor,
    )
    _event(
        case,
        Kind.VERIFICATION_ASSIGNED,
        on,
        actor,
        _("Giao xác minh cho tổ %(n)s người.") % {"n": len(team)},
        document=document,
        team_size=len(team),
    )
    return case


@transaction.atomic
def verification_minutes_add(*, case: Case, on: dt.date, summary: str, actor: User) -> CaseEvent:
    """A working/verification minutes (biên bản làm việc) entered in the file."""
    case = _lock(case)
    _require_running(case)
    _check_date(case, on)
    summary = nfc(summary or "").strip()
    if not summary:
        raise _invalid("summary", _("Ghi nội dung biên bản."))
    return _event(case, Kind.VERIFICATION_MINUTES, on, actor, summary)


@transaction.atomic
def verification_report(
    *, case: Case, on: dt.date, findings: str, differs: bool, actor: User
) -> Case:
    """Report of the verification result; records whether the request and the result differ,
    which makes a first-instance dialogue mandatory (Luật KN Art 30.1)."""
    case = _lock(case)
    _require_running(case)
    _check_date(case, on)
    findings = nfc(findings or "").strip()
    if case.verification_assigned_on is None:
        raise DomainError(_("Chưa có quyết định giao nhiệm vụ xác minh."), code="no_verification")
    if on < case.verification_assigned_on:
        raise _invalid("on", _("Ngày báo cáo trước ngày giao xác minh."))
    if not findings:
        raise _invalid("findings", _("Ghi kết quả xác minh."))
    case.verification_reported_on = on
    case.verification_findings = findings
    case.verification_differs = differs
    case.save(
        update_fields=[
            "verification_reported_on",
            "verification_findings",
            "verification_differs",
            "updated_at",
        ]
    )
    _event(case, Kind.VERIFICATION_REPORTED, on, actor, findings[:500], differs=differs)
    return case


# --------------------------------------------------------------------------- dialogue


@transaction.atomic
def dialogue_schedule(
    *,
    case: Case,
    scheduled_on: dt.date,
    place: str,
    invited_on: dt.date,
    actor: User,
    content: str = "",
) -> Dialogue:
    """Invite to a dialogue; from 1 July 2026 the written notice goes ≥ 5 days before
    (NĐ 124/2020 Art 28.1 as amended, rule `complaint.dialogue_notice`)."""
    case = _lock(case)
    _require_running(case)
    if case.kind not in rules.COMPLAINT_KINDS:
        raise DomainError(_("Chỉ giải quyết khiếu nại mới có đối thoại."), code="no_dialogue")
    _check_date(case, invited_on, "invited_on")
    place = nfc(place or "").strip()
    if not place:
        raise _invalid("place", _("Ghi địa điểm đối thoại."))
    if scheduled_on < invited_on:
        raise _invalid("scheduled_on", _("Ngày đối thoại trước ngày gửi thông báo."))
    if rules.dialogue_notice_applies(scheduled_on):
        latest = calendar_selectors.deadline_compute(
            rule_code="complaint.dialogue_notice", start=scheduled_on
        ).due
        if invited_on > latest:
            raise _invalid(
                "invited_on",
                _(
                    "Thông báo đối thoại phải gửi chậm nhất ngày %(d)s (ít nhất 5 ngày trước "
                    "ngày đối thoại — Nghị định 124/2020/NĐ-CP, Điều 28, sửa đổi 2026)."
                )
                % {"d": latest.strftime("%d/%m/%Y")},
            )
    dialogue = Dialogue.objects.create(
        case=case,
        scheduled_on=scheduled_on,
        place=place,
        invited_on=invited_on,
        content=nfc(content or ""),
    )
    document = _issue(
        case,
        "case.dialogue_invitation",
        invited_on,
        {
            "dialogue": {
                "scheduled_on": scheduled_on,
                "place": place,
                "content": dialogue.content,
            },
            "invitees": [],
        },
        actor,
    )
    _event(
        case,
        Kind.DIALOGUE_SCHEDULED,
        invited_on,
        actor,
        _("Mời đối thoại ngày %(d)s tại %(p)s.")
        % {"d": scheduled_on.strftime("%d/%m/%Y"), "p": place},
        document=document,
        dialogue=dialogue.pk,
    )
    return dialogue


@transaction.atomic
def dialogue_record(
    *,
    dialogue: Dialogue,
    held_on: dt.date,
    attendance: list[dict[str, Any]],
    actor: User,
    agreed: str = "",
    disagreed: str = "",
) -> Dialogue:
    """Minutes of the dialogue with attendance (present/absent, with/without reason) —
    NĐ 124/2020 Art 28, Mẫu 14; absence without valid reason does not stop the resolution
    from 1 July 2026 (Art 28.5 as amended)."""
    case = _lock(dialogue.case)
    _require_running(case)
    _check_date(case, held_on, "held_on")
    if dialogue.held_on is not None:
        raise DomainError(_("Đã lập biên bản đối thoại này."), code="already_recorded")
    if held_on < dialogue.invited_on:
        raise _invalid("held_on", _("Ngày đối thoại trước ngày mời."))
    rows = []
    for row in attendance:
        name = nfc(str(row.get("name", ""))).strip()
        if not name:
            continue
        rows.append(
            {
                "name": name,
                "role": nfc(str(row.get("role", ""))).strip(),
                "present": bool(row.get("present")),
                "reason": nfc(str(row.get("reason", ""))).strip(),
            }
        )
    if not rows:
        raise _invalid("attendance", _("Ghi thành phần tham dự đối thoại."))
    dialogue.held_on = held_on
    dialogue.attendance = rows
    dialogue.agreed, dialogue.disagreed = nfc(agreed or ""), nfc(disagreed or "")
    dialogue.save()
    present = sum(1 for r in rows if r["present"])
    document = _issue(
        case,
        "case.dialogue_minutes",
        held_on,
        {
            "dialogue": {"held_on": held_on, "place": dialogue.place, "content": dialogue.content},
            "attendance": rows,
            "agreed": dialogue.agreed,
            "disagreed": dialogue.disagreed,
            "result": "",
        },
        actor,
    )
    _event(
        case,
        Kind.DIALOGUE_HELD,
        held_on,
        actor,
        _("Đối thoại: %(p)s/%(n)s người có mặt.") % {"p": present, "n": len(rows)},
        document=document,
        dialogue=dialogue.pk,
    )
    return dialogue


# --------------------------------------------------------------------------- time limits


@transaction.atomic
def case_extend(*, case: Case, on: dt.date, reason: str, actor: User, number: str = "") -> Case:
    """Extend a denunciation's resolution by written decision (Luật TC Art 30; NĐ 31/2019
    Mẫu 01): none when normal, one when complex, two when especially complex."""
    case = _lock(case)
    _require_running(case)
    _check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Ghi lý do gia hạn."))
    _sync(case, actor)
    clock = _resolution_clock(case)
    if clock is None or case.kind != CaseKind.DENUNCIATION:
        raise DomainError(
            _(
                "Chỉ gia hạn giải quyết tố cáo (khiếu nại phức tạp có thời hạn dài hơn "
                "từ khi thụ lý)."
            ),
            code="option_not_allowed",
        )
    allowed = rules.extensions_allowed(kind=case.kind, complexity=clock.complexity)
    if clock.extensions >= allowed:
        raise DomainError(
            _("Vụ việc mức độ «%(c)s» được gia hạn tối đa %(n)s lần (Luật Tố cáo, Điều 30).")
            % {"c": clock.get_complexity_display(), "n": allowed},
            code="option_not_allowed",
        )
    previous_due = clock.due
    clock = clock_services.clock_extend(clock=clock, actor=actor, reason=reason)
    document = _issue(
        case,
        "case.extension_decision",
        on,
        {
            "number": nfc(number),
            "extension": clock.extensions,
            "reason": reason,
            "previous_due": previous_due,
            "due": clock.due,
        },
        actor,
    )
    _event(
        case,
        Kind.EXTENDED,
        on,
        actor,
        _("Gia hạn lần %(n)s, hạn mới %(d)s. %(r)s")
        % {"n": clock.extensions, "d": clock.due.strftime("%d/%m/%Y"), "r": reason},
        document=document,
        extensions=clock.extensions,
        due=clock.due.isoformat(),
        number=nfc(number),
    )
    return case


@transaction.atomic
def case_reclassify(
    *,
    case: Case,
    on: dt.date,
    complexity: str,
    reason: str,
    actor: User,
    remote_area: bool | None = None,
) -> Case:
    """Classify the case again as normal, complex or especially complex (NĐ 155/2026 Art 3a;
    Luật TC Art 30) once verification shows it: the resolution period is computed again from
    acceptance. The time limit follows the class, so the change needs a recorded reason."""
    case = _lock(case)
    _require_open(case)
    _check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Ghi căn cứ xác định lại mức độ phức tạp."))
    if complexity not in Complexity.values:
        raise _invalid("complexity", _("Mức độ phức tạp không hợp lệ."))
    _sync(case, actor)
    clock = _resolution_clock(case)
    if clock is None:
        raise DomainError(
            _("Vụ việc không có thời hạn giải quyết đang chạy."), code="no_resolution_clock"
        )
    remote = clock.remote_area if remote_area is None else remote_area
    if (complexity, remote) == (clock.complexity, clock.remote_area):
        raise _invalid("complexity", _("Mức độ phức tạp không thay đổi."))
    previous_due = clock.due
    clock = clock_services.clock_reclassify(
        clock=clock, complexity=complexity, remote_area=remote, actor=actor, reason=reason
    )
    case.complexity, case.remote_area = clock.complexity, clock.remote_area
    case.save(update_fields=["complexity", "remote_area", "updated_at"])
    if clock.due != previous_due:
        effect = _("hạn giải quyết %(a)s → %(b)s") % {
            "a": previous_due.strftime("%d/%m/%Y"),
            "b": clock.due.strftime("%d/%m/%Y"),
        }
    else:  # a denunciation's period stays 30 days; the class sets how often it may be extended
        effect = _("hạn giải quyết giữ nguyên %(d)s, được gia hạn tối đa %(n)s lần") % {
            "d": clock.due.strftime("%d/%m/%Y"),
            "n": rules.extensions_allowed(kind=case.kind, complexity=clock.complexity),
        }
    _event(
        case,
        Kind.RECLASSIFIED,
        on,
        actor,
        _("%(c)s: %(e)s. %(r)s") % {"c": clock.get_complexity_display(), "e": effect, "r": reason},
        complexity=complexity,
        remote_area=remote,
        due=clock.due.isoformat(),
    )
    return case


@transaction.atomic
def case_suspend(*, case: Case, on: dt.date, reason: str, actor: User) -> Case:
    """Tạm đình chỉ: the resolution period stops (Luật TC Art 34.2; Luật KN Art 11a, NĐ
    155/2026 Art 28a); the decision is sent within the suspension-notice time limit."""
    case = _lock(case)
    _require_running(case)
    _check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Ghi lý do tạm đình chỉ."))
    if not rules.suspension_allowed(case.kind, on):
        raise DomainError(
            _(
                "Tạm đình chỉ giải quyết khiếu nại chỉ áp dụng từ ngày 01/07/2026 (Luật Khiếu nại, "
                "Điều 11a); kiến nghị, phản ánh không có tạm đình chỉ."
            ),
            code="option_not_allowed",
        )
    _sync(case, actor)
    for clock in _open_clocks(case):
        if clock.status == Clock.Status.RUNNING and clock.rule_code == rules.resolution_rule(
            case.kind
        ):
            clock_services.clock_pause(clock=clock, on=on, actor=actor, reason=reason)
    _start(case, rules.suspension_notice_rule(case.kind, on), on, actor)
    case.status, case.suspended_on = CaseStatus.SUSPENDED, on
    case.save(update_fields=["status", "suspended_on", "updated_at"])
    document = _issue(
        case, "case.suspension_decision", on, {"reason": reason, "suspended_on": on}, actor
    )
    _event(case, Kind.SUSPENDED, on, actor, reason, document=document)
    return case


@transaction.atomic
def case_resume(*, case: Case, on: dt.date, actor: User) -> Case:
    """Decision to continue: counting restarts the day after (NĐ 155/2026 Art 28b)."""
    case = _lock(case)
    if case.status != CaseStatus.SUSPENDED:
        raise DomainError(_("Vụ việc không bị tạm đình chỉ."), code="case_not_suspended")
    _check_date(case, on)
    if case.suspended_on and on < case.suspended_on:
        raise _invalid("on", _("Ngày tiếp tục trước ngày tạm đình chỉ."))
    for clock in _open_clocks(case):
        if clock.status == Clock.Status.PAUSED:
            clock_services.clock_resume(clock=clock, on=on, actor=actor)
    suspended_on = case.suspended_on
    case.status, case.suspended_on = CaseStatus.ACCEPTED, None
    case.save(update_fields=["status", "suspended_on", "updated_at"])
    clock = _resolution_clock(case)
    document = _issue(
        case,
        "case.resumption_decision",
        on,
        {"resumed_on": on, "reason": "", "suspended_on": suspended_on},
        actor,
    )
    _event(
        case,
        Kind.RESUMED,
        on,
        actor,
        _("Tiếp tục giải quyết; hạn mới %(d)s.") % {"d": clock.due.strftime("%d/%m/%Y")}
        if clock
        else "",
        document=document,
    )
    return case


def _close(case: Case, on: dt.date, actor: User | None, outcome: str) -> None:
    resolution = rules.resolution_rule(case.kind)
    _stop(case, [r for r in [resolution, "denunciation.notify_acceptance"] if r], on, actor)
    case.status, case.outcome, case.decided_on = CaseStatus.CLOSED, outcome, on
    case.save(update_fields=["status", "outcome", "decided_on", "updated_at"])


@transaction.atomic
def case_terminate(*, case: Case, on: dt.date, reason: str, actor: User) -> Case:
    """Đình chỉ: the matter ends without a decision on the merits (Luật KN Art 11a; Luật TC
    Art 34)."""
    case = _lock(case)
    _require_open(case)
    _check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Ghi lý do đình chỉ."))
    _sync(case, actor)
    _close(case, on, actor, Outcome.TERMINATED)
    _start(case, rules.suspension_notice_rule(case.kind, on), on, actor)
    _event(case, Kind.TERMINATED, on, actor, reason)
    return case


@transaction.atomic
def case_withdraw(
    *,
    case: Case,
    on: dt.date,
    full: bool,
    content: str,
    actor: User,
    coerced: bool = False,
    signs_of_violation: bool = False,
) -> Case:
    """Withdrawal, in full or in part (Luật KN Art 10 as amended; NĐ 124/2020 Art 7a; Luật TC
    Art 33): partial → the rest continues; full → termination, unless the law says the matter
    must still be resolved (coercion; signs of a violation for a denunciation)."""
    case = _lock(case)
    _require_open(case)
    _check_date(case, on)
    content = nfc(content or "").strip()
    if not content:
        raise _invalid("content", _("Ghi nội dung rút (đơn rút hoặc biên bản ghi nhận)."))
    _sync(case, actor)
    if not full:
        case.withdrawal = Withdrawal.PARTIAL
        case.save(update_fields=["withdrawal", "updated_at"])
        _event(case, Kind.WITHDRAWN, on, actor, _("Rút một phần: %s") % content, full=False)
        return case
    case.withdrawal = Withdrawal.FULL
    case.save(update_fields=["withdrawal", "updated_at"])
    if rules.withdrawal_must_continue(
        kind=case.kind, signs_of_violation=signs_of_violation, coerced=coerced
    ):
        _event(
            case,
            Kind.WITHDRAWN,
            on,
            actor,
            _("Rút toàn bộ nhưng vẫn tiếp tục giải quyết (Luật Tố cáo Điều 33.3): %s") % content,
            full=True,
            continued=True,
        )
        return case
    _close(case, on, actor, Outcome.WITHDRAWN)
    _event(case, Kind.WITHDRAWN, on, actor, _("Rút toàn bộ: %s") % content, full=True)
    return case


# --------------------------------------------------------------------------- decisions


@transaction.atomic
def case_decide(
    *,
    case: Case,
    on: dt.date,
    outcome: str,
    text: str,
    actor: User,
    number: str = "",
) -> Case:
    """The complaint decision (Luật KN Arts 31, 40) or denunciation conclusion (Luật TC
    Art 35), or the answer to a proposal (Luật TCD Art 28): stops the resolution clock and
    starts sending, handling, publication and legal-effect clocks."""
    case = _lock(case)
    _require_running(case)
    _check_date(case, on)
    text = nfc(text or "").strip()
    if outcome not in rules.outcomes_for(case.kind):
        raise _invalid("outcome", _("Kết quả không phù hợp với loại vụ việc."))
    if not text:
        raise _invalid("text", _("Ghi nội dung quyết định, kết luận."))
    if (
        rules.dialogue_required(
            kind=case.kind,
            disciplinary=case.disciplinary,
            verification_differs=case.verification_differs,
        )
        and not case.dialogues.filter(held_on__isnull=False).exists()
    ):
        raise DomainError(
            _(
                "Phải tổ chức đối thoại trước khi ra quyết định (Luật Khiếu nại Điều 30, 39): "
                "chưa có biên bản đối thoại."
            ),
            code="dialogue_required",
        )
    _sync(case, actor)
    case.outcome, case.decided_on = outcome, on
    case.decision_number, case.decision_text = nfc(number), text
    case.status = CaseStatus.RESOLVED
    case.save()
    _stop(
        case, [rules.resolution_rule(case.kind) or "", "denunciation.notify_acceptance"], on, actor
    )
    document = None
    if case.kind in rules.COMPLAINT_KINDS:
        document = _issue(
            case,
            "case.complaint_decision",
            on,
            {
                "number": number,
                "outcome": case.get_outcome_display(),
                "second": case.kind == CaseKind.COMPLAINT_SECOND,
                "findings": case.verification_findings,
                "dialogue": _dialogue_summary(case),
                "text": text,
            },
            actor,
        )
        _start(case, rules.send_rule(case.kind), on, actor)
        _start(case, rules.effect_rule(case.kind), on, actor, remote_area=case.remote_area)
        kind = Kind.DECIDED
    elif case.kind == CaseKind.DENUNCIATION:
        document = _issue(
            case,
            "case.denunciation_conclusion",
            on,
            {
                "number": number,
                "outcome": case.get_outcome_display(),
                "findings": case.verification_findings,
                "text": text,
            },
            actor,
        )
        for rule in (
            "denunciation.send_conclusion",
            "denunciation.handle_conclusion",
            "denunciation.publish",
        ):
            _start(case, rule, on, actor)
        kind = Kind.CONCLUDED
    else:
        kind = Kind.ANSWERED
    _event(case, kind, on, actor, text[:500], document=document, outcome=outcome)
    return case


def _dialogue_summary(case: Case) -> str:
    held = [d for d in case.dialogues.all() if d.held_on]
    if not held:
        return ""
    d = held[-1]
    parts = [_("Ngày %s đã tổ chức đối thoại.") % d.held_on.strftime("%d/%m/%Y")]
    if d.agreed:
        parts.append(_("Nội dung thống nhất: %s") % d.agreed)
    if d.disagreed:
        parts.append(_("Nội dung còn ý kiến khác: %s") % d.disagreed)
    return " ".join(parts)


def _require_resolved(case: Case) -> None:
    if case.status != CaseStatus.RESOLVED:
        raise DomainError(_("Vụ việc chưa có quyết định, kết luận."), code="not_resolved")


@transaction.atomic
def case_send(*, case: Case, on: dt.date, actor: User) -> Case:
    """The decision/conclusion was sent (Luật KN Arts 32, 41; Luật TC Art 35.3)."""
    case = _lock(case)
    _require_resolved(case)
    if case.decided_on and on < case.decided_on:
        raise _invalid("on", _("Ngày gửi trước ngày ban hành."))
    case.sent_on = on
    case.save(update_fields=["sent_on", "updated_at"])
    _stop(case, [r for r in [rules.send_rule(case.kind)] if r], on, actor)
    _event(case, Kind.SENT, on, actor)
    return case


@transaction.atomic
def case_handle(*, case: Case, on: dt.date, summary: str, actor: User) -> Case:
    """Acting on a denunciation conclusion within 7 working days (Luật TC Art 36.1)."""
    case = _lock(case)
    _require_resolved(case)
    summary = nfc(summary or "").strip()
    if not summary:
        raise _invalid("summary", _("Ghi nội dung xử lý kết luận."))
    case.handled_on = on
    case.save(update_fields=["handled_on", "updated_at"])
    _stop(case, ["denunciation.handle_conclusion"], on, actor)
    _event(case, Kind.HANDLED, on, actor, summary)
    return case


@transaction.atomic
def case_publish(*, case: Case, on: dt.date, channel: str, actor: User) -> Case:
    """Publication of the conclusion/decision within 7 working days, with the denouncer removed
    (Luật TC Art 40.3) — the published text is the case's redacted decision text."""
    case = _lock(case)
    _require_resolved(case)
    channel = nfc(channel or "").strip()
    if not channel:
        raise _invalid("channel", _("Ghi hình thức công khai."))
    case.published_on = on
    case.save(update_fields=["published_on", "updated_at"])
    _stop(case, ["denunciation.publish"], on, actor)
    _event(case, Kind.PUBLISHED, on, actor, channel)
    return case


@transaction.atomic
def case_execution_record(
    *,
    case: Case,
    on: dt.date,
    actor: User,
    money_to_state: Decimal = Decimal(0),
    money_returned: Decimal = Decimal(0),
    money_returned_orgs: Decimal = Decimal(0),
    land_to_state: Decimal = Decimal(0),
    land_returned: Decimal = Decimal(0),
    land_returned_orgs: Decimal = Decimal(0),
    restored_orgs: int = 0,
    restored_persons: int = 0,
    persons_disciplined: int = 0,
    disciplined_officials: int = 0,
    orgs_disciplined: int = 0,
    referred_cases: int = 0,
    referred_persons: int = 0,
    referred_officials: int = 0,
    prosecuted_cases: int = 0,
    prosecuted_persons: int = 0,
    prosecuted_officials: int = 0,
    decision_money_to_state: Decimal | None = None,
    decision_land_to_state: Decimal | None = None,
    decision_money_returned: Decimal | None = None,
    decision_money_returned_orgs: Decimal | None = None,
    decision_land_returned: Decimal | None = None,
    decision_land_returned_orgs: Decimal | None = None,
    decision_restored_orgs: int | None = None,
    decision_restored_persons: int | None = None,
    proposed_disciplined: int | None = None,
    proposed_disciplined_officials: int | None = None,
    proposed_disciplined_orgs: int | None = None,
    completed: bool = False,
    note: str = "",
) -> Case:
    """Execution of a decision or conclusion (Luật KN Arts 44–46; Luật TC Art 36; reports
    01–04/KQGQ): money in triệu đồng, land in m².

    What was executed (recovered, returned, persons disciplined, referred to investigators,
    prosecuted) adds up over the records; what the decision orders ("decision_*",
    "proposed_*") is set as stated, None leaving it as it was. `completed` marks the decision
    executed completely on `on` (số quyết định đã thực hiện xong)."""
    case = _lock(case)
    _require_resolved(case)
    _check_date(case, on)
    added: dict[str, Any] = {
        "money_to_state": Decimal(money_to_state),
        "money_returned": Decimal(money_returned),
        "money_returned_orgs": Decimal(money_returned_orgs),
        "land_to_state": Decimal(land_to_state),
        "land_returned": Decimal(land_returned),
        "land_returned_orgs": Decimal(land_returned_orgs),
        "restored_orgs": int(restored_orgs),
        "restored_persons": int(restored_persons),
        "persons_disciplined": int(persons_disciplined),
        "disciplined_officials": int(disciplined_officials),
        "orgs_disciplined": int(orgs_disciplined),
        "referred_cases": int(referred_cases),
        "referred_persons": int(referred_persons),
        "referred_officials": int(referred_officials),
        "prosecuted_cases": int(prosecuted_cases),
        "prosecuted_persons": int(prosecuted_persons),
        "prosecuted_officials": int(prosecuted_officials),
    }
    ordered: dict[str, Any] = {
        name: Decimal(value)
        if Case._meta.get_field(name).get_internal_type() == "DecimalField"
        else int(value)
        for name, value in {
            "decision_money_to_state": decision_money_to_state,
            "decision_land_to_state": decision_land_to_state,
            "decision_money_returned": decision_money_returned,
            "decision_money_returned_orgs": decision_money_returned_orgs,
            "decision_land_returned": decision_land_returned,
            "decision_land_returned_orgs": decision_land_returned_orgs,
            "decision_restored_orgs": decision_restored_orgs,
            "decision_restored_persons": decision_restored_persons,
            "proposed_disciplined": proposed_disciplined,
            "proposed_disciplined_officials": proposed_disciplined_officials,
            "proposed_disciplined_orgs": proposed_disciplined_orgs,
        }.items()
        if value is not None
    }
    for name, value in [*added.items(), *ordered.items()]:
        if value < 0:
            raise _invalid(name, _("Số liệu không được âm."))
    for name, value in added.items():
        setattr(case, name, getattr(case, name) + value)
    for name, value in ordered.items():
        setattr(case, name, value)
    # The "trong đó" figures of the report forms: a part never exceeds its whole.
    for part, whole in (
        ("money_returned_orgs", "money_returned"),
        ("land_returned_orgs", "land_returned"),
        ("disciplined_officials", "persons_disciplined"),
        ("referred_officials", "referred_persons"),
        ("prosecuted_officials", "prosecuted_persons"),
        ("decision_money_returned_orgs", "decision_money_returned"),
        ("decision_land_returned_orgs", "decision_land_returned"),
        ("proposed_disciplined_officials", "proposed_disciplined"),
    ):
        if getattr(case, part) > getattr(case, whole):
            raise _invalid(
                part,
                _("Lớn hơn tổng số «%(whole)s» (%(value)s).")
                % {
                    "whole": Case._meta.get_field(whole).verbose_name,
                    "value": getattr(case, whole),
                },
            )
    if completed:
        if case.executed_on is not None:
            raise DomainError(
                _("Đã ghi nhận thi hành xong ngày %s.") % case.executed_on.strftime("%d/%m/%Y"),
                code="already_executed",
            )
        if case.decided_on and on < case.decided_on:
            raise _invalid("on", _("Ngày thi hành xong trước ngày ban hành."))
        case.executed_on = on
    case.save()
    data = {k: str(v) for k, v in [*added.items(), *ordered.items()] if v}
    if completed:
        data["completed"] = True
    _event(case, Kind.EXECUTION, on, actor, nfc(note or ""), **data)
    return case


@transaction.atomic
def case_effective(*, case: Case, on: dt.date, actor: User | None) -> Case:
    """The decision has legal effect (Luật KN Art 44): no second complaint in time."""
    case = _lock(case)
    _require_resolved(case)
    case.effective_on = on
    case.save(update_fields=["effective_on", "updated_at"])
    rule = rules.effect_rule(case.kind)
    if rule:
        _stop(case, [rule], on, actor)
    _event(case, Kind.EFFECTIVE, on, actor)
    return case


@transaction.atomic
def case_follow_up_link(*, case: Case, previous: Case, actor: User) -> Case:
    """Link a second complaint to the first (Luật KN Art 33) or a tố cáo tiếp to the earlier
    denunciation (Luật TC Art 37: the superior reviews within 20 days)."""
    case = _lock(case)
    if previous.pk == case.pk:
        raise _invalid("previous", _("Không liên kết vụ việc với chính nó."))
    if case.kind == CaseKind.COMPLAINT_SECOND:
        if previous.kind != CaseKind.COMPLAINT_FIRST:
            raise _invalid("previous", _("Khiếu nại lần hai phải gắn với vụ việc lần đầu."))
    elif case.kind == CaseKind.DENUNCIATION:
        if previous.kind != CaseKind.DENUNCIATION:
            raise _invalid("previous", _("Tố cáo tiếp phải gắn với vụ tố cáo trước."))
        _start(case, "denunciation.further_review", case.accepted_on or _today(), actor)
    else:
        raise _invalid("previous", _("Loại vụ việc này không có lần hai, tố cáo tiếp."))
    case.previous = previous
    case.save(update_fields=["previous", "updated_at"])
    _event(
        case,
        Kind.FOLLOW_UP,
        case.accepted_on or _today(),
        actor,
        _("Gắn với vụ việc #%(n)s.") % {"n": previous.pk},
        previous=previous.pk,
    )
    return case


# --------------------------------------------------------------------------- directives


@transaction.atomic
def directive_add(
    *,
    case: Case,
    source: str,
    text: str,
    issued_on: dt.date,
    due_on: dt.date,
    actor: User,
    reference: str = "",
    issuer: str = "",
    direction: Any = None,
) -> Directive:
    """Link a superior's directive or a reception direction to the case (S12)."""
    text = nfc(text or "").strip()
    if source not in Directive.Source.values:
        raise _invalid("source", _("Nguồn chỉ đạo không hợp lệ."))
    if source == Directive.Source.RECEPTION and direction is None:
        raise _invalid("direction", _("Chọn nội dung chỉ đạo tại buổi tiếp."))
    if direction is not None:
        if case.directives.filter(direction=direction).exists():
            raise _invalid("direction", _("Nội dung chỉ đạo này đã gắn với vụ việc."))
        text = text or direction.text
        due_on = due_on or direction.due_on
    if not text:
        raise _invalid("text", _("Ghi nội dung chỉ đạo."))
    if due_on < issued_on:
        raise _invalid("due_on", _("Hạn hoàn thành trước ngày chỉ đạo."))
    directive = Directive.objects.create(
        case=case,
        source=source,
        text=text,
        issued_on=issued_on,
        due_on=due_on,
        reference=nfc(reference),
        issuer=nfc(issuer),
        direction=direction,
        created_by=actor,
    )
    _event(
        case,
        Kind.DIRECTIVE,
        issued_on,
        actor,
        _("Chỉ đạo: %(t)s (hạn %(d)s)") % {"t": text[:200], "d": due_on.strftime("%d/%m/%Y")},
        directive=directive.pk,
    )
    return directive


@transaction.atomic
def directive_done(*, directive: Directive, on: dt.date, result: str, actor: User) -> Directive:
    result = nfc(result or "").strip()
    if directive.done_on:
        raise DomainError(_("Chỉ đạo đã hoàn thành."), code="already_done")
    if not result:
        raise _invalid("result", _("Ghi kết quả thực hiện chỉ đạo."))
    if on < directive.issued_on:
        raise _invalid("on", _("Ngày hoàn thành trước ngày chỉ đạo."))
    directive.done_on, directive.result = on, result
    directive.save(update_fields=["done_on", "result", "updated_at"])
    if directive.direction is not None:
        # The leader's direction is tracked on the reception side too: the desk closes it.
        events.directive_done.send(
            sender=Directive,
            directive=directive,
            direction=directive.direction,
            result=result,
            actor=actor,
        )
    _event(
        directive.case,
        Kind.DIRECTIVE_DONE,
        on,
        actor,
        result[:300],
        directive=directive.pk,
        late=on > directive.due_on,
    )
    return directive
