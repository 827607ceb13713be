"""Check the audit trail's hash chains and report the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from tiepdan.audit.chain import verify
from tiepdan.audit.models import AuditEvent

REASONS = {
    "prev_hash": "does not link to the row before it in its chain (a row was removed, inserted "
    "or re-linked)",
    "row_hash": "content does not match its hash (the row was changed)",
}


class Command(BaseCommand):
    help = "Verify the audit trail's hash chains; exit 1 at the first broken link."

    def handle(self, *args, **options) -> None:
        events = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
        result = verify(events)
        if result.broken is not None:
            raise CommandError(
                f"Audit chain broken at event id {result.broken.event_id}: "
                f"{REASONS[result.broken.reason]}. {result.checked} events before it are intact."
            )
        self.stdout.write(
            f"Audit chain intact: {result.checked} events in {len(result.heads)} chains; "
            f"last hash {result.last_hash}; digest of the chains' last hashes "
            f"{result.heads_digest}."
        )
