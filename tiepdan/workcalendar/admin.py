"""Read-only admin: rules change by reviewed data migration, the calendar through its page
(so that open clocks are recomputed and the change audited), clocks through services."""

from django.contrib import admin
from django.http import HttpRequest

from tiepdan.workcalendar.models import CalendarDay, CalendarYear, Clock, ClockPause, LegalRule


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LegalRule)
class LegalRuleAdmin(ReadOnlyAdmin):
    list_display = [
        "code",
        "version",
        "name",
        "days",
        "day_type",
        "valid_from",
        "valid_to",
        "confidence",
    ]
    list_filter = ["day_type", "confidence"]
    search_fields = ["code", "name", "legal_basis"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    fields = ["date", "kind", "name", "source"]
    readonly_fields = ["date", "kind", "name", "source"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "revision", "updated_at", "updated_by"]
    list_select_related = ["updated_by"]
    inlines = [CalendarDayInline]


class ClockPauseInline(admin.TabularInline):
    model = ClockPause
    fields = ["start", "end", "reason"]
    readonly_fields = ["start", "end", "reason"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdmin):
    list_display = ["rule_code", "rule_version", "unit", "start", "due", "status", "extensions"]
    list_filter = ["status", "rule_code"]
    list_select_related = ["unit"]
    date_hierarchy = "due"
    inlines = [ClockPauseInline]
