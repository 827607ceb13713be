"""The residential quarter of each citizen's address, stored by PostgreSQL (a generated column
of the citizens' table, `signals.CitizenQuarter`): the dashboard's place grid and the scan's
place signal read it instead of running the pattern on every visit and petition row joined to
a citizen. Computed by the database from `address_key`, so every writer keeps it right (the
desk, imports, COPY loads, a merge, the anonymisation of expired records). SQLite computes the
quarter in the query as before. 16 s for 500,000 citizens (the table and its indexes are
rewritten once).

The pattern is `signals.QUARTER_PATTERN` as it stands now; a changed pattern needs a migration
that drops and adds the column again (a test compares the two).
"""

from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL

PATTERN = r"(?:^|[ ,.;])((?:khu pho|to dan pho|thon|ap|khom|xom|kp) ?[0-9a-z]+)"


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0003_alert_mail"),
        ("citizens", "0006_citizen_sealed"),
    ]

    operations = [
        PostgresOnlySQL(
            "ALTER TABLE citizens_citizen ADD COLUMN quarter_key text GENERATED ALWAYS AS "
            f"(COALESCE(substring(address_key from '{PATTERN}'), '')) STORED",
            "ALTER TABLE citizens_citizen DROP COLUMN quarter_key",
        ),
    ]
