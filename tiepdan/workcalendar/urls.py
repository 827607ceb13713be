"""HTML pages of the working calendar and the deadline calculator."""

app_name = "workcalendar"
urlpatterns: list = []
