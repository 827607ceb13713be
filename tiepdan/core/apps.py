from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tiepdan.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        # Register the PostgreSQL lookups used by diacritic-insensitive search.
        from tiepdan.core import dates, lookups  # noqa: F401

        dates.install()
