from django.urls import path

from tiepdan.citizens import views

app_name = "citizens"
urlpatterns = [
    path("", views.citizen_list, name="list"),
    path("new/", views.citizen_create, name="create"),
    path("duplicates/", views.citizen_duplicates, name="duplicates"),
    path("<int:pk>/", views.citizen_detail, name="detail"),
    path("<int:pk>/merge/", views.citizen_merge, name="merge"),
]
