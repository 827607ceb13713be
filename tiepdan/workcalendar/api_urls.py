"""API routes of the working calendar and the deadline calculator (mounted under /api/v1/)."""

from django.urls import path

from tiepdan.workcalendar import api

urlpatterns = [
    path("calendar/<int:year>/", api.CalendarYearApi.as_view(), name="calendar-year"),
    path("deadlines/compute", api.DeadlineComputeApi.as_view(), name="deadline-compute"),
    path(
        "deadlines/compute/", api.DeadlineComputeSlashApi.as_view(), name="deadline-compute-slash"
    ),
    path("deadlines/rules/", api.RuleListApi.as_view(), name="deadline-rules"),
]
