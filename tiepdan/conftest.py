"""The standard cast: a province with a ward, an unrelated unit, and one user per role.

`outsider` belongs to an unrelated unit and must never see anything of `province` or `ward`.
"""

import fcntl
import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tiepdan.organizations import services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests

PASSWORD = "Mat-khau-thu-nghiem-2026"


# -- one migrated template for every test process (SQLite) ----------------------------------
#
# Migrating the test database takes most of a test process's start-up. On SQLite the first
# process migrates once and copies the result to a template file named by a hash of every
# migration; the other xdist workers, and later runs while no migration changed, copy the
# template into their in-memory database instead of migrating. TIEPDAN_TEST_DB_TEMPLATE=0
# turns it off; PostgreSQL runs are not affected.


def _migrations_fingerprint() -> str:
    from django import get_version
    from django.apps import apps
    from django.conf import settings
    from django.utils import timezone

    # The day too: a data migration may read the date, so a template serves one day at most.
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{get_version()} {settings.INSTALLED_APPS} {day}".encode())
    for config in apps.get_app_configs():
        for path in sorted(Path(config.path).glob("migrations/*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    # Created after migrating (post_migrate): the triggers on the register tables.
    digest.update(Path(__file__).with_name("reception").joinpath("triggers.py").read_bytes())
    return digest.hexdigest()[:16]


def _install_template_database() -> None:
    from django.db.backends.sqlite3.creation import DatabaseCreation

    migrate_and_serialize = DatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        connection = self.connection
        if keepdb or not self.is_in_memory_db(self._get_test_db_name()):
            return migrate_and_serialize(self, verbosity, autoclobber, serialize, keepdb)
        template = Path(tempfile.gettempdir()) / f"tiepdan-test-{_migrations_fingerprint()}.sqlite3"
        with open(f"{template}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process migrates, the others wait for it
            if not template.exists():
                name = migrate_and_serialize(self, verbosity, autoclobber, serialize, keepdb)
                partial = template.with_suffix(".partial")
                target = sqlite3.connect(partial)
                connection.connection.backup(target)
                target.close()
                partial.replace(template)
                return name
        from django.conf import settings

        name = self._get_test_db_name()
        self._create_test_db(verbosity, autoclobber, keepdb)
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        source = sqlite3.connect(template)
        source.backup(connection.connection)
        source.close()
        if serialize:
            connection._test_serialized_contents = self.serialize_db_to_string()
        return name

    DatabaseCreation.create_test_db = create_test_db


if os.environ.get("TIEPDAN_TEST_DB_TEMPLATE", "1") != "0":
    _install_template_database()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def province(db) -> Unit:
    return services.unit_create(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE)


@pytest.fixture
def ward(province: Unit) -> Unit:
    return services.unit_create(
        code="26734", name="Phường Bắc Sơn", kind=UnitKind.WARD, parent=province
    )


@pytest.fixture
def police(ward: Unit) -> Unit:
    return services.unit_create(
        code="26734-CA", name="Công an phường Bắc Sơn", kind=UnitKind.POLICE, parent=ward
    )


@pytest.fixture
def other_ward(db) -> Unit:
    return services.unit_create(code="91", name="Tỉnh Kiên Giang", kind=UnitKind.PROVINCE)


def _user(username: str, unit: Unit, role: str, full_name: str = "") -> User:
    return services.user_create(
        username=username,
        password=PASSWORD,
        full_name=full_name or username,
        memberships=[(unit, role)],
    )


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", "root@example.org", PASSWORD)


@pytest.fixture
def unit_admin(province: Unit) -> User:
    return _user("quantri", province, Role.UNIT_ADMIN, "Cao Minh Nhật")


@pytest.fixture
def receptionist(ward: Unit) -> User:
    return _user("tiepdan", ward, Role.RECEPTIONIST, "Trần Thị Hoa")


@pytest.fixture
def processor(ward: Unit) -> User:
    return _user("xulydon", ward, Role.PROCESSOR, "Phạm Minh Tuấn")


@pytest.fixture
def leader(ward: Unit) -> User:
    return _user("chutich", ward, Role.LEADER, "Nguyễn Văn Trường")


@pytest.fixture
def ward_admin(ward: Unit) -> User:
    return _user("quantriphuong", ward, Role.UNIT_ADMIN, "Vũ Quốc Khánh")


@pytest.fixture
def partner(police: Unit) -> User:
    return _user("congan", police, Role.PARTNER, "Hoàng Văn Sơn")


@pytest.fixture
def outsider(other_ward: Unit) -> User:
    return _user("ngoai", other_ward, Role.LEADER, "Người ngoài")


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for():
    """Build an API client authenticated with the user's token."""

    def build(user: User) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return build


@pytest.fixture(scope="session", autouse=True)
def _share_serialized_contents(django_db_setup) -> None:
    """Make the database snapshot taken at setup reachable from every connection object.

    Once Playwright's sync API runs, the main thread has an event loop and Django's
    context-local `connections` hands out new connection objects, which lack the snapshot that
    serialized rollback restores; a class attribute reaches them all.
    """
    from django.db import connections

    for conn in connections.all():
        contents = getattr(conn, "_test_serialized_contents", None)
        if contents is not None:
            type(conn)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one per test process."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from tiepdan.browser_tests.support import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run ./scripts/test, which installs it.")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback):
    """A browser page on the live server. Live-server tests are transactional: the database is
    emptied after each, so the rows seeded by data migrations (rule catalogue, decreed days,
    periodic reception rules) are restored before each (serialized rollback). The test fails
    if the browser reports a Content-Security-Policy violation."""
    from tiepdan.browser_tests.support import watch_csp_violations

    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    violations = watch_csp_violations(page)
    yield page
    context.close()
    assert violations == [], "Content-Security-Policy violations in the browser console"
