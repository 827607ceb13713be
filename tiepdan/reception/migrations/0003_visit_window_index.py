from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """Hotspot signals and reports read a unit tree's visits in a time window, needing only the
    matter and the head count: a covering index answers them without touching the table."""

    dependencies = [("reception", "0002_backfill_first_visit")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS reception_visit_window_cover ON reception_receptionvisit "
            "(unit_id, received_at) INCLUDE (case_id, people_count, is_mass_group, is_repeat);",
            reverse_sql="DROP INDEX IF EXISTS reception_visit_window_cover;",
        ),
    ]
