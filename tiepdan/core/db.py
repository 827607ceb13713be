"""Database helpers that differ between PostgreSQL (production) and SQLite (embedded)."""

from django.db import connections, migrations
from django.db.models import F, QuerySet
from django.db.models.functions import Collate

VI_COLLATION = "vi-VN-x-icu"


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that runs only on PostgreSQL: extensions and indexes SQLite does not have."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def order_by_vietnamese(queryset: QuerySet, field: str) -> QuerySet:
    """Order by a name in Vietnamese alphabetical order (ICU collation on PostgreSQL)."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.order_by(Collate(F(field), VI_COLLATION))
    return queryset.order_by(field)


def analyse(*models, vacuum: bool = False) -> None:
    """Refresh the planner's statistics of `models`' tables after a bulk load or an import (a
    fresh table without statistics gets bad plans until autovacuum comes by). `vacuum` also sets
    the visibility map on PostgreSQL (index-only scans); it cannot run in a transaction."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            if connection.vendor == "postgresql" and vacuum:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
            else:
                cursor.execute(f"ANALYZE {table}")
