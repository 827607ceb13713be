"""Person registry pages: search, register, detail with duplicates and merge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.citizens import forms, selectors, services
from tiepdan.citizens.permissions import CitizenAction
from tiepdan.core.errors import DomainError
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.permissions import has_permission


def _forbidden(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_required
def citizen_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Search page; with htmx only the result table is returned (live search as you type)."""
    unit = request.unit
    if unit is None or not has_permission(request.user, CitizenAction.VIEW, unit):
        return _forbidden(request)
    form = forms.SearchForm(request.GET)
    query = form.data.get("q", "").strip()
    results = list(selectors.citizen_search(request.user, query)) if query else []
    context = {"form": form, "query": query, "results": results}
    if request.htmx:
        return render(request, "citizens/citizen_list.html#results", context)
    return render(request, "citizens/citizen_list.html", context)


@login_required
def citizen_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, CitizenAction.EDIT, unit):
        return _forbidden(request)
    form = forms.CitizenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.citizen_create(unit=unit, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            for field, msgs in exc.fields.items():
                for msg in msgs:
                    form.add_error(field if field in form.fields else None, msg)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận công dân %(n)s.") % {"n": citizen.full_name})
            return redirect("citizens:detail", pk=citizen.pk)
    return render(request, "citizens/citizen_form.html", {"form": form})


@login_required
def citizen_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    citizen = selectors.citizen_get(request.user, pk)
    if not has_permission(request.user, CitizenAction.VIEW, citizen.unit):
        return _forbidden(request)
    duplicates = list(selectors.citizen_duplicates(request.user, citizen))
    return render(
        request,
        "citizens/citizen_detail.html",
        {
            "citizen": citizen,
            "duplicates": duplicates,
            "can_merge": has_permission(request.user, CitizenAction.MERGE, citizen.unit),
        },
    )


@login_required
@require_POST
def citizen_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    keep = selectors.citizen_get(request.user, pk)
    duplicate = selectors.citizen_get(request.user, int(request.POST.get("duplicate", 0) or 0))
    if not has_permission(request.user, CitizenAction.MERGE, keep.unit):
        return _forbidden(request)
    try:
        services.citizen_merge(keep=keep, duplicate=duplicate, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gộp hồ sơ trùng vào hồ sơ này."))
    return redirect("citizens:detail", pk=keep.pk)


@login_required
def citizen_duplicates(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, CitizenAction.MERGE, unit):
        return _forbidden(request)
    groups = selectors.citizen_duplicate_candidates(request.user)
    return render(request, "citizens/citizen_duplicates.html", {"groups": groups})
