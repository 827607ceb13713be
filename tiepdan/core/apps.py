from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tiepdan.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save

        # Register the PostgreSQL lookups used by diacritic-insensitive search.
        from tiepdan.core import dates, lookups  # noqa: F401
        from tiepdan.core.limits import check_limits
        from tiepdan.core.middleware import stamp_login
        from tiepdan.core.prepared import keep_wide_statements_parsed

        dates.install()
        keep_wide_statements_parsed()
        # Lengths, integer ranges and NUL checked before any row is written (see limits).
        pre_save.connect(check_limits, dispatch_uid="tiepdan-input-limits")
        user_logged_in.connect(stamp_login, dispatch_uid="tiepdan-idle-session")
