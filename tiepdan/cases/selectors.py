"""Reads of cases: the scoped list with its next due date, and the case page (timeline,
clocks, documents, dialogues, directives, what is due next)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.cases import rules
from tiepdan.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Dialogue,
    Directive,
)
from tiepdan.core.text import search_key
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.reception.constants import DirectionStatus
from tiepdan.reception.models import Direction
from tiepdan.vault import vault
from tiepdan.vault.models import IdentityGrant, SealedFile
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.models import Clock


def case_queryset(user: User) -> QuerySet[Case]:
    return org_selectors.scope_filter(user, Case.objects.all()).select_related("unit", "resolver")


def case_get(user: User, pk: int) -> Case:
    case = case_queryset(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def case_list(
    user: User,
    unit: Unit | None = None,
    *,
    status: str = "",
    kind: str = "",
    q: str = "",
) -> QuerySet[Case]:
    """Cases in the user's scope (optionally one unit's subtree), earliest open due date first
    (`Case.next_due`, kept by the clock services, so the order is read from an index). Search
    is on the summary, which for a denunciation is the vault-redacted copy: a denouncer is
    never found by name here."""
    qs = case_queryset(user).exclude(status=CaseStatus.RECEIVED)
    order = ["next_due", "-accepted_on", "-pk"]
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if status:
        # One status, in the order of the index on (status, next_due, …). Written as a range
        # so that PostgreSQL keeps `status` in the order and reads that index: with `=` it
        # drops the constant from the order and walks the whole due-date index instead,
        # guessing that the decided and closed cases (no due date) are spread along it
        # (0.2–0.4 s for a ward or a province, against under 1 ms).
        qs = qs.filter(status__range=(status, status))
        order.insert(0, "status")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(summary_key__contains=search_key(q)) | Q(pk=int(q) if q.isdigit() else 0))
    return qs.order_by(*order)


@dataclass
class NextStep:
    text: str
    due: dt.date | None = None
    overdue: bool = False


@dataclass
class CasePage:
    case: Case
    events: list[CaseEvent]
    clocks: list[Clock]
    documents: list[CaseDocument]
    dialogues: list[Dialogue]
    directives: list[Directive]
    next_steps: list[NextStep]
    dialogue_required: bool
    outcomes: list[tuple[str, str]]
    may_reveal: bool = False
    identity_count: int = 0
    grants: list[IdentityGrant] = field(default_factory=list)
    extensions_allowed: int = 0


RULE_TEXT = {
    "complaint.resolve.first": gettext_lazy("Giải quyết khiếu nại lần đầu"),
    "complaint.resolve.second": gettext_lazy("Giải quyết khiếu nại lần hai"),
    "denunciation.notify_acceptance": gettext_lazy(
        "Thông báo thụ lý cho người tố cáo, người bị tố cáo"
    ),
    "denunciation.resolve": gettext_lazy("Giải quyết tố cáo"),
    "complaint.send_decision": gettext_lazy("Gửi quyết định giải quyết khiếu nại"),
    "complaint.send_decision.second": gettext_lazy("Gửi quyết định giải quyết khiếu nại lần hai"),
    "complaint.decision_effective.first": gettext_lazy("Quyết định có hiệu lực pháp luật"),
    "complaint.decision_effective.second": gettext_lazy("Quyết định có hiệu lực pháp luật"),
    "complaint.suspension_notice": gettext_lazy("Gửi quyết định tạm đình chỉ, đình chỉ"),
    "denunciation.suspension_notice": gettext_lazy("Gửi quyết định tạm đình chỉ, đình chỉ"),
    "denunciation.send_conclusion": gettext_lazy("Gửi kết luận nội dung tố cáo"),
    "denunciation.handle_conclusion": gettext_lazy("Xử lý kết luận nội dung tố cáo"),
    "denunciation.publish": gettext_lazy("Công khai kết luận (không tiết lộ người tố cáo)"),
    "denunciation.further_review": gettext_lazy("Xem xét tố cáo tiếp"),
}


def next_steps(
    case: Case,
    clocks: list[Clock],
    dialogues: list[Dialogue],
    directives: list[Directive],
    *,
    on: dt.date,
) -> list[NextStep]:
    """What is due next: open clocks by due date, open directives, and missing steps."""
    steps: list[NextStep] = []
    for clock in clocks:
        if clock.is_open:
            text = str(RULE_TEXT.get(clock.rule_code, clock.rule_code))
            if clock.status == Clock.Status.PAUSED:
                text = _("%s (đang tạm dừng)") % text
            steps.append(NextStep(text, clock.due, clock.due < on and clock.status == "running"))
    steps.extend(
        NextStep(_("Thực hiện chỉ đạo: %s") % d.text[:80], d.due_on, d.due_on < on)
        for d in directives
        if d.done_on is None
    )
    if case.status == CaseStatus.ACCEPTED and case.kind != CaseKind.PROPOSAL:
        if case.verification_assigned_on is None:
            steps.append(NextStep(_("Ra quyết định giao nhiệm vụ xác minh")))
        elif case.verification_reported_on is None:
            steps.append(NextStep(_("Báo cáo kết quả xác minh")))
        elif rules.dialogue_required(
            kind=case.kind,
            disciplinary=case.disciplinary,
            verification_differs=case.verification_differs,
        ) and not any(d.held_on for d in dialogues):
            steps.append(NextStep(_("Tổ chức đối thoại (bắt buộc)")))
        else:
            steps.append(NextStep(_("Ra quyết định giải quyết, kết luận")))
    steps.sort(key=lambda s: (s.due is None, s.due or on))
    return steps


def case_page(user: User, case: Case) -> CasePage:
    """Everything the case page renders, in a fixed number of queries."""
    events = list(case.events.select_related("actor", "document").order_by("on", "pk"))
    clocks = calendar_selectors.clocks_with_rule_names(
        calendar_selectors.clock_list_for_target(case)
    )
    documents = list(case.documents.order_by("issued_on", "pk"))
    dialogues = list(case.dialogues.order_by("scheduled_on", "pk"))
    directives = list(case.directives.select_related("direction").order_by("due_on", "pk"))
    today = timezone.localdate()
    page = CasePage(
        case=case,
        events=events,
        clocks=clocks,
        documents=documents,
        dialogues=dialogues,
        directives=directives,
        next_steps=next_steps(case, clocks, dialogues, directives, on=today),
        # A reminder before the decision: not once decided or closed, nor after the dialogue.
        dialogue_required=case.status == CaseStatus.ACCEPTED
        and not any(d.held_on for d in dialogues)
        and rules.dialogue_required(
            kind=case.kind,
            disciplinary=case.disciplinary,
            verification_differs=case.verification_differs,
        ),
        outcomes=[(o.value, str(o.label)) for o in rules.outcomes_for(case.kind)],
        extensions_allowed=rules.extensions_allowed(kind=case.kind, complexity=case.complexity),
    )
    if case.kind == CaseKind.DENUNCIATION:
        page.may_reveal = vault.may_reveal(user, case)
        if page.may_reveal:
            page.identity_count = case.identities.count()
            page.grants = list(case.identity_grants.filter(revoked=False).select_related("user"))
    return page


def linkable_directions(case: Case) -> QuerySet[Direction]:
    """Open directions of a leader's reception that concern the case and are not linked yet:
    given at a session where the case was received, or assigned to the case's unit."""
    linked = case.directives.filter(direction__isnull=False).values("direction_id")
    return (
        Direction.objects.filter(status=DirectionStatus.OPEN)
        .filter(Q(conclusion__session__visits__case=case) | Q(assignee_id=case.unit_id))
        .exclude(pk__in=linked)
        .distinct()
        .order_by("due_on", "pk")
    )


def open_directives(case: Case) -> QuerySet[Directive]:
    return case.directives.filter(done_on__isnull=True).order_by("due_on", "pk")


def directive_list(
    user: User, unit: Unit, *, overdue_on: dt.date | None = None
) -> QuerySet[Directive]:
    """Open directives on the cases the user sees in `unit`'s subtree, earliest due first."""
    qs = Directive.objects.filter(
        case__in=case_queryset(user).filter(unit__path__startswith=unit.path),
        done_on__isnull=True,
    )
    if overdue_on is not None:
        qs = qs.filter(due_on__lt=overdue_on)
    return qs.select_related("case__unit", "direction").order_by("due_on", "pk")


def sealed_file_get(case: Case, pk: int) -> SealedFile:
    sealed = SealedFile.objects.select_related("identity__case__unit", "case__unit").filter(
        Q(identity__case=case) | Q(identity__isnull=True, case=case), pk=pk
    )
    found = sealed.first()
    if found is None:
        raise Http404
    return found


def case_document_get(user: User, pk: int) -> CaseDocument:
    document = (
        CaseDocument.objects.select_related("case__unit")
        .filter(case__in=case_queryset(user))
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document
