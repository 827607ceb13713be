from django.urls import path

from tiepdan.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/steps/<str:step>/", views.case_step, name="step"),
    path("<int:pk>/identity/", views.identity_reveal, name="identity"),
    path("<int:pk>/identity/grants/", views.identity_grant, name="identity-grant"),
    path(
        "<int:pk>/identity/grants/<int:grant_pk>/revoke/",
        views.identity_revoke,
        name="identity-revoke",
    ),
    path(
        "<int:pk>/identity/files/<int:file_pk>/",
        views.sealed_file_download,
        name="sealed-file",
    ),
    path("<int:pk>/identity/working-copy/", views.working_copy_add, name="working-copy"),
    path("directives/", views.directive_list, name="directives"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("documents/<int:pk>/retry/", views.document_retry, name="document-retry"),
]
