"""Pages of the personal-data rules: the retention periods in force, and a citizen's
subject-access answer (page and download), each read audited."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens import services as citizen_services
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.privacy import constants, documents, permissions, selectors, services


def _forbidden(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_required
def rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not permissions.can_view(request.user, unit):
        return _forbidden(request)
    today = timezone.localdate()
    return render(
        request,
        "privacy/rules.html",
        {"rules": selectors.rules_in_force(today), "today": today},
    )


def _access(request: AuthenticatedHttpRequest, pk: int):
    citizen = citizen_selectors.citizen_get(request.user, pk)
    if not permissions.can_view(request.user, citizen.unit):
        return None
    return selectors.subject_access(request.user, citizen, today=timezone.localdate())


@login_required
def subject_access(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = _access(request, pk)
    if access is None:
        return _forbidden(request)
    services.subject_access_given(citizen=access.citizen, actor=request.user, exported=False)
    return render(
        request,
        "privacy/subject_access.html",
        {
            "access": access,
            "basis": [constants.SUBJECT_ACCESS_BASIS, constants.PROCESSING_BASIS],
        },
    )


def _exported(request: AuthenticatedHttpRequest, access, what: str) -> None:
    """Audit a download of the answer: the subject-access event, and the personal-data
    export every download naming citizens writes."""
    services.subject_access_given(citizen=access.citizen, actor=request.user, exported=True)
    citizen_services.personal_data_exported(
        actor=request.user,
        unit=access.citizen.unit,
        target=access.citizen,
        what=what,
        rows=len(access.visits) + len(access.petitions) + len(access.cases),
    )


@login_required
def subject_access_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = _access(request, pk)
    if access is None:
        return _forbidden(request)
    payload = selectors.subject_access_payload(access)
    _exported(request, access, "subject_access")
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{access.citizen.pk}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def subject_access_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The same answer as the JSON export, as a PDF in Vietnamese to hand to the citizen."""
    access = _access(request, pk)
    if access is None:
        return _forbidden(request)
    payload = selectors.subject_access_payload(access)
    content = documents.subject_access_pdf(
        payload,
        request.unit or access.citizen.unit,
        timezone.localdate(),
        officer=request.user.display_name,
    )
    _exported(request, access, "subject_access.pdf")
    response = HttpResponse(content, content_type=documents.PDF_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{access.citizen.pk}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
