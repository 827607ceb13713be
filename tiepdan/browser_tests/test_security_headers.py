"""Pages render and work under the strict Content-Security-Policy: the `page` fixture fails
the test on any violation the browser reports."""

import pytest

from tiepdan.browser_tests.support import login, screenshot
from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_swagger_ui_admin_and_monitoring_run_without_csp_violations(
    page, ward: Unit, leader: User, superuser: User
) -> None:
    login(page, leader.username, PASSWORD)
    page.goto("/api/v1/docs/")
    page.locator(".swagger-ui .info .title", has_text="TiếpDân API").wait_for()
    page.locator(".opblock").first.wait_for()
    screenshot(page, "api-docs-under-csp")
    for path in ("/monitoring/", "/reports/", "/calendar/", "/reception/"):
        page.goto(path)
        page.locator("h1").first.wait_for()

    page.context.clear_cookies()
    login(page, superuser.username, PASSWORD)
    page.goto("/admin/")
    page.locator("#site-name").wait_for()
    page.goto("/admin/audit/auditevent/")
    page.locator("#changelist").wait_for()
