"""System checks of the vault's key (`manage.py check --deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register("security", deploy=True)
def field_key_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if getattr(settings, "TIEPDAN_FIELD_KEY_DERIVED", False):
        return [
            Warning(
                "TIEPDAN_FIELD_KEY is not set: sealed identities are encrypted with a key "
                "derived from SECRET_KEY.",
                hint=(
                    "Set TIEPDAN_FIELD_KEY to 64 random hex characters (python3 -c 'import "
                    "secrets; print(secrets.token_hex(32))'), keep it apart from backups, and "
                    "run manage.py rotate_field_key."
                ),
                id="tiepdan.W001",
            )
        ]
    return []
