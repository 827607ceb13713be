"""Input forms of the plan pages."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.organizations.models import Unit, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINES_HELP = _("Mỗi dòng một mục.")


def _model_field(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A model choice field of the form, to set its choices for the request."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # declared so on the form
    return field


class LinesField(forms.CharField):
    """A list of strings typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


def _parse_dmy(text: str) -> dt.date:
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


class PhasesField(forms.CharField):
    """Phases typed as "Tên | từ ngày | đến ngày" (dd/mm/yyyy), one a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(
                f"{p['name']} | {p['from']:%d/%m/%Y} | {p['to']:%d/%m/%Y}" for p in value
            )
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        phases = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            try:
                name, first, last = parts
                phases.append(
                    {
                        "name": name,
                        "from": _parse_dmy(first),
                        "to": _parse_dmy(last),
                    }
                )
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Dòng %(n)d: viết theo mẫu «Trước Tết | 20/01/2025 | 24/01/2025».")
                    % {"n": number}
                ) from exc
        return phases


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE)
    phases = PhasesField(
        label=_("Giai đoạn (Tên | từ | đến)"),
        required=False,
        help_text=_("Để trống: tự chia trước, trong và sau kỳ nghỉ Tết."),
    )
    parent_plan: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thực hiện kế hoạch cấp trên"), queryset=None, required=False
    )
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE, required=False)
    legal_basis = LinesField(label=_("Căn cứ"), required=False, help_text=LINES_HELP)
    preamble = forms.CharField(
        label=_("Lời mở đầu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Để trống: tự viết từ căn cứ."),
    )
    purposes = LinesField(label=_("Mục đích"), required=False, help_text=LINES_HELP)
    requirements = LinesField(label=_("Yêu cầu"), required=False, help_text=LINES_HELP)
    contents_intro = forms.CharField(
        label=_("Dẫn nhập phần nội dung"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    contents = LinesField(label=_("Nội dung"), required=False, help_text=LINES_HELP)
    closing = forms.CharField(
        label=_("Đoạn kết"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    recipients = LinesField(label=_("Nơi nhận"), required=False, help_text=LINES_HELP)
    agency_name = forms.CharField(label=_("Tên cơ quan ban hành"), required=False)
    agency_parent_name = forms.CharField(label=_("Cơ quan chủ quản"), required=False)
    place = forms.CharField(label=_("Địa danh"), required=False)
    signer_authority = forms.CharField(label=_("Thẩm quyền ký (TM., KT.)"), required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False)
    signer_name = forms.CharField(label=_("Người ký"), required=False)

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        _model_field(self, "parent_plan").queryset = parent_choices
        _model_field(self, "parent_plan").label_from_instance = lambda p: (
            f"{p.unit.name} — {p.title}"
        )


class PlanCopyForm(forms.Form):
    source: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Sao chép từ kế hoạch"), queryset=None
    )
    starts_on = forms.DateField(label=_("Kỳ mới bắt đầu từ ngày"), widget=DATE)
    title = forms.CharField(
        label=_("Trích yếu mới"),
        required=False,
        help_text=_("Để trống: đổi năm, tên năm âm lịch tự động."),
    )

    def __init__(self, *args, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        _model_field(self, "source").queryset = sources
        _model_field(self, "source").label_from_instance = lambda p: (
            f"{p.unit.name} — {p.title} ({p.starts_on:%d/%m/%Y})"
        )


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Số"), max_length=20)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE)


class TaskForm(forms.Form):
    assignee_label = forms.CharField(label=_("Giao cho"), max_length=255)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label=_("Hạn"), widget=DATE, required=False)
    lead_unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=None, required=False
    )
    cooperating_units: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _model_field(self, "lead_unit").queryset = units
        _model_field(self, "cooperating_units").queryset = units


class TaskReportForm(forms.Form):
    text = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("Đã hoàn thành"), required=False)


def _person(user: User) -> str:
    return f"{user.display_name} ({user.username})" + (
        f" — {user.position}" if user.position else ""
    )


class RosterForm(forms.Form):
    head: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Người đứng đầu tiếp công dân định kỳ"),
        queryset=None,
        help_text=_("Chủ tịch UBND hoặc thủ trưởng cơ quan (Luật Tiếp công dân, Điều 12, 15, 18)."),
    )
    leaders: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Lãnh đạo trực khác"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    officers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Cán bộ trực"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publish_on = forms.DateField(
        label=_("Ngày niêm yết lịch dự kiến"),
        widget=DATE,
        required=False,
        help_text=_("Để trống: hôm nay."),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("head", "leaders", "officers"):
            _model_field(self, name).queryset = people
            _model_field(self, name).label_from_instance = _person


class ShiftForm(forms.Form):
    leader: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Lãnh đạo trực"), queryset=None)
    officers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Cán bộ trực"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Lý do thay đổi"), max_length=255, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("leader", "officers"):
            _model_field(self, name).queryset = people
            _model_field(self, name).label_from_instance = _person


class SwapForm(forms.Form):
    mine: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Người trong ca này"), queryset=None
    )
    other: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Đổi với"), queryset=None)
    note = forms.CharField(label=_("Lý do đổi ca"), max_length=255, required=False)

    def __init__(self, *args, mine=None, others=None, **kwargs):
        super().__init__(*args, **kwargs)
        _model_field(self, "mine").queryset = mine
        _model_field(self, "other").queryset = others
        _model_field(self, "mine").label_from_instance = lambda a: a.user.display_name
        _model_field(self, "other").label_from_instance = lambda a: (
            f"{a.user.display_name} — {a.date:%d/%m/%Y} {a.get_slot_display()}"
        )


class LeaveForm(forms.Form):
    user: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Cán bộ"), queryset=None)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE)
    reason = forms.CharField(label=_("Lý do"), max_length=255)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        _model_field(self, "user").queryset = people
        _model_field(self, "user").label_from_instance = _person


class PublishForm(forms.Form):
    on = forms.DateField(label=_("Ngày niêm yết"), widget=DATE)


def unit_choices(unit: Unit):
    """The unit, its partner bodies and sub-units: who can be given a task."""
    return Unit.objects.filter(path__startswith=unit.path).order_by("path")
