from django import forms
from django.utils.translation import gettext_lazy as _


class SettingForm(forms.Form):
    enabled = forms.BooleanField(label=_("Gửi dữ liệu lên CSDL quốc gia"), required=False)
    send_denouncer_identity = forms.BooleanField(
        label=_("Gửi cả thông tin người tố cáo (chỉ khi có văn bản yêu cầu)"), required=False
    )


class MappingImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV ánh xạ"))
