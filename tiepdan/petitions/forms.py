"""Forms of petition processing; the services hold the rules."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.uploads import ScanField
from tiepdan.organizations.models import Unit
from tiepdan.petitions.constants import (
    Eligibility,
    IneligibleReason,
    Outcome,
    OutsideBody,
    PriorResolution,
)
from tiepdan.petitions.models import PetitionSource

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: "str | _StrPromise", **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
        **kwargs,
    )


class IntakeForm(forms.Form):
    received_on = _date(_("Ngày nhận đơn"))
    source = forms.ChoiceField(label=_("Nguồn đơn"), choices=PetitionSource.choices)
    sender_body = forms.CharField(label=_("Cơ quan, người chuyển đơn đến"), required=False)
    petition_type = forms.ChoiceField(
        label=_("Loại đơn (theo nội dung)"), choices=PetitionType.choices
    )
    domain = forms.ChoiceField(label=_("Lĩnh vực"), choices=Domain.choices)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung, yêu cầu"), widget=forms.Textarea(attrs={"rows": 3})
    )
    anonymous = forms.BooleanField(label=_("Đơn nặc danh"), required=False)
    signatory_count = forms.IntegerField(label=_("Số người đứng tên"), min_value=1, initial=1)
    full_name = forms.CharField(label=_("Họ tên người gửi"), required=False)
    id_number = forms.CharField(label=_("Số CCCD/CMND"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), required=False)
    scan = ScanField(label=_("Bản quét đơn (PDF, ảnh)"), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("anonymous") and not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Nhập họ tên người gửi, hoặc đánh dấu đơn nặc danh."))
        return data


class ClassifyForm(forms.Form):
    petition_type = forms.ChoiceField(label=_("Loại đơn"), choices=PetitionType.choices)
    domain = forms.ChoiceField(label=_("Lĩnh vực"), choices=Domain.choices)
    eligibility = forms.ChoiceField(
        label=_("Điều kiện xử lý"),
        choices=[
            (Eligibility.ELIGIBLE, Eligibility.ELIGIBLE.label),
            (Eligibility.INELIGIBLE, Eligibility.INELIGIBLE.label),
        ],
    )
    ineligible_reason = forms.ChoiceField(
        label=_("Lý do không đủ điều kiện"),
        choices=[("", "—"), *IneligibleReason.choices],
        required=False,
    )
    within_jurisdiction = forms.TypedChoiceField(
        label=_("Thẩm quyền"),
        coerce=lambda v: {"true": True, "false": False}.get(v),
        choices=[
            ("true", _("Thuộc thẩm quyền")),
            ("false", _("Không thuộc thẩm quyền")),
            ("", _("Chưa xác định")),
        ],
        required=False,
        empty_value=None,
    )
    prior_resolution = forms.ChoiceField(
        label=_("Tình trạng giải quyết trước đó"), choices=PriorResolution.choices
    )


class ProposeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Đề xuất hướng xử lý"), choices=Outcome.choices)
    note = forms.CharField(label=_("Nội dung đề xuất"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hướng xử lý"), choices=Outcome.choices)
    decided_on = _date(_("Ngày xử lý"))
    to_unit = forms.ModelChoiceField(
        label=_("Chuyển/đôn đốc đơn vị trong hệ thống"),
        queryset=Unit.objects.none(),
        required=False,
    )
    to_body = forms.CharField(label=_("Hoặc cơ quan ngoài hệ thống"), required=False)
    to_body_kind = forms.ChoiceField(
        label=_("Loại cơ quan ngoài hệ thống"),
        choices=[("", "—"), *OutsideBody.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    complexity = forms.ChoiceField(
        label=_("Tính chất vụ việc (khi thụ lý)"),
        choices=[
            ("normal", _("Bình thường")),
            ("complex", _("Phức tạp")),
            ("very_complex", _("Đặc biệt phức tạp")),
        ],
    )
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["to_unit"].queryset = units


class SplitForm(forms.Form):
    first_type = forms.ChoiceField(label=_("Nội dung 1 — loại"), choices=PetitionType.choices[:3])
    first_summary = forms.CharField(label=_("Nội dung 1"))
    second_type = forms.ChoiceField(label=_("Nội dung 2 — loại"), choices=PetitionType.choices[:3])
    second_summary = forms.CharField(label=_("Nội dung 2"))


class ReplyForm(forms.Form):
    received_on = _date(_("Ngày nhận phúc đáp"))
    summary = forms.CharField(label=_("Nội dung phúc đáp"))


class TextForm(forms.Form):
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
