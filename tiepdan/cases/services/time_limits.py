"""Time limits of a case under resolution: extension, reclassification, suspension and
resumption, and the ways it ends without a decision (termination, withdrawal)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.cases import rules
from tiepdan.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Outcome,
    Withdrawal,
)
from tiepdan.cases.services.common import (
    Kind,
    check_date,
    invalid,
    lock,
    open_clocks,
    record_event,
    require_open,
    require_running,
    resolution_clock,
    start_clock,
    stop_clocks,
    sync_case,
)
from tiepdan.cases.services.documents import issue_document
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User
from tiepdan.workcalendar import services as clock_services
from tiepdan.workcalendar.models import Clock, Complexity


@transaction.atomic
def case_extend(*, case: Case, on: dt.date, reason: str, actor: User, number: str = "") -> Case:
    """Extend a denunciation's resolution by written decision (Luật TC Art 30; NĐ 31/2019
    Mẫu 01): none when normal, one when complex, two when especially complex."""
    case = lock(case)
    require_running(case)
    check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise invalid("reason", _("Ghi lý do gia hạn."))
    sync_case(case, actor)
    clock = resolution_clock(case)
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
    document = issue_document(
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
    record_event(
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
    case = lock(case)
    require_open(case)
    check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise invalid("reason", _("Ghi căn cứ xác định lại mức độ phức tạp."))
    if complexity not in Complexity.values:
        raise invalid("complexity", _("Mức độ phức tạp không hợp lệ."))
    sync_case(case, actor)
    clock = resolution_clock(case)
    if clock is None:
        raise DomainError(
            _("Vụ việc không có thời hạn giải quyết đang chạy."), code="no_resolution_clock"
        )
    remote = clock.remote_area if remote_area is None else remote_area
    if (complexity, remote) == (clock.complexity, clock.remote_area):
        raise invalid("complexity", _("Mức độ phức tạp không thay đổi."))
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
    record_event(
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
    case = lock(case)
    require_running(case)
    check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise invalid("reason", _("Ghi lý do tạm đình chỉ."))
    if not rules.suspension_allowed(case.kind, on):
        raise DomainError(
            _(
                "Tạm đình chỉ giải quyết khiếu nại chỉ áp dụng từ ngày 01/07/2026 (Luật Khiếu nại, "
                "Điều 11a); kiến nghị, phản ánh không có tạm đình chỉ."
            ),
            code="option_not_allowed",
        )
    sync_case(case, actor)
    for clock in open_clocks(case):
        if clock.status == Clock.Status.RUNNING and clock.rule_code == rules.resolution_rule(
            case.kind
        ):
            clock_services.clock_pause(clock=clock, on=on, actor=actor, reason=reason)
    start_clock(case, rules.suspension_notice_rule(case.kind, on), on, actor)
    case.status, case.suspended_on = CaseStatus.SUSPENDED, on
    case.save(update_fields=["status", "suspended_on", "updated_at"])
    document = issue_document(
        case, "case.suspension_decision", on, {"reason": reason, "suspended_on": on}, actor
    )
    record_event(case, Kind.SUSPENDED, on, actor, reason, document=document)
    return case


@transaction.atomic
def case_resume(*, case: Case, on: dt.date, actor: User) -> Case:
    """Decision to continue: counting restarts the day after (NĐ 155/2026 Art 28b)."""
    case = lock(case)
    if case.status != CaseStatus.SUSPENDED:
        raise DomainError(_("Vụ việc không bị tạm đình chỉ."), code="case_not_suspended")
    check_date(case, on)
    if case.suspended_on and on < case.suspended_on:
        raise invalid("on", _("Ngày tiếp tục trước ngày tạm đình chỉ."))
    for clock in open_clocks(case):
        if clock.status == Clock.Status.PAUSED:
            clock_services.clock_resume(clock=clock, on=on, actor=actor)
    suspended_on = case.suspended_on
    case.status, case.suspended_on = CaseStatus.ACCEPTED, None
    case.save(update_fields=["status", "suspended_on", "updated_at"])
    resumed = resolution_clock(case)
    document = issue_document(
        case,
        "case.resumption_decision",
        on,
        {"resumed_on": on, "reason": "", "suspended_on": suspended_on},
        actor,
    )
    record_event(
        case,
        Kind.RESUMED,
        on,
        actor,
        _("Tiếp tục giải quyết; hạn mới %(d)s.") % {"d": resumed.due.strftime("%d/%m/%Y")}
        if resumed
        else "",
        document=document,
    )
    return case


def _close(case: Case, on: dt.date, actor: User | None, outcome: str) -> None:
    resolution = rules.resolution_rule(case.kind)
    stop_clocks(case, [r for r in [resolution, "denunciation.notify_acceptance"] if r], on, actor)
    case.status, case.outcome, case.decided_on = CaseStatus.CLOSED, outcome, on
    case.save(update_fields=["status", "outcome", "decided_on", "updated_at"])


@transaction.atomic
def case_terminate(*, case: Case, on: dt.date, reason: str, actor: User) -> Case:
    """Đình chỉ: the matter ends without a decision on the merits (Luật KN Art 11a; Luật TC
    Art 34)."""
    case = lock(case)
    require_open(case)
    check_date(case, on)
    reason = nfc(reason or "").strip()
    if not reason:
        raise invalid("reason", _("Ghi lý do đình chỉ."))
    sync_case(case, actor)
    _close(case, on, actor, Outcome.TERMINATED)
    start_clock(case, rules.suspension_notice_rule(case.kind, on), on, actor)
    record_event(case, Kind.TERMINATED, on, actor, reason)
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
    case = lock(case)
    require_open(case)
    check_date(case, on)
    content = nfc(content or "").strip()
    if not content:
        raise invalid("content", _("Ghi nội dung rút (đơn rút hoặc biên bản ghi nhận)."))
    sync_case(case, actor)
    if not full:
        case.withdrawal = Withdrawal.PARTIAL
        case.save(update_fields=["withdrawal", "updated_at"])
        record_event(case, Kind.WITHDRAWN, on, actor, _("Rút một phần: %s") % content, full=False)
        return case
    case.withdrawal = Withdrawal.FULL
    case.save(update_fields=["withdrawal", "updated_at"])
    if rules.withdrawal_must_continue(
        kind=case.kind, signs_of_violation=signs_of_violation, coerced=coerced
    ):
        record_event(
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
    record_event(case, Kind.WITHDRAWN, on, actor, _("Rút toàn bộ: %s") % content, full=True)
    return case
