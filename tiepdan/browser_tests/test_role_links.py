"""A partner's menu leads only to pages it may open; errors are the product's own pages."""

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_partner_follows_every_menu_link_and_meets_vietnamese_errors(
    page, settings, ward: Unit, partner: User
) -> None:
    settings.DEBUG = True  # as in the embedded default
    login(page, "congan", PASSWORD)
    menu = page.locator("nav.sidenav a")
    targets = [menu.nth(i).get_attribute("href") for i in range(menu.count())]
    assert "/citizens/" not in targets
    assert "/reception/desk/" not in targets
    assert "/reports/" not in targets
    screenshot(page, "partner-home")
    for href in targets:
        if href.startswith("/api/"):
            continue
        response = page.goto(href)
        assert response.status < 400, (href, response.status)
        assert "Không có quyền" not in page.locator("main").inner_text(), href

    response = page.goto("/khong-co-trang-nay/")
    assert response.status == 404
    assert "Không tìm thấy" in page.locator("h1").inner_text()
    assert "Page not found" not in page.content()
    screenshot(page, "not-found-debug")
    response = page.goto("/monitoring/thresholds/")
    assert response.status == 403
    assert "Không có quyền" in page.locator("h1").inner_text()
