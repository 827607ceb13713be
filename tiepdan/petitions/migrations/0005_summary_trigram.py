from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """Duplicate suggestions compare summaries by trigram similarity on PostgreSQL."""

    dependencies = [
        ("petitions", "0004_prior_resolution"),
        ("core", "0001_postgres_extensions"),
    ]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS petitions_summary_key_trgm ON petitions_petition "
            "USING gin (summary_key gin_trgm_ops);",
            reverse_sql="DROP INDEX IF EXISTS petitions_summary_key_trgm;",
        ),
    ]
