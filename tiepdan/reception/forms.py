"""Forms of the reception desk; the services validate the rules, the forms parse the input."""

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.dates import PERIOD_DATE_VALIDATORS
from tiepdan.matters.models import Matter, SubjectCategory
from tiepdan.organizations.models import Unit
from tiepdan.reception import online, refusals, selectors
from tiepdan.reception.constants import (
    Body,
    ChairedBy,
    Channel,
    Handling,
    Identification,
    PointKind,
    ReceptionMode,
)
from tiepdan.reception.models import OnlinePoint, ReceptionSession
from tiepdan.reception.services import Attendee, OnlineAttendance, VisitInput

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class VisitForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Thời gian tiếp"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Thời gian không hợp lệ (dd/mm/yyyy hh:mm).")},
    )
    mode = forms.ChoiceField(label=_("Hình thức tiếp"), choices=ReceptionMode.choices)
    chaired_by = forms.ChoiceField(label=_("Người chủ trì"), choices=ChairedBy.choices)
    channel = forms.ChoiceField(label=_("Phương thức"), choices=Channel.choices)
    people_count = forms.IntegerField(
        label=_("Số người"),
        min_value=1,
        initial=1,
        error_messages={
            "min_value": _("Số người phải từ 1 trở lên."),
            "invalid": _("Số người phải là số nguyên."),
        },
    )
    case = forms.ModelChoiceField(
        label=_("Vụ việc"),
        queryset=Matter.objects.none(),
        required=False,
        empty_label=_("— Vụ việc mới —"),
    )
    petition_type = forms.ChoiceField(label=_("Loại đơn"), choices=PetitionType.choices)
    domain = forms.ChoiceField(label=_("Lĩnh vực (nhóm báo cáo)"), choices=Domain.choices)
    subject = forms.ModelChoiceField(
        label=_("Lĩnh vực chi tiết"),
        queryset=SubjectCategory.objects.none(),
        required=False,
    )
    content = forms.CharField(label=_("Nội dung vụ việc"), widget=forms.Textarea(attrs={"rows": 3}))
    request = forms.CharField(
        label=_("Yêu cầu, đề nghị của công dân"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    resolution_history = forms.CharField(
        label=_("Cơ quan đã giải quyết, quá trình giải quyết"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    documents = forms.CharField(
        label=_("Tài liệu, bằng chứng nhận (mỗi dòng: tên tài liệu; số trang; bản chính/bản sao)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    handling = forms.ChoiceField(label=_("Kết quả tiếp"), choices=Handling.choices)
    written_petition = forms.BooleanField(
        label=_("Có đơn viết: chuyển sang xử lý đơn"), required=False
    )
    within_competence = forms.NullBooleanField(
        label=_("Thuộc thẩm quyền"),
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Có")), ("false", _("Không"))]),
        required=False,
    )
    competent_body = forms.CharField(label=_("Cơ quan có thẩm quyền"), required=False)
    guidance = forms.CharField(
        label=_("Nội dung giải thích, hướng dẫn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    appointment_at = forms.DateTimeField(
        label=_("Hẹn lúc"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    appointment_place = forms.CharField(label=_("Nơi hẹn"), required=False)
    refusal_ground = forms.ChoiceField(label=_("Căn cứ từ chối tiếp"), required=False)
    refusal_details = forms.CharField(
        label=_("Diễn biến, lý do cụ thể"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(label=_("Ghi chú"), required=False)
    identification = forms.ChoiceField(
        label=_("Cách xác định danh tính"),
        required=False,
        choices=[("", "—"), *Identification.choices],
    )
    # A visit received in an online session (the desk opened from the session's point).
    session = forms.ModelChoiceField(
        queryset=ReceptionSession.objects.none(), required=False, widget=forms.HiddenInput
    )
    online_point = forms.ModelChoiceField(
        label=_("Điểm cầu"), queryset=OnlinePoint.objects.none(), required=False
    )
    online_ground = forms.ChoiceField(label=_("Căn cứ tiếp trực tuyến"), required=False)
    online_reason = forms.CharField(
        label=_("Lý do tiếp trực tuyến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    waiver_reference = forms.CharField(
        label=_("Văn bản từ bỏ quyền được giữ bí mật (với tố cáo: số, ngày)"),
        required=False,
        max_length=255,
    )

    def __init__(
        self,
        *args,
        cases=None,
        subjects=None,
        on: dt.date | None = None,
        sessions=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            cast(forms.ModelChoiceField, self.fields["session"]).queryset = sessions
            cast(
                forms.ModelChoiceField, self.fields["online_point"]
            ).queryset = OnlinePoint.objects.filter(session__in=sessions).select_related("unit")
        if cases is not None:
            cast(forms.ModelChoiceField, self.fields["case"]).queryset = cases
            if not self.is_bound and "case" not in self.initial:
                # A returning citizen most often comes about the matter still being handled.
                self.initial["case"] = selectors.open_case(cases)
        if subjects is not None:
            cast(forms.ModelChoiceField, self.fields["subject"]).queryset = subjects
        day = on or timezone.localdate()
        cast(forms.ChoiceField, self.fields["refusal_ground"]).choices = [("", "—")] + [
            (g.code, f"{g.legal_basis}: {g.text}") for g in refusals.grounds_in_force(day)
        ]
        cast(forms.ChoiceField, self.fields["online_ground"]).choices = [("", "—")] + [
            (g.code, str(g.text)) for g in online.grounds_in_force(day)
        ]

    @property
    def online_session(self):
        """The online session the visit is received in, bound or initial (else None)."""
        value = self["session"].value()
        if not value:
            return None
        if isinstance(value, ReceptionSession):
            return value
        return self.fields["session"].queryset.filter(pk=value).first()

    def visit_input(self, unit: Unit, attendees: list[Attendee]) -> VisitInput:
        """The valid form as the input of `services.visit_record`."""
        values = dict(self.cleaned_data)
        attendance = OnlineAttendance(
            point=values.pop("online_point"),
            ground=values.pop("online_ground"),
            reason=values.pop("online_reason"),
            waiver_reference=values.pop("waiver_reference"),
        )
        return VisitInput(unit=unit, attendees=attendees, online=attendance, **values)

    def clean_documents(self) -> list[dict]:
        """One document per line: "title; pages; kind" (pages and kind optional)."""
        items = []
        for number, line in enumerate(self.cleaned_data["documents"].splitlines(), start=1):
            parts = [p.strip() for p in line.split(";")]
            if not parts[0]:
                continue
            pages = parts[1] if len(parts) > 1 else ""
            if pages and not pages.isdigit():
                raise forms.ValidationError(
                    _("Dòng %(n)d: số trang phải là số."), params={"n": number}
                )
            items.append(
                {
                    "title": parts[0],
                    "pages": int(pages) if pages else None,
                    "kind": parts[2] if len(parts) > 2 else "bản sao",
                }
            )
        return items


class DeskCitizenForm(forms.Form):
    """The short form for a person met for the first time at the desk."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    id_number = forms.CharField(label=_("Số CCCD/CMND"), max_length=20, required=False)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Ngày sinh không hợp lệ (dd/mm/yyyy).")},
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)


class RegisterFilterForm(forms.Form):
    first = forms.DateField(
        label=_("Từ ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=PERIOD_DATE_VALIDATORS,
    )
    last = forms.DateField(
        label=_("Đến ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=PERIOD_DATE_VALIDATORS,
    )
    mode = forms.ChoiceField(
        label=_("Hình thức"), required=False, choices=[("", _("Tất cả")), *ReceptionMode.choices]
    )
    petition_type = forms.ChoiceField(
        label=_("Loại đơn"), required=False, choices=[("", _("Tất cả")), *PetitionType.choices]
    )
    handling = forms.ChoiceField(
        label=_("Kết quả tiếp"), required=False, choices=[("", _("Tất cả")), *Handling.choices]
    )
    mass_group_only = forms.BooleanField(label=_("Chỉ đoàn đông người"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if data.get("first") and data.get("last") and data["last"] < data["first"]:
            raise forms.ValidationError(_("Ngày kết thúc trước ngày bắt đầu."))
        return data


class SessionForm(forms.Form):
    date = forms.DateField(
        label=_("Ngày tiếp"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ.")},
    )
    mode = forms.ChoiceField(label=_("Hình thức"), choices=ReceptionMode.choices)
    chaired_by = forms.ChoiceField(label=_("Người chủ trì"), choices=ChairedBy.choices)
    chair: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Lãnh đạo chủ trì"), queryset=None, required=False
    )
    body = forms.ChoiceField(label=_("Cơ quan tiếp"), choices=Body.choices)
    channel = forms.ChoiceField(label=_("Phương thức"), choices=Channel.choices)
    venue: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Địa điểm"), queryset=None, required=False
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    start_time = forms.TimeField(
        label=_("Giờ bắt đầu (trực tuyến)"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Giờ không hợp lệ (hh:mm).")},
    )
    video_link = forms.CharField(
        label=_("Đường dẫn phòng họp trực tuyến"), required=False, max_length=500
    )
    online_ground = forms.ChoiceField(label=_("Căn cứ tiếp trực tuyến"), required=False)
    online_reason = forms.CharField(
        label=_("Lý do tiếp trực tuyến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, leaders=None, venues=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["chair"]).queryset = leaders
        cast(forms.ModelChoiceField, self.fields["venue"]).queryset = venues
        cast(forms.ChoiceField, self.fields["online_ground"]).choices = [("", "—")] + [
            (g.code, str(g.text)) for g in online.GROUNDS
        ]


class PointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại điểm cầu"), choices=PointKind.choices)
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đơn vị của điểm cầu"), queryset=None
    )
    room = forms.CharField(label=_("Phòng, địa điểm"), max_length=255)
    officers = forms.CharField(
        label=_("Cán bộ có mặt (mỗi dòng một người)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class OnlineStepForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Thời điểm thực hiện"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Thời gian không hợp lệ (dd/mm/yyyy hh:mm).")},
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Biên bản tiếp công dân trực tuyến"), widget=forms.Textarea(attrs={"rows": 5})
    )


def _duration(text: str) -> int:
    """ "1:05:30", "65:30" or a number of minutes, to seconds."""
    parts = text.strip().split(":")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        raise forms.ValidationError(_("Thời lượng không hợp lệ (giờ:phút:giây hoặc số phút)."))
    if len(parts) == 1:
        return int(parts[0]) * 60
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


class RecordingForm(forms.Form):
    archive_reference = forms.CharField(
        label=_("Nơi lưu, số hiệu lưu trữ của tệp ghi hình"), required=False, max_length=500
    )
    sha256 = forms.CharField(label=_("Mã băm SHA-256 của tệp"), required=False, max_length=64)
    size_bytes = forms.IntegerField(
        label=_("Dung lượng tệp (byte)"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Dung lượng phải là số nguyên.")},
    )
    duration = forms.CharField(label=_("Thời lượng (giờ:phút:giây)"), max_length=12)
    retain_until = forms.DateField(
        label=_("Lưu trữ đến ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ.")},
    )
    upload = forms.FileField(
        label=_("Hoặc tải tệp ghi hình lên để lưu trong hệ thống"), required=False
    )

    def clean_duration(self) -> int:
        return _duration(self.cleaned_data["duration"])


class ConclusionForm(forms.Form):
    number = forms.CharField(label=_("Số thông báo"), max_length=40, required=False)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    content = forms.CharField(
        label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DirectionForm(forms.Form):
    text = forms.CharField(label=_("Nội dung chỉ đạo"), required=False)
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Giao cho"), queryset=None, required=False
    )
    due_on = forms.DateField(
        label=_("Hạn"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = units


DirectionFormSet = forms.formset_factory(DirectionForm, extra=4, max_num=20)


class DirectionDoneForm(forms.Form):
    result = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 2}))
