"""The permission matrix, generated from the registry: every declared action against every
role, on the unit, below it, above it, and installation-wide; plus the declarations themselves."""

import importlib
from enum import StrEnum
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from tiepdan.organizations import services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit
from tiepdan.organizations.permission_matrix import matrix_markdown
from tiepdan.organizations.permissions import (
    Scope,
    UndeclaredAction,
    has_permission,
    registry,
)

pytestmark = pytest.mark.django_db

RULES = sorted(registry().values(), key=lambda r: r.action)
DOC = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"


@pytest.fixture
def tree() -> dict[str, Unit]:
    province = services.unit_create(code="P1", name="Tỉnh Một", kind=UnitKind.PROVINCE)
    ward = services.unit_create(code="W1", name="Phường Một", kind=UnitKind.WARD, parent=province)
    police = services.unit_create(
        code="W1-CA", name="Công an phường Một", kind=UnitKind.POLICE, parent=ward
    )
    other = services.unit_create(code="P2", name="Tỉnh Hai", kind=UnitKind.PROVINCE)
    return {"province": province, "ward": ward, "police": police, "other": other}


def _member(username: str, unit: Unit, role: str):
    return services.user_create(
        username=username, password="x-Str0ng-pass", full_name=username, memberships=[(unit, role)]
    )


def test_every_app_declares_its_actions() -> None:
    assert RULES, "the registry is empty: the apps' permissions modules were not imported"
    declared_by = {r.app for r in RULES}
    assert {"organizations", "citizens", "reception", "petitions", "cases"} <= declared_by
    for config in apps.get_app_configs():
        if not config.name.startswith("tiepdan."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.permissions")
        except ModuleNotFoundError:
            continue
        enums = [
            v
            for v in vars(module).values()
            if isinstance(v, type)
            and issubclass(v, StrEnum)
            and v.__name__.endswith("Action")
            and v.__module__ == module.__name__
        ]
        for enum in enums:
            for member in enum:
                assert member.value in registry(), f"{enum.__name__}.{member.name} undeclared"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.action)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_matrix(rule, role, tree) -> None:
    allowed = role in rule.roles
    if rule.scope == Scope.INSTALLATION:
        on_top = _member("top", tree["province"], role)
        below = _member("below", tree["ward"], role)
        assert has_permission(on_top, rule.action) is allowed
        assert has_permission(on_top, rule.action, tree["ward"]) is allowed
        assert has_permission(below, rule.action) is False
        return
    user = _member("member", tree["ward"], role)
    assert has_permission(user, rule.action, tree["ward"]) is allowed
    # The subtree inherits the role; the unit above and another tree do not.
    assert has_permission(user, rule.action, tree["police"]) is allowed
    assert has_permission(user, rule.action, tree["province"]) is False
    assert has_permission(user, rule.action, tree["other"]) is False


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.action)
def test_superuser_inactive_and_anonymous(rule, tree, django_user_model) -> None:
    root = django_user_model.objects.create_superuser("root", password="x-Str0ng-pass")
    assert has_permission(root, rule.action, tree["ward"]) is True
    role = next(iter(rule.roles))
    unit = tree["province"] if rule.scope == Scope.INSTALLATION else tree["ward"]
    locked = _member("locked", unit, role)
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    assert has_permission(locked, rule.action, unit) is False
    assert has_permission(AnonymousUser(), rule.action, unit) is False  # type: ignore[arg-type]


def test_an_undeclared_action_fails_closed(tree) -> None:
    user = _member("admin", tree["province"], Role.UNIT_ADMIN)
    with pytest.raises(UndeclaredAction):
        has_permission(user, "case.delete_everything", tree["ward"])


def test_the_published_matrix_is_current(capsys) -> None:
    call_command("permission_matrix")
    printed = capsys.readouterr().out
    assert printed == matrix_markdown()
    assert DOC.read_text(encoding="utf-8") == printed, (
        "docs/permissions.md is stale: run `manage.py permission_matrix > docs/permissions.md`"
    )
