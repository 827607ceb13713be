"""HTML pages of reception plans and duty rosters."""

app_name = "plans"
urlpatterns: list = []
