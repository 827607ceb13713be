from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from tiepdan.monitoring import fanout
from tiepdan.monitoring.models import AlertMail


@admin.register(AlertMail)
class AlertMailAdmin(admin.ModelAdmin):
    """Alert e-mails to officers: each person and alert, each attempt's outcome."""

    list_display = ["created_at", "alert", "user", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status"]
    list_select_related = ["alert", "user"]
    readonly_fields = [f.name for f in AlertMail._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Gửi lại các thư chưa gửi được"), permissions=["view"])
    def resend(self, request, queryset) -> None:
        count = fanout.mails_resend(queryset)
        self.message_user(
            request, _("Đã xếp %(n)d thư vào hàng đợi gửi lại.") % {"n": count}, messages.SUCCESS
        )
