from django.contrib import admin

from tiepdan.natsync.models import CodeMapping, UnitSyncSetting


@admin.register(CodeMapping)
class CodeMappingAdmin(admin.ModelAdmin):
    list_display = ["code_list", "local_value", "national_code", "note", "updated_at"]
    list_filter = ["code_list"]
    search_fields = ["local_value", "national_code", "note"]


@admin.register(UnitSyncSetting)
class UnitSyncSettingAdmin(admin.ModelAdmin):
    list_display = ["unit", "enabled", "send_denouncer_identity", "updated_at"]
    list_filter = ["enabled", "send_denouncer_identity"]
    autocomplete_fields = ["unit"]
