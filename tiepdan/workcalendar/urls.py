"""HTML pages of the working calendar and the deadline calculator."""

from django.urls import path

from tiepdan.workcalendar import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.calendar_current, name="calendar"),
    path("<int:year>/", views.calendar_year, name="calendar_year"),
    path("<int:year>/edit/", views.calendar_edit, name="calendar_edit"),
    path("rules/", views.rule_list, name="rules"),
    path("deadlines/", views.deadline_calculator, name="calculator"),
]
