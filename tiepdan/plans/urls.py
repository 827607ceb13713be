"""HTML pages of reception plans and duty rosters."""

from django.urls import path

from tiepdan.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("copy/", views.plan_copy, name="copy"),
    path("leaves/", views.leave_list, name="leaves"),
    path("my-shifts/", views.my_shifts, name="my_shifts"),
    path("ical/<str:token>/shifts.ics", views.ical_feed, name="ical"),
    path("public/<str:unit_code>/", views.public_schedule, name="public"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/issue/", views.plan_issue, name="issue"),
    path("<int:pk>/results/", views.plan_results, name="results"),
    path("<int:pk>/plan.docx", views.plan_docx, name="docx"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("<int:pk>/tasks/", views.task_create, name="task_create"),
    path("<int:pk>/tasks/<int:task_pk>/report/", views.task_report, name="task_report"),
    path("<int:pk>/roster/", views.roster_page, name="roster"),
    path("<int:pk>/roster/publish/", views.roster_publish, name="roster_publish"),
    path("<int:pk>/roster.xlsx", views.roster_xlsx, name="roster_xlsx"),
    path("<int:pk>/roster.docx", views.roster_docx, name="roster_docx"),
    path("<int:pk>/shifts/<int:shift_pk>/", views.shift_edit, name="shift_edit"),
]
