from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from tiepdan.core.errors import DomainError
from tiepdan.documents import services
from tiepdan.documents.models import DocumentTemplate
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.permissions import Action, has_permission


class DocumentTemplateUploadForm(forms.ModelForm):
    """Upload form: the file must render with the form's sample data before it is accepted."""

    class Meta:
        model = DocumentTemplate
        fields = ["code", "unit", "valid_from", "file", "is_active"]

    request = None  # set by DocumentTemplateAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        user = getattr(self.request, "user", None)
        if self.instance.pk is None and not has_permission(
            user, Action.UNIT_MANAGE, cleaned.get("unit")
        ):
            raise ValidationError(
                "Chỉ quản trị đơn vị mới được tải mẫu văn bản cho đơn vị này "
                "(để trống đơn vị: chỉ quản trị cấp cao nhất)."
            )
        code, upload, valid_from = (cleaned.get(k) for k in ("code", "file", "valid_from"))
        if code and upload and valid_from:
            try:
                services.document_template_validate(code=code, file=upload, valid_from=valid_from)
            except DomainError as exc:
                raise ValidationError({"file": exc.message}) from exc
        return cleaned


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """Unit administrators upload edited DOCX templates for their subtree; uploads are immutable
    (only "đang dùng" can be switched), so every issued document can be traced to its file."""

    form = DocumentTemplateUploadForm
    list_display = ["code", "unit", "valid_from", "is_active", "original_name", "uploaded_by"]
    list_filter = ["code", "is_active"]
    list_select_related = ["unit", "uploaded_by"]
    search_fields = ["code", "unit__name", "original_name"]
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        return org_selectors.scope_filter(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["code", "unit", "valid_from", "file", "original_name", "uploaded_by", "created_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["code", "unit", "valid_from", "file", "is_active"]
        return [*self.get_readonly_fields(request, obj), "is_active"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = org_selectors.visible_units(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and not has_permission(request.user, Action.UNIT_MANAGE, obj.unit):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            services.document_template_set_active(
                template=DocumentTemplate.objects.get(pk=obj.pk),
                is_active=obj.is_active,
                actor=request.user,
            )
            return
        created = services.document_template_upload(
            code=obj.code,
            file=form.cleaned_data["file"],
            valid_from=obj.valid_from,
            unit=obj.unit,
            uploaded_by=request.user,
            is_active=obj.is_active,
        )
        # The admin keeps using `obj` (messages, redirect): mirror the stored row onto it.
        for field in DocumentTemplate._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
