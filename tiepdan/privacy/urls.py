from django.urls import path

from tiepdan.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.rules, name="rules"),
    path("citizens/<int:pk>/", views.subject_access, name="subject-access"),
    path(
        "citizens/<int:pk>/export.json",
        views.subject_access_export,
        name="subject-access-export",
    ),
    path(
        "citizens/<int:pk>/export.pdf",
        views.subject_access_pdf,
        name="subject-access-pdf",
    ),
]
