"""The reception desk, the register and visit pages."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.citizens.permissions import CitizenAction
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.matters.models import SubjectCategory
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import Unit
from tiepdan.organizations.permissions import has_permission
from tiepdan.reception import cccd_qr, forms, selectors, services
from tiepdan.reception import documents as reception_documents
from tiepdan.reception import pdf as reception_pdf
from tiepdan.reception.constants import Channel, Handling
from tiepdan.reception.models import OnlinePoint
from tiepdan.reception.permissions import VisitAction
from tiepdan.reception.register import register_rows
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact


def forbidden(request: AuthenticatedHttpRequest) -> HttpResponse:
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


def apply_errors(form: Form, exc: DomainError) -> None:
    """The service's errors on the form's fields (the rest on the form), nothing saved."""
    for name, msgs in exc.fields.items():
        for msg in msgs:
            form.add_error(name if name in form.fields else None, msg)
    if not exc.fields:
        form.add_error(None, exc.message)


def _online_sessions(request: AuthenticatedHttpRequest, unit):
    return selectors.session_list(request.user, unit).filter(channel=Channel.ONLINE)


def _session_initial(request: AuthenticatedHttpRequest, sessions) -> dict:
    """The desk opened from a point of an online session: the visit is received there."""
    point_id = request.GET.get("point", "")
    if not point_id.isdigit():
        return {}
    point = OnlinePoint.objects.filter(pk=point_id, session__in=sessions).first()
    if point is None:
        return {}
    session = point.session
    return {
        "session": session.pk,
        "online_point": point.pk,
        "channel": Channel.ONLINE,
        "mode": session.mode,
        "chaired_by": session.chaired_by,
        "online_ground": session.online_ground,
        "online_reason": session.online_reason,
    }


def _recorded(request: AuthenticatedHttpRequest, result: services.VisitResult) -> HttpResponse:
    """Say the register line, the warnings and the alert raised; show the visit."""
    visit = result.visit
    messages.success(
        request,
        _("Đã ghi sổ tiếp công dân, số thứ tự %(n)d/%(y)d.")
        % {"n": visit.register_number, "y": visit.year},
    )
    for warning in visit.warnings:
        messages.warning(request, warning)
    if result.alert_ids:
        messages.warning(request, _("Đã phát cảnh báo đoàn đông người tới lãnh đạo và công an."))
    return redirect("reception:visit", pk=visit.pk)


@login_required
def desk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Record a visit: citizens, matter, classification, content and the handling at the desk."""
    unit = request.unit
    if unit is None or not has_permission(request.user, VisitAction.RECORD, unit):
        return forbidden(request)
    data = request.POST if request.method == "POST" else None
    ids = request.POST.getlist("citizen") if data else request.GET.getlist("citizen")
    citizens = _selected_citizens(request, ids)
    reps = set(request.POST.getlist("representative")) if data else set()
    sessions = _online_sessions(request, unit)
    form = forms.VisitForm(
        data,
        cases=selectors.case_choices_for(request.user, unit, citizens),
        subjects=_subjects(unit),
        sessions=sessions,
        initial={
            "received_at": timezone.localtime().replace(second=0, microsecond=0),
            "mode": "regular",
            "chaired_by": "officer",
            "channel": "in_person",
            "people_count": max(len(citizens), 1),
            "petition_type": "complaint",
            "domain": "admin.other",
            "handling": Handling.GUIDED,
            **_session_initial(request, sessions),
        },
    )
    if data is not None and form.is_valid():
        attendees = [services.Attendee(c, representative=str(c.pk) in reps) for c in citizens]
        try:
            result = services.visit_record(form.visit_input(unit, attendees), actor=request.user)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            return _recorded(request, result)
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
    if cccd_qr.looks_like_card_qr(query):
        return _card_search(request, query)
    # The desk's results do not show the person's unit: not read.
    results = (
        citizen_selectors.citizen_search(request.user, query, with_unit=False) if query else []
    )
    return render(
        request, "reception/desk.html#search-results", {"results": results, "query": query}
    )


def _card_search(request: AuthenticatedHttpRequest, query: str) -> HttpResponse:
    """A chip card's QR typed by the scanner: the registered person with that ID number (and
    what differs from the card), or the new-person form filled from the card. Nothing saved."""
    context: dict[str, Any] = {"query": query, "results": [], "card_scan": True}
    try:
        card = cccd_qr.parse_card_qr(query)
    except cccd_qr.QrError as exc:
        context["card_error"] = exc.message
        return render(request, "reception/desk.html#search-results", context, status=200)
    context["card"] = card
    match = (
        citizen_selectors.citizen_queryset(request.user)
        .filter(id_number=card.id_number)
        .order_by("pk")
        .first()
    )
    if match is not None:
        mismatches = []
        # Diacritics matter here: “Ân” and “An” are different names on an identity card.
        if nfc(match.full_name).casefold() != nfc(card.full_name).casefold():
            mismatches.append(
                _("Họ tên trên thẻ “%(card)s” khác với sổ “%(registry)s”.")
                % {"card": card.full_name, "registry": match.full_name}
            )
        if match.date_of_birth and match.date_of_birth != card.date_of_birth:
            mismatches.append(
                _("Ngày sinh trên thẻ %(card)s khác với sổ %(registry)s.")
                % {
                    "card": card.date_of_birth.strftime("%d/%m/%Y"),
                    "registry": match.date_of_birth.strftime("%d/%m/%Y"),
                }
            )
        context.update(results=[match], card_match=match, mismatches=mismatches)
    else:
        context["new_citizen_form"] = forms.DeskCitizenForm(
            initial={
                "full_name": card.full_name,
                "id_number": card.id_number,
                "date_of_birth": card.date_of_birth.strftime("%d/%m/%Y"),
                "address": card.residence,
            }
        )
    return render(request, "reception/desk.html#search-results", context)


def _picked(
    request: AuthenticatedHttpRequest, unit: Unit, citizen: Citizen, **extra: Any
) -> HttpResponse:
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
        return forbidden(request)
    return _picked(request, request.unit, citizen_selectors.citizen_get(request.user, pk))


@login_required
@require_POST
def desk_citizen_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, CitizenAction.EDIT, unit):
        return forbidden(request)
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
            return _picked(request, unit, citizen, new_citizen_form=forms.DeskCitizenForm())
    response = render(request, "reception/desk.html#new-citizen", {"new_citizen_form": form})
    response["HX-Retarget"] = "#new-citizen"
    response["HX-Reswap"] = "outerHTML"
    return response


@login_required
def visit_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(request.user, pk)
    if not has_permission(request.user, VisitAction.VIEW, visit.unit):
        return forbidden(request)
    # A sealed denunciation's attendees are in the vault (tiepdan.vault), read for those allowed.
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


REGISTER_PAGE = 100


def _without_page(params) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reception register (sổ tiếp công dân) of the current unit for a period."""
    unit = request.unit
    if unit is None or not has_permission(request.user, VisitAction.VIEW, unit):
        return forbidden(request)
    today = timezone.localdate()
    params = request.GET.copy()
    params.setdefault("first", today.replace(day=1).isoformat())
    params.setdefault("last", today.isoformat())
    form = forms.RegisterFilterForm(params)
    visits = []
    sessions = []
    new_layout = False
    page = totals = None
    if form.is_valid():
        data = form.cleaned_data
        # A page of lines at a time; the totals are the whole period's, counted in SQL.
        totals = selectors.visit_register_totals(request.user, unit, **data)
        paginator = Paginator(selectors.visit_register(request.user, unit, **data), REGISTER_PAGE)
        paginator.count = totals["visits"]
        page = paginator.get_page(request.GET.get("page"))
        visits = register_rows(page)
        sessions = list(
            selectors.sessions_for_register(
                request.user, unit, first=data["first"], last=data["last"]
            )
        )
        # The layout of the form in force at the end of the period (NĐ 154/2026 from 1/7/2026).
        new_layout = data["last"] >= dt.date(2026, 7, 1)
    return render(
        request,
        "reception/register.html",
        {
            "form": form,
            "visits": visits,
            "new_layout": new_layout,
            "online_sessions": [s for s in sessions if s.channel == Channel.ONLINE],
            "leader_sessions": [s for s in sessions if s.mode != "regular"],
            "unit": unit,
            "export_query": params.urlencode(),
            "page": page,
            "totals": totals,
            "page_query": _without_page(params),
        },
    )


def download(document, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    return response


def _visit_document(request: AuthenticatedHttpRequest, pk: int, code: str, render) -> Any:
    """The rendered document, or the response to send instead (403, back to the visit)."""
    visit = selectors.visit_get(request.user, pk)
    if not has_permission(request.user, VisitAction.VIEW, visit.unit):
        return forbidden(request)
    try:
        document = render(visit, code)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reception:visit", pk=visit.pk)
    citizen_services.personal_data_exported(
        actor=request.user, unit=visit.unit, target=visit, what=f"visit.{code}"
    )
    return document


@login_required
def visit_document_download(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """Print a receipt, slip or refusal notice of a visit (DOCX clerks can edit)."""
    document = _visit_document(request, pk, code, reception_documents.visit_document)
    return document if isinstance(document, HttpResponse) else download(document)


@login_required
def visit_document_pdf(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """The same document as a PDF shown in the browser, to print at once without Word."""
    document = _visit_document(request, pk, code, reception_pdf.visit_pdf)
    return document if isinstance(document, HttpResponse) else download(document, inline=True)


@login_required
def register_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The register of the filtered period as DOCX or XLSX in the official layout."""
    unit = request.unit
    if unit is None or not has_permission(request.user, VisitAction.VIEW, unit):
        return forbidden(request)
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
    citizen_services.personal_data_exported(
        actor=request.user, unit=unit, target=unit, what=f"register.{fmt}", rows=len(visits)
    )
    return download(document)
