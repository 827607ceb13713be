from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tiepdan.organizations.models import Membership, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "is_active", "is_superuser"]
    search_fields = ["username", "full_name"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("TiếpDân", {"fields": ("full_name", "phone", "position")}),
    )


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-only: units change through the API, the CSV import and services (paths, audit)."""

    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to", "merged_into"]
    list_filter = ["kind"]
    list_select_related = ["parent", "merged_into"]
    search_fields = ["code", "name", "name_key"]
    readonly_fields = ["code", "parent", "path", "depth", "merged_into", "name_key"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
