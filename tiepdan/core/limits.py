"""Input limits every stored record respects, checked before any row is written.

The database enforces some of them itself (PostgreSQL refuses a string past `varchar(n)`, an
integer past its column, a NUL character) and would answer with a server error; SQLite enforces
none. This guard runs on every save of the project's models and turns each into a `DomainError`
naming the field, so the request is answered 400 with a Vietnamese message and, the service
being one transaction, nothing is half-saved.

Free text (summaries, contents, notes: `TextField`) is limited to `TIEPDAN_TEXT_MAX_LENGTH`
characters (default 20,000, about ten printed pages). Fields the user does not type
(`editable=False`, e.g. search keys, ciphertext) are not limited.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError

DEFAULT_TEXT_MAX_LENGTH = 20_000
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def text_max_length() -> int:
    return getattr(settings, "TIEPDAN_TEXT_MAX_LENGTH", DEFAULT_TEXT_MAX_LENGTH)


def _label(field: models.Field) -> str:
    return str(field.verbose_name or field.name)


def field_errors(instance: models.Model) -> dict[str, list[str]]:
    """The limit each concrete field of `instance` breaks, by field name."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(value, str):
            message = _text_error(field, value)
        elif isinstance(value, int) and not isinstance(value, bool):
            message = _integer_error(field, value)
        else:
            message = ""
        if message:
            errors[field.name] = [message]
    return errors


def _text_error(field: models.Field, value: str) -> str:
    if "\x00" in value:
        return _("«%(f)s» chứa ký tự không hợp lệ (NUL).") % {"f": _label(field)}
    limit = None
    if isinstance(field, models.CharField) and field.max_length:
        limit = field.max_length
    elif isinstance(field, models.TextField) and field.editable:
        limit = field.max_length or text_max_length()
    if limit is not None and len(value) > limit:
        return _("«%(f)s» dài quá %(n)s ký tự (đang có %(len)s).") % {
            "f": _label(field),
            "n": f"{limit:,}".replace(",", "."),
            "len": f"{len(value):,}".replace(",", "."),
        }
    return ""


def _integer_error(field: models.Field, value: int) -> str:
    bounds = INTEGER_RANGES.get(field.get_internal_type())
    if bounds is None or bounds[0] <= value <= bounds[1]:
        return ""
    return _("«%(f)s» vượt quá giới hạn (từ %(lo)s đến %(hi)s).") % {
        "f": _label(field),
        "lo": bounds[0],
        "hi": bounds[1],
    }


def check_limits(sender: type[models.Model], instance: models.Model, raw: bool, **_: Any) -> None:
    """`pre_save` receiver for the project's models (fixtures loaded raw are trusted)."""
    if raw or not sender.__module__.startswith("tiepdan."):
        return
    errors = field_errors(instance)
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
