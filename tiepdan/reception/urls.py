from django.urls import path

from tiepdan.reception import session_views, views

app_name = "reception"
urlpatterns = [
    path("", views.register, name="register"),
    path("desk/", views.desk, name="desk"),
    path("desk/search/", views.desk_citizen_search, name="desk-search"),
    path("desk/pick/<int:pk>/", views.desk_citizen_pick, name="desk-pick"),
    path("desk/new-citizen/", views.desk_citizen_new, name="desk-new-citizen"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/print/<str:code>/", views.visit_document_download, name="visit-print"),
    path("visits/<int:pk>/print/<str:code>/pdf/", views.visit_document_pdf, name="visit-print-pdf"),
    path("register.<str:fmt>", views.register_export, name="register-export"),
    path("sessions/", session_views.session_list, name="sessions"),
    path("sessions/<int:pk>/", session_views.session_detail, name="session"),
    path(
        "sessions/<int:pk>/conclusion.docx",
        session_views.session_conclusion_download,
        name="session-conclusion",
    ),
    path("sessions/<int:pk>/points/", session_views.session_point_add, name="session-point-add"),
    path("sessions/<int:pk>/steps/<str:step>/", session_views.session_step, name="session-step"),
    path("sessions/<int:pk>/minutes/", session_views.session_minutes, name="session-minutes"),
    path("sessions/<int:pk>/recording/", session_views.session_recording, name="session-recording"),
    path(
        "sessions/<int:pk>/recording/file/",
        session_views.session_recording_download,
        name="session-recording-file",
    ),
    path("directions/<int:pk>/done/", session_views.direction_done, name="direction-done"),
]
