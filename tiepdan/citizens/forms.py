from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.citizens.models import Gender


class CitizenForm(forms.Form):
    """A person's fields; the service validates and normalises them."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    id_number = forms.CharField(label=_("Số CCCD / CMND / hộ chiếu"), max_length=20, required=False)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày sinh không hợp lệ (dd/mm/yyyy).")},
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm công dân"), max_length=100, required=False)
