"""Monitoring API routes beyond the fixed `alerts/` (to be included under /api/v1/)."""

from django.urls import path

from tiepdan.monitoring import api

urlpatterns = [
    path("hotspots/", api.HotspotListApi.as_view(), name="hotspots"),
    path("forecast/visits/", api.VisitForecastApi.as_view(), name="forecast-visits"),
]
