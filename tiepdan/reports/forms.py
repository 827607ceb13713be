"""The report filter: unit, and a statutory period or any date range."""

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.core.dates import PERIOD_DATE_VALIDATORS
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.reports.forms_registry import form_version_for
from tiepdan.reports.models import MANAGEMENT_LABELS
from tiepdan.reports.periods import (
    PERIOD_LABELS,
    STATUTORY_KINDS,
    Period,
    default_quarter,
    statutory_period,
)


def cutoff_day(on: dt.date) -> int:
    """The cut-off day of the regime in force on `on`, unless settings override it."""
    return (
        getattr(settings, "TIEPDAN_REPORT_CUTOFF_DAY", None)
        or form_version_for("01-TCD", on).cutoff_day
    )


class ReportFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), to_field_name="code"
    )
    period = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        choices=[(k, PERIOD_LABELS[k]) for k in (*STATUTORY_KINDS, "custom")],
        required=False,
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2014, max_value=2100, required=False)
    from_ = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=PERIOD_DATE_VALIDATORS,
    )
    to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=PERIOD_DATE_VALIDATORS,
    )

    def __init__(self, data: Any, *, user: User, default_unit: Unit | None) -> None:
        data = data.copy() if data is not None else {}
        if not data.get("unit") and default_unit is not None:
            data["unit"] = default_unit.code
        today = timezone.localdate()
        year = today.year
        if not data.get("period") and data.get("from"):
            data["period"] = "custom"
        elif not data.get("period"):
            quarter = default_quarter(today, cutoff_day=cutoff_day(today))
            data["period"], year = quarter.kind, quarter.end.year
        if not data.get("year"):
            data["year"] = str(year)
        super().__init__(data)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)  # declared so above
        unit.queryset = org_selectors.visible_units(user).order_by("path")

    def add_prefix(self, field_name: str) -> str:
        return "from" if field_name == "from_" else super().add_prefix(field_name)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        kind = data.get("period") or "custom"
        if kind == "custom":
            start, end = data.get("from_"), data.get("to")
            if not start or not end:
                raise forms.ValidationError(_("Chọn kỳ báo cáo hoặc nhập từ ngày, đến ngày."))
            if start > end:
                raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
            data["period_obj"] = Period(start, end, "custom")
        else:
            year = data.get("year") or timezone.localdate().year
            guess = statutory_period(year, kind)
            data["period_obj"] = statutory_period(year, kind, cutoff_day=cutoff_day(guess.end))
        return data

    @property
    def query(self) -> str:
        """The canonical query string (unit, from, to) of the chosen report."""
        period: Period = self.cleaned_data["period_obj"]
        return f"unit={self.cleaned_data['unit'].code}&from={period.start}&to={period.end}"


class ManagementFiguresForm(forms.Form):
    """The 17 figures of 06/QLKNTC a unit enters for a period, with their source."""

    source_note = forms.CharField(
        label=_("Nguồn số liệu"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: sổ theo dõi, văn bản, kết luận thanh tra đã ban hành."),
        error_messages={"required": _("Ghi nguồn của số liệu.")},
    )
    note = forms.CharField(
        label=_("Ghi chú (dòng 18)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in MANAGEMENT_LABELS.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=0,
                initial=0,
                error_messages={
                    "invalid": _("Nhập một số nguyên, không âm."),
                    "min_value": _("Số liệu không được âm."),
                    "required": _("Nhập số liệu (0 nếu không có)."),
                },
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "num"}),
            )

    def figure_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MANAGEMENT_LABELS]
