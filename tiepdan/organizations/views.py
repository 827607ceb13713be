"""Sign-in, the unit switcher, unit pages and the TOTP second factor."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tiepdan.audit import services as audit_services
from tiepdan.core import throttling
from tiepdan.core import views as core_views
from tiepdan.core.errors import DomainError
from tiepdan.organizations import constants, forms, second_factor, selectors, services
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.middleware import SESSION_KEY
from tiepdan.organizations.permissions import Action, has_permission


class TiepdanLoginView(LoginView):
    """Password login; accounts with a confirmed TOTP device must also give a valid code."""

    form_class = forms.LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs) -> HttpResponse:
        # Failures from one address across usernames (password spraying): the lockout of
        # django-axes counts per username and address and would never trigger.
        retry_after = throttling.LOGIN_FAILURES.exceeded(throttling.client_address(request))
        if retry_after:
            return throttling.too_many_requests(request, retry_after)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        throttling.LOGIN_FAILURES.add(throttling.client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        devices = list(devices_for_user(user, confirmed=True))
        if devices:
            token = form.cleaned_data.get("otp_token", "").strip()
            device = match_token(user, token) if token else None
            if device is None:
                form.add_error("otp_token", _("Tài khoản này cần mã xác thực hợp lệ."))
                return self.form_invalid(form)
            auth_login(self.request, user)
            otp_login(self.request, device)
            second_factor.confirmed(self.request)
            return redirect(self.get_success_url())
        return super().form_valid(form)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site signs in through the same page as everyone (password and second factor)."""
    target = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


@login_required
@require_POST
def unit_switch(request: AuthenticatedHttpRequest) -> HttpResponse:
    raw = request.POST.get("unit", "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return core_views.bad_request(request, _("Đơn vị được chọn không hợp lệ."))
    unit = selectors.visible_units(request.user).filter(pk=int(raw)).first()
    if unit is None:
        messages.error(request, _("Không thể chuyển sang đơn vị này."))
    else:
        request.session[SESSION_KEY] = unit.pk
        messages.success(request, _("Đang làm việc tại: %(u)s") % {"u": unit.name})
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
def unit_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(request.user, code)
    children = selectors.unit_children_list(unit)
    # The units above are named but linked only when the user may open them.
    linked = set(
        selectors.visible_units(request.user)
        .filter(pk__in=[pk for pk in (unit.parent_id, unit.merged_into_id) if pk])
        .values_list("pk", flat=True)
    )
    users = (
        selectors.user_list(request.user, unit)
        if has_permission(request.user, Action.USER_MANAGE, unit)
        else None
    )
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "parent_linked": unit.parent_id in linked,
            "merged_into_linked": unit.merged_into_id in linked,
            "users": users,
            "can_manage": has_permission(request.user, Action.UNIT_MANAGE, unit),
        },
    )


@login_required
def unit_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    if unit is None or not has_permission(request.user, Action.UNIT_MANAGE, unit):
        return render(request, "403.html", status=403)
    report = None
    form = forms.UnitImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("Tệp phải được lưu với bảng mã UTF-8."))
        else:
            try:
                report = services.units_import_csv(
                    data=text, actor=request.user, dry_run=form.cleaned_data["dry_run"]
                )
            except DomainError as exc:
                form.add_error("file", exc.message)
    return render(request, "organizations/unit_import.html", {"form": form, "report": report})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


@login_required
def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up the TOTP second factor: show the secret as a QR code, confirm with one code."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    device = None
    form = forms.OtpConfirmForm(request.POST or None)
    if confirmed is None:
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "TiếpDân"}
        )
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["token"].strip()):
                with transaction.atomic():
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    audit_services.audit_record(
                        action=constants.OTP_DEVICE_CONFIRMED,
                        target=request.user,
                        actor=request.user,
                        unit=request.unit or None,
                    )
                messages.success(request, _("Đã bật xác thực hai lớp."))
                return redirect("security")
            form.add_error("token", _("Mã không đúng hoặc đã hết hạn."))
    return render(
        request,
        "registration/security.html",
        {
            "confirmed": confirmed,
            "device": device,
            "qr": _qr_svg(device.config_url) if device else None,
            "form": form,
        },
    )
