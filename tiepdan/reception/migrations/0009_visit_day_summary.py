"""Visits per unit and day (`reception.visit_days`), kept by PostgreSQL in the same transaction
as every write of a visit: statement triggers on the visits' table add the rows inserted
(the desk, imports, COPY loads of `core.db.insert_rows`, the demo and `benchmark_data`),
subtract the rows deleted, move the rows whose unit, time, people or group changed, and empty
the summary when the visits' table is truncated. The dashboard's forecast reads two years of
a province as about 40,000 rows instead of counting 2,000,000 visits. SQLite has no summary
(the counts are read from the visits there). Filled once from the visits (a few seconds for
2,000,000 visits).

The day is the visit's date in `visit_days.TIME_ZONE` (the system's time zone).
"""

from django.db import migrations

from tiepdan.core.db import PostgresOnlySQL

TZ = "Asia/Ho_Chi_Minh"


def _add(rows: str, sign: str) -> str:
    return f"""
        INSERT INTO reception_visitday AS s (unit_id, day, visits, people, groups)
        SELECT unit_id, (received_at AT TIME ZONE '{TZ}')::date,
               {sign}count(*), {sign}sum(people_count), {sign}count(*) FILTER (WHERE is_mass_group)
        FROM {rows} GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (unit_id, day) DO UPDATE SET
            visits = s.visits + EXCLUDED.visits,
            people = s.people + EXCLUDED.people,
            groups = s.groups + EXCLUDED.groups;
    """


CLEAN = "DELETE FROM reception_visitday WHERE visits = 0;"

# Only the rows whose counted columns changed are moved (an update of a visit's notes or of
# its matter's first visit touches no count).
CHANGED_OLD = """(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.unit_id, o.received_at, o.people_count, o.is_mass_group)
    IS DISTINCT FROM (n.unit_id, n.received_at, n.people_count, n.is_mass_group)) AS changed"""
CHANGED_NEW = """(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.unit_id, o.received_at, o.people_count, o.is_mass_group)
    IS DISTINCT FROM (n.unit_id, n.received_at, n.people_count, n.is_mass_group)) AS changed"""

POSTGRES = [
    """
    CREATE TABLE reception_visitday (
        unit_id bigint NOT NULL,
        day date NOT NULL,
        visits integer NOT NULL,
        people bigint NOT NULL,
        groups integer NOT NULL,
        PRIMARY KEY (unit_id, day)
    )
    """,
    f"""
    CREATE FUNCTION reception_visitday_insert() RETURNS trigger AS $$
    BEGIN {_add("new_rows", "")} RETURN NULL; END $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE FUNCTION reception_visitday_delete() RETURNS trigger AS $$
    BEGIN {_add("old_rows", "-")} {CLEAN} RETURN NULL; END $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE FUNCTION reception_visitday_update() RETURNS trigger AS $$
    BEGIN {_add(CHANGED_OLD, "-")} {_add(CHANGED_NEW, "")} {CLEAN} RETURN NULL; END $$
    LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION reception_visitday_truncate() RETURNS trigger AS $$
    BEGIN TRUNCATE reception_visitday; RETURN NULL; END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER reception_visitday_insert AFTER INSERT ON reception_receptionvisit
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reception_visitday_insert()
    """,
    """
    CREATE TRIGGER reception_visitday_delete AFTER DELETE ON reception_receptionvisit
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reception_visitday_delete()
    """,
    """
    CREATE TRIGGER reception_visitday_update AFTER UPDATE ON reception_receptionvisit
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reception_visitday_update()
    """,
    """
    CREATE TRIGGER reception_visitday_truncate AFTER TRUNCATE ON reception_receptionvisit
    FOR EACH STATEMENT EXECUTE FUNCTION reception_visitday_truncate()
    """,
    f"""
    INSERT INTO reception_visitday (unit_id, day, visits, people, groups)
    SELECT unit_id, (received_at AT TIME ZONE '{TZ}')::date, count(*), sum(people_count),
           count(*) FILTER (WHERE is_mass_group)
    FROM reception_receptionvisit GROUP BY 1, 2
    """,
    "ANALYZE reception_visitday",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS reception_visitday_truncate ON reception_receptionvisit",
    "DROP TRIGGER IF EXISTS reception_visitday_update ON reception_receptionvisit",
    "DROP TRIGGER IF EXISTS reception_visitday_delete ON reception_receptionvisit",
    "DROP TRIGGER IF EXISTS reception_visitday_insert ON reception_receptionvisit",
    "DROP FUNCTION IF EXISTS reception_visitday_truncate()",
    "DROP FUNCTION IF EXISTS reception_visitday_update()",
    "DROP FUNCTION IF EXISTS reception_visitday_delete()",
    "DROP FUNCTION IF EXISTS reception_visitday_insert()",
    "DROP TABLE IF EXISTS reception_visitday",
]


class Migration(migrations.Migration):
    dependencies = [("reception", "0008_visit_case_matter")]

    operations = [PostgresOnlySQL(POSTGRES, POSTGRES_REVERSE)]
