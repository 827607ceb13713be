"""API routes of the statutory reports (mounted under /api/v1/)."""

from django.urls import path

from tiepdan.reports import api

urlpatterns = [
    path("reports/<str:form>/", api.ReportApi.as_view(), name="report"),
]
