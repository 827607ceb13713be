from django.contrib import admin

from tiepdan.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = ["occurred_at", "action", "actor", "unit", "target_type", "target_id"]
    list_filter = ["action"]
    list_select_related = ["actor", "unit"]
    search_fields = ["action", "target_id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
