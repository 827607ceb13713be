"""HTML pages: plans, tasks, rosters, leave, my shifts, iCalendar feed and the public schedule."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.core.errors import DomainError
from tiepdan.core.throttling import public_rate_limited
from tiepdan.documents import required
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import Unit, User
from tiepdan.plans import (
    forms,
    ical,
    outputs,
    permissions,
    roster,
    roster_services,
    selectors,
    services,
)
from tiepdan.plans.constants import AssignmentRole, ShiftKind
from tiepdan.plans.models import Plan, Shift

ICAL_SALT = "tiepdan.plans.ical"


def _apply(form, exc: DomainError) -> None:
    """The whole message on top (it says what cannot be satisfied), short ones by the fields."""
    shown = set()
    for name, msgs in exc.fields.items():
        if name in form.fields:
            for msg in msgs:
                form.add_error(name, msg)
                shown.add(msg)
    if exc.message not in shown:
        form.add_error(None, exc.message)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _current_unit(request: AuthenticatedHttpRequest) -> Unit:
    if request.unit is None:
        raise PermissionDenied
    return request.unit


# -- plans --------------------------------------------------------------------------------


@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    full = unit is not None and permissions.can_view_unit_plans(request.user, unit)
    plans = selectors.plan_list(request.user, unit if full else None)
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "unit": unit,
            "can_edit": unit is not None and permissions.can_edit_unit_plans(request.user, unit),
        },
    )


def _plan_form_kwargs(request, unit):
    return {"parent_choices": selectors.parent_plan_choices(request.user, unit)}


@login_required
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = _current_unit(request)
    if not permissions.can_edit_unit_plans(request.user, unit):
        raise PermissionDenied
    defaults = services.agency_defaults(unit)
    form = forms.PlanForm(
        request.POST or None,
        initial={**defaults, "signer_title": "CHỦ TỊCH"},
        **_plan_form_kwargs(request, unit),
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if v not in ("", None, [])}
        values.setdefault("phases", None)
        try:
            plan = services.plan_create(unit=unit, actor=request.user, **values)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã tạo kế hoạch."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "unit": unit, "plan": None})


@login_required
def plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, edit=True)
    initial = {
        f: getattr(plan, f)
        for f in forms.PlanForm.base_fields
        if f not in {"phases", "parent_plan"}
    }
    initial["phases"] = [
        {"name": p.name, "from": p.starts_on, "to": p.ends_on} for p in plan.phases.all()
    ]
    initial["parent_plan"] = plan.parent_plan_id
    form = forms.PlanForm(
        request.POST or None, initial=initial, **_plan_form_kwargs(request, plan.unit)
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        phases = values.pop("phases") or None
        try:
            services.plan_update(plan=plan, actor=request.user, phases=phases, **values)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "unit": plan.unit, "plan": plan})


@login_required
def plan_copy(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = _current_unit(request)
    if not permissions.can_edit_unit_plans(request.user, unit):
        raise PermissionDenied
    form = forms.PlanCopyForm(
        request.POST or None,
        sources=selectors.copy_source_choices(request.user, unit),
        initial={"source": request.GET.get("source")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_copy(
                source=form.cleaned_data["source"],
                unit=unit,
                starts_on=form.cleaned_data["starts_on"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(
                request, _("Đã tạo kế hoạch mới từ kế hoạch mẫu; hãy rà soát nội dung.")
            )
            return redirect(plan)
    return render(request, "plans/plan_copy.html", {"form": form, "unit": unit})


@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, full=False)
    full = permissions.can_view_plan(request.user, plan)
    can_edit = permissions.can_edit_plan(request.user, plan)
    tasks = list(selectors.plan_tasks(request.user, plan))
    reportable = {t.pk for t in tasks if permissions.can_report_task(request.user, t)}
    # The plan this one implements is named, and linked only when the user may open it.
    parent_linked = bool(
        plan.parent_plan_id
        and permissions.visible_plans(request.user).filter(pk=plan.parent_plan_id).exists()
    )
    context = {
        "plan": plan,
        "parent_linked": parent_linked,
        "full": full,
        "can_edit": can_edit,
        "tasks": tasks,
        "reportable": reportable,
        "phases": plan.phases.all(),
        "venues": plan.venues.all(),
        "children": plan.implementing_plans.select_related("unit") if full else [],
        "task_form": forms.TaskForm(units=forms.unit_choices(plan.unit)) if can_edit else None,
        "report_form": forms.TaskReportForm(),
        "issue_form": forms.IssueForm(
            initial={"number": plan.number, "issued_on": plan.issued_on or timezone.localdate()}
        ),
        "results": selectors.plan_results(plan) if full else None,
        # Said before the download: a new plan's document would be a skeleton.
        "document_gaps": required.missing_fields(
            "plan.document", outputs.plan_document_context(plan), advisory=True
        )
        if full
        else [],
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The live results tiles (htmx partial, refreshed by the plan page)."""
    plan = permissions.plan_get_or_404(request.user, pk)
    return render(
        request,
        "plans/plan_detail.html#results",
        {"plan": plan, "results": selectors.plan_results(plan)},
    )


@login_required
@require_POST
def plan_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, edit=True)
    form = forms.IssueForm(request.POST)
    if form.is_valid():
        services.plan_issue(plan=plan, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã ghi số, ngày ban hành kế hoạch."))
    else:
        messages.error(request, _("Số hoặc ngày ban hành không hợp lệ."))
    return redirect(plan)


@login_required
def plan_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk)
    try:
        rendered = outputs.plan_docx(plan)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(plan)
    return _download(
        rendered.content,
        outputs.plan_filename(plan, "ke-hoach", "docx"),
        rendered.content_type,
    )


@login_required
def report_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk)
    try:
        rendered = outputs.report_docx(plan, on=timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(plan)
    return _download(
        rendered.content,
        outputs.plan_filename(plan, "bao-cao", "docx"),
        rendered.content_type,
    )


# -- tasks --------------------------------------------------------------------------------


@login_required
@require_POST
def task_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, edit=True)
    form = forms.TaskForm(request.POST, units=forms.unit_choices(plan.unit))
    if form.is_valid():
        try:
            services.task_create(plan=plan, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
    else:
        messages.error(request, _("Nhiệm vụ chưa đủ thông tin: %(e)s") % {"e": form.errors})
    return redirect(plan)


@login_required
@require_POST
def task_report(request: AuthenticatedHttpRequest, pk: int, task_pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, full=False)
    task = get_object_or_404(
        selectors.plan_tasks(request.user, plan).select_related("plan__unit"), pk=task_pk
    )
    if not permissions.can_report_task(request.user, task):
        raise PermissionDenied
    form = forms.TaskReportForm(request.POST)
    if form.is_valid():
        own = [a.unit for a in task.assignees.all() if permissions.roles_on(request.user, a.unit)]
        services.task_report(
            task=task,
            actor=request.user,
            unit=own[0] if own else plan.unit,
            **form.cleaned_data,
        )
        messages.success(request, _("Đã ghi báo cáo tiến độ."))
    else:
        messages.error(request, _("Hãy nhập kết quả thực hiện."))
    return redirect(plan)


# -- roster -------------------------------------------------------------------------------


def _roster_context(request, plan, form=None) -> dict:
    rows = selectors.roster_rows(plan)
    people = selectors.eligible_people(plan.unit)
    if form is None:
        initial = {}
        if plan.roster_leaders:
            by_name = {u.username: u for u in people}
            head = by_name.get(plan.roster_leaders[0])
            initial = {
                "head": head,
                "leaders": [by_name[n] for n in plan.roster_leaders[1:] if n in by_name],
                "officers": [by_name[n] for n in plan.roster_officers if n in by_name],
            }
        form = forms.RosterForm(people=people, initial=initial)
    return {
        "plan": plan,
        "form": form,
        "days": selectors.roster_by_day(plan, rows),
        "compliance": selectors.roster_compliance(plan, rows),
        "report": selectors.roster_report(plan, rows) if rows else None,
        "notes": plan.roster_report.get("notes", []),
        "can_edit": permissions.can_edit_plan(request.user, plan),
        "publish_form": forms.PublishForm(initial={"on": timezone.localdate()}),
        "times": roster.SLOT_TIMES,
    }


@login_required
def roster_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, edit=request.method == "POST")
    form = None
    if request.method == "POST":
        form = forms.RosterForm(request.POST, people=selectors.eligible_people(plan.unit))
        if form.is_valid():
            data = form.cleaned_data
            leaders = [data["head"], *[u for u in data["leaders"] if u != data["head"]]]
            try:
                roster_services.roster_generate(
                    plan=plan,
                    officers=list(data["officers"]),
                    leaders=leaders,
                    actor=request.user,
                    publish_on=data["publish_on"],
                )
            except DomainError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Đã lập lịch trực cho cả kỳ kế hoạch."))
                return redirect("plans:roster", pk=plan.pk)
    context = _roster_context(request, plan, form)
    if request.htmx and request.GET.get("part") == "compliance":
        return render(request, "plans/roster.html#compliance", context)
    return render(request, "plans/roster.html", context)


@login_required
@require_POST
def roster_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, edit=True)
    form = forms.PublishForm(request.POST)
    if form.is_valid():
        try:
            roster_services.roster_publish(
                plan=plan, actor=request.user, on=form.cleaned_data["on"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận ngày niêm yết lịch tiếp công dân."))
    return redirect("plans:roster", pk=plan.pk)


@login_required
def roster_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk)
    return _download(
        outputs.roster_xlsx(plan), outputs.roster_filename(plan, "xlsx"), outputs.XLSX_TYPE
    )


@login_required
def roster_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk)
    try:
        rendered = outputs.roster_docx(plan)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:roster", pk=plan.pk)
    return _download(rendered.content, rendered.filename, rendered.content_type)


def _shift_edited(
    request: AuthenticatedHttpRequest, plan: Plan, shift: Shift, form: forms.ShiftForm
) -> HttpResponse | None:
    """Replace the shift's people by hand: back to the roster, or None with the errors shown."""
    try:
        roster_services.shift_update(
            shift=shift,
            officers=list(form.cleaned_data["officers"]),
            leader=form.cleaned_data["leader"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except DomainError as exc:
        _apply(form, exc)
        return None
    messages.success(request, _("Đã sửa ca trực."))
    return redirect("plans:roster", pk=plan.pk)


def _shifts_swapped(
    request: AuthenticatedHttpRequest, plan: Plan, swap: forms.SwapForm
) -> HttpResponse | None:
    """Exchange two people's shifts: back to the roster, or None with the errors shown."""
    try:
        roster_services.shift_swap(
            first=swap.cleaned_data["mine"],
            second=swap.cleaned_data["other"],
            note=swap.cleaned_data["note"],
            actor=request.user,
        )
    except DomainError as exc:
        _apply(swap, exc)
        return None
    messages.success(request, _("Đã đổi ca."))
    return redirect("plans:roster", pk=plan.pk)


@login_required
def shift_edit(request: AuthenticatedHttpRequest, pk: int, shift_pk: int) -> HttpResponse:
    plan = permissions.plan_get_or_404(request.user, pk, edit=True)
    shift = get_object_or_404(
        Shift.objects.filter(plan=plan).prefetch_related("assignments__user"), pk=shift_pk
    )
    current = list(shift.assignments.all())
    leader = next((a.user for a in current if a.role == AssignmentRole.LEADER), None)
    action = request.POST.get("action") if request.method == "POST" else None
    form = forms.ShiftForm(
        request.POST if action == "edit" else None,
        people=selectors.eligible_people(plan.unit),
        initial={
            "leader": leader,
            "officers": [a.user for a in current if a.role == AssignmentRole.OFFICER],
        },
    )
    mine, others = selectors.swap_choices(plan, shift)
    swap = forms.SwapForm(request.POST if action == "swap" else None, mine=mine, others=others)
    done = None
    if action == "edit" and form.is_valid():
        done = _shift_edited(request, plan, shift, form)
    elif action == "swap" and swap.is_valid():
        done = _shifts_swapped(request, plan, swap)
    return done or render(
        request,
        "plans/shift_edit.html",
        {"plan": plan, "shift": shift, "form": form, "swap": swap, "current": current},
    )


# -- leave, my shifts, iCalendar ----------------------------------------------------------


@login_required
def leave_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = _current_unit(request)
    if not permissions.can_view_unit_plans(request.user, unit):
        raise PermissionDenied
    can_edit = permissions.can_edit_unit_plans(request.user, unit)
    people = selectors.eligible_people(unit)
    form = forms.LeaveForm(request.POST or None, people=people)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.leave_create(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Đã ghi lịch nghỉ."))
                return redirect("plans:leaves")
    return render(
        request,
        "plans/leaves.html",
        {"leaves": selectors.leave_list(request.user, unit), "form": form, "can_edit": can_edit},
    )


def ical_token(user: User) -> str:
    return signing.dumps(user.pk, salt=ICAL_SALT)


@login_required
def my_shifts(request: AuthenticatedHttpRequest) -> HttpResponse:
    since = timezone.localdate() - timedelta(days=7)
    feed = request.build_absolute_uri(
        reverse("plans:ical", kwargs={"token": ical_token(request.user)})
    )
    return render(
        request,
        "plans/my_shifts.html",
        {"assignments": selectors.my_shifts(request.user, since=since), "feed": feed},
    )


@public_rate_limited
def ical_feed(request, token: str) -> HttpResponse:
    """The officer's shifts for calendar apps, which cannot log in: the URL carries a signed
    token instead."""
    try:
        user_id = signing.loads(token, salt=ICAL_SALT)
    except signing.BadSignature as exc:
        raise Http404 from exc
    user = get_object_or_404(User, pk=user_id, is_active=True)
    since = timezone.localdate() - timedelta(days=90)
    events = []
    for a in selectors.my_shifts(user, since=since):
        start, end = roster.SLOT_TIMES[a.slot]
        what = a.shift.get_slot_display()
        if a.shift.kind == ShiftKind.PERIODIC and a.role == AssignmentRole.LEADER:
            what = _("Tiếp công dân định kỳ")
        role = a.get_role_display()
        events.append(
            ical.Event(
                uid=f"shift-{a.shift_id}-{a.user_id}@tiepdan",
                day=a.date,
                start=start,
                end=end,
                summary=f"{role}: {what}",
                description=a.shift.plan.title,
                location=a.shift.plan.unit.name,
            )
        )
    body = ical.calendar(
        _("Lịch trực của %(n)s") % {"n": user.display_name}, events, stamp=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-truc.ics"'
    return response


# -- public -------------------------------------------------------------------------------


@public_rate_limited
def public_schedule(request, unit_code: str) -> HttpResponse:
    """The schedule posted for citizens (Luật TCD Art 24): no login."""
    unit = get_object_or_404(Unit, code=unit_code)
    return render(
        request,
        "plans/public_schedule.html",
        {"unit": unit, **selectors.public_schedule(unit)},
    )
