"""Remind officers of directives due soon or overdue (run by the scheduler, e.g. hourly)."""

import datetime as dt

from django.core.management.base import BaseCommand

from tiepdan.cases import reminders


class Command(BaseCommand):
    help = "Remind officers of directives on cases due soon or overdue; idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--on", type=dt.date.fromisoformat, default=None, help="scan as of this date"
        )

    def handle(self, *args, on: dt.date | None, **options) -> None:
        result = reminders.directive_scan(on=on)
        self.stdout.write(
            f"sent: {result.due_soon} due-soon, {result.overdue} overdue reminders; "
            f"{result.emails} e-mails"
        )
