"""Case pages: the list, the case page (timeline, clocks, documents, next steps) and one POST
endpoint per resolution step, each calling one service."""

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.cases import forms, rules, selectors, services
from tiepdan.cases.models import Case, CaseKind, CaseStatus, Directive, RenderStatus
from tiepdan.cases.permissions import CaseAction, can
from tiepdan.core.errors import DomainError
from tiepdan.core.uploads import SIGNATURES, scan_extension
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import User
from tiepdan.vault import vault

CASE_PAGE = 50


def _forbidden(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def _apply(form, exc: DomainError) -> None:
    for name, msgs in exc.fields.items():
        for msg in msgs:
            form.add_error(name if name in form.fields else None, msg)
    if not exc.fields:
        form.add_error(None, exc.message)


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not can(request.user, CaseAction.VIEW, unit):
        return _forbidden(request)
    form = forms.FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # A page at a time in the index order of the next due date; no total count (it would read
    # every case in scope).
    page = request.GET.get("page", "1")
    page_number = max(int(page), 1) if page.isdigit() else 1
    offset = (page_number - 1) * CASE_PAGE
    cases = list(
        selectors.case_list(
            request.user,
            unit,
            status=filters.get("status", ""),
            kind=filters.get("kind", ""),
            q=filters.get("q", ""),
        )[offset : offset + CASE_PAGE + 1]
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "cases": cases[:CASE_PAGE],
            "form": form,
            "today": timezone.localdate(),
            "page_number": page_number,
            "has_next": len(cases) > CASE_PAGE,
            "query": query.urlencode(),
        },
    )


def _dialogue_record(*, case: Case, **kw: Any):
    dialogue = case.dialogues.filter(held_on__isnull=True).order_by("-scheduled_on").first()
    if dialogue is None:
        raise DomainError(_("Chưa có thông báo đối thoại."), code="no_dialogue")
    return services.dialogue_record(dialogue=dialogue, **kw)


def _directive_add(*, case: Case, **kw: Any):
    return services.directive_add(case=case, source=Directive.Source.SUPERIOR, **kw)


def _direction_link(*, case: Case, direction: Any, issued_on: Any, actor: Any):
    return services.directive_add(
        case=case,
        source=Directive.Source.RECEPTION,
        direction=direction,
        text="",
        issued_on=issued_on,
        due_on=None,
        actor=actor,
    )


def _directive_done(*, case: Case, directive: Directive, **kw: Any):
    return services.directive_done(directive=directive, **kw)


def _follow_up(*, case: Case, previous: int, actor: Any):
    """The earlier case must be one the officer may see (a superior sees its subtree)."""
    try:
        earlier = selectors.case_get(actor, previous)
    except Http404:
        raise DomainError(
            _("Không tìm thấy vụ việc số %(n)s trong phạm vi được xem.") % {"n": previous},
            code="invalid",
            fields={"previous": [_("Không tìm thấy vụ việc.")]},
        ) from None
    return services.case_follow_up_link(case=case, previous=earlier, actor=actor)


# name → (form class, service, action, heading)
STEPS: dict[str, tuple[type, Callable[..., Any], CaseAction, str]] = {
    "verify": (
        forms.VerificationAssignForm,
        services.verification_assign,
        CaseAction.ACT,
        "Giao nhiệm vụ xác minh",
    ),
    "report": (
        forms.VerificationReportForm,
        services.verification_report,
        CaseAction.ACT,
        "Báo cáo kết quả xác minh",
    ),
    "dialogue": (
        forms.DialogueScheduleForm,
        services.dialogue_schedule,
        CaseAction.ACT,
        "Thông báo đối thoại",
    ),
    "dialogue-minutes": (
        forms.DialogueRecordForm,
        _dialogue_record,
        CaseAction.ACT,
        "Biên bản đối thoại",
    ),
    "extend": (forms.ExtendForm, services.case_extend, CaseAction.DECIDE, "Gia hạn"),
    "suspend": (forms.ReasonForm, services.case_suspend, CaseAction.DECIDE, "Tạm đình chỉ"),
    "resume": (forms.ResumeForm, services.case_resume, CaseAction.DECIDE, "Tiếp tục giải quyết"),
    "terminate": (forms.ReasonForm, services.case_terminate, CaseAction.DECIDE, "Đình chỉ"),
    "withdraw": (forms.WithdrawForm, services.case_withdraw, CaseAction.ACT, "Rút đơn"),
    "decide": (forms.DecideForm, services.case_decide, CaseAction.DECIDE, "Quyết định, kết luận"),
    "send": (forms.DateOnlyForm, services.case_send, CaseAction.ACT, "Đã gửi"),
    "handle": (forms.HandleForm, services.case_handle, CaseAction.DECIDE, "Xử lý kết luận"),
    "publish": (forms.PublishForm, services.case_publish, CaseAction.ACT, "Công khai"),
    "effective": (forms.DateOnlyForm, services.case_effective, CaseAction.ACT, "Có hiệu lực"),
    "execution": (
        forms.ExecutionForm,
        services.case_execution_record,
        CaseAction.ACT,
        "Thi hành",
    ),
    "directive": (forms.DirectiveForm, _directive_add, CaseAction.ACT, "Văn bản chỉ đạo"),
    "direction": (
        forms.DirectionLinkForm,
        _direction_link,
        CaseAction.ACT,
        "Gắn chỉ đạo tại buổi tiếp công dân",
    ),
    "directive-done": (
        forms.DirectiveDoneForm,
        _directive_done,
        CaseAction.ACT,
        "Hoàn thành chỉ đạo",
    ),
    "reclassify": (
        forms.ReclassifyForm,
        services.case_reclassify,
        CaseAction.DECIDE,
        "Xác định lại mức độ phức tạp",
    ),
    "follow-up": (
        forms.FollowUpForm,
        _follow_up,
        CaseAction.ACT,
        "Gắn với vụ việc trước (khiếu nại lần hai, tố cáo tiếp)",
    ),
}
DIRECTIVE_STEPS = ["directive", "direction", "directive-done"]


def _available(case: Case) -> list[str]:
    """Steps that make sense in the case's state (the services still check every rule)."""
    follow_up = (
        ["follow-up"]
        if case.previous_id is None
        and case.kind in (CaseKind.COMPLAINT_SECOND, CaseKind.DENUNCIATION)
        else []
    )
    if case.status == CaseStatus.SUSPENDED:
        return ["resume", "terminate", "withdraw", *follow_up, *DIRECTIVE_STEPS]
    if case.status == CaseStatus.RESOLVED:
        # Only the steps after the decision that are still to do; once all are recorded the
        # matter is finished and only an open directive may still be reported on.
        pending = {"send": case.sent_on, "execution": case.executed_on}
        if case.kind == CaseKind.DENUNCIATION:
            pending |= {"handle": case.handled_on, "publish": case.published_on}
        elif case.kind in (CaseKind.COMPLAINT_FIRST, CaseKind.COMPLAINT_SECOND):
            pending["effective"] = case.effective_on
        names = [name for name, done_on in pending.items() if done_on is None]
        return [*names, *DIRECTIVE_STEPS] if names else ["directive-done"]
    if case.status != CaseStatus.ACCEPTED:
        return []
    names = ["verify", "report"]
    if case.kind in (CaseKind.COMPLAINT_FIRST, CaseKind.COMPLAINT_SECOND):
        names += ["dialogue", "dialogue-minutes", "reclassify"]
    if case.kind == CaseKind.DENUNCIATION:
        names += ["extend", "reclassify"]
    return [
        *names,
        *follow_up,
        "suspend",
        "terminate",
        "withdraw",
        "decide",
        *DIRECTIVE_STEPS,
    ]


def _form(name: str, page, data=None):
    form_class = STEPS[name][0]
    kwargs: dict[str, Any] = {"prefix": name}
    if form_class is forms.DecideForm:
        kwargs["outcomes"] = page.outcomes
    if getattr(form_class, "needs_case", False):
        kwargs["case"] = page.case
    return form_class(data, **kwargs)


def _offered(name: str, page, form) -> bool:
    """Steps that only make sense with something to choose are not offered without it."""
    if name == "directive-done":
        return any(d.done_on is None for d in page.directives)
    if name == "direction":
        return form.fields["direction"].queryset.exists()
    if name == "extend":
        rule = rules.resolution_rule(page.case.kind)
        used = max((c.extensions for c in page.clocks if c.rule_code == rule), default=0)
        return used < page.extensions_allowed
    return True


def _detail(
    request: AuthenticatedHttpRequest,
    case: Case,
    *,
    bound: tuple[str, Any] | None = None,
    identities=None,
    reveal_reason: str = "",
    working_copy_form=None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.case_page(request.user, case)
    step_forms = []
    for name in _available(case):
        if not can(request.user, STEPS[name][2], case.unit):
            continue
        if bound and bound[0] == name:
            form = bound[1]
        else:
            form = _form(name, page)
            if not _offered(name, page, form):
                continue
        step_forms.append({"name": name, "title": STEPS[name][3], "form": form})
    return render(
        request,
        "cases/case_detail.html",
        {
            "page": page,
            "case": case,
            "can_retry": can(request.user, CaseAction.ACT, case.unit),
            "step_forms": step_forms,
            "open_step": bound[0] if bound else "",
            "identities": identities,
            "reveal_reason": reveal_reason,
            "working_copy_form": working_copy_form or forms.WorkingCopyForm(),
            "today": timezone.localdate(),
            "reveal_form": forms.RevealForm(),
            "is_resolver": vault.is_resolver(request.user, case),
            "grants": list(
                case.identity_grants.filter(revoked=False).select_related("user", "granted_by")
            ),
            "grant_form": forms.GrantForm(users=_grant_candidates(case)),
        },
        status=status,
    )


@login_required
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(request.user, pk)
    if not can(request.user, CaseAction.VIEW, case.unit):
        return _forbidden(request)
    return _detail(request, case)


@login_required
@require_POST
def case_step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    case = selectors.case_get(request.user, pk)
    if step not in STEPS:
        return render(request, "404.html", status=404)
    _form_class, service, action, _title = STEPS[step]
    if not can(request.user, action, case.unit):
        return _forbidden(request)
    page = selectors.case_page(request.user, case)
    form = _form(step, page, request.POST)
    if form.is_valid():
        try:
            service(case=case, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã ghi: %s.") % STEPS[step][3].lower())
            return redirect(case)
    case.refresh_from_db()
    return _detail(request, case, bound=(step, form), status=400)


@login_required
@require_POST
def identity_reveal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show the sealed denouncer to the resolver or a granted officer, once, audited."""
    case = selectors.case_get(request.user, pk)
    form = forms.RevealForm(request.POST)
    if not vault.may_reveal(request.user, case):
        return _forbidden(request)
    if not form.is_valid():
        messages.error(request, _("Ghi rõ lý do cần xem thông tin người tố cáo."))
        return redirect(case)
    try:
        identities = vault.identity_reveal(
            case=case, user=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(case)
    response = _detail(
        request, case, identities=identities, reveal_reason=form.cleaned_data["reason"]
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def sealed_file_download(
    request: AuthenticatedHttpRequest, pk: int, file_pk: int
) -> HttpResponseBase:
    """A sealed scan of the denunciation, for the resolver or a granted officer, audited."""
    case = selectors.case_get(request.user, pk)
    sealed = selectors.sealed_file_get(case, file_pk)
    if not vault.may_reveal(request.user, case):
        return _forbidden(request)
    form = forms.SealedFileForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi rõ lý do cần xem tài liệu."))
        return redirect(case)
    try:
        title, content = vault.sealed_file_reveal(
            sealed=sealed, user=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(case)
    if not title.lower().endswith(tuple(SIGNATURES)):
        title += scan_extension(content)
    response = FileResponse(io.BytesIO(content), as_attachment=True, filename=title)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def working_copy_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """File the masked working copy of a scan for the verification team."""
    case = selectors.case_get(request.user, pk)
    if not vault.may_reveal(request.user, case):
        return _forbidden(request)
    form = forms.WorkingCopyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.working_copy_add(
                case=case,
                user=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã lưu bản sao che thông tin người tố cáo."))
            return redirect(case)
    return _detail(request, case, working_copy_form=form, status=400)


@login_required
def directive_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Directives (superiors' and leaders' reception directions) still to be carried out."""
    unit = request.unit
    if unit is None or not can(request.user, CaseAction.VIEW, unit):
        return _forbidden(request)
    today = timezone.localdate()
    overdue = request.GET.get("overdue") == "1"
    directives = list(
        selectors.directive_list(request.user, unit, overdue_on=today if overdue else None)[:500]
    )
    return render(
        request,
        "cases/directive_list.html",
        {"directives": directives, "today": today, "overdue": overdue, "unit": unit},
    )


@login_required
def document_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    document = selectors.case_document_get(request.user, pk)
    if not can(request.user, CaseAction.VIEW, document.case.unit):
        return _forbidden(request)
    if document.status != RenderStatus.READY or not document.file:
        return render(request, "404.html", status=404)  # still being rendered, or failed
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def document_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Render again a document whose rendering failed."""
    document = selectors.case_document_get(request.user, pk)
    if not can(request.user, CaseAction.ACT, document.case.unit):
        return _forbidden(request)
    try:
        services.case_document_retry(document=document, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã yêu cầu tạo lại văn bản."))
    return redirect(document.case)


def _grant_candidates(case: Case):
    """Officers of the case's unit who could be assigned (the service checks their rights)."""
    return (
        User.objects.filter(memberships__unit=case.unit, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


@login_required
@require_POST
def identity_grant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The resolver expressly assigns an officer to see the denouncer; audited."""
    case = selectors.case_get(request.user, pk)
    if not vault.is_resolver(request.user, case):
        return _forbidden(request)
    form = forms.GrantForm(request.POST, users=_grant_candidates(case))
    if form.is_valid():
        try:
            vault.identity_grant(case=case, granted_by=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã giao quyền xem thông tin người tố cáo."))
    else:
        messages.error(request, _("Chọn cán bộ và ghi rõ lý do giao quyền."))
    return redirect(case)


@login_required
@require_POST
def identity_revoke(request: AuthenticatedHttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    case = selectors.case_get(request.user, pk)
    if not vault.is_resolver(request.user, case):
        return _forbidden(request)
    grant = case.identity_grants.filter(pk=grant_pk, revoked=False).first()
    if grant is None:
        return render(request, "404.html", status=404)
    try:
        vault.identity_revoke(grant=grant, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi quyền xem thông tin người tố cáo."))
    return redirect(case)
