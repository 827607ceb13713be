"""The one exception type that services raise for a rule the user broke."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class DomainError(Exception):
    """A request that breaks a business or legal rule.

    `message` is shown to the user as is (Vietnamese); `code` is stable for the API;
    `fields` maps input names to their messages.
    """

    def __init__(
        self,
        message: "str | _StrPromise",
        *,
        code: str = "invalid",
        fields: "Mapping[str, Sequence[str | _StrPromise]] | None" = None,
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.code = code
        self.fields = {name: [str(m) for m in msgs] for name, msgs in (fields or {}).items()}
