"""HTML pages of the statutory reports."""

app_name = "reports"
urlpatterns: list = []
