from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """Trigram indexes so that `name_key LIKE '%…%'` (desk search) stays fast at 500,000 people."""

    dependencies = [("citizens", "0001_initial"), ("core", "0001_postgres_extensions")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS citizens_name_key_trgm ON citizens_citizen "
            "USING gin (name_key gin_trgm_ops);",
            reverse_sql="DROP INDEX IF EXISTS citizens_name_key_trgm;",
        ),
    ]
