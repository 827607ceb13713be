"""What the desk does when the apps above it publish an event (tiepdan/core/events.py)."""

from typing import Any

from tiepdan.core import events
from tiepdan.reception import session_services
from tiepdan.reception.constants import DirectionStatus
from tiepdan.reception.models import Direction


def on_directive_done(
    sender: Any, *, direction: Direction, result: str, actor: Any, **kwargs: Any
) -> None:
    """A case's directive that carried a leader's direction is done: close the direction."""
    if direction.status != DirectionStatus.DONE:
        session_services.direction_complete(direction=direction, actor=actor, result=result)


def connect() -> None:
    events.directive_done.connect(on_directive_done, dispatch_uid="reception_directive_done")
