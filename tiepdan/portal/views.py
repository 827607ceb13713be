"""Public pages of the citizens' channel: no login, Vietnamese, light enough for a phone on a
slow link (no script needed, no CDN). Each page is rate-limited per address; submissions and
look-ups also count against their own limits, as in the API."""

import base64
from io import BytesIO
from typing import cast

import qrcode
import qrcode.image.svg
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tiepdan.core.errors import DomainError
from tiepdan.core.throttling import Limit, client_address, public_rate_limited, too_many_requests
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import Unit
from tiepdan.portal import constants, notifications, selectors, services
from tiepdan.portal.forms import PetitionForm, RatingForm, TrackForm, started_token
from tiepdan.portal.guides import GUIDES
from tiepdan.portal.models import PublicSubmission, Rating

SUBMISSIONS = Limit("public-submit-page", "TIEPDAN_PUBLIC_SUBMIT_RATE")
LOOKUPS = Limit("public-lookup-page", "TIEPDAN_PUBLIC_LOOKUP_RATE")
RECEIPT_KEY = "portal_receipt"
# Where a service's field names land on the form.
FORM_FIELDS = {
    "sender.full_name": "full_name",
    "sender.id_number": "id_number",
    "sender.phone": "phone",
    "sender.address": "address",
    "sender.email": "email",
}


def _public_unit(code: str) -> Unit:
    unit = selectors.units_for_public("", limit=None).filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


@public_rate_limited
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"guides": GUIDES})


@public_rate_limited
def choose_unit(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    units = list(selectors.units_for_public(query)) if query.strip() else []
    return render(request, "portal/choose.html", {"query": query, "units": units})


def _apply_errors(form: PetitionForm, exc: DomainError) -> list[str]:
    """Put a service's field messages on the form; return those that belong to no field."""
    other = []
    for name, messages in exc.fields.items():
        field = FORM_FIELDS.get(name, name)
        if field in form.fields and field not in ("website", "started"):
            for message in messages:
                form.add_error(field, message)
        else:
            other.extend(messages)
    return other


def _sender(data: dict) -> dict | None:
    if data.get("anonymous"):
        return None
    return {k: data.get(k, "") for k in ("full_name", "id_number", "phone", "address", "email")}


@public_rate_limited
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, unit_code: str) -> HttpResponse:
    """Step 1: the petition and who sends it. A valid form goes on to the confirmation."""
    unit = _public_unit(unit_code)
    if request.method == "GET":
        form = PetitionForm(initial={"started": started_token(), "petition_type": "complaint"})
        return render(request, "portal/write.html", {"unit": unit, "form": form})
    if request.POST.get("edit"):  # back from the confirmation to change something
        values = {k: v for k, v in request.POST.items() if k in PetitionForm.base_fields}
        form = PetitionForm(initial=values)
        return render(request, "portal/write.html", {"unit": unit, "form": form})
    form = PetitionForm(request.POST)
    problems: list[str] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.public_petition_check(
                unit_code=unit.code,
                petition_type=data["petition_type"],
                content=data["content"],
                request=data["request"],
                sender=_sender(data),
                anonymous=data["anonymous"],
            )
        except DomainError as exc:
            problems = _apply_errors(form, exc)
        else:
            return render(
                request,
                "portal/confirm.html",
                {
                    "unit": unit,
                    "form": form,
                    "data": data,
                    # The stamp of the first step goes on: the time check measures the whole.
                    "started": request.POST.get("started", ""),
                    "max_mb": constants.MAX_ATTACHMENT_BYTES // (1024 * 1024),
                    "max_files": constants.MAX_ATTACHMENTS,
                },
            )
    form.data = cast(QueryDict, form.data).copy()
    form.data["started"] = started_token()
    return render(
        request, "portal/write.html", {"unit": unit, "form": form, "problems": problems}, status=400
    )


@public_rate_limited
@require_POST
def send(request: HttpRequest, unit_code: str) -> HttpResponse:
    """Step 2: confirmed, with the attachments: the petition is received."""
    unit = _public_unit(unit_code)
    form = PetitionForm(request.POST)
    attachments = request.FILES.getlist("attachments")
    context = {
        "unit": unit,
        "form": form,
        "max_mb": constants.MAX_ATTACHMENT_BYTES // (1024 * 1024),
        "max_files": constants.MAX_ATTACHMENTS,
    }
    if not form.is_valid():
        form.data = cast(QueryDict, form.data).copy()
        form.data["started"] = started_token()
        return render(request, "portal/write.html", context, status=400)
    retry_after = SUBMISSIONS.hit(client_address(request))
    if retry_after:
        return too_many_requests(request, retry_after)
    data = form.cleaned_data
    try:
        submitted = services.public_petition_submit(
            unit_code=unit.code,
            petition_type=data["petition_type"],
            content=data["content"],
            request=data["request"],
            sender=_sender(data),
            anonymous=data["anonymous"],
            attachments=attachments,
            client=client_address(request),
        )
    except DomainError as exc:
        if "attachments" in exc.fields:
            context.update(
                data=data,
                started=request.POST.get("started", ""),
                attachment_errors=exc.fields["attachments"],
            )
            return render(request, "portal/confirm.html", context, status=400)
        context["problems"] = _apply_errors(form, exc)
        form.data = cast(QueryDict, form.data).copy()
        form.data["started"] = started_token()
        return render(request, "portal/write.html", context, status=400)
    if not data["anonymous"] and data.get("email"):
        notifications.email_remember(
            submitted.submission,
            data["email"],
            date=submitted.petition.received_on.strftime("%d/%m/%Y"),
        )
    request.session[RECEIPT_KEY] = submitted.submission.tracking_code
    return redirect("portal:receipt")


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=6)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@public_rate_limited
def receipt(request: HttpRequest) -> HttpResponse:
    """The tracking code on screen, printable, with a QR code of the tracking page (only in the
    browser that sent the petition)."""
    code = request.session.get(RECEIPT_KEY)
    if not code:
        raise Http404
    submission = get_object_or_404(
        PublicSubmission.objects.select_related("petition", "petition__unit"), tracking_code=code
    )
    track_url = request.build_absolute_uri(reverse("portal:track")) + f"?code={code}"
    return render(
        request,
        "portal/receipt.html",
        {
            "submission": submission,
            "petition": submission.petition,
            "code": services.format_code(code),
            "track_url": track_url,
            "qr": _qr_data_uri(track_url),
        },
    )


def _tracking_context(submission: PublicSubmission, proof: str) -> dict:
    info = selectors.tracking(submission)
    rated = Rating.objects.filter(submission=submission).first()
    can_rate = rated is None and info["status"] in constants.CLOSED_STATUSES
    return {
        "info": info,
        "unit_name": submission.petition.unit.name,
        "code": services.format_code(submission.tracking_code),
        "raw_code": submission.tracking_code,
        "proof": proof,
        "rated": rated,
        "rating_form": RatingForm() if can_rate else None,
    }


def _find(code: str, proof: str) -> PublicSubmission | None:
    proof = proof.strip()
    return selectors.submission_find(code, id_number=proof, phone=proof)


@public_rate_limited
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Follow a petition by its code and the CCCD or phone given (code alone if anonymous)."""
    if request.method == "GET":
        form = TrackForm(initial={"code": request.GET.get("code", "")[:30]})
        return render(request, "portal/track.html", {"form": form})
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/track.html", {"form": form}, status=400)
    retry_after = LOOKUPS.hit(client_address(request))
    if retry_after:
        return too_many_requests(request, retry_after)
    submission = _find(form.cleaned_data["code"], form.cleaned_data["proof"])
    if submission is None:
        form.add_error(
            None,
            _("Không tìm thấy đơn với mã và số CCCD/số điện thoại đã nhập. Vui lòng kiểm tra lại."),
        )
        return render(request, "portal/track.html", {"form": form}, status=404)
    context = {"form": form, **_tracking_context(submission, form.cleaned_data["proof"])}
    return render(request, "portal/track.html", context)


@public_rate_limited
def track_link(request: HttpRequest, code: str) -> HttpResponse:
    """The short link sent by SMS: the tracking page with the code filled in (the CCCD or
    phone is still asked for)."""
    code = services.normalise_code(code[:30])
    query = f"?code={code}" if code.isascii() and code.isalnum() else ""
    return redirect(reverse("portal:track") + query)


@public_rate_limited
@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    """The citizen's rating of the handling, once the matter closed."""
    track_form = TrackForm(request.POST)
    retry_after = LOOKUPS.hit(client_address(request))
    if retry_after:
        return too_many_requests(request, retry_after)
    submission = (
        _find(track_form.cleaned_data["code"], track_form.cleaned_data["proof"])
        if track_form.is_valid()
        else None
    )
    if submission is None:
        raise Http404
    form = RatingForm(request.POST)
    proof = track_form.cleaned_data["proof"]
    context = {"form": track_form, **_tracking_context(submission, proof)}
    if form.is_valid():
        try:
            services.rating_submit(
                submission=submission,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            context = {"form": track_form, **_tracking_context(submission, proof)}
            context["thanks"] = True
            return render(request, "portal/track.html", context)
    if context["rating_form"] is not None:
        context["rating_form"] = form
    return render(request, "portal/track.html", context, status=400)


@login_required
def scores(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The citizens' ratings and time limits met, for the current unit and its direct
    children, each rolled up over its subtree (officers who see the monitoring dashboard)."""
    from tiepdan.monitoring import permissions as monitoring_permissions

    unit = monitoring_permissions.dashboard_unit(request.user, request.unit)
    rows = selectors.unit_league(unit)
    return render(request, "portal/scores.html", {"unit": unit, "own": rows[0], "rows": rows[1:]})


@public_rate_limited
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/guide.html", {"guides": GUIDES})


@public_rate_limited
def register_search(request: HttpRequest) -> HttpResponse:
    """The public register: find the agency whose published decisions are to be read."""
    query = request.GET.get("q", "")[:100]
    units = list(selectors.units_for_public(query)) if query.strip() else []
    return render(request, "portal/register_search.html", {"query": query, "units": units})


@public_rate_limited
def register(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The agency's published complaint decisions and denunciation conclusions (Luật TC
    Art 40, Luật KN Art 41), newest first, with every person masked."""
    unit = _public_unit(unit_code)
    raw = request.GET.get("page", "1").strip() or "1"
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 6:
        return render(
            request,
            "portal/register.html",
            {"unit": unit, "error": _("Số trang không hợp lệ: hãy nhập một số nguyên dương.")},
            status=400,
        )
    paginator = Paginator(selectors.register_cases(unit), selectors.REGISTER_PAGE_SIZE)
    number = int(raw)
    if number > max(paginator.num_pages, 1):
        raise Http404
    page = paginator.page(number)
    entries = selectors.register_entries(list(page.object_list))
    return render(request, "portal/register.html", {"unit": unit, "page": page, "entries": entries})
