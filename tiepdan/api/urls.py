"""/api/v1/ assembly: every app's API routes and the OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tiepdan.api.views import HealthApi, ReadinessApi
from tiepdan.cases import api as cases_api
from tiepdan.monitoring import api as monitoring_api
from tiepdan.natsync import api as natsync_api
from tiepdan.organizations import api as org_api
from tiepdan.petitions import api as petitions_api
from tiepdan.portal import api as portal_api
from tiepdan.reception import api as reception_api

urlpatterns = [
    path("health/", HealthApi.as_view(), name="health"),
    path("health/ready/", ReadinessApi.as_view(), name="health-ready"),
    path("units/", org_api.UnitListCreateApi.as_view(), name="units"),
    path("units/<str:code>/", org_api.UnitDetailApi.as_view(), name="unit-detail"),
    path("users/", org_api.UserCreateApi.as_view(), name="users"),
    path("visits/", reception_api.VisitCreateApi.as_view(), name="visits"),
    path("alerts/", monitoring_api.AlertListApi.as_view(), name="alerts"),
    path("petitions/", petitions_api.PetitionCreateApi.as_view(), name="petitions"),
    path("petitions/<int:pk>/", petitions_api.PetitionDetailApi.as_view(), name="petition"),
    path(
        "petitions/<int:pk>/process/",
        petitions_api.PetitionProcessApi.as_view(),
        name="petition-process",
    ),
    path(
        "petitions/<int:pk>/acknowledge/",
        petitions_api.PetitionAcknowledgeApi.as_view(),
        name="petition-acknowledge",
    ),
    path(
        "public/petitions/",
        portal_api.PublicPetitionCreateApi.as_view(),
        name="public-petitions",
    ),
    path(
        "public/petitions/<str:tracking_code>/",
        portal_api.PublicPetitionStatusApi.as_view(),
        name="public-petition",
    ),
    path("cases/<int:pk>/", cases_api.CaseDetailApi.as_view(), name="case"),
    path("sync/records/", natsync_api.SyncRecordListApi.as_view(), name="sync-records"),
    path("", include("tiepdan.workcalendar.api_urls")),
    path("", include("tiepdan.plans.api_urls")),
    path("", include("tiepdan.reports.api_urls")),
    path("", include("tiepdan.monitoring.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script: CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
