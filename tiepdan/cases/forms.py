"""Input shapes of the case steps; each form's cleaned_data maps onto one service's kwargs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.cases import selectors
from tiepdan.cases.models import CaseKind, CaseStatus
from tiepdan.core.uploads import ScanField
from tiepdan.organizations.models import User
from tiepdan.workcalendar.models import Complexity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateField(forms.DateField):
    widget = DATE

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages", {"invalid": _("Ngày không hợp lệ."), "required": _("Cần nhập ngày.")}
        )
        super().__init__(**kwargs)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"), required=False, choices=[("", _("Tất cả")), *CaseStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *CaseKind.choices]
    )


class VerificationAssignForm(forms.Form):
    on = DateField(label=_("Ngày quyết định"))
    number = forms.CharField(label=_("Số quyết định"), required=False, max_length=40)
    team = forms.CharField(
        label=_("Tổ xác minh (mỗi dòng: họ tên, chức vụ)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    content = forms.CharField(
        label=_("Nội dung cần xác minh"), widget=forms.Textarea(attrs={"rows": 3})
    )
    days = forms.IntegerField(
        label=_("Số ngày xác minh"), required=False, min_value=1, max_value=90
    )

    def clean_team(self) -> list[str]:
        return [line for line in self.cleaned_data["team"].splitlines() if line.strip()]

    def clean_days(self) -> int:
        return self.cleaned_data.get("days") or 0


class VerificationReportForm(forms.Form):
    on = DateField(label=_("Ngày báo cáo"))
    findings = forms.CharField(
        label=_("Kết quả xác minh"), widget=forms.Textarea(attrs={"rows": 3})
    )
    differs = forms.BooleanField(
        label=_("Yêu cầu của người khiếu nại và kết quả xác minh còn khác nhau"), required=False
    )


class DialogueScheduleForm(forms.Form):
    invited_on = DateField(label=_("Ngày gửi thông báo"))
    scheduled_on = DateField(label=_("Ngày đối thoại"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DialogueRecordForm(forms.Form):
    held_on = DateField(label=_("Ngày đối thoại"))
    attendance = forms.CharField(
        label=_("Thành phần (mỗi dòng: họ tên; vai trò; có mặt/vắng; lý do)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed = forms.CharField(
        label=_("Nội dung thống nhất"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    disagreed = forms.CharField(
        label=_("Nội dung còn khác nhau"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_attendance(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["attendance"].splitlines():
            parts = [p.strip() for p in line.split(";")]
            if not parts[0]:
                continue
            parts += [""] * (4 - len(parts))
            rows.append(
                {
                    "name": parts[0],
                    "role": parts[1],
                    "present": not parts[2].lower().startswith("vắng"),
                    "reason": parts[3],
                }
            )
        return rows


class ReasonForm(forms.Form):
    on = DateField(label=_("Ngày quyết định"))
    reason = forms.CharField(label=_("Lý do, căn cứ"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(ReasonForm):
    number = forms.CharField(label=_("Số quyết định gia hạn"), required=False, max_length=40)


class ReclassifyForm(forms.Form):
    on = DateField(label=_("Ngày xác định"))
    complexity = forms.ChoiceField(label=_("Mức độ phức tạp"), choices=Complexity.choices)
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)
    reason = forms.CharField(label=_("Căn cứ"), widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(forms.Form):
    """Khiếu nại lần hai or tố cáo tiếp: the earlier case, by its number."""

    previous = forms.IntegerField(label=_("Số vụ việc trước"), min_value=1)


class ResumeForm(forms.Form):
    on = DateField(label=_("Ngày quyết định tiếp tục"))


class WithdrawForm(forms.Form):
    on = DateField(label=_("Ngày rút"))
    full = forms.BooleanField(label=_("Rút toàn bộ"), required=False)
    content = forms.CharField(label=_("Nội dung rút"), widget=forms.Textarea(attrs={"rows": 2}))
    coerced = forms.BooleanField(label=_("Rút do bị ép buộc, đe dọa"), required=False)
    signs_of_violation = forms.BooleanField(
        label=_("Có dấu hiệu vi phạm pháp luật"), required=False
    )


class DecideForm(forms.Form):
    on = DateField(label=_("Ngày ban hành"))
    number = forms.CharField(label=_("Số"), required=False, max_length=40)
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=[])
    text = forms.CharField(
        label=_("Nội dung quyết định, kết luận"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(outcomes)


class DateOnlyForm(forms.Form):
    on = DateField(label=_("Ngày"))


class HandleForm(forms.Form):
    on = DateField(label=_("Ngày xử lý"))
    summary = forms.CharField(label=_("Nội dung xử lý"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    on = DateField(label=_("Ngày công khai"))
    channel = forms.CharField(label=_("Hình thức công khai"), max_length=255)


class ExecutionForm(forms.Form):
    """One execution record. The figures "theo quyết định" are set as the decision or
    conclusion states them (empty: unchanged); the figures "lần này" add up (empty: 0)."""

    ORDERED = (
        "decision_money_to_state",
        "decision_land_to_state",
        "decision_money_returned",
        "decision_money_returned_orgs",
        "decision_land_returned",
        "decision_land_returned_orgs",
        "decision_restored_orgs",
        "decision_restored_persons",
        "proposed_disciplined",
        "proposed_disciplined_officials",
        "proposed_disciplined_orgs",
    )

    on = DateField(label=_("Ngày"))
    decision_money_to_state = forms.DecimalField(
        label=_("Theo quyết định: tiền kiến nghị thu hồi về Nhà nước (triệu đồng)"),
        required=False,
        min_value=0,
    )
    decision_land_to_state = forms.DecimalField(
        label=_("Theo quyết định: đất kiến nghị thu hồi về Nhà nước (m²)"),
        required=False,
        min_value=0,
    )
    decision_money_returned = forms.DecimalField(
        label=_("Theo quyết định: tiền phải trả lại tổ chức, cá nhân (triệu đồng)"),
        required=False,
        min_value=0,
    )
    decision_money_returned_orgs = forms.DecimalField(
        label=_("— trong đó phải trả lại tổ chức (triệu đồng)"), required=False, min_value=0
    )
    decision_land_returned = forms.DecimalField(
        label=_("Theo quyết định: đất phải trả lại tổ chức, cá nhân (m²)"),
        required=False,
        min_value=0,
    )
    decision_land_returned_orgs = forms.DecimalField(
        label=_("— trong đó phải trả lại tổ chức (m²)"), required=False, min_value=0
    )
    decision_restored_orgs = forms.IntegerField(
        label=_("Theo quyết định: số tổ chức được trả lại quyền lợi"), required=False, min_value=0
    )
    decision_restored_persons = forms.IntegerField(
        label=_("Theo quyết định: số cá nhân được trả lại quyền lợi"), required=False, min_value=0
    )
    proposed_disciplined = forms.IntegerField(
        label=_("Theo quyết định: số người bị kiến nghị xử lý hành chính"),
        required=False,
        min_value=0,
    )
    proposed_disciplined_officials = forms.IntegerField(
        label=_("— trong đó cán bộ, công chức, viên chức"), required=False, min_value=0
    )
    proposed_disciplined_orgs = forms.IntegerField(
        label=_("Theo kết luận: số tổ chức bị kiến nghị xử lý hành chính"),
        required=False,
        min_value=0,
    )
    money_to_state = forms.DecimalField(
        label=_("Lần này: tiền đã thu về Nhà nước (triệu đồng)"), required=False, min_value=0
    )
    land_to_state = forms.DecimalField(
        label=_("Lần này: đất đã thu về Nhà nước (m²)"), required=False, min_value=0
    )
    money_returned = forms.DecimalField(
        label=_("Lần này: tiền đã trả lại tổ chức, cá nhân (triệu đồng)"),
        required=False,
        min_value=0,
    )
    money_returned_orgs = forms.DecimalField(
        label=_("— trong đó trả lại tổ chức (triệu đồng)"), required=False, min_value=0
    )
    land_returned = forms.DecimalField(
        label=_("Lần này: đất đã trả lại tổ chức, cá nhân (m²)"), required=False, min_value=0
    )
    land_returned_orgs = forms.DecimalField(
        label=_("— trong đó trả lại tổ chức (m²)"), required=False, min_value=0
    )
    restored_orgs = forms.IntegerField(
        label=_("Lần này: số tổ chức đã được trả lại quyền lợi"), required=False, min_value=0
    )
    restored_persons = forms.IntegerField(
        label=_("Lần này: số cá nhân đã được trả lại quyền lợi"), required=False, min_value=0
    )
    orgs_disciplined = forms.IntegerField(
        label=_("Lần này: số tổ chức đã bị xử lý"), required=False, min_value=0
    )
    persons_disciplined = forms.IntegerField(
        label=_("Lần này: số người đã bị xử lý hành chính, kỷ luật"), required=False, min_value=0
    )
    disciplined_officials = forms.IntegerField(
        label=_("— trong đó cán bộ, công chức, viên chức"), required=False, min_value=0
    )
    referred_cases = forms.IntegerField(
        label=_("Lần này: số vụ chuyển cơ quan điều tra"), required=False, min_value=0
    )
    referred_persons = forms.IntegerField(
        label=_("Lần này: số người chuyển cơ quan điều tra"), required=False, min_value=0
    )
    referred_officials = forms.IntegerField(
        label=_("— trong đó cán bộ, công chức, viên chức"), required=False, min_value=0
    )
    prosecuted_cases = forms.IntegerField(
        label=_("Lần này: số vụ đã khởi tố"), required=False, min_value=0
    )
    prosecuted_persons = forms.IntegerField(
        label=_("Lần này: số người đã bị khởi tố"), required=False, min_value=0
    )
    prosecuted_officials = forms.IntegerField(
        label=_("— trong đó cán bộ, công chức, viên chức"), required=False, min_value=0
    )
    completed = forms.BooleanField(
        label=_("Quyết định, kết luận đã thi hành xong (vào ngày trên)"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def clean(self):
        data = super().clean()
        for name in list(data):
            if name not in ("on", "note", "completed", *self.ORDERED) and data.get(name) is None:
                data[name] = 0
        return data


class DirectiveForm(forms.Form):
    issued_on = DateField(label=_("Ngày chỉ đạo"))
    due_on = DateField(label=_("Hạn báo cáo, hoàn thành"))
    reference = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False, max_length=255)
    issuer = forms.CharField(label=_("Cơ quan, người chỉ đạo"), required=False, max_length=255)
    text = forms.CharField(label=_("Nội dung chỉ đạo"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskChoiceField(forms.ModelChoiceField):
    """A direction or directive to choose: its text and due date."""

    def __init__(self, **kwargs):
        super().__init__(queryset=None, empty_label=_("— Chọn —"), **kwargs)

    def label_from_instance(self, obj) -> str:
        return _("%(t)s (hạn %(d)s)") % {"t": obj.text[:120], "d": obj.due_on.strftime("%d/%m/%Y")}


class DirectionLinkForm(forms.Form):
    """A direction of a leader's reception (thông báo kết luận) that concerns this case."""

    needs_case = True
    direction = TaskChoiceField(label=_("Nội dung chỉ đạo tại buổi tiếp"))
    issued_on = DateField(label=_("Ngày gắn với vụ việc"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].queryset = selectors.linkable_directions(case)


class DirectiveDoneForm(forms.Form):
    needs_case = True
    directive = TaskChoiceField(label=_("Chỉ đạo"))
    on = DateField(label=_("Ngày hoàn thành"))
    result = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = selectors.open_directives(case)


class WorkingCopyForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200)
    file = ScanField(label=_("Bản sao đã che thông tin người tố cáo (PDF, ảnh)"))


class SealedFileForm(forms.Form):
    reason = forms.CharField(label=_("Lý do cần xem tài liệu"), max_length=500)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Lý do cần xem"), max_length=500)


class GrantForm(forms.Form):
    """Expressly assign an officer to see the denouncer (Luật TC Art 56); reason required."""

    user = forms.ModelChoiceField(label=_("Cán bộ được giao"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Lý do giao quyền"), max_length=500)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
