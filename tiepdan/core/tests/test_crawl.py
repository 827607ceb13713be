"""Acceptance: every demo user, every page reachable by links, within bounds.

No link shown may answer 403 or 404, no page may fail, and nothing English or internal (rule
codes, design-note references, library names) may show in the Vietnamese interface. The crawl
depends on no demo date: it follows whatever links the pages show.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from tiepdan.core.tests.crawl import crawl
from tiepdan.organizations.models import User

pytestmark = pytest.mark.django_db


def _one_user_per_role() -> list[User]:
    """The demo users, one for each distinct set of (role, unit) memberships."""
    chosen: dict[tuple, User] = {}
    for user in User.objects.filter(is_active=True).prefetch_related("memberships").order_by("pk"):
        roles = tuple(sorted((m.role, m.unit_id) for m in user.memberships.all()))
        chosen.setdefault((user.is_superuser, roles), user)
    return list(chosen.values())


def test_every_demo_role_sees_only_pages_it_may_open_in_vietnamese() -> None:
    call_command("load_demo", verbosity=0)
    login_names = frozenset(User.objects.values_list("username", flat=True))
    users = _one_user_per_role()
    assert len(users) >= 10  # the superuser and every role of both seed agencies
    problems: list[str] = []
    files_by_roles: dict[frozenset, set[str]] = {}
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        roles = frozenset(user.memberships.values_list("role", flat=True)) | {user.is_superuser}
        result = crawl(
            client,
            per_route=1,
            max_pages=150,
            allowed=login_names,
            file_routes=files_by_roles.get(roles),
        )
        files_by_roles.setdefault(roles, set()).update(result.file_routes)
        assert result.pages > 5, f"{user.username}: the crawl found almost nothing"
        problems += [f"{user.username}: {p}" for p in result.problems]
    assert not problems, "\n".join(problems)
