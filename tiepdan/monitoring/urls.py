"""HTML pages of situation monitoring: dashboard, alerts, hotspots, partner notes, bulletin."""

app_name = "monitoring"
urlpatterns: list = []
