from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """unaccent and pg_trgm serve diacritic-insensitive search on PostgreSQL."""

    initial = True
    dependencies: list = []

    operations = [
        PostgresOnlySQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
