"""Panels that apps above this one add to the dashboard without this app reading them.

An app registers, in its AppConfig.ready(), a template and a function of the unit that returns
the template's context (or None to show nothing); the dashboard renders each in order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tiepdan.organizations.models import Unit

PanelContext = Callable[[Unit], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: PanelContext


_panels: dict[str, Panel] = {}


def register_panel(name: str, template: str, context: PanelContext) -> None:
    """Add (or replace, by name: ready() may run twice in tests) a dashboard panel."""
    _panels[name] = Panel(name, template, context)


def panels_for(unit: Unit) -> list[dict[str, Any]]:
    """Each registered panel's template and context for `unit`, in registration order."""
    shown = []
    for panel in _panels.values():
        context = panel.context(unit)
        if context is not None:
            shown.append({"name": panel.name, "template": panel.template, **context})
    return shown
