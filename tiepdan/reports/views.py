"""HTML pages of the reports: the forms with drill-down, submitted reports, inbox, exports and
the plan-period report."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.monitoring.models import AlertKind, AlertStatus
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.petitions.constants import Outcome
from tiepdan.reports import (
    deadlines,
    outputs,
    permissions,
    selectors,
    services,
    submission_watch,
    submitted,
    table,
)
from tiepdan.reports.constants import SYNC_EXPORT_MAX_UNITS, ExportFormat, ExportStatus
from tiepdan.reports.forms import ManagementFiguresForm, ReportFilterForm
from tiepdan.reports.forms_registry import (
    DERIVED,
    FORM_CODES,
    MEASURE_UNITS,
    WEB_FORM_CODES,
    FormNotInForce,
    FormVersion,
    form_version_for,
    form_versions,
)
from tiepdan.reports.models import MANAGEMENT_LABELS, ManagementFigures, ReportExport
from tiepdan.reports.periods import Period

DRILL_PAGE_SIZE = 50


def _filter(request: AuthenticatedHttpRequest) -> ReportFilterForm:
    if not permissions.can_view_any(request.user):
        raise PermissionDenied
    return ReportFilterForm(request.GET or None, user=request.user, default_unit=request.unit)


def _params(request: AuthenticatedHttpRequest, *, submit: bool = False) -> tuple[Any, Period, str]:
    """(unit, period, query string) of a report page; 404/403 on the unit, 404 on bad dates."""
    form = _filter(request)
    if not form.is_valid():
        if "unit" in form.errors and request.GET.get("unit"):
            raise Http404
        raise Http404(_("Kỳ báo cáo không hợp lệ."))
    unit = form.cleaned_data["unit"]
    if not (permissions.can_submit if submit else permissions.can_view)(request.user, unit):
        raise PermissionDenied
    return unit, form.cleaned_data["period_obj"], form.query


def not_in_force_message(exc: FormNotInForce) -> str:
    """Why a form has no report for the period: abolished before it, or not yet in force;
    with the forms to use instead."""
    regime = exc.regime.removeprefix("TT ")
    if exc.first_day is not None:
        text = _("Biểu này áp dụng cho kỳ báo cáo kết thúc từ ngày %(date)s (Thông tư %(regime)s).")
    else:
        text = _("Biểu này chỉ áp dụng cho kỳ báo cáo trước ngày %(date)s (Thông tư %(regime)s).")
    text %= {"date": f"{exc.first_day_after:%d/%m/%Y}", "regime": regime}
    if exc.use:
        text += " " + _("Kỳ này dùng biểu %(forms)s.") % {"forms": ", ".join(exc.use)}
    return text


def _version(form_code: str, period: Period) -> FormVersion:
    """The version of a form the pages serve; `FormNotInForce` past a form's last day."""
    if form_code not in WEB_FORM_CODES:
        raise Http404
    return form_version_for(form_code, period.end)


def _not_in_force(
    request: AuthenticatedHttpRequest, form_code: str, exc: FormNotInForce
) -> HttpResponse:
    """The form asked for a period after its regime: say so (404) and offer other periods."""
    return render(
        request,
        "reports/form_not_in_force.html",
        {
            "version": form_versions(form_code)[-1],
            "message": not_in_force_message(exc),
            "form": _filter(request),
            "action": reverse("reports:report", args=[form_code]),
        },
        status=404,
    )


def _form_in_force(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view of one form answers with the reason when the form has no version for the period
    asked (`_version` raises before anything is written)."""

    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, form: str, *args: Any, **kwargs: Any):
        try:
            return view(request, form, *args, **kwargs)
        except FormNotInForce as exc:
            return _not_in_force(request, form, exc)

    return wrapper


def _index_rows(period: Period) -> tuple[list[FormVersion], list[dict[str, Any]]]:
    """The forms of the period's regime, and those that no longer apply with the reason."""
    forms, retired = [], []
    for code in WEB_FORM_CODES:
        try:
            forms.append(form_version_for(code, period.end))
        except FormNotInForce as exc:
            retired.append(
                {"version": form_versions(code)[-1], "message": not_in_force_message(exc)}
            )
    return forms, retired


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter(request)
    forms: list[FormVersion] = []
    retired: list[dict[str, Any]] = []
    if form.is_valid():
        forms, retired = _index_rows(form.cleaned_data["period_obj"])
    inbox = submitted.visible_snapshots(request.user).filter(sent_to__isnull=False)
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "forms": forms,
            "retired": retired,
            "api_codes": FORM_CODES,
            "query": form.query if form.is_valid() else "",
            "inbox_count": inbox.count(),
        },
    )


@login_required
@_form_in_force
def report_detail(request: AuthenticatedHttpRequest, form: str) -> HttpResponse:
    unit, period, query = _params(request)
    version = _version(form, period)
    report = selectors.report_compute(version, unit, period)
    deadline = deadlines.submission_deadline(period, unit.kind)
    days_left = deadline.days_left(timezone.localdate()) if deadline else None
    return render(
        request,
        "reports/report_detail.html",
        {
            "version": version,
            "report": report,
            "deadline": deadline,
            "days_left": days_left,
            "days_overdue": -days_left if days_left is not None and days_left < 0 else 0,
            "submissions": submitted.submissions(form, unit, period) if deadline else [],
            "needs_narrative": deadlines.needs_narrative(period),
            "to_review": (
                list(submitted.conclusions_to_review(unit, period)[:DRILL_PAGE_SIZE])
                if version.code == "04-GQTC"
                else []
            ),
            **table.report_table(report),
            "query": query,
            "can_submit": permissions.can_submit(request.user, unit),
            "export_formats": ExportFormat.choices,
            # The API's Excel link only for the forms of its contract; the others export here.
            "api_served": version.code in FORM_CODES,
        },
    )


@login_required
@_form_in_force
def drilldown(request: AuthenticatedHttpRequest, form: str, number: int) -> HttpResponse:
    unit, period, query = _params(request)
    version = _version(form, period)
    column = version.columns.get(number)
    if column is None:
        raise Http404
    scope, own = unit, request.GET.get("own") == "1"
    if request.GET.get("row"):
        scope = org_selectors.unit_get(request.user, request.GET["row"])
        if not scope.path.startswith(unit.path):
            raise Http404
    context: dict[str, Any] = {
        "version": version,
        "number": number,
        "label": version.label(number),
        "column": column,
        "unit": unit,
        "scope": scope,
        "own": own,
        "period": period,
        "query": query,
    }
    if column.pending or column.source == DERIVED:
        context["parts"] = [
            int(p) for p in column.formula.replace("-", "+").split("+") if column.formula
        ]
        return render(request, "reports/drilldown.html", context)
    records = selectors.drilldown_records(version, number, scope, period, own=own)
    page = Paginator(records, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        {"page": page, "source": column.source, "measure": MEASURE_UNITS[column.measure]}
    )
    return render(request, "reports/drilldown.html", context)


@login_required
@require_POST
@_form_in_force
def report_submit(request: AuthenticatedHttpRequest, form: str) -> HttpResponse:
    unit, period, query = _params(request, submit=True)
    _version(form, period)
    try:
        snapshot = services.snapshot_submit(form=form, unit=unit, period=period, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('reports:report', args=[form])}?{query}")
    messages.success(request, _("Đã chốt báo cáo."))
    return redirect(snapshot)


def _snapshot_or_404(request: AuthenticatedHttpRequest, pk: int) -> Any:
    if not permissions.can_view_any(request.user):
        raise PermissionDenied
    return get_object_or_404(submitted.visible_snapshots(request.user), pk=pk)


@login_required
def overdue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The periodic reports of the current unit and the units under it not sent in time."""
    unit = (
        permissions.get_report_unit_or_404(request.user, request.GET["unit"])
        if request.GET.get("unit")
        else request.unit
    )
    if unit is None or not permissions.can_view(request.user, unit):
        raise PermissionDenied
    today = timezone.localdate()
    rows = submission_watch.overdue_in_subtree(unit, today)
    page = Paginator(rows, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/overdue.html",
        {"unit": unit, "page": page, "today": today, "total": len(rows)},
    )


@login_required
def snapshot_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_view_any(request.user):
        raise PermissionDenied
    qs = submitted.visible_snapshots(request.user)
    inbox = request.GET.get("inbox") == "1"
    if inbox:
        qs = qs.filter(sent_to__isnull=False).order_by("-sent_at", "-pk")
    page = Paginator(qs, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/snapshot_list.html", {"page": page, "inbox": inbox})


@login_required
def snapshot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot_or_404(request, pk)
    comparison = services.snapshot_compare(snapshot)
    version = form_version_for(snapshot.form, snapshot.period_end)
    numbers = [str(n) for n in range(1, version.layout.columns + 1)]
    return render(
        request,
        "reports/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "version": version,
            "numbers": numbers,
            "frozen": [snapshot.data["columns"].get(n, 0) for n in numbers],
            "current": [comparison["current"]["columns"].get(n, 0) for n in numbers],
            "comparison": comparison,
            "can_send": snapshot.status == "submitted"
            and permissions.can_submit(request.user, snapshot.unit),
        },
    )


@login_required
@require_POST
def snapshot_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot_or_404(request, pk)
    if not permissions.can_submit(request.user, snapshot.unit):
        raise PermissionDenied
    try:
        services.snapshot_send(snapshot=snapshot, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi báo cáo lên cấp trên."))
    return redirect(snapshot)


@login_required
@require_POST
@_form_in_force
def export_create(request: AuthenticatedHttpRequest, form: str) -> HttpResponse:
    unit, period, _query = _params(request)
    _version(form, period)
    try:
        export = services.export_request(
            form=form, fmt=request.POST.get("fmt", ""), unit=unit, period=period, actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:exports")
    if org_selectors.unit_subtree(unit).count() <= SYNC_EXPORT_MAX_UNITS:
        services.export_run(export_id=export.pk)
        export.refresh_from_db()
        if export.status == ExportStatus.DONE:
            return redirect("reports:export-download", pk=export.pk)
    messages.info(request, _("Đang tạo tệp; tải về tại danh sách tệp xuất khi xong."))
    return redirect("reports:exports")


@login_required
def export_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_view_any(request.user):
        raise PermissionDenied
    qs = ReportExport.objects.filter(requested_by=request.user).select_related("unit")
    page = Paginator(qs, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/export_list.html", {"page": page})


@login_required
def export_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    export = get_object_or_404(
        ReportExport.objects.filter(requested_by=request.user, status=ExportStatus.DONE), pk=pk
    )
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type=outputs.CONTENT_TYPES[export.fmt],
    )


@login_required
def plan_period(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Báo cáo kết quả tiếp công dân of a plan period (e.g. Tết): `?from=&to=&unit=`."""
    form = _filter(request)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        unit, period = form.cleaned_data["unit"], form.cleaned_data["period_obj"]
        if not permissions.can_view(request.user, unit):
            raise PermissionDenied
        summary = selectors.plan_period_summary(unit, period)
        context.update(
            {
                "unit": unit,
                "period": period,
                "summary": summary,
                "rows": selectors.plan_period_rows(unit, period),
                "labels": _plan_labels(),
                "query": form.query,
            }
        )
    elif request.GET.get("unit") and "unit" in form.errors:
        raise Http404
    return render(request, "reports/plan_period.html", context)


def _plan_labels() -> dict[str, dict[str, Any]]:
    return {
        "type": dict(PetitionType.choices),
        "domain": dict(Domain.choices),
        "outcome": dict(Outcome.choices),
        "alert_kind": dict(AlertKind.choices),
        "alert_status": dict(AlertStatus.choices),
    }


MANAGEMENT_FORM = "06-QLKNTC"


@login_required
def management_entry(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The unit's own 06/QLKNTC figures for a period: shown, entered or corrected (leaders and
    unit administrators), each save audited with its source."""
    unit, period, query = _params(request, submit=request.method == "POST")
    try:
        version = _version(MANAGEMENT_FORM, period)
    except FormNotInForce as exc:
        return _not_in_force(request, MANAGEMENT_FORM, exc)
    current = ManagementFigures.objects.filter(
        unit=unit, period_start=period.start, period_end=period.end
    ).first()
    if request.method == "POST":
        form = ManagementFiguresForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.management_figures_save(
                    unit=unit,
                    period=period,
                    values={name: data[name] for name in MANAGEMENT_LABELS},
                    source_note=data["source_note"],
                    note=data["note"],
                    actor=request.user,
                )
            except DomainError as exc:
                for name, errors in exc.fields.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, _("Đã lưu số liệu quản lý nhà nước của đơn vị."))
                return redirect(f"{reverse('reports:report', args=[MANAGEMENT_FORM])}?{query}")
    else:
        initial = (
            {name: getattr(current, name) for name in [*MANAGEMENT_LABELS, "source_note", "note"]}
            if current
            else None
        )
        form = ManagementFiguresForm(initial=initial)
    return render(
        request,
        "reports/management_entry.html",
        {
            "version": version,
            "unit": unit,
            "period": period,
            "query": query,
            "form": form,
            "current": current,
            "can_edit": permissions.can_submit(request.user, unit),
        },
    )
