from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Username and password, plus a TOTP code for accounts that have one."""

    otp_token = forms.CharField(
        label=_("Mã xác thực (nếu tài khoản đã bật)"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản đã bị khóa."),
    }


class UnitImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV (code, name, kind, parent_code, valid_from, valid_to)"))
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, không lưu"), required=False)


class OtpConfirmForm(forms.Form):
    token = forms.CharField(label=_("Mã 6 số trên ứng dụng xác thực"), max_length=8)
