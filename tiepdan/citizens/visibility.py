"""Who a reader may not see in the person registry: filled by the privacy module above
(`tiepdan.vault`, which knows who denounced what), read by every list of persons here.

Failing closed: with nothing registered the lists refuse to run instead of showing everyone.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

_HIDDEN: list[Callable[[Any], Q]] = []


def register_hidden(persons_q: Callable[[Any], Q]) -> None:
    """`persons_q(user)`: a filter on citizens matching those the user may not see (called in
    AppConfig.ready)."""
    if persons_q not in _HIDDEN:
        _HIDDEN.append(persons_q)


def hidden_q(user: Any) -> Q:
    """Citizens hidden from `user` (an unknown or anonymous user included)."""
    if not _HIDDEN:
        raise ImproperlyConfigured("No privacy rule is registered for the person registry.")
    found = Q(pk__in=[])
    for persons_q in _HIDDEN:
        found |= persons_q(user)
    return found
