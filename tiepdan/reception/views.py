"""The reception desk, the register and visit pages."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.cases import vault
from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens import services as citizen_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.matters.models import SubjectCategory
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import User
from tiepdan.organizations.permissions import Action, has_permission
from tiepdan.petitions.redaction import redact
from tiepdan.reception import cccd_qr, forms, online, selectors, services
from tiepdan.reception import documents as reception_documents
from tiepdan.reception import pdf as reception_pdf
from tiepdan.reception.constants import Channel, Handling
from tiepdan.reception.models import OnlinePoint, ReceptionVenue
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
    if cccd_qr.looks_like_card_qr(query):
        return _card_search(request, query)
    results = list(citizen_selectors.citizen_search(request.user, query)) if query else []
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


REGISTER_PAGE = 100


def _without_page(params) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()


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
        visits = [register_row(v) for v in page]
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


def _leaders(unit):
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
            "visits": selectors.session_visits(request.user, session),
            **_online_context(request, session, units),
        },
    )


def _online_context(request: AuthenticatedHttpRequest, session, units, **forms_given) -> dict:
    if session.channel != Channel.ONLINE:
        return {}
    now = timezone.localtime().replace(second=0, microsecond=0)
    recording = getattr(session, "recording", None)
    ground = next((g for g in online.GROUNDS if g.code == session.online_ground), None)
    duration = ""
    if recording is not None:
        minutes, seconds = divmod(recording.duration_seconds, 60)
        duration = f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    return {
        "online": True,
        "online_ground_text": f"{ground.text}: " if ground else "",
        "recording_duration": duration,
        "lead_times": selectors.session_lead_times(session),
        "points": selectors.session_points(request.user, session),
        "recording": recording,
        "point_form": forms_given.get("point_form") or forms.PointForm(units=units),
        "step_form": forms.OnlineStepForm(initial={"at": now}),
        "minutes_form": forms_given.get("minutes_form")
        or forms.MinutesForm(initial={"minutes": session.minutes}),
        "recording_form": forms_given.get("recording_form") or forms.RecordingForm(),
        "online_error": forms_given.get("online_error", ""),
        "can_receive": has_permission(request.user, Action.VISIT_RECORD, session.unit),
    }


def _online_session(request: AuthenticatedHttpRequest, pk: int):
    """The session to change, or the 403 answer."""
    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, Action.SESSION_MANAGE, session.unit):
        return None, _forbidden(request)
    return session, None


def _session_page(request, session, status: int = 400, **forms_given) -> HttpResponse:
    """The session page again with the rejected form and its errors (nothing saved)."""
    units = org_selectors.visible_units(request.user).filter(path__startswith=session.unit.path)
    conclusion = getattr(session, "conclusion", None)
    return render(
        request,
        "reception/session_detail.html",
        {
            "session": session,
            "can_manage": True,
            "form": forms.ConclusionForm(initial={"issued_on": timezone.localdate()}),
            "formset": forms.DirectionFormSet(form_kwargs={"units": units}, prefix="d"),
            "conclusion": conclusion,
            "directions": list(conclusion.directions.select_related("assignee"))
            if conclusion
            else [],
            "visits": selectors.session_visits(request.user, session),
            **_online_context(request, session, units, **forms_given),
        },
        status=status,
    )


@login_required
@require_POST
def session_point_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add the central or a component point to an online session."""
    session, denied = _online_session(request, pk)
    if denied:
        return denied
    units = org_selectors.visible_units(request.user)
    form = forms.PointForm(request.POST, units=units)
    if form.is_valid():
        try:
            services.point_add(session=session, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            for name, msgs in exc.fields.items():
                for msg in msgs:
                    form.add_error(name if name in form.fields else None, msg)
        else:
            messages.success(request, _("Đã thêm điểm cầu."))
            return redirect("reception:session", pk=session.pk)
    return _session_page(request, session, point_form=form)


@login_required
@require_POST
def session_step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    """Record the notice, the connection test or the connection of an online session."""
    session, denied = _online_session(request, pk)
    if denied:
        return denied
    form = forms.OnlineStepForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, online_error=form.errors["at"][0])
    try:
        services.online_step_record(
            session=session, actor=request.user, step=step, at=form.cleaned_data["at"]
        )
    except DomainError as exc:
        return _session_page(request, session, online_error=exc.message)
    messages.success(request, _("Đã ghi nhận bước chuẩn bị."))
    return redirect("reception:session", pk=session.pk)


@login_required
@require_POST
def session_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session, denied = _online_session(request, pk)
    if denied:
        return denied
    form = forms.MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_file(
                session=session, actor=request.user, minutes=form.cleaned_data["minutes"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu biên bản."))
            return redirect("reception:session", pk=session.pk)
    return _session_page(request, session, minutes_form=form)


@login_required
@require_POST
def session_recording(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session, denied = _online_session(request, pk)
    if denied:
        return denied
    form = forms.RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.recording_file(
                session=session,
                actor=request.user,
                duration_seconds=data["duration"],
                retain_until=data["retain_until"],
                archive_reference=data["archive_reference"],
                sha256=data["sha256"],
                size_bytes=data["size_bytes"],
                upload=data["upload"],
            )
        except DomainError as exc:
            for name, msgs in exc.fields.items():
                for msg in msgs:
                    form.add_error(name if name in form.fields else None, msg)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu thông tin bản ghi hình."))
            return redirect("reception:session", pk=session.pk)
    return _session_page(request, session, recording_form=form)


@login_required
def session_recording_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The recording kept in TiếpDân, to those who may see the session; every read audited."""
    from django.http import FileResponse, Http404, StreamingHttpResponse

    from tiepdan.audit import services as audit_services
    from tiepdan.cases import sealed_files
    from tiepdan.reception import constants

    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, Action.SESSION_MANAGE, session.unit):
        return _forbidden(request)
    recording = getattr(session, "recording", None)
    if recording is None or not recording.file:
        raise Http404
    audit_services.audit_record(
        action=constants.ONLINE_RECORDING_READ,
        target=session,
        actor=request.user,
        unit=session.unit,
        data={"sha256": recording.sha256},
    )
    filename = f"ghi-hinh-ky-tiep-{session.date:%Y%m%d}-{session.pk}"
    if not recording.file_key:  # filed before recordings were sealed
        return FileResponse(recording.file.open("rb"), as_attachment=True, filename=filename)
    handle = recording.file.open("rb")
    response = StreamingHttpResponse(
        _closing(handle, sealed_files.unseal(handle, recording.file_key)),
        content_type="application/octet-stream",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(recording.size_bytes)
    response["Cache-Control"] = "no-store"
    return response


def _closing(handle, chunks):
    """Stream `chunks`, closing the stored file at the end (or when the client goes away)."""
    try:
        yield from chunks
    finally:
        handle.close()


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
    citizen_services.personal_data_exported(
        actor=request.user, unit=session.unit, target=session, what="session.conclusion"
    )
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
    citizen_services.personal_data_exported(
        actor=request.user, unit=unit, target=unit, what=f"register.{fmt}", rows=len(visits)
    )
    return _download(document)
