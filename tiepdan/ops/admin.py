from django.contrib import admin

from tiepdan.ops.models import JobRun, WorkerHeartbeat


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "slot", "status", "claimed_by", "started_at", "finished_at"]
    list_filter = ["status", "job"]
    date_hierarchy = "slot"
    readonly_fields = [f.name for f in JobRun._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]
    readonly_fields = [f.name for f in WorkerHeartbeat._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False
