"""System checks of the channels that message citizens (`manage.py check`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from tiepdan.portal import messages

PHONE_CHANNELS = ("zns", "sms")


def phone_channels_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    unknown = [c for c in settings.TIEPDAN_PHONE_CHANNELS if c not in PHONE_CHANNELS]
    if unknown:
        found.append(
            Error(
                f"TIEPDAN_PHONE_CHANNELS names unknown channels: {', '.join(unknown)}.",
                hint="Use zns and sms, in the order they are tried (e.g. zns,sms).",
                id="tiepdan.E101",
            )
        )
    url = settings.TIEPDAN_ZNS_URL
    if url and url != "console://":
        missing = sorted(set(messages.ZNS_TEMPLATES) - set(settings.TIEPDAN_ZNS_TEMPLATES))
        if missing:
            found.append(
                Warning(
                    f"TIEPDAN_ZNS_TEMPLATES has no Zalo template for: {', '.join(missing)}; "
                    "these steps go by the next channel.",
                    hint="Register the templates of tiepdan/portal/messages.py with Zalo and "
                    "list their ids, e.g. received=231677,accepted=231678.",
                    id="tiepdan.W101",
                )
            )
        if not settings.TIEPDAN_ZNS_TOKEN and not settings.TIEPDAN_ZNS_TOKEN_FILE:
            found.append(
                Warning(
                    "TIEPDAN_ZNS_URL is set without TIEPDAN_ZNS_TOKEN or TIEPDAN_ZNS_TOKEN_FILE.",
                    hint="Zalo refuses a send without the Official Account's access token.",
                    id="tiepdan.W102",
                )
            )
    return found


def connect() -> None:
    register(phone_channels_check)
