"""Forms of the calendar editor and the deadline calculator."""

import re
from datetime import date, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.workcalendar.models import Complexity
from tiepdan.workcalendar.rules import rule_catalogue
from tiepdan.workcalendar.services import DayEntry

_DATE = r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
_DAY_LINE = re.compile(rf"^\s*{_DATE}\s*[-–:]?\s*(.*)$")
_PAUSE_LINE = re.compile(rf"^\s*{_DATE}\s*(?:-|–|đến|to)\s*{_DATE}\s*$")


def _parse_date(text: str) -> date:
    fmt = "%Y-%m-%d" if "-" in text else "%d/%m/%Y"
    return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone


def _parse_days(text: str, label: str) -> list[DayEntry]:
    entries, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _DAY_LINE.match(line)
        try:
            if match is None:
                raise ValueError(line)
            entries.append(DayEntry(date=_parse_date(match[1]), name=match[2].strip()))
        except ValueError:
            errors.append(
                _("%(label)s, dòng %(n)s: cần “ngày tên”, ví dụ “2027-02-11 Nghỉ Tết”.")
                % {"label": label, "n": number}
            )
    if errors:
        raise forms.ValidationError(errors)
    return entries


class CalendarYearForm(forms.Form):
    """Edit a year's lists, one day per line: `YYYY-MM-DD name` (or `DD/MM/YYYY name`)."""

    days_off = forms.CharField(
        label=_("Ngày nghỉ (thứ Hai–thứ Sáu)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 60}),
        help_text=_("Mỗi dòng một ngày: “2027-02-11 Nghỉ Tết Nguyên Đán”."),
    )
    working_days = forms.CharField(
        label=_("Ngày làm bù (thứ Bảy, Chủ nhật)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Mỗi dòng một ngày: “2027-02-20 Làm bù cho ngày 08/02/2027”."),
    )
    note = forms.CharField(label=_("Căn cứ, ghi chú"), required=False, max_length=500)

    def clean_days_off(self) -> list[DayEntry]:
        return _parse_days(self.cleaned_data["days_off"], str(_("Ngày nghỉ")))

    def clean_working_days(self) -> list[DayEntry]:
        return _parse_days(self.cleaned_data["working_days"], str(_("Ngày làm bù")))


class DeadlineForm(forms.Form):
    """Inputs of the deadline calculator."""

    rule = forms.ChoiceField(label=_("Quy tắc thời hạn"))
    start = forms.DateField(
        label=_("Ngày bắt đầu (không tính)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Ngày không hợp lệ.")},
    )
    complexity = forms.ChoiceField(
        label=_("Mức độ phức tạp"), choices=Complexity.choices, initial=Complexity.NORMAL
    )
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)
    extensions = forms.IntegerField(label=_("Số lần gia hạn"), min_value=0, max_value=9, initial=0)
    paused = forms.CharField(
        label=_("Khoảng tạm dừng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text=_("Mỗi dòng một khoảng: “2025-01-15 đến 2025-01-20” (tính cả hai đầu)."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        rule = self.fields["rule"]
        assert isinstance(rule, forms.ChoiceField)  # declared above
        rule.choices = [
            (code, versions[-1].name)
            for code in rule_catalogue().codes()
            if (versions := rule_catalogue().versions(code))
        ]

    def clean_paused(self) -> list[tuple[date, date]]:
        ranges, errors = [], []
        for number, line in enumerate(self.cleaned_data["paused"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _PAUSE_LINE.match(line)
            try:
                if match is None:
                    raise ValueError(line)
                ranges.append((_parse_date(match[1]), _parse_date(match[2])))
            except ValueError:
                errors.append(
                    _("Dòng %(n)s: cần “từ ngày đến ngày”, ví dụ “2025-01-15 đến 2025-01-20”.")
                    % {"n": number}
                )
        if errors:
            raise forms.ValidationError(errors)
        return ranges
