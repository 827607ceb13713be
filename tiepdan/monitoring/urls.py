"""HTML pages of situation monitoring: dashboard, alerts, hotspots, partner notes, bulletin."""

from django.urls import path

from tiepdan.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("scan/", views.scan_now, name="scan"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<int:pk>/assign/", views.alert_assign, name="alert_assign"),
    path("alerts/<int:pk>/follow-up/", views.alert_follow_up, name="alert_follow_up"),
    path("alerts/<int:pk>/close/", views.alert_close, name="alert_close"),
    path("hotspots/", views.hotspot_list, name="hotspots"),
    path("hotspots/<int:pk>/", views.hotspot_detail, name="hotspot_detail"),
    path("notes/", views.note_list, name="notes"),
    path("notes/new/", views.note_create, name="note_create"),
    path("thresholds/", views.thresholds, name="thresholds"),
    path("bulletin/", views.bulletin, name="bulletin"),
    path("bulletin/docx/", views.bulletin_docx, name="bulletin_docx"),
]
