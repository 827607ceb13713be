from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """The reports read a province-year of visits by unit and time, needing the matter, the
    session, the head count and what the columns test (mode, chair, mass group, the matter's
    first visit). One covering index answers them and the hotspot signals (the columns of
    `reception_visit_window_cover` and more), so it replaces that one."""

    dependencies = [("reception", "0004_visit_matter_first_at")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS reception_visit_report_cover ON reception_receptionvisit "
            "(unit_id, received_at) INCLUDE (case_id, people_count, is_mass_group, is_repeat, "
            "session_id, mode, chaired_by, matter_first_at);"
            "DROP INDEX IF EXISTS reception_visit_window_cover;",
            reverse_sql=(
                "CREATE INDEX IF NOT EXISTS reception_visit_window_cover "
                "ON reception_receptionvisit "
                "(unit_id, received_at) INCLUDE (case_id, people_count, is_mass_group, is_repeat);"
                "DROP INDEX IF EXISTS reception_visit_report_cover;"
            ),
        ),
    ]
