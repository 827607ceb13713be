"""Input shapes of the monitoring pages (Vietnamese labels and messages)."""

from typing import cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain
from tiepdan.monitoring.models import (
    FOLLOW_UP_KINDS,
    ActionKind,
    NoteIntent,
    TargetLevel,
    Thresholds,
)
from tiepdan.organizations.models import Unit, User


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Giao cho"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Chọn người được giao."),
            "invalid_choice": _("Người này không thuộc đơn vị liên quan."),
        },
    )
    note = forms.CharField(
        label=_("Yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        paths = [u.path for u in units]
        q = Q(pk__in=[])
        for p in paths:
            q |= Q(memberships__unit__path__startswith=p)
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = (
            User.objects.filter(q, is_active=True).distinct().order_by("full_name", "username")
        )


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Việc đã làm"),
        choices=[(k.value, k.label) for k in FOLLOW_UP_KINDS],
        initial=ActionKind.DIALOGUE,
        error_messages={"required": _("Chọn loại việc đã làm.")},
    )
    note = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập nội dung việc đã làm.")},
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Kết quả xử lý"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập kết quả xử lý.")},
    )


class NoteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Báo cho đơn vị"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Chọn đơn vị được báo.")},
    )
    observed_on = forms.DateField(
        label=_("Ngày nắm tình hình"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Nhập ngày."), "invalid": _("Ngày không hợp lệ.")},
    )
    place = forms.CharField(
        label=_("Địa điểm, khu dân cư"),
        max_length=200,
        error_messages={"required": _("Nhập địa điểm, khu dân cư.")},
    )
    people = forms.IntegerField(
        label=_("Số người (ước tính)"),
        min_value=1,
        error_messages={
            "required": _("Nhập số người."),
            "min_value": _("Số người phải từ 1 trở lên."),
            "invalid": _("Số người phải là số."),
        },
    )
    intent = forms.ChoiceField(label=_("Ý định"), choices=NoteIntent.choices)
    target_level = forms.ChoiceField(
        label=_("Dự kiến đến"), choices=TargetLevel.choices, initial=TargetLevel.LOCAL
    )
    domain = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=[("", "—"), *Domain.choices], required=False
    )
    text = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Nhập nội dung tin.")},
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        self.fields["observed_on"].initial = timezone.localdate()


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = Thresholds
        fields = [
            "mass_group_people",
            "repeat_visits",
            "repeat_window_days",
            "cluster_citizens",
            "window_days",
            "agencies",
            "alert_score",
            "critical_score",
            "sensitive_days",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(
                {
                    "required": _("Nhập giá trị."),
                    "invalid": _("Phải là số nguyên."),
                    "min_value": _("Giá trị phải từ %(limit_value)s trở lên."),
                    "max_value": _("Giá trị không được quá %(limit_value)s."),
                }
            )

    def validate_unique(self) -> None:  # the unit is set by the service
        return


class BulletinDayForm(forms.Form):
    day = forms.DateField(
        label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
