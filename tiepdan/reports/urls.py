"""HTML pages of the statutory reports (mounted at /reports/)."""

from django.urls import path

from tiepdan.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("plan-period/", views.plan_period, name="plan-period"),
    path("submitted/", views.snapshot_list, name="snapshots"),
    path("overdue/", views.overdue, name="overdue"),
    path("submitted/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("submitted/<int:pk>/send/", views.snapshot_send, name="snapshot-send"),
    path("exports/", views.export_list, name="exports"),
    path("exports/<int:pk>/download/", views.export_download, name="export-download"),
    path("management/", views.management_entry, name="management"),
    path("<str:form>/", views.report_detail, name="report"),
    path("<str:form>/submit/", views.report_submit, name="submit"),
    path("<str:form>/export/", views.export_create, name="export"),
    path("<str:form>/<int:number>/", views.drilldown, name="drilldown"),
]
