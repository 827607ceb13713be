from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tiepdan.portal"
    label = "portal"
    verbose_name = "Cổng công dân"

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.monitoring.panels import register_panel
        from tiepdan.monitoring.permissions import can_view_dashboard
        from tiepdan.organizations.navigation import in_unit
        from tiepdan.portal import checks, hooks
        from tiepdan.portal.models import PublicSubmission
        from tiepdan.portal.selectors import ratings_panel
        from tiepdan.portal.services import submissions_anonymise
        from tiepdan.privacy import erasure
        from tiepdan.privacy.models import RecordKind
        from tiepdan.vault import vault

        hooks.connect()
        # What a citizen sent online goes with the petition's personal data at the end of its
        # retention period.
        erasure.register(RecordKind.PETITION, submissions_anonymise)
        checks.connect()
        # The contact details given for notices are re-encrypted with the vault's key.
        vault.register_sealed(PublicSubmission, "email_enc", "phone_enc")
        # The citizens' ratings on the monitoring dashboard, which does not read this app.
        register_panel("citizen_ratings", "portal/_ratings_panel.html", ratings_panel)
        # The citizens' ratings of the unit: for those who see the dashboard.
        navigation.register(citizen_ratings=in_unit(can_view_dashboard))
