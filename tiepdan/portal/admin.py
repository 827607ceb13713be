from django.contrib import admin

from tiepdan.portal.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Messages to citizens: masked recipient, the text sent, each attempt's outcome."""

    list_display = [
        "created_at",
        "event",
        "channel",
        "recipient",
        "status",
        "attempts",
        "last_error",
    ]
    list_filter = ["status", "channel", "event"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
