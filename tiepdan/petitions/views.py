"""Petition pages: worklist, intake, the petition with its actions, inbox, backlog."""

import io
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.citizens import services as citizen_services
from tiepdan.core.classification import PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.uploads import SIGNATURES, scan_extension
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.models import Unit
from tiepdan.organizations.permissions import has_permission
from tiepdan.petitions import documents as petition_documents
from tiepdan.petitions import forms, selectors, services
from tiepdan.petitions.models import Petition, PetitionAttachment, Transfer
from tiepdan.petitions.permissions import PetitionAction
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact
from tiepdan.workcalendar import selectors as calendar_selectors

WORKLIST_PAGE = 50

VIEWS = {
    "open": _("Đang xử lý"),
    "due_soon": _("Sắp đến hạn"),
    "overdue": _("Quá hạn"),
    "waiting_reply": _("Chờ phúc đáp"),
    "mine": _("Của tôi"),
}


def _forbidden(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def _person(data: dict) -> dict[str, str]:
    return {k: data[k] for k in ("full_name", "id_number", "phone", "address")}


def _apply(form, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        # The one sender of the form: its fields are the form's own.
        name = field.removeprefix("citizens[0].")
        for msg in msgs:
            form.add_error(name if name in form.fields else None, msg)
    if not exc.fields:
        form.add_error(None, exc.message)


def _rows(user, petitions: list[Petition]) -> list[dict]:
    """Worklist rows; a sealed denunciation shows the matter, not the person."""
    due = selectors.next_due_by_petition(petitions)
    calendar_selectors.clocks_with_rule_names(due.values())
    shown = [p for p in petitions if vault.can_see_senders(user, p)]
    # Sealed senders and texts come from the vault, read once for the page.
    people = vault.people_by_petition(shown)
    originals = vault.original_texts(
        [p for p in shown if p.petition_type == PetitionType.DENUNCIATION], "summary"
    )
    rows = []
    for p in petitions:
        visible = p.pk in people
        rows.append(
            {
                "petition": p,
                "summary": originals.get(p.pk, p.summary)
                if visible
                else redact(p.summary, list(p.senders.all())),
                "senders": ", ".join(c.full_name for c in people[p.pk]) if visible else None,
                "clock": due.get(p.pk),
            }
        )
    vault.identity_viewed(
        user=user, petitions=[r["petition"] for r in rows if r["senders"]], where="worklist"
    )
    return rows


@login_required
def petition_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, PetitionAction.VIEW, unit):
        return _forbidden(request)
    view = request.GET.get("view", "open")
    if view not in VIEWS:
        view = "open"
    qs = selectors.petition_worklist(request.user, unit, view=view, assignee=request.user)
    # Oldest first, a page at a time; no total count (it would run the filter twice).
    page_number = (
        max(int(request.GET.get("page", "1") or 1), 1)
        if request.GET.get("page", "1").isdigit()
        else 1
    )
    offset = (page_number - 1) * WORKLIST_PAGE
    # Pick the page's ids first: joining the related rows before the sort would join them
    # for every matching petition, not only the page's.
    ids = list(qs.values_list("pk", flat=True)[offset : offset + WORKLIST_PAGE + 1])
    by_id = selectors.petition_queryset(request.user).prefetch_related("senders").in_bulk(ids)
    petitions = [by_id[pk] for pk in ids if pk in by_id]
    has_next = len(petitions) > WORKLIST_PAGE
    petitions = petitions[:WORKLIST_PAGE]
    return render(
        request,
        "petitions/petition_list.html",
        {
            "page_number": page_number,
            "has_next": has_next,
            "rows": _rows(request.user, petitions),
            "view": view,
            "views": VIEWS,
            "inbox_count": selectors.inbox(request.user, unit).count(),
            "today": timezone.localdate(),
        },
    )


@login_required
def petition_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, PetitionAction.RECEIVE, unit):
        return _forbidden(request)
    form = forms.IntakeForm(
        request.POST or None,
        request.FILES or None,
        initial={"received_on": timezone.localdate(), "source": "post"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = [] if data["anonymous"] else [_person(data)]
        try:
            petition = services.petition_register(
                unit=unit,
                actor=request.user,
                people=people,
                scan=data["scan"] or None,
                received_on=data["received_on"],
                source=data["source"],
                petition_type=data["petition_type"],
                domain=data["domain"],
                summary=data["summary"],
                signatory_count=data["signatory_count"],
                anonymous=data["anonymous"],
                sender_body=data["sender_body"],
            )
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(
                request,
                _("Đã vào sổ đơn số %(n)d/%(y)d.") % {"n": petition.number, "y": petition.year},
            )
            return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/petition_form.html", {"form": form})


def _target_units(petition: Petition):
    """Units a petition may be sent to: every other unit in force today (the service also
    checks the decision date)."""
    today = timezone.localdate()
    return (
        Unit.objects.exclude(pk=petition.unit_id)
        .filter(org_selectors.in_force_q(today))
        .order_by("path")
    )


def _incoming(user, petition: Petition) -> Transfer | None:
    receivers = [
        unit
        for unit in selectors.petition_units(petition)[1:]
        if has_permission(user, PetitionAction.RECEIVE, unit)
    ]
    transfer = selectors.transfer_to(petition, receivers) if receivers else None
    return transfer if transfer is not None and transfer.status == "sent" else None


def _detail_context(request: AuthenticatedHttpRequest, petition: Petition, **forms_) -> dict:
    user = request.user
    visible = vault.can_see_senders(user, petition)
    units = _target_units(petition)
    if visible:
        vault.identity_viewed(user=user, petitions=[petition], where="petition page")
    senders = vault.petition_people(petition) if visible else None
    is_open = petition.status in ("received", "proposed")
    context = {
        "petition": petition,
        "visible": visible,
        "senders": senders,
        "summary": vault.original_text(petition, "summary")
        if visible
        else redact(petition.summary, list(petition.senders.all())),
        "clocks": calendar_selectors.clocks_with_rule_names(
            calendar_selectors.clock_list_for_target(petition)
        ),
        "transfers": selectors.transfers_of(petition),
        "reminders": list(petition.reminders.select_related("to_unit")),
        "reviews": list(petition.reviews.select_related("reviewed_by")),
        "attachments": list(petition.attachments.all()),
        "path": selectors.petition_path(user, petition),
        "parts": list(petition.parts.all()),
        # Shown only while the petition is open: a closed one is not looked up.
        "duplicates": selectors.duplicate_suggestions(user, petition, senders=senders or [])
        if petition.duplicate_of_id is None and is_open
        else [],
        "can_process": has_permission(user, PetitionAction.PROCESS, petition.unit),
        # A transfer to the user's unit, waiting for acknowledgement (as in the inbox).
        "incoming": _incoming(user, petition),
        "can_decide": has_permission(user, PetitionAction.DECIDE, petition.unit),
        "open": is_open,
        "classify_form": forms.ClassifyForm(
            prefix="c",
            initial={
                "petition_type": petition.petition_type,
                "domain": petition.domain,
                "eligibility": petition.eligibility
                if petition.eligibility != "pending"
                else "eligible",
                "ineligible_reason": petition.ineligible_reason,
                "within_jurisdiction": {None: "", True: "true", False: "false"}[
                    petition.within_jurisdiction
                ],
                "prior_resolution": petition.prior_resolution,
            },
        ),
        "propose_form": forms.ProposeForm(
            prefix="p", initial={"outcome": petition.proposed_outcome}
        ),
        "decide_form": forms.DecideForm(
            prefix="d",
            units=units,
            initial={
                "outcome": petition.proposed_outcome or "accept",
                "decided_on": timezone.localdate(),
                "complexity": "normal",
            },
        ),
        "split_form": forms.SplitForm(prefix="s"),
        "reply_form": forms.ReplyForm(initial={"received_on": timezone.localdate()}),
        "urge_form": forms.TextForm(prefix="u"),
        "review_form": forms.TextForm(prefix="r"),
    }
    context.update(forms_)
    return context


@login_required
def petition_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_page_get(request.user, pk)
    if not selectors.petition_viewable(request.user, petition):
        return _forbidden(request)
    return render(request, "petitions/petition_detail.html", _detail_context(request, petition))


def _action(request: AuthenticatedHttpRequest, pk: int, action: PetitionAction):
    petition = selectors.petition_get(request.user, pk)
    if not has_permission(request.user, action, petition.unit):
        return petition, _forbidden(request)
    return petition, None


def _after(request: AuthenticatedHttpRequest, petition: Petition, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("petitions:detail", pk=petition.pk)


def _submit(
    request: AuthenticatedHttpRequest,
    petition: Petition,
    form,
    context_key: str,
    run: Callable[[dict], object],
    message: str,
) -> HttpResponse:
    """Run a petition action from its form; when a rule is broken, show the page again with
    the form and its errors (the service saved nothing)."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            _apply(form, exc)
        else:
            return _after(request, petition, message)
    return render(
        request,
        "petitions/petition_detail.html",
        _detail_context(request, petition, **{context_key: form}),
        status=400,
    )


@login_required
@require_POST
def petition_classify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.PROCESS)
    if denied:
        return denied
    return _submit(
        request,
        petition,
        forms.ClassifyForm(request.POST, prefix="c"),
        "classify_form",
        lambda data: services.petition_classify(petition=petition, actor=request.user, **data),
        _("Đã phân loại đơn."),
    )


@login_required
@require_POST
def petition_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.PROCESS)
    if denied:
        return denied
    return _submit(
        request,
        petition,
        forms.ProposeForm(request.POST, prefix="p"),
        "propose_form",
        lambda data: services.petition_propose(petition=petition, actor=request.user, **data),
        _("Đã gửi phiếu đề xuất tới lãnh đạo."),
    )


@login_required
@require_POST
def petition_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.DECIDE)
    if denied:
        return denied
    units = _target_units(petition)
    return _submit(
        request,
        petition,
        forms.DecideForm(request.POST, units=units, prefix="d"),
        "decide_form",
        lambda data: services.petition_decide(petition=petition, actor=request.user, **data),
        _("Đã quyết định hướng xử lý đơn."),
    )


@login_required
@require_POST
def petition_split(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.PROCESS)
    if denied:
        return denied

    def split(data: dict) -> object:
        return services.petition_split(
            petition=petition,
            actor=request.user,
            parts=[
                {"petition_type": data["first_type"], "summary": data["first_summary"]},
                {"petition_type": data["second_type"], "summary": data["second_summary"]},
            ],
        )

    return _submit(
        request,
        petition,
        forms.SplitForm(request.POST, prefix="s"),
        "split_form",
        split,
        _("Đã tách đơn theo từng nội dung."),
    )


@login_required
@require_POST
def petition_duplicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.PROCESS)
    if denied:
        return denied
    other = selectors.petition_get(request.user, int(request.POST.get("of") or 0))
    try:
        services.petition_mark_duplicate(petition=petition, of=other, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:detail", pk=petition.pk)
    return _after(request, petition, _("Đã đánh dấu đơn trùng."))


@login_required
@require_POST
def petition_urge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.PROCESS)
    if denied:
        return denied
    form = forms.TextForm(request.POST, prefix="u")
    transfer = petition.transfers.select_related("to_unit").last()
    if form.is_valid():
        services.petition_urge(
            petition=petition,
            actor=request.user,
            text=form.cleaned_data["text"],
            to_unit=transfer.to_unit if transfer else None,
        )
        return _after(request, petition, _("Đã ghi nhận văn bản đôn đốc."))
    messages.error(request, _("Nhập nội dung đôn đốc."))
    return redirect("petitions:detail", pk=petition.pk)


@login_required
@require_POST
def petition_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    petition, denied = _action(request, pk, PetitionAction.PROCESS)
    if denied:
        return denied
    form = forms.TextForm(request.POST, prefix="r")
    if form.is_valid():
        services.backlog_review(
            petition=petition, actor=request.user, decision=form.cleaned_data["text"]
        )
        return _after(request, petition, _("Đã ghi kết luận rà soát."))
    messages.error(request, _("Ghi kết luận rà soát."))
    return redirect("petitions:detail", pk=petition.pk)


def _transfer_for(request: AuthenticatedHttpRequest, pk: int, side: str) -> Transfer:
    """A transfer seen from its receiving (`to_unit`) or sending (`from_unit`) side."""
    transfer = (
        Transfer.objects.select_related("petition", "to_unit", "from_unit").filter(pk=pk).first()
    )
    unit_id = getattr(transfer, f"{side}_id", None)
    if unit_id is None or not org_selectors.visible_units(request.user).filter(pk=unit_id).exists():
        raise Http404
    assert transfer is not None  # it has a unit on that side
    return transfer


@login_required
@require_POST
def transfer_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = _transfer_for(request, pk, "to_unit")
    if not has_permission(request.user, PetitionAction.RECEIVE, transfer.to_unit):
        return _forbidden(request)
    try:
        copy = services.transfer_acknowledge(transfer=transfer, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:inbox")
    messages.success(
        request,
        _("Đã tiếp nhận đơn chuyển đến, vào sổ số %(n)d/%(y)d.")
        % {"n": copy.number, "y": copy.year},
    )
    return redirect("petitions:detail", pk=copy.pk)


@login_required
@require_POST
def transfer_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = _transfer_for(request, pk, "from_unit")
    if not has_permission(request.user, PetitionAction.PROCESS, transfer.from_unit):
        return _forbidden(request)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_record_reply(
                transfer=transfer, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận văn bản phúc đáp."))
    else:
        messages.error(request, _("Nhập ngày và nội dung phúc đáp."))
    return redirect("petitions:detail", pk=transfer.petition_id)


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, PetitionAction.VIEW, unit):
        return _forbidden(request)
    transfers = list(selectors.inbox(request.user, unit).prefetch_related("petition__senders"))
    visible = [t.petition for t in transfers if vault.can_see_senders(request.user, t.petition)]
    originals = vault.original_texts(
        [p for p in visible if p.petition_type == PetitionType.DENUNCIATION], "summary"
    )
    rows = [
        {
            "transfer": t,
            "summary": originals.get(t.petition.pk, t.petition.summary)
            if t.petition in visible
            else redact(t.petition.summary, list(t.petition.senders.all())),
        }
        for t in transfers
    ]
    vault.identity_viewed(user=request.user, petitions=visible, where="inbox")
    return render(request, "petitions/inbox.html", {"rows": rows})


@login_required
def backlog(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, PetitionAction.VIEW, unit):
        return _forbidden(request)
    petitions = list(selectors.backlog(request.user, unit).prefetch_related("senders")[:500])
    return render(
        request,
        "petitions/backlog.html",
        {"rows": _rows(request.user, petitions), "today": timezone.localdate()},
    )


@login_required
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """A petition's scan; a denunciation's scans carry the denouncer's handwriting: sealed."""
    from django.http import FileResponse

    attachment = PetitionAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    # The permission checks and the sealing rule read only its unit and matter.
    petition = selectors.petition_get(
        request.user, attachment.petition_id, related=("unit", "case")
    )
    if not selectors.petition_viewable(request.user, petition):
        return _forbidden(request)
    if not vault.can_see_senders(request.user, petition):
        return _forbidden(request)
    vault.identity_viewed(user=request.user, petitions=[petition], where="scan")
    sealed = vault.sealed_scan(attachment)
    if sealed is not None:
        # Sealed in storage: the vault's copy, decrypted for this answer only.
        title = vault.decrypt(sealed.title_enc).decode()
        content = vault.decrypt(sealed.content_enc)
        if not title.lower().endswith(tuple(SIGNATURES)):
            title += scan_extension(content)
        response = FileResponse(io.BytesIO(content), as_attachment=True, filename=title)
        response["Cache-Control"] = "no-store"
        return response
    if not attachment.file:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def attachment_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Render again an outcome document whose rendering failed."""
    attachment = PetitionAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    petition, denied = _action(request, attachment.petition_id, PetitionAction.DECIDE)
    if denied:
        return denied
    try:
        petition_documents.outcome_document_retry(attachment=attachment, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:detail", pk=petition.pk)
    return _after(request, petition, _("Đã yêu cầu tạo lại văn bản."))


@login_required
def proposal_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The phiếu đề xuất of the petition's current proposal, for the leader to sign."""
    petition = selectors.petition_get(request.user, pk)
    if not has_permission(request.user, PetitionAction.VIEW, petition.unit):
        return _forbidden(request)
    if not petition.proposed_outcome:
        messages.error(request, _("Đơn chưa có đề xuất xử lý."))
        return redirect("petitions:detail", pk=petition.pk)
    try:
        document = petition_documents.proposal_document(petition)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:detail", pk=petition.pk)
    citizen_services.personal_data_exported(
        actor=request.user, unit=petition.unit, target=petition, what="petition.proposal"
    )
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
