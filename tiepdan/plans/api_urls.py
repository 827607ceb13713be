"""API routes of plans and rosters (mounted under /api/v1/)."""

from django.urls import path

from tiepdan.plans import api

urlpatterns = [
    path("plans/", api.PlanListCreateApi.as_view(), name="plan-list"),
    path("plans/<int:pk>/", api.PlanDetailApi.as_view(), name="plan-detail"),
    path(
        "plans/<int:pk>/roster/generate",
        api.RosterGenerateApi.as_view(),
        name="plan-roster-generate",
    ),
    path("plans/<int:pk>/roster/", api.RosterApi.as_view(), name="plan-roster"),
]
