"""The decision, conclusion or answer of a case and what follows it: sending, acting on a
conclusion, publication, legal effect, and the link to the earlier matter of a follow-up."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.cases import rules
from tiepdan.cases.models import Case, CaseDocument, CaseKind, CaseStatus
from tiepdan.cases.services.common import (
    Kind,
    check_date,
    invalid,
    lock,
    record_event,
    require_resolved,
    require_running,
    seal_matter_texts,
    start_clock,
    stop_clocks,
    sync_case,
    today,
)
from tiepdan.cases.services.documents import issue_document
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User


def _check_decision(case: Case, outcome: str, text: str) -> None:
    if outcome not in rules.outcomes_for(case.kind):
        raise invalid("outcome", _("Kết quả không phù hợp với loại vụ việc."))
    if not text:
        raise invalid("text", _("Ghi nội dung quyết định, kết luận."))
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


def _complaint_decision(case: Case, on: dt.date, number: str, actor: User) -> CaseDocument:
    """The complaint decision; the clocks to send it and for it to take effect start."""
    document = issue_document(
        case,
        "case.complaint_decision",
        on,
        {
            "number": number,
            "outcome": case.get_outcome_display(),
            "second": case.kind == CaseKind.COMPLAINT_SECOND,
            "findings": case.verification_findings,
            "dialogue": _dialogue_summary(case),
            "text": case.decision_text,
        },
        actor,
    )
    start_clock(case, rules.send_rule(case.kind), on, actor)
    start_clock(case, rules.effect_rule(case.kind), on, actor, remote_area=case.remote_area)
    return document


def _denunciation_conclusion(case: Case, on: dt.date, number: str, actor: User) -> CaseDocument:
    """The conclusion; the clocks to send it, act on it and publish it start."""
    document = issue_document(
        case,
        "case.denunciation_conclusion",
        on,
        {
            "number": number,
            "outcome": case.get_outcome_display(),
            "findings": case.verification_findings,
            "text": case.decision_text,
        },
        actor,
    )
    for rule in (
        "denunciation.send_conclusion",
        "denunciation.handle_conclusion",
        "denunciation.publish",
    ):
        start_clock(case, rule, on, actor)
    return document


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
    case = lock(case)
    require_running(case)
    check_date(case, on)
    text = nfc(text or "").strip()
    _check_decision(case, outcome, text)
    sync_case(case, actor)
    case.outcome, case.decided_on = outcome, on
    case.decision_number, case.decision_text = nfc(number), text
    case.status = CaseStatus.RESOLVED
    case.save()
    seal_matter_texts(case, actor)
    stop_clocks(
        case, [rules.resolution_rule(case.kind) or "", "denunciation.notify_acceptance"], on, actor
    )
    document = None
    if case.kind in rules.COMPLAINT_KINDS:
        document, kind = _complaint_decision(case, on, number, actor), Kind.DECIDED
    elif case.kind == CaseKind.DENUNCIATION:
        document, kind = _denunciation_conclusion(case, on, number, actor), Kind.CONCLUDED
    else:
        kind = Kind.ANSWERED
    record_event(case, kind, on, actor, text[:500], document=document, outcome=outcome)
    return case


def _dialogue_summary(case: Case) -> str:
    held = [(d, d.held_on) for d in case.dialogues.all() if d.held_on is not None]
    if not held:
        return ""
    d, held_on = held[-1]
    parts = [_("Ngày %s đã tổ chức đối thoại.") % held_on.strftime("%d/%m/%Y")]
    if d.agreed:
        parts.append(_("Nội dung thống nhất: %s") % d.agreed)
    if d.disagreed:
        parts.append(_("Nội dung còn ý kiến khác: %s") % d.disagreed)
    return " ".join(parts)


@transaction.atomic
def case_send(*, case: Case, on: dt.date, actor: User) -> Case:
    """The decision/conclusion was sent (Luật KN Arts 32, 41; Luật TC Art 35.3)."""
    case = lock(case)
    require_resolved(case)
    if case.decided_on and on < case.decided_on:
        raise invalid("on", _("Ngày gửi trước ngày ban hành."))
    case.sent_on = on
    case.save(update_fields=["sent_on", "updated_at"])
    stop_clocks(case, [r for r in [rules.send_rule(case.kind)] if r], on, actor)
    record_event(case, Kind.SENT, on, actor)
    return case


@transaction.atomic
def case_handle(*, case: Case, on: dt.date, summary: str, actor: User) -> Case:
    """Acting on a denunciation conclusion within 7 working days (Luật TC Art 36.1)."""
    case = lock(case)
    require_resolved(case)
    summary = nfc(summary or "").strip()
    if not summary:
        raise invalid("summary", _("Ghi nội dung xử lý kết luận."))
    case.handled_on = on
    case.save(update_fields=["handled_on", "updated_at"])
    stop_clocks(case, ["denunciation.handle_conclusion"], on, actor)
    record_event(case, Kind.HANDLED, on, actor, summary)
    return case


@transaction.atomic
def case_publish(*, case: Case, on: dt.date, channel: str, actor: User) -> Case:
    """Publication of the conclusion/decision within 7 working days, with the denouncer removed
    (Luật TC Art 40.3) — the published text is the case's redacted decision text."""
    case = lock(case)
    require_resolved(case)
    channel = nfc(channel or "").strip()
    if not channel:
        raise invalid("channel", _("Ghi hình thức công khai."))
    case.published_on = on
    case.save(update_fields=["published_on", "updated_at"])
    stop_clocks(case, ["denunciation.publish"], on, actor)
    record_event(case, Kind.PUBLISHED, on, actor, channel)
    return case


@transaction.atomic
def case_effective(*, case: Case, on: dt.date, actor: User | None) -> Case:
    """The decision has legal effect (Luật KN Art 44): no second complaint in time."""
    case = lock(case)
    require_resolved(case)
    case.effective_on = on
    case.save(update_fields=["effective_on", "updated_at"])
    rule = rules.effect_rule(case.kind)
    if rule:
        stop_clocks(case, [rule], on, actor)
    record_event(case, Kind.EFFECTIVE, on, actor)
    return case


@transaction.atomic
def case_follow_up_link(*, case: Case, previous: Case, actor: User) -> Case:
    """Link a second complaint to the first (Luật KN Art 33) or a tố cáo tiếp to the earlier
    denunciation (Luật TC Art 37: the superior reviews within 20 days)."""
    case = lock(case)
    if previous.pk == case.pk:
        raise invalid("previous", _("Không liên kết vụ việc với chính nó."))
    if case.kind == CaseKind.COMPLAINT_SECOND:
        if previous.kind != CaseKind.COMPLAINT_FIRST:
            raise invalid("previous", _("Khiếu nại lần hai phải gắn với vụ việc lần đầu."))
    elif case.kind == CaseKind.DENUNCIATION:
        if previous.kind != CaseKind.DENUNCIATION:
            raise invalid("previous", _("Tố cáo tiếp phải gắn với vụ tố cáo trước."))
        start_clock(case, "denunciation.further_review", case.accepted_on or today(), actor)
    else:
        raise invalid("previous", _("Loại vụ việc này không có lần hai, tố cáo tiếp."))
    case.previous = previous
    case.save(update_fields=["previous", "updated_at"])
    record_event(
        case,
        Kind.FOLLOW_UP,
        case.accepted_on or today(),
        actor,
        _("Gắn với vụ việc #%(n)s.") % {"n": previous.pk},
        previous=previous.pk,
    )
    return case
