from django.contrib import admin

from tiepdan.privacy.models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "years", "valid_from", "valid_to")
    list_filter = ("kind",)
