from django.urls import path

from tiepdan.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("gui-don/", views.choose_unit, name="choose"),
    path("gui-don/<str:unit_code>/", views.write, name="write"),
    path("gui-don/<str:unit_code>/xac-nhan/", views.send, name="send"),
    path("bien-nhan/", views.receipt, name="receipt"),
    path("tra-cuu/", views.track, name="track"),
    path("t/<str:code>/", views.track_link, name="short"),
    path("tra-cuu/danh-gia/", views.rate, name="rate"),
    path("huong-dan/", views.guide, name="guide"),
    path("cong-khai/", views.register_search, name="register_search"),
    path("cong-khai/<str:unit_code>/", views.register, name="register"),
    path("danh-gia-don-vi/", views.scores, name="scores"),
]
