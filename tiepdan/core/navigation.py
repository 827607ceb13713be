"""Which pages the menu and page headers offer: only those the user may open.

Each app declares its own entries (in its AppConfig.ready) with the same question as the view
it links to, so a link never answers 403 and the kernel knows no app. The answers are computed
on first use, so pages that show no menu (HTMX fragments) pay nothing.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

# (user, current unit or None) -> may the user open the page?
Check = Callable[[Any, Any], bool]

_entries: dict[str, Check] = {}


def register(**entries: Check) -> None:
    """Declare menu entries: `menu.<name>` in templates answers `check(user, unit)`."""
    for name, check in entries.items():
        if name.startswith("_") or name in ("user", "unit"):
            raise ValueError(f"reserved menu entry name: {name}")
        _entries[name] = check


def entries() -> tuple[str, ...]:
    return tuple(sorted(_entries))


class Menu:
    def __init__(self, user: Any, unit: Any) -> None:
        self.user = user
        self.unit = unit

    def __getattr__(self, name: str) -> bool:
        # Called only for names not yet computed: each answer is cached on the instance.
        check = _entries.get(name)
        if check is None:
            raise AttributeError(name)
        value = bool(check(self.user, self.unit))
        setattr(self, name, value)
        return value


def menu(request: HttpRequest) -> dict:
    """Context processor: `menu.<page>` is true when the user may open that page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unit = getattr(request, "unit", None)  # a lazy object: test it for truth, not for None
    return {"menu": Menu(user, unit if unit else None)}
