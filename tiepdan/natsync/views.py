"""Pages of the national database link: the status page (pending, failed with a retry
button, sent; counts rolled up the unit tree; the unit's switch) and the code-list mapping."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.core.errors import DomainError
from tiepdan.natsync import forms, mapping, permissions, selectors, send, services
from tiepdan.natsync.constants import CodeList, Status
from tiepdan.natsync.models import CodeMapping
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import Unit


def _unit(request: AuthenticatedHttpRequest) -> Unit:
    unit = request.unit
    if unit is None:
        raise Http404
    permissions.require(permissions.can_view_status(request.user, unit))
    return unit


@login_required
def status(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = _unit(request)
    chosen = request.GET.get("status", "")
    chosen = chosen if chosen in Status.values else ""
    page = Paginator(selectors.record_list(unit=unit, status=chosen), 50).get_page(
        request.GET.get("page")
    )
    setting = selectors.setting_for(unit)
    can_change = permissions.can_change_setting(request.user, unit)
    return render(
        request,
        "natsync/status.html",
        {
            "unit": unit,
            "page": page,
            "chosen": chosen,
            "statuses": Status.choices,
            "counts": selectors.unit_counts(unit=unit),
            "config": send.settings_summary(),
            "gap_count": len(mapping.gaps()),
            "setting": setting,
            "setting_form": forms.SettingForm(
                initial={
                    "enabled": setting.enabled,
                    "send_denouncer_identity": setting.send_denouncer_identity,
                }
            )
            if can_change
            else None,
            "can_edit_mapping": permissions.can_edit_mapping(request.user),
        },
    )


def _back(status: str = "") -> str:
    url = reverse("natsync:status")
    return f"{url}?status={status}" if status else url


@login_required
@require_POST
def record_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Make a failed record due now and try it at once (bounded by the transport's timeout)."""
    unit = _unit(request)
    record = selectors.record_get(unit=unit, pk=pk)
    if record is None:
        raise Http404
    try:
        services.record_retry(record=record, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_back(request.POST.get("status", "")))
    result = send.sync_due(record_ids=[record.pk])
    record.refresh_from_db()
    if result.error:
        messages.warning(request, _("Chưa gửi được: %(e)s") % {"e": result.error})
    elif record.status == Status.SENT:
        messages.success(request, _("Đã gửi lại thành công."))
    elif record.status == Status.FAILED and record.attempts and result.failed:
        messages.error(request, _("Gửi lại chưa thành công: %(e)s") % {"e": record.last_error})
    else:
        messages.info(request, _("Bản ghi sẽ được gửi sau khi các bước trước của vụ việc đã gửi."))
    return redirect(_back(request.POST.get("status", "")))


@login_required
@require_POST
def setting_update(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = _unit(request)
    permissions.require(permissions.can_change_setting(request.user, unit))
    form = forms.SettingForm(request.POST)
    form.is_valid()  # two check boxes: always valid
    services.setting_update(unit=unit, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu cấu hình liên thông của %(u)s.") % {"u": unit.name})
    return redirect("natsync:status")


@login_required
def mapping_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(permissions.can_edit_mapping(request.user))
    form = forms.MappingImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = form.cleaned_data["file"].read().decode("utf-8")
            created, changed = services.mapping_import(content=content, actor=request.user)
        except UnicodeDecodeError:
            form.add_error("file", _("Tệp phải là CSV mã hóa UTF-8."))
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request,
                _("Đã nhập %(c)d ánh xạ mới, sửa %(u)d ánh xạ.") % {"c": created, "u": changed},
            )
            return redirect("natsync:mapping")
    labels = dict(CodeList.choices)
    return render(
        request,
        "natsync/mapping.html",
        {
            "form": form,
            "gaps": [(labels[lst], value, label) for lst, value, label in mapping.gaps()],
            "mapped": CodeMapping.objects.count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def mapping_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(permissions.can_edit_mapping(request.user))
    # A byte-order mark lets spreadsheet programs read the Vietnamese text as UTF-8.
    response = HttpResponse("\ufeff" + mapping.export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="anh-xa-danh-muc-quoc-gia.csv"'
    return response
