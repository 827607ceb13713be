from django.urls import path

from tiepdan.natsync import views

app_name = "natsync"
urlpatterns = [
    path("", views.status, name="status"),
    path("records/<int:pk>/retry/", views.record_retry, name="retry"),
    path("setting/", views.setting_update, name="setting"),
    path("mapping/", views.mapping_page, name="mapping"),
    path("mapping/export.csv", views.mapping_export, name="mapping_export"),
]
