"""Mail the reminders of periodic reports due soon or overdue (run daily by the scheduler)."""

import datetime as dt

from django.core.management.base import BaseCommand

from tiepdan.reports import submission_watch


class Command(BaseCommand):
    help = "Remind units of periodic reports due soon or not sent in time; idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--on", type=dt.date.fromisoformat, default=None, help="as of this date (YYYY-MM-DD)"
        )

    def handle(self, *args, on: dt.date | None, **options) -> None:
        result = submission_watch.scan(on=on)
        self.stdout.write(
            f"sent: {result.due_soon} due-soon, {result.overdue} overdue reminders; "
            f"{result.emails} e-mails"
        )
