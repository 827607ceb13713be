"""The product's Vietnamese error pages, with DEBUG on (the embedded default) and off."""

import pytest
from django.test import Client
from django.urls import path

from tiepdan.core import views as core_views

pytestmark = pytest.mark.django_db


def _crash(request):
    raise RuntimeError("boom")


urlpatterns = [
    *__import__("config.urls", fromlist=["urlpatterns"]).urlpatterns,
    path("crash/", _crash),
]
handler404 = core_views.not_found
handler403 = core_views.forbidden
handler500 = core_views.server_error


@pytest.mark.parametrize("debug", [True, False])
def test_unknown_address_shows_the_vietnamese_not_found_page(
    client: Client, receptionist, settings, debug
) -> None:
    settings.DEBUG = debug
    client.force_login(receptionist)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy" in html
    assert "Page not found" not in html
    assert "URLconf" not in html


@pytest.mark.parametrize("debug", [True, False])
def test_missing_record_shows_the_vietnamese_not_found_page(
    client: Client, receptionist, settings, debug
) -> None:
    settings.DEBUG = debug
    client.force_login(receptionist)
    response = client.get("/units/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("debug", [True, False])
def test_forbidden_page_is_vietnamese(client: Client, partner, settings, debug) -> None:
    settings.DEBUG = debug
    client.force_login(partner)
    response = client.get("/monitoring/thresholds/")
    assert response.status_code == 403
    assert "Không có quyền" in response.content.decode()


def test_debug_keeps_the_slash_redirect(client: Client, receptionist, settings) -> None:
    settings.DEBUG = True
    client.force_login(receptionist)
    response = client.get("/citizens")
    assert response.status_code == 301
    assert response["Location"] == "/citizens/"


def test_crash_with_debug_shows_the_vietnamese_page_and_logs_the_traceback(
    receptionist, settings, caplog
) -> None:
    # Both through the `settings` fixture: an `override_settings` decorator around it would be
    # undone first, and the fixture's restore would then bring this URL conf back for the tests
    # that follow.
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = True
    client = Client(raise_request_exception=False)
    client.force_login(receptionist)
    response = client.get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi hệ thống" in html
    assert "boom" not in html
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_api_errors_stay_json_with_debug(client: Client, receptionist, settings) -> None:
    settings.DEBUG = True
    client.force_login(receptionist)
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
