"""The reception desk, the register and visit pages."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.cases import vault
from tiepdan.cases.models import SubjectCategory
from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens import services as citizen_services
from tiepdan.core.errors import DomainError
from tiepdan.core.http import AuthenticatedHttpRequest
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.permissions import Action, has_permission
from tiepdan.petitions.redaction import redact
from tiepdan.reception import documents as reception_documents
from tiepdan.reception import forms, selectors, services
from tiepdan.reception import pdf as reception_pdf
from tiepdan.reception.constants import Handling
from tiepdan.reception.models import ReceptionVenue
from tiepdan.reception.register import register_row

VISIT_FORM_FIELDS = set(forms.VisitForm.base_fields)


def _forbidden(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def _selected_citizens(request: AuthenticatedHttpRequest, ids: list[str]) -> list:
    wanted = [int(i) for i in ids if str(i).isdigit()]
    found = {
        c.pk: c for c in citizen_selectors.citizen_queryset(request.user).filter(pk__in=wanted)
    }
    return [found[i] for i in dict.fromkeys(wanted) if i in found]


def _subjects(unit):
    return SubjectCategory.objects.filter(unit__isnull=True) | SubjectCategory.objects.filter(
        unit=unit
    )


def _apply_errors(form: forms.VisitForm, exc: DomainError) -> None:
    for name, msgs in exc.fields.items():
        for msg in msgs:
            form.add_error(name if name in VISIT_FORM_FIELDS else None, msg)
    if not exc.fields:
        form.add_error(None, exc.message)


@login_required
def desk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Record a visit: citizens, matter, classification, content and the handling at the desk."""
    unit = request.unit
    if unit is None or not has_permission(request.user, Action.VISIT_RECORD, unit):
        return _forbidden(request)
    data = request.POST if request.method == "POST" else None
    ids = request.POST.getlist("citizen") if data else request.GET.getlist("citizen")
    citizens = _selected_citizens(request, ids)
    reps = set(request.POST.getlist("representative")) if data else set()
    form = forms.VisitForm(
        data,
        cases=selectors.case_choices_for(request.user, unit, citizens),
        subjects=_subjects(unit),
        initial={
            "received_at": timezone.localtime().replace(second=0, microsecond=0),
            "mode": "regular",
            "chaired_by": "officer",
            "channel": "in_person",
            "people_count": max(len(citizens), 1),
            "petition_type": "complaint",
            "domain": "admin.other",
            "handling": Handling.GUIDED,
        },
    )
    if data is not None and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            result = services.visit_record(
                unit=unit,
                actor=request.user,
                citizens=citizens,
                representatives=[c for c in citizens if str(c.pk) in reps],
                **values,
            )
        except DomainError as exc:
            _apply_errors(form, exc)
        else:
            visit = result.visit
            messages.success(
                request,
                _("Đã ghi sổ tiếp công dân, số thứ tự %(n)d/%(y)d.")
                % {"n": visit.register_number, "y": visit.year},
            )
            for warning in visit.warnings:
                messages.warning(request, warning)
            if result.alert_ids:
                messages.warning(
                    request, _("Đã phát cảnh báo đoàn đông người tới lãnh đạo và công an.")
                )
            return redirect("reception:visit", pk=visit.pk)
    # The history of every person picked stays on the desk (a few people: one query set each).
    histories = [(c, selectors.citizen_history(request.user, c, unit)) for c in citizens]
    return render(
        request,
        "reception/desk.html",
        {
            "form": form,
            "citizens": citizens,
            "reps": reps,
            "histories": histories,
            "new_citizen_form": forms.DeskCitizenForm(),
        },
    )


@login_required
def desk_citizen_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = list(citizen_selectors.citizen_search(request.user, query)) if query else []
    return render(
        request, "reception/desk.html#search-results", {"results": results, "query": query}
    )


def _picked(request: AuthenticatedHttpRequest, citizen, **extra) -> HttpResponse:
    unit = request.unit
    ids = [*request.GET.getlist("citizen"), *request.POST.getlist("citizen"), str(citizen.pk)]
    citizens = _selected_citizens(request, ids)
    form = forms.VisitForm(cases=selectors.case_choices_for(request.user, unit, citizens))
    return render(
        request,
        "reception/desk_picked.html",
        {
            "citizen": citizen,
            "history": selectors.citizen_history(request.user, citizen, unit),
            "form": form,
            "already": str(citizen.pk) in request.GET.getlist("citizen"),
            **extra,
        },
    )


@login_required
def desk_citizen_pick(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a citizen to the visit; answer with the chip, the history and the matters (htmx)."""
    if request.unit is None:
        return _forbidden(request)
    return _picked(request, citizen_selectors.citizen_get(request.user, pk))


@login_required
@require_POST
def desk_citizen_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, Action.CITIZEN_EDIT, unit):
        return _forbidden(request)
    form = forms.DeskCitizenForm(request.POST)
    if form.is_valid():
        try:
            citizen = citizen_services.citizen_create(
                unit=unit, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            for name, msgs in exc.fields.items():
                for msg in msgs:
                    form.add_error(name if name in form.fields else None, msg)
        else:
            # An empty form replaces the one sent, so no earlier input or error comes back.
            return _picked(request, citizen, new_citizen_form=forms.DeskCitizenForm())
    response = render(request, "reception/desk.html#new-citizen", {"new_citizen_form": form})
    response["HX-Retarget"] = "#new-citizen"
    response["HX-Reswap"] = "outerHTML"
    return response


@login_required
def visit_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(request.user, pk)
    if not has_permission(request.user, Action.VISIT_VIEW, visit.unit):
        return _forbidden(request)
    # A sealed denunciation's attendees are in the vault (cases.vault), read for those allowed.
    attendees = vault.visit_attendees(visit)
    people = [a.citizen for a in attendees]
    if visit.is_sealed:
        # Shown without the denouncer: the free texts are redacted in memory, never saved.
        for name in ("content", "request", "resolution_history", "guidance", "notes"):
            setattr(visit, name, redact(getattr(visit, name), people))
        attendees = []
    else:
        visit.content = vault.original_text(visit, "content")
        if any(a.pk is None for a in attendees):
            vault.attendees_viewed(user=request.user, visit=visit, where="visit page")
    return render(
        request,
        "reception/visit_detail.html",
        {
            "visit": visit,
            "attendees": attendees,
            "petitions": list(visit.petitions.all()),
            "refusal": getattr(visit, "refusal", None),
            "printable": reception_documents.documents_for(visit),
            "lacking": reception_documents.documents_lacking(visit),
        },
    )


@login_required
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reception register (sổ tiếp công dân) of the current unit for a period."""
    unit = request.unit
    if unit is None or not has_permission(request.user, Action.VISIT_VIEW, unit):
        return _forbidden(request)
    today = timezone.localdate()
    params = request.GET.copy()
    params.setdefault("first", today.replace(day=1).isoformat())
    params.setdefault("last", today.isoformat())
    form = forms.RegisterFilterForm(params)
    visits = []
    new_layout = False
    if form.is_valid():
        data = form.cleaned_data
        visits = [register_row(v) for v in selectors.visit_register(request.user, unit, **data)]
        # The layout of the form in force at the end of the period (NĐ 154/2026 from 1/7/2026).
        new_layout = data["last"] >= dt.date(2026, 7, 1)
    return render(
        request,
        "reception/register.html",
        {
            "form": form,
            "visits": visits,
            "new_layout": new_layout,
            "unit": unit,
            "export_query": params.urlencode(),
        },
    )


def _leaders(unit):
    from tiepdan.organizations.models import User

    return (
        User.objects.filter(memberships__unit=unit, memberships__role__in=["leader"])
        .distinct()
        .order_by("full_name")
    )


@login_required
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reception sessions of the unit: leaders' periodic and ad-hoc reception, several bodies."""
    unit = request.unit
    if unit is None or not has_permission(request.user, Action.VISIT_VIEW, unit):
        return _forbidden(request)
    can_manage = has_permission(request.user, Action.SESSION_MANAGE, unit)
    form = forms.SessionForm(
        request.POST if request.method == "POST" else None,
        leaders=_leaders(unit),
        venues=ReceptionVenue.objects.filter(unit=unit, is_active=True),
        initial={
            "date": timezone.localdate(),
            "mode": "periodic",
            "chaired_by": "head",
            "body": "peoples_committee",
            "channel": "in_person",
        },
    )
    if request.method == "POST":
        if not can_manage:
            return _forbidden(request)
        if form.is_valid():
            try:
                session = services.session_create(
                    unit=unit, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã tạo kỳ tiếp công dân."))
                return redirect("reception:session", pk=session.pk)
    return render(
        request,
        "reception/session_list.html",
        {
            "sessions": selectors.session_list(request.user, unit)[:100],
            "form": form,
            "can_manage": can_manage,
            "directions": selectors.direction_open_list(request.user, unit)[:100],
        },
    )


@login_required
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A session, its visits, and its conclusion notice with the directions it gave."""
    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, Action.VISIT_VIEW, session.unit):
        return _forbidden(request)
    can_manage = has_permission(request.user, Action.SESSION_MANAGE, session.unit)
    units = org_selectors.visible_units(request.user).filter(path__startswith=session.unit.path)
    posted = request.method == "POST"
    form = forms.ConclusionForm(
        request.POST if posted else None, initial={"issued_on": timezone.localdate()}
    )
    formset = forms.DirectionFormSet(
        request.POST if posted else None, form_kwargs={"units": units}, prefix="d"
    )
    if posted:
        if not can_manage:
            return _forbidden(request)
        if form.is_valid() and formset.is_valid():
            directions = [f.cleaned_data for f in formset if f.cleaned_data.get("text")]
            try:
                services.session_conclude(
                    session=session, actor=request.user, directions=directions, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã ban hành thông báo kết luận."))
                return redirect("reception:session", pk=session.pk)
    conclusion = getattr(session, "conclusion", None)
    return render(
        request,
        "reception/session_detail.html",
        {
            "session": session,
            "can_manage": can_manage,
            "form": form,
            "formset": formset,
            "conclusion": conclusion,
            "directions": list(conclusion.directions.select_related("assignee"))
            if conclusion
            else [],
            "visits": list(session.visits.order_by("register_number")),
        },
    )


@login_required
@require_POST
def direction_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from tiepdan.reception.models import Direction

    direction = (
        org_selectors.scope_filter(request.user, Direction.objects.all(), "assignee")
        .select_related("assignee", "conclusion__session")
        .filter(pk=pk)
        .first()
    )
    if direction is None:
        from django.http import Http404

        raise Http404
    form = forms.DirectionDoneForm(request.POST)
    if form.is_valid():
        try:
            services.direction_complete(
                direction=direction, actor=request.user, result=form.cleaned_data["result"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã báo cáo hoàn thành nội dung chỉ đạo."))
    else:
        messages.error(request, _("Nhập kết quả thực hiện."))
    return redirect("reception:session", pk=direction.conclusion.session_id)


def _download(document, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    return response


def _visit_document(request: AuthenticatedHttpRequest, pk: int, code: str, render) -> Any:
    """The rendered document, or the response to send instead (403, back to the visit)."""
    visit = selectors.visit_get(request.user, pk)
    if not has_permission(request.user, Action.VISIT_VIEW, visit.unit):
        return _forbidden(request)
    try:
        return render(visit, code)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reception:visit", pk=visit.pk)


@login_required
def visit_document_download(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """Print a receipt, slip or refusal notice of a visit (DOCX clerks can edit)."""
    document = _visit_document(request, pk, code, reception_documents.visit_document)
    return document if isinstance(document, HttpResponse) else _download(document)


@login_required
def visit_document_pdf(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """The same document as a PDF shown in the browser, to print at once without Word."""
    document = _visit_document(request, pk, code, reception_pdf.visit_pdf)
    return document if isinstance(document, HttpResponse) else _download(document, inline=True)


@login_required
def session_conclusion_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, Action.VISIT_VIEW, session.unit):
        return _forbidden(request)
    if getattr(session, "conclusion", None) is None:
        messages.error(request, _("Kỳ tiếp này chưa có thông báo kết luận."))
        return redirect("reception:session", pk=session.pk)
    try:
        document = reception_documents.conclusion_document(session)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reception:session", pk=session.pk)
    return _download(document)


@login_required
def register_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The register of the filtered period as DOCX or XLSX in the official layout."""
    unit = request.unit
    if unit is None or not has_permission(request.user, Action.VISIT_VIEW, unit):
        return _forbidden(request)
    form = forms.RegisterFilterForm(request.GET)
    if fmt not in ("docx", "xlsx") or not form.is_valid():
        messages.error(request, _("Chọn kỳ hợp lệ trước khi xuất sổ."))
        return redirect("reception:register")
    data = form.cleaned_data
    visits = list(selectors.visit_register(request.user, unit, **data))
    try:
        document = reception_documents.register_document(
            unit, visits, data["first"], data["last"], fmt
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reception:register")
    return _download(document)
