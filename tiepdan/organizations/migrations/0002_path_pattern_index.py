from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """`path LIKE 'prefix%'` (subtree scoping) needs a pattern-ops index under non-C collations."""

    dependencies = [("organizations", "0001_initial")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS organizations_unit_path_like ON organizations_unit "
            "(path varchar_pattern_ops);",
            reverse_sql="DROP INDEX IF EXISTS organizations_unit_path_like;",
        ),
    ]
