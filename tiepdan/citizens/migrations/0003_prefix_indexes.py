from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL


class Migration(migrations.Migration):
    """`id_number LIKE '038085%'` and `phone LIKE '0912%'` (desk search by prefix) can use a
    btree only with pattern ops under a non-C collation."""

    dependencies = [("citizens", "0002_trigram_indexes")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS citizens_id_number_prefix ON citizens_citizen "
            "(id_number varchar_pattern_ops);"
            "CREATE INDEX IF NOT EXISTS citizens_phone_prefix ON citizens_citizen "
            "(phone varchar_pattern_ops);",
            reverse_sql="DROP INDEX IF EXISTS citizens_id_number_prefix;"
            "DROP INDEX IF EXISTS citizens_phone_prefix;",
        ),
    ]
