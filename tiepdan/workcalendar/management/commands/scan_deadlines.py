"""Send the reminders of legal time limits due today (run by the scheduler every few minutes)."""

import datetime as dt

from django.core.management.base import BaseCommand

from tiepdan.workcalendar import reminders


class Command(BaseCommand):
    help = "Remind officers of legal time limits due soon or missed; idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--on",
            type=dt.date.fromisoformat,
            default=None,
            help="scan as of this date (YYYY-MM-DD)",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, on: dt.date | None, dry_run: bool, **options) -> None:
        result = reminders.scan(on=on, dry_run=dry_run)
        prefix = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{prefix}: {result.due_soon} due-soon, {result.missed} missed "
            f"reminders; {result.emails} e-mails"
        )
