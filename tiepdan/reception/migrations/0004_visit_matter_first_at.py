from django.db import migrations, models

# PostgreSQL: a visit takes its matter's first visit when written; a change of the matter's
# first visit is copied to all its visits.
POSTGRES = [
    """
    CREATE FUNCTION reception_visit_matter_first_at() RETURNS trigger AS $$
    BEGIN
        SELECT first_visit_at INTO NEW.matter_first_at FROM cases_case WHERE id = NEW.case_id;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER reception_visit_matter_first_at
    BEFORE INSERT OR UPDATE OF case_id, matter_first_at ON reception_receptionvisit
    FOR EACH ROW EXECUTE FUNCTION reception_visit_matter_first_at()
    """,
    """
    CREATE FUNCTION cases_case_first_visit_to_visits() RETURNS trigger AS $$
    BEGIN
        UPDATE reception_receptionvisit SET matter_first_at = NEW.first_visit_at
        WHERE case_id = NEW.id AND matter_first_at IS DISTINCT FROM NEW.first_visit_at;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER cases_case_first_visit_to_visits
    AFTER UPDATE OF first_visit_at ON cases_case
    FOR EACH ROW WHEN (OLD.first_visit_at IS DISTINCT FROM NEW.first_visit_at)
    EXECUTE FUNCTION cases_case_first_visit_to_visits()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_case_first_visit_to_visits ON cases_case",
    "DROP FUNCTION IF EXISTS cases_case_first_visit_to_visits()",
    "DROP TRIGGER IF EXISTS reception_visit_matter_first_at ON reception_receptionvisit",
    "DROP FUNCTION IF EXISTS reception_visit_matter_first_at()",
]

# SQLite cannot assign NEW in a trigger: the row is updated after it is written.
SQLITE = [
    """
    CREATE TRIGGER reception_visit_matter_first_at_insert
    AFTER INSERT ON reception_receptionvisit
    BEGIN
        UPDATE reception_receptionvisit
        SET matter_first_at = (SELECT first_visit_at FROM cases_case WHERE id = NEW.case_id)
        WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER reception_visit_matter_first_at_update
    AFTER UPDATE OF case_id, matter_first_at ON reception_receptionvisit
    BEGIN
        UPDATE reception_receptionvisit
        SET matter_first_at = (SELECT first_visit_at FROM cases_case WHERE id = NEW.case_id)
        WHERE id = NEW.id AND matter_first_at IS NOT
            (SELECT first_visit_at FROM cases_case WHERE id = NEW.case_id);
    END
    """,
    """
    CREATE TRIGGER cases_case_first_visit_to_visits
    AFTER UPDATE OF first_visit_at ON cases_case
    WHEN OLD.first_visit_at IS NOT NEW.first_visit_at
    BEGIN
        UPDATE reception_receptionvisit SET matter_first_at = NEW.first_visit_at
        WHERE case_id = NEW.id;
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_case_first_visit_to_visits",
    "DROP TRIGGER IF EXISTS reception_visit_matter_first_at_update",
    "DROP TRIGGER IF EXISTS reception_visit_matter_first_at_insert",
]

BACKFILL = (
    "UPDATE reception_receptionvisit SET matter_first_at = "
    "(SELECT first_visit_at FROM cases_case WHERE cases_case.id = reception_receptionvisit.case_id)"
)


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    """The matter's first visit copied on each visit: 01/TCD's "tiếp lần đầu" without a join of
    a province-year of visits to their matters.

    SQLite drops a table's triggers when a migration rebuilds the table (Django does so for many
    field changes): a later migration that rebuilds reception_receptionvisit or cases_case must
    create them again (reports/tests/test_matter_first_visit.py fails otherwise)."""

    dependencies = [
        ("reception", "0003_visit_window_index"),
        ("cases", "0004_kqgq_execution_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="receptionvisit",
            name="matter_first_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(
            _run({"postgresql": [BACKFILL, *POSTGRES], "sqlite": [BACKFILL, *SQLITE]}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
