"""Database helpers that differ between PostgreSQL (production) and SQLite (embedded)."""

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext, suppress
from typing import Any, TypeVar

from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    connections,
    migrations,
    router,
    transaction,
)
from django.db.models import BooleanField, F, Field, ForeignKey, Model, Q, QuerySet
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate
from django.db.models.signals import post_init, pre_init
from django.utils import timezone, translation

from tiepdan.core import jsontext

logger = logging.getLogger(__name__)

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


M = TypeVar("M", bound=Model)


def copy_insert(model: type[M], objs: list[M]) -> list[M]:
    """Insert many new rows at once and give them their primary keys: COPY on PostgreSQL
    (several times faster than `bulk_create` for wide rows with JSON), `bulk_create`
    elsewhere. Field defaults and `auto_now(_add)` apply as in `save()`; no signals are sent."""
    if not objs:
        return objs
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=1000)
    meta = model._meta
    pk = meta.pk
    with connection.cursor() as cursor:
        for obj, new_id in zip(objs, _reserve_ids(cursor, model, len(objs)), strict=True):
            setattr(obj, pk.attname, new_id)
        fields = [f for f in meta.concrete_fields if not f.generated]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(meta.db_table)
        # Errors as Django's (IntegrityError…): a cursor's copy is not wrapped by Django.
        with (
            connection.wrap_database_errors,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
                )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def instances(
    model: type[M], names: Sequence[str], rows: Iterable[Sequence[Any]], *, db: str | None = None
) -> list[M]:
    """Instances of `model` from rows of all its columns (`names`: the attnames of its concrete
    fields, in their order), as `Model.from_db` makes them (saved in `db`; with no `db`, new
    ones as `model(*row)`), without `Model.__init__` setting each field through its descriptor
    (an alert has six foreign keys; a first hotspot scan makes 146,000 instances). When a
    pre_init or post_init receiver listens to `model`, through `__init__` as usual."""
    if list(names) != [f.attname for f in model._meta.concrete_fields]:
        raise ValueError(f"{model._meta.label}: every column, in the order of its fields")
    rows = list(rows)
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        made = [model(*row) for row in rows]
        if db is not None:
            for obj in made:
                obj._state.adding, obj._state.db = False, db
        return made
    out = []
    for row in rows:
        obj = model.__new__(model)
        state = ModelState()
        if db is not None:
            state.adding, state.db = False, db
        obj.__dict__["_state"] = state
        obj.__dict__.update(zip(names, row, strict=True))
        out.append(obj)
    return out


def _reserve_ids(cursor, model: type[Model], count: int) -> list[int]:
    """`count` new primary keys from the table's sequence (COPY does not return them). The
    sequence is named once, not once per id: looking it up in the catalog for each of a first
    hotspot scan's 73,000 ids took 0.28 s instead of 0.08 s."""
    meta = model._meta
    cursor.execute(
        "SELECT nextval(seq) FROM pg_get_serial_sequence(%s, %s) AS seq, generate_series(1, %s)",
        [meta.db_table, meta.pk.column, count],
    )
    return [new_id for (new_id,) in cursor.fetchall()]


def _defaults_for_the_rest(
    model: type[Model], columns: Sequence[str], connection: Any
) -> tuple[list[str], list[Any]]:
    """The columns `insert_rows` is not given, with the value each takes: now for
    `auto_now(_add)`, the field default, or the empty string; nullable ones are left out."""
    meta = model._meta
    now = timezone.now()
    extra: list[str] = []
    extra_values: list[Any] = []
    value: Any
    for f in meta.concrete_fields:
        if f.attname in columns or f.primary_key or f.generated:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        elif f.has_default():
            value = f.get_default()
        elif f.null:
            continue
        elif f.empty_strings_allowed:
            value = ""
        else:
            raise ValueError(f"{meta.db_table}.{f.column}: no value and no default")
        extra.append(f.column)
        extra_values.append(f.get_db_prep_save(value, connection))
    return extra, extra_values


def insert_rows(
    model: type[Model], columns: Sequence[str], rows: Sequence[tuple], *, encode_json: bool = False
) -> list[int]:
    """Insert many new rows given as tuples of `columns` (field attnames, values as the driver
    takes them) and return their primary keys in order. COPY on PostgreSQL, with no model
    instance per row (generators and loads of millions of rows); `bulk_create` elsewhere. Every
    other column takes its field default (`auto_now(_add)`: now, nullable: NULL); no signals.
    `encode_json`: the JSON fields' values are Python values, written as JSON text (else, on
    PostgreSQL, the caller gives their text)."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        made = model._default_manager.bulk_create(
            model(**dict(zip(columns, row, strict=True))) for row in rows
        )
        return [obj.pk for obj in made]
    meta = model._meta
    extra, extra_values = _defaults_for_the_rest(model, columns, connection)
    column_of = {f.attname: f.column for f in meta.concrete_fields}
    names = [meta.pk.column, *(column_of[c] for c in columns), *extra]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    tail = tuple(extra_values)
    json_at = _json_positions(model, columns) if encode_json else []
    with connection.cursor() as cursor:
        ids = _reserve_ids(cursor, model, len(rows))
        table = connection.ops.quote_name(meta.db_table)
        with (
            connection.wrap_database_errors,
            cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy,
        ):
            for new_id, row in zip(ids, rows, strict=True):
                copy.write_row((new_id, *(_json_as_text(row, json_at) if json_at else row), *tail))
    return ids


def _json_positions(model: type[Model], columns: Sequence[str]) -> list[int]:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    return [i for i, c in enumerate(columns) if by_attname[c].get_internal_type() == "JSONField"]


def _json_as_text(row: Sequence, positions: list[int]) -> list:
    """`row` with the values at `positions` as JSON text, which a jsonb column parses (COPY)."""
    values = list(row)
    for i in positions:
        values[i] = jsontext.dumps(values[i])
    return values


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


_INTEGERS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


def any_of(model: type[Model], field: str, values: Sequence[Any]) -> Q | RawSQL:
    """A filter `field IN values` for long lists (a first hotspot scan looks up 73,000 keys):
    on PostgreSQL `= ANY(%s)` with the list as one array parameter, instead of one placeholder
    per value to build, send and parse; `__in` elsewhere. For a query on `model`'s own table."""
    connection = connections[router.db_for_read(model)]
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": values})
    quote = connection.ops.quote_name
    # Ids cast to the column's type: compared with an integer[] (what the driver makes of a
    # list of ints), a bigint column gets another plan (60,000 matters of a scan: an index
    # probe each, ten times slower). Text is compared as text, never cut to a varchar's length.
    target = model._meta.get_field(field)
    if not isinstance(target, Field):
        raise ValueError(f"{model._meta.label}.{field} has no column")
    kind = (target.target_field if isinstance(target, ForeignKey) else target).get_internal_type()
    integers = kind in _INTEGERS
    cast = f"{target.db_type(connection)}[]" if integers else "text[]"
    return RawSQL(
        f"{quote(model._meta.db_table)}.{quote(_column(model, field))} = ANY(%s::{cast})",
        (array_literal(values, integers=integers),),
        output_field=BooleanField(),
    )


def array_literal(values: Iterable[Any], *, integers: bool = False) -> str:
    """`values` as the text of a PostgreSQL array (`{1,2,3}`, `{"a","b \\"c\\""}`), to be cast
    to its type in the query. The driver dumps a list element by element in Python (0.1 s for
    a scan's 60,000 ids); joining their text takes a tenth of that. None is NULL."""
    if integers:
        return "{" + ",".join("NULL" if v is None else str(int(v)) for v in values) + "}"
    return "{" + ",".join("NULL" if v is None else _quoted(str(v)) for v in values) + "}"


def _quoted(text: str) -> str:
    """An array element's text, quoted: backslashes and double quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _column(model: type[Model], name: str) -> str:
    """The database column of `model`'s concrete field `name`."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or not field.column:
        raise ValueError(f"{model._meta.label}.{name} has no column")
    return field.column


def upsert_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    unique: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert `rows` (tuples of `columns`, field attnames), or where a row with the same
    `unique` columns exists, set its `update` columns: `bulk_create(update_conflicts=True)`,
    which on PostgreSQL goes through COPY into a temporary table and one INSERT … SELECT … ON
    CONFLICT DO UPDATE, with no model instance or SQL placeholder per value (a first hotspot
    scan writes 73,000 hotspots). Columns left out take their field default as in
    `insert_rows` (`auto_now(_add)`: now); no signals."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=list(unique),
            update_fields=list(update),
        )
        return
    quote = connection.ops.quote_name
    json_at = _json_positions(model, columns)
    extra, tail = _defaults_for_the_rest(model, columns, connection)
    names = ", ".join(quote(n) for n in [*(by_attname[c].column for c in columns), *extra])
    table, staged = quote(meta.db_table), quote(f"{meta.db_table}_upsert")
    conflict = ", ".join(quote(_column(model, c)) for c in unique)
    setting = ", ".join(
        f"{quote(_column(model, c))} = EXCLUDED.{quote(_column(model, c))}" for c in update
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staged} ON COMMIT DROP AS "
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        with (
            connection.wrap_database_errors,
            cursor.copy(f"COPY {staged} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([*_json_as_text(row, json_at), *tail])
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staged} "
            f"ON CONFLICT ({conflict}) DO UPDATE SET {setting}"
        )
        cursor.execute(f"DROP TABLE {staged}")


@contextmanager
def without_jit(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """PostgreSQL: no JIT compilation of the queries run in the block, the setting restored
    after. JIT pays off for queries running for seconds; the aggregates of the hotspot scan run
    for 0.1–0.6 s each over a few hundred thousand rows, and compiling them cost 85–140 ms
    each (EXPLAIN ANALYZE on the province data set)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', false)")
        previous = cursor.fetchone()[0]

    def restore() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jit', %s, false)", [previous])

    try:
        yield
    except BaseException:
        with suppress(DatabaseError):  # an aborted transaction: its rollback undoes it
            restore()
        raise
    restore()


R = TypeVar("R")


def starts_beside(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether `beside` starts a thread now (PostgreSQL, outside a transaction), rather than
    running its work when the result is asked for."""
    connection = connections[using]
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def beside(read: Callable[[], R], using: str = DEFAULT_DB_ALIAS) -> Callable[[], R]:
    """Start `read` in a second thread on a connection of its own, so that PostgreSQL runs its
    queries while this thread works; returns a function that waits for its result (or raises its
    error). `read` queries, or writes in a transaction of its own (committed when its result is
    returned: read what it wrote only after). Only on PostgreSQL and outside a transaction:
    another connection would not see the transaction's uncommitted rows, so there `read` runs
    when its result is first asked for (asked again: the same result). The thread takes the
    caller's language and time zone, and closes its connection when done."""
    if not starts_beside(using):
        return _when_asked(read)
    language, zone = translation.get_language(), timezone.get_current_timezone()

    def run() -> R:
        try:
            with translation.override(language), timezone.override(zone):
                return read()
        finally:
            connections.close_all()  # this thread's connections only

    executor = ThreadPoolExecutor(max_workers=1)
    future = executor.submit(run)
    executor.shutdown(wait=False)
    return future.result


def _when_asked(read: Callable[[], R]) -> Callable[[], R]:
    """`read` run when its result is first asked for; asked again, the same result (or error),
    as a thread's would be."""
    future: Future[R] = Future()

    def result() -> R:
        if not future.done():
            try:
                future.set_result(read())
            except BaseException as error:
                future.set_exception(error)
        return future.result()

    return result


def meanwhile(work: Callable[[], None], using: str = DEFAULT_DB_ALIAS) -> None:
    """Start `work` as `beside` does and do not wait for it: upkeep the caller's result does not
    depend on (refreshing statistics once committed). Where `beside` would not start a thread,
    now. A database error is logged, not raised: the caller's work is done."""

    def logged() -> None:
        # In the caller's transaction, a savepoint: a failure rolls back this work only.
        inside = connections[using].in_atomic_block
        try:
            with transaction.atomic(using=using) if inside else nullcontext():
                work()
        except DatabaseError:
            logger.warning("%s failed", getattr(work, "__qualname__", work), exc_info=True)

    if starts_beside(using):
        beside(logged, using)
    else:
        logged()


# The foreign keys of some tables still checked at commit (Django declares them DEFERRABLE
# INITIALLY DEFERRED).
_DEFERRED_KEYS_SQL = """
SELECT conname FROM pg_constraint
WHERE contype = 'f' AND condeferrable AND condeferred AND conrelid = ANY(%s::regclass[])
ORDER BY conname
"""


@contextmanager
def keys_checked_beside(*models: type[Model], using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """PostgreSQL, in a transaction: check the deferred foreign keys of `models`' tables for
    the rows written so far now, in a second thread on this same connection, while this thread
    goes on with work that does not need the database (its next query waits for the checks);
    they are deferred again at the end of the block. The same checks the commit would run,
    earlier and beside Python's work: a first hotspot scan's 73,007 alerts, routes and people
    told cost about 1.2 s of checks at commit. A violation is raised at the end of the block.
    Elsewhere, nothing happens."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.in_atomic_block or not models:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(_DEFERRED_KEYS_SQL, [[m._meta.db_table for m in models]])
        names = ", ".join(connection.ops.quote_name(name) for (name,) in cursor.fetchall())
    if not names:
        yield
        return
    raw = connection.connection  # psycopg's connection: thread-safe, one statement at a time

    def check() -> None:
        with raw.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")

    executor = ThreadPoolExecutor(max_workers=1)
    future = executor.submit(check)
    executor.shutdown(wait=False)
    try:
        yield
    except DatabaseError:
        if future.exception() is not None:  # the check failed first: the cause of the rest
            with connection.wrap_database_errors:  # as Django's errors (IntegrityError…)
                future.result()
        raise
    with connection.wrap_database_errors:
        future.result()
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")
