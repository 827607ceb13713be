"""Optional error reports to a Sentry-compatible server (sentry-sdk; GlitchTip or a self-hosted
Sentry take the same DSN)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sentry_sdk.types import Event


def _scrub(event: "Event", hint: dict[str, Any]) -> "Event":
    # Request bodies and cookies may carry a denouncer's identity or a session: never send them.
    request = event.get("request") or {}
    for key in ("data", "cookies", "query_string"):
        request.pop(key, None)
    return event


def sentry_init(dsn: str, *, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,  # frames' locals may hold personal data
        before_send=_scrub,
        traces_sample_rate=0.0,
    )
