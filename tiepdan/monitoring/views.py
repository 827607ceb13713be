"""HTML pages of situation monitoring: dashboard, alerts and their handling, hotspots, partner
notes, thresholds, the daily bulletin."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.core.classification import Domain
from tiepdan.core.errors import DomainError
from tiepdan.monitoring import charts, forecast, forms, panels, permissions, selectors, services
from tiepdan.monitoring.models import AlertKind, AlertStatus
from tiepdan.organizations.http import AuthenticatedHttpRequest

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def _apply(form, exc: DomainError) -> None:
    placed = False
    for name, msgs in exc.fields.items():
        if name in form.fields:
            for msg in msgs:
                form.add_error(name, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _place_grid(
    grid: dict[tuple[str, str], int], labels: dict[str, str]
) -> tuple[list["str | _StrPromise"], list[dict]]:
    """The heat grid of the dashboard: quarters down (the unknown quarter last, at most 40),
    the domains that occur across; (domain labels, rows)."""
    quarters = sorted({q for q, _d in grid}, key=lambda q: (q == "", q))
    domains = [d for d in Domain.values if any((q, d) in grid for q in quarters)]
    top = max(grid.values(), default=0)
    rows = [
        {
            "quarter": labels.get(q) or q or _("(không rõ khu dân cư)"),
            "cells": [
                {"value": grid.get((q, d), 0), "css": charts.heat_class(grid.get((q, d), 0), top)}
                for d in domains
            ],
        }
        for q in quarters[:40]
    ]
    return [Domain(d).label for d in domains], rows


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None:
        raise Http404
    if not permissions.can_view_dashboard(request.user, unit):
        return redirect("monitoring:alerts")  # partners: the alerts routed to them
    data = selectors.dashboard(request.user, unit)
    history = [(d, f.get("visits", 0)) for d, f in data["series"]]
    chart = charts.trend_chart(
        history,
        data["forecast"],
        title=_("Lượt tiếp 30 ngày qua và dự báo 14 ngày tới"),
        history_label=_("Lượt tiếp đã ghi sổ"),
        forecast_label=_("Dự báo (dải dao động)"),
    )
    groups_chart = charts.trend_chart(
        [(d, f.get("groups", 0)) for d, f in data["series"]],
        title=_("Đoàn đông người theo ngày"),
        history_label=_("Số đoàn đông người"),
        forecast_label="",
    )
    grid_domains, grid_rows = _place_grid(data["grid"], data["grid_labels"])
    hotspots = [
        {"h": h, "spark": charts.sparkline(h.trend or [], label=_("Diễn biến 14 ngày"))}
        for h in data["hotspots"]
    ]
    staffing = [(d, e, lo, hi, forecast.officers_needed(hi)) for d, e, lo, hi in data["forecast"]]
    return render(
        request,
        "monitoring/dashboard.html",
        {
            **data,
            "unit": unit,
            "chart": chart,
            "groups_chart": groups_chart,
            "grid_domains": grid_domains,
            "grid_rows": grid_rows,
            "hotspot_rows": hotspots,
            "staffing": staffing,
            "can_scan": permissions.can_edit_thresholds(request.user, unit),
            "panels": panels.panels_for(unit),
        },
    )


@login_required
@require_POST
def scan_now(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = permissions.dashboard_unit(request.user, request.unit)
    permissions.require(permissions.can_edit_thresholds(request.user, unit))
    result = services.hotspot_scan(root=unit, actor=request.user)
    messages.success(
        request,
        _("Đã quét: %(h)d điểm nóng tiềm ẩn, %(a)d cảnh báo mới.")
        % {"h": result.hotspots, "a": result.alerts_raised},
    )
    return redirect("monitoring:dashboard")


# -- alerts ----------------------------------------------------------------------------------


@login_required
def alert_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "active")
    kind = request.GET.get("kind", "")
    if status not in {"", "active", *AlertStatus.values}:
        status = "active"
    if kind not in AlertKind.values:
        kind = ""
    alerts = selectors.alert_list(request.user, None, status=status, kind=kind)[:200]
    return render(
        request,
        "monitoring/alert_list.html",
        {
            "alerts": alerts,
            "status": status,
            "kind": kind,
            "statuses": AlertStatus.choices,
            "kinds": AlertKind.choices,
        },
    )


def _alert_page(request, alert, **forms_) -> HttpResponse:
    alert = selectors.alert_detail(alert)
    units = [alert.unit, *alert.routed_to.all()]
    can_handle = permissions.can_handle_alert(request.user, alert)
    context = {
        "alert": alert,
        "can_handle": can_handle and alert.is_active,
        "can_follow": permissions.can_follow_up_alert(request.user, alert) and alert.is_active,
        "assign_form": forms_.get("assign_form") or forms.AssignForm(units=units, prefix="assign"),
        "follow_form": forms_.get("follow_form") or forms.FollowUpForm(prefix="follow"),
        "close_form": forms_.get("close_form") or forms.CloseForm(prefix="close"),
        "errors": [e for f in forms_.values() for e in f.non_field_errors()],
    }
    return render(request, "monitoring/alert_detail.html", context, status=400 if forms_ else 200)


@login_required
def alert_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _alert_page(request, permissions.alert_get_or_404(request.user, pk))


@login_required
@require_POST
def alert_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alert = permissions.alert_get_or_404(request.user, pk)
    permissions.require(permissions.can_handle_alert(request.user, alert))
    services.alert_acknowledge(alert=alert, actor=request.user)
    messages.success(request, _("Đã tiếp nhận cảnh báo."))
    return redirect(alert)


@login_required
@require_POST
def alert_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alert = permissions.alert_get_or_404(request.user, pk)
    permissions.require(permissions.can_handle_alert(request.user, alert))
    form = forms.AssignForm(
        request.POST, units=[alert.unit, *alert.routed_to.all()], prefix="assign"
    )
    if form.is_valid():
        try:
            services.alert_assign(alert=alert, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã giao xử lý."))
            return redirect(alert)
    return _alert_page(request, alert, assign_form=form)


@login_required
@require_POST
def alert_follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alert = permissions.alert_get_or_404(request.user, pk)
    permissions.require(permissions.can_follow_up_alert(request.user, alert))
    form = forms.FollowUpForm(request.POST, prefix="follow")
    if form.is_valid():
        try:
            services.alert_follow_up(alert=alert, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận việc đã làm."))
            return redirect(alert)
    return _alert_page(request, alert, follow_form=form)


@login_required
@require_POST
def alert_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alert = permissions.alert_get_or_404(request.user, pk)
    permissions.require(permissions.can_handle_alert(request.user, alert))
    form = forms.CloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.alert_close(alert=alert, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã kết thúc cảnh báo."))
            return redirect(alert)
    return _alert_page(request, alert, close_form=form)


# -- hotspots --------------------------------------------------------------------------------


@login_required
def hotspot_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = permissions.dashboard_unit(request.user, request.unit)
    rows = [
        {"h": h, "spark": charts.sparkline(h.trend or [], label=_("Diễn biến 14 ngày"))}
        for h in selectors.hotspot_list(request.user, unit)[:200]
    ]
    return render(request, "monitoring/hotspot_list.html", {"rows": rows, "unit": unit})


@login_required
def hotspot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    hotspot = permissions.hotspot_get_or_404(request.user, pk)
    alerts = selectors.alert_list(request.user).filter(hotspot=hotspot)
    return render(
        request,
        "monitoring/hotspot_detail.html",
        {
            "hotspot": hotspot,
            "alerts": alerts,
            "spark": charts.sparkline(hotspot.trend or [], label=_("Diễn biến 14 ngày")),
        },
    )


# -- partner notes ---------------------------------------------------------------------------


@login_required
def note_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None:
        raise Http404
    notes = selectors.note_list(request.user, unit)[:200]
    return render(
        request,
        "monitoring/note_list.html",
        {"notes": notes, "unit": unit, "can_write": permissions.can_write_note(request.user, unit)},
    )


@login_required
def note_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None:
        raise Http404
    permissions.require(permissions.can_write_note(request.user, unit))
    units = selectors.note_units(unit)
    about = unit.parent if unit.is_partner and unit.parent_id else unit
    form = forms.NoteForm(request.POST or None, units=units, initial={"unit": about})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            note = services.note_record(author_unit=unit, actor=request.user, **values)
        except DomainError as exc:
            _apply(form, exc)
        else:
            if note.alert_id:
                messages.warning(
                    request, _("Đã ghi tin và phát cảnh báo cho lãnh đạo trực, công an.")
                )
            else:
                messages.success(request, _("Đã ghi tin tình hình."))
            return redirect("monitoring:notes")
    return render(
        request,
        "monitoring/note_form.html",
        {"form": form, "unit": unit},
        status=400 if form.errors else 200,
    )


# -- thresholds ------------------------------------------------------------------------------


@login_required
def thresholds(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = permissions.dashboard_unit(request.user, request.unit)
    permissions.require(permissions.can_edit_thresholds(request.user, unit))
    row = selectors.thresholds_row(unit)
    own = row is not None and row.unit_id == unit.pk
    limits = selectors.limits_for(unit)
    initial = {f: getattr(limits, f) for f in forms.ThresholdsForm.Meta.fields}
    form = forms.ThresholdsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.thresholds_update(unit=unit, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Đã lưu ngưỡng cảnh báo."))
            return redirect("monitoring:thresholds")
    return render(
        request,
        "monitoring/thresholds.html",
        {
            "form": form,
            "unit": unit,
            "own": own,
            "inherited_from": row.unit if row and not own else None,
        },
        status=400 if form.errors else 200,
    )


# -- bulletin --------------------------------------------------------------------------------


def _day(request) -> date:
    form = forms.BulletinDayForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("day"):
        return form.cleaned_data["day"]
    return timezone.localdate()


@login_required
def bulletin(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = permissions.dashboard_unit(request.user, request.unit)
    day = _day(request)
    shown = selectors.bulletin_of_day(unit, day)  # the issued one, else today's figures
    context = services.bulletin_context(unit, shown.content)
    return render(
        request,
        "monitoring/bulletin.html",
        {
            "unit": unit,
            "day": day,
            "previous": day - timedelta(days=1),
            "stored": shown if shown.pk else None,
            "doc": context,
            "form": forms.BulletinDayForm(initial={"day": day}),
        },
    )


@login_required
def bulletin_docx(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = permissions.dashboard_unit(request.user, request.unit)
    day = _day(request)
    try:
        rendered = services.bulletin_render(selectors.bulletin_of_day(unit, day))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:bulletin")
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="ban-tin-{day:%Y-%m-%d}.docx"'
    return response
