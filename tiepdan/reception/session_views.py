"""Reception sessions: leaders' periodic and ad-hoc reception, online sessions with their
points, preparation, minutes and recording, and the conclusion notice with its directions."""

from collections.abc import Iterator
from typing import IO, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.citizens import services as citizen_services
from tiepdan.core.errors import DomainError
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import has_permission
from tiepdan.reception import documents as reception_documents
from tiepdan.reception import forms, online, selectors, session_services
from tiepdan.reception.constants import Channel
from tiepdan.reception.models import ReceptionSession, ReceptionVenue
from tiepdan.reception.permissions import VisitAction
from tiepdan.reception.views import apply_errors, download, forbidden
from tiepdan.vault import sealed_files


def _leaders(unit: Unit) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__unit=unit, memberships__role__in=["leader"])
        .distinct()
        .order_by("full_name")
    )


@login_required
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reception sessions of the unit: leaders' periodic and ad-hoc reception, several bodies."""
    unit = request.unit
    if unit is None or not has_permission(request.user, VisitAction.VIEW, unit):
        return forbidden(request)
    can_manage = has_permission(request.user, VisitAction.SESSION_MANAGE, unit)
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
            return forbidden(request)
        if form.is_valid():
            try:
                session = session_services.session_create(
                    unit=unit, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                apply_errors(form, exc)
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
    if not has_permission(request.user, VisitAction.VIEW, session.unit):
        return forbidden(request)
    can_manage = has_permission(request.user, VisitAction.SESSION_MANAGE, session.unit)
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
            return forbidden(request)
        if form.is_valid() and formset.is_valid():
            directions = [f.cleaned_data for f in formset if f.cleaned_data.get("text")]
            try:
                session_services.session_conclude(
                    session=session, actor=request.user, directions=directions, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã ban hành thông báo kết luận."))
                return redirect("reception:session", pk=session.pk)
    return _session_render(
        request, session, units=units, can_manage=can_manage, form=form, formset=formset
    )


def _session_render(
    request: AuthenticatedHttpRequest,
    session: ReceptionSession,
    *,
    units: QuerySet[Unit],
    can_manage: bool,
    form: forms.ConclusionForm,
    formset: Any,
    status: int = 200,
    **forms_given: Any,
) -> HttpResponse:
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
            # As its notice prints it: the session's denouncers never named.
            "conclusion_content": reception_documents.conclusion_content(session)
            if conclusion
            else "",
            "directions": list(conclusion.directions.select_related("assignee"))
            if conclusion
            else [],
            "visits": selectors.session_visits(request.user, session),
            **_online_context(request, session, units, **forms_given),
        },
        status=status,
    )


def _online_context(
    request: AuthenticatedHttpRequest,
    session: ReceptionSession,
    units: QuerySet[Unit],
    **forms_given: Any,
) -> dict[str, Any]:
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
        "can_receive": has_permission(request.user, VisitAction.RECORD, session.unit),
    }


def _online_session(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[ReceptionSession, HttpResponse | None]:
    """The session to change, or the 403 answer."""
    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, VisitAction.SESSION_MANAGE, session.unit):
        return session, forbidden(request)
    return session, None


def _session_page(
    request: AuthenticatedHttpRequest,
    session: ReceptionSession,
    status: int = 400,
    **forms_given: Any,
) -> HttpResponse:
    """The session page again with the rejected form and its errors (nothing saved)."""
    units = org_selectors.visible_units(request.user).filter(path__startswith=session.unit.path)
    return _session_render(
        request,
        session,
        units=units,
        can_manage=True,
        form=forms.ConclusionForm(initial={"issued_on": timezone.localdate()}),
        formset=forms.DirectionFormSet(form_kwargs={"units": units}, prefix="d"),
        status=status,
        **forms_given,
    )


@login_required
@require_POST
def session_point_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add the central or a component point to an online session."""
    session, denied = _online_session(request, pk)
    if denied is not None:
        return denied
    units = org_selectors.visible_units(request.user)
    form = forms.PointForm(request.POST, units=units)
    if form.is_valid():
        try:
            session_services.point_add(session=session, actor=request.user, **form.cleaned_data)
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
    if denied is not None:
        return denied
    form = forms.OnlineStepForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, online_error=form.errors["at"][0])
    try:
        session_services.online_step_record(
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
    if denied is not None:
        return denied
    form = forms.MinutesForm(request.POST)
    if form.is_valid():
        try:
            session_services.minutes_file(
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
    if denied is not None:
        return denied
    form = forms.RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            session_services.recording_file(
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
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin bản ghi hình."))
            return redirect("reception:session", pk=session.pk)
    return _session_page(request, session, recording_form=form)


@login_required
def session_recording_download(
    request: AuthenticatedHttpRequest, pk: int
) -> HttpResponse | FileResponse | StreamingHttpResponse:
    """The recording kept in TiếpDân, to those who may see the session; every read audited."""
    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, VisitAction.SESSION_MANAGE, session.unit):
        return forbidden(request)
    recording = getattr(session, "recording", None)
    if recording is None or not recording.file:
        raise Http404
    session_services.recording_read(session=session, actor=request.user)
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


def _closing(handle: IO[bytes], chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Stream `chunks`, closing the stored file at the end (or when the client goes away)."""
    try:
        yield from chunks
    finally:
        handle.close()


@login_required
@require_POST
def direction_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    direction = selectors.direction_get(request.user, pk)
    form = forms.DirectionDoneForm(request.POST)
    if form.is_valid():
        try:
            session_services.direction_complete(
                direction=direction, actor=request.user, result=form.cleaned_data["result"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã báo cáo hoàn thành nội dung chỉ đạo."))
    else:
        messages.error(request, _("Nhập kết quả thực hiện."))
    return redirect("reception:session", pk=direction.conclusion.session_id)


@login_required
def session_conclusion_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(request.user, pk)
    if not has_permission(request.user, VisitAction.VIEW, session.unit):
        return forbidden(request)
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
    return download(document)
