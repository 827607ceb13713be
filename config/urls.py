from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tiepdan.home import views as home_views
from tiepdan.ops.metrics import metrics_view
from tiepdan.organizations import views as org_views

admin.site.site_header = "TiếpDân — quản trị"
admin.site.site_title = "TiếpDân"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("login/", org_views.TiepdanLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", org_views.security, name="security"),
    path("units/", include("tiepdan.organizations.urls")),
    path("citizens/", include("tiepdan.citizens.urls")),
    path("calendar/", include("tiepdan.workcalendar.urls")),
    path("reception/", include("tiepdan.reception.urls")),
    path("petitions/", include("tiepdan.petitions.urls")),
    path("cases/", include("tiepdan.cases.urls")),
    path("plans/", include("tiepdan.plans.urls")),
    path("reports/", include("tiepdan.reports.urls")),
    path("monitoring/", include("tiepdan.monitoring.urls")),
    path("national-sync/", include("tiepdan.natsync.urls")),
    path("privacy/", include("tiepdan.privacy.urls")),
    path("cong-dan/", include("tiepdan.portal.urls")),
    path("api/v1/", include(("tiepdan.api.urls", "api"))),
    path("admin/login/", org_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("metrics", metrics_view, name="metrics"),
]

handler404 = "tiepdan.core.views.not_found"
handler500 = "tiepdan.core.views.server_error"
handler403 = "tiepdan.core.views.forbidden"
