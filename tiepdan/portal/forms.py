"""The public petition form, in two steps (write, then confirm with attachments), and the
tracking and rating forms. Anti-abuse without a third-party CAPTCHA: a field people never see
(honeypot) and a signed time stamp (a form sent back too fast is a robot's)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from tiepdan.portal import constants

STARTED_SALT = "portal.form-started"


def started_token() -> str:
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


def too_fast(token: str) -> bool:
    """True when the form came back sooner than TIEPDAN_PUBLIC_MIN_FORM_SECONDS after it was
    shown, or without a valid stamp (forged, or older than a day)."""
    try:
        shown = signing.loads(token or "", salt=STARTED_SALT, max_age=86400)
    except signing.BadSignature:
        return True
    return time.time() - int(shown) < settings.TIEPDAN_PUBLIC_MIN_FORM_SECONDS


class GuardedForm(forms.Form):
    # Hidden from people by CSS and from assistive technology; robots fill it in.
    website = forms.CharField(required=False, label=_("Để trống ô này"))
    started = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("website") or too_fast(self.data.get("started", "")):
            raise forms.ValidationError(
                _("Không gửi được biểu mẫu: vui lòng đọc kỹ, điền lại và gửi sau ít giây."),
                code="robot",
            )
        return data


class PetitionForm(GuardedForm):
    petition_type = forms.ChoiceField(
        label=_("Loại đơn"), choices=constants.PUBLIC_TYPE_CHOICES, widget=forms.RadioSelect
    )
    content = forms.CharField(
        label=_("Nội dung đơn"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Trình bày sự việc: ở đâu, khi nào, ai, việc gì."),
    )
    request = forms.CharField(
        label=_("Yêu cầu, đề nghị của bạn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    anonymous = forms.BooleanField(label=_("Gửi đơn không ghi tên (nặc danh)"), required=False)
    full_name = forms.CharField(label=_("Họ và tên"), required=False, max_length=150)
    id_number = forms.CharField(
        label=_("Số CCCD (12 chữ số)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(label=_("Thư điện tử (không bắt buộc)"), required=False, max_length=254)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=30)
    proof = forms.CharField(
        label=_("Số CCCD hoặc số điện thoại đã khai (bỏ trống nếu đơn nặc danh)"),
        required=False,
        max_length=20,
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Mức độ hài lòng"),
        coerce=int,
        choices=[
            (5, _("5 — Rất hài lòng")),
            (4, _("4 — Hài lòng")),
            (3, _("3 — Bình thường")),
            (2, _("2 — Không hài lòng")),
            (1, _("1 — Rất không hài lòng")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Nhận xét (không bắt buộc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
