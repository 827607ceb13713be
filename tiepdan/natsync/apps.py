from django.apps import AppConfig


class NatsyncConfig(AppConfig):
    name = "tiepdan.natsync"
    label = "natsync"
    verbose_name = "Liên thông Cơ sở dữ liệu quốc gia"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from tiepdan.audit.models import AuditEvent
        from tiepdan.core import events, navigation
        from tiepdan.natsync import erasure, permissions
        from tiepdan.natsync.hooks import attachment_saved, audit_event_saved, audit_events_appended
        from tiepdan.natsync.metrics import sync_gauges
        from tiepdan.ops.metrics import register_gauges
        from tiepdan.organizations.navigation import in_unit
        from tiepdan.petitions.models import PetitionAttachment
        from tiepdan.privacy import erasure as privacy_erasure
        from tiepdan.privacy.models import RecordKind

        # Every service ends its transaction with its audit event, after the change is complete
        # (senders added, case opened): one hook there sees each reportable change, inside the
        # same transaction, without petitions or cases importing this app.
        post_save.connect(audit_event_saved, sender=AuditEvent, dispatch_uid="natsync_audit_hook")
        # Events appended together (a deferred block, a bulk raise) are told at once instead.
        events.audit_appended.connect(
            audit_events_appended, sender=AuditEvent, dispatch_uid="natsync_audit_appended"
        )
        # A scan filed at intake is saved after the intake service's audit event.
        post_save.connect(
            attachment_saved, sender=PetitionAttachment, dispatch_uid="natsync_attachment_hook"
        )

        # The outbox's copies go with the petition's and the matter's personal data at the end
        # of their retention period.
        privacy_erasure.register(RecordKind.PETITION, erasure.petitions_erase)
        privacy_erasure.register(RecordKind.MATTER, erasure.matters_erase)
        navigation.register(national_sync=in_unit(permissions.can_view_status))
        register_gauges(sync_gauges)
