"""The triggers that keep `ReceptionVisit.matter_first_at` equal to its matter's first visit
(created by migration 0004).

SQLite drops a table's triggers whenever a migration rebuilds the table, which Django does for
many field changes; so after every `migrate` the SQLite triggers are created again if missing.
PostgreSQL keeps triggers across ALTER TABLE and needs nothing here.
"""

from typing import Any

from django.db import connections

SQLITE = [
    """
    CREATE TRIGGER IF NOT EXISTS reception_visit_matter_first_at_insert
    AFTER INSERT ON reception_receptionvisit
    BEGIN
        UPDATE reception_receptionvisit
        SET matter_first_at = (SELECT first_visit_at FROM cases_case WHERE id = NEW.case_id)
        WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS reception_visit_matter_first_at_update
    AFTER UPDATE OF case_id, matter_first_at ON reception_receptionvisit
    BEGIN
        UPDATE reception_receptionvisit
        SET matter_first_at = (SELECT first_visit_at FROM cases_case WHERE id = NEW.case_id)
        WHERE id = NEW.id AND matter_first_at IS NOT
            (SELECT first_visit_at FROM cases_case WHERE id = NEW.case_id);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS cases_case_first_visit_to_visits
    AFTER UPDATE OF first_visit_at ON cases_case
    WHEN OLD.first_visit_at IS NOT NEW.first_visit_at
    BEGIN
        UPDATE reception_receptionvisit SET matter_first_at = NEW.first_visit_at
        WHERE case_id = NEW.id;
    END
    """,
]


def ensure_triggers(using: str = "default", **_: Any) -> None:
    """post_migrate: recreate the SQLite triggers a table rebuild may have dropped."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    if not {"reception_receptionvisit", "cases_case"} <= tables:
        return
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, "reception_receptionvisit"
            )
        }
        if "matter_first_at" not in columns:  # migrated backwards past 0004
            return
        for sql in SQLITE:
            cursor.execute(sql)


def drop_sqlite_triggers(apps: Any, schema_editor: Any) -> None:
    """RunPython for a migration that rebuilds `cases_case` or `reception_receptionvisit` on
    SQLite: a trigger that names the table being rebuilt makes the rebuild's rename fail, so the
    triggers go first; `ensure_triggers` creates them again after the migrate."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in (
        "reception_visit_matter_first_at_insert",
        "reception_visit_matter_first_at_update",
        "cases_case_first_visit_to_visits",
    ):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
