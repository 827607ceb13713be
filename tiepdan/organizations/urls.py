from django.urls import path

from tiepdan.organizations import views

app_name = "organizations"
urlpatterns = [
    path("switch/", views.unit_switch, name="switch"),
    path("import/", views.unit_import, name="import"),
    path("<str:code>/", views.unit_detail, name="detail"),
]
