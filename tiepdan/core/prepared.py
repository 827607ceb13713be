"""Reads whose SQL the ORM writes once per connection and shape, then runs with each call's values.

Every API request runs the same few reads: the token with its lockout, the user's memberships,
the look-up of a person by ID number. Django builds a queryset's SQL anew on every call, which
costs more Python (0.3-0.7 ms a read) than sending the SQL and reading the answer. A
`PreparedRead` builds its queryset once per connection and shape, with `Slot` expressions
where each call's values go, and keeps the compiler Django made for it. A call only puts its
values among the parameters and turns the rows into model instances with the ORM's own
iterator, so select_related, annotations and field conversions are exactly the ORM's.

What decides the SQL's shape besides the slots (the scope's paths, a setting) is the `key`
given to the call: each key gets its own compiled read, kept with the connection it runs on.

`statements_kept` lets PostgreSQL keep the statements of a block prepared, parsed and planned
once per connection: the prepared reads and the writes of a visit run in one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Expression, Field, Model, QuerySet
from django.db.models.query import ModelIterable

M = TypeVar("M", bound=Model)

# Compiled reads kept per connection object, the least recently used let go first.
KEEP = 256
_CACHE = "_tiepdan_prepared_reads"


class _Marker:
    """Stands in the compiled parameters where a slot's value goes (found by identity)."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


class Slot(Expression):
    """The call's `index`-th value, as one SQL parameter of type `output_field`.

    Django copies expressions while it resolves them; the copies share the marker."""

    def __init__(self, index: int, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.index = index
        self.marker = _Marker(index)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [self.marker]


class _Compiled:
    """One shape's compiler and SQL; `rows` runs it with a call's values."""

    def __init__(self, queryset: QuerySet, slots: int) -> None:
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            self.sql, params = "", ()
        self.params = list(params)
        self.positions = [(i, p.index) for i, p in enumerate(params) if isinstance(p, _Marker)]
        if self.sql and sorted(index for _, index in self.positions) != list(range(slots)):
            raise ValueError("Each slot of a prepared read must be used exactly once.")
        # The ORM's iterator asks the query for a compiler and the compiler for its SQL: both
        # answer with what was made once (this queryset never leaves this object).
        self.compiler.as_sql = self._as_sql
        queryset.query.get_compiler = self._compiler  # type: ignore[method-assign]
        self.current: list[Any] = self.params

    def _compiler(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiler

    def _as_sql(self, *args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...]]:
        return self.sql, tuple(self.current)

    def rows(self, values: Sequence[Any]) -> list[Any]:
        if not self.sql:
            return []
        params = list(self.params)
        for position, index in self.positions:
            params[position] = values[index]
        self.current = params
        try:
            return list(ModelIterable(self.queryset))
        finally:
            self.current = self.params


class PreparedRead(Generic[M]):
    """A read of `model` built by `build(key, *slots)`, compiled once per connection and key.

    `build` gets the call's key and one `Slot` per value (typed by `fields`) and returns the
    queryset, with the slots where the values go (filters, annotations, conditions). It must
    not prefetch, and any limit is part of it.
    """

    def __init__(
        self,
        model: type[M],
        build: Callable[..., QuerySet[M]],
        fields: Sequence[Field],
    ) -> None:
        self.model = model
        self.build = build
        self.fields = list(fields)

    def _compiled(self, alias: str, key: Hashable) -> _Compiled:
        # Kept on the connection object the compiler runs on (one per thread, or per
        # asynchronous context): a compiled read never runs on another request's connection.
        owner = connections[alias]
        cache: OrderedDict[tuple[PreparedRead, Hashable], _Compiled] | None = getattr(
            owner, _CACHE, None
        )
        if cache is None:
            cache = OrderedDict()
            setattr(owner, _CACHE, cache)
        entry = cache.get((self, key))
        if entry is None:
            slots = [Slot(i, field) for i, field in enumerate(self.fields)]
            entry = _Compiled(self.build(key, *slots).using(alias), len(slots))
            cache[(self, key)] = entry
            if len(cache) > KEEP:
                cache.popitem(last=False)
        else:
            cache.move_to_end((self, key))
        return entry

    def rows(self, key: Hashable, *values: Any) -> list[M]:
        """The instances the read finds with these values, as the queryset would give them."""
        if len(values) != len(self.fields):
            raise TypeError(f"{len(self.fields)} values expected, {len(values)} given")
        alias = router.db_for_read(self.model) or DEFAULT_DB_ALIAS
        # Key look-ups on every request: their generic plan is the one for any values.
        with statements_kept(alias):
            return self._compiled(alias, key).rows(values)

    def first(self, key: Hashable, *values: Any) -> M | None:
        found = self.rows(key, *values)
        return found[0] if found else None


# A statement run this many times on a connection inside `statements_kept` is kept prepared.
KEPT_AFTER = 2


@contextmanager
def statements_kept(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """PostgreSQL, values bound by the server (settings.TIEPDAN_PREPARED_STATEMENTS): the
    statements run in the block are kept prepared on the connection once run a few times, and
    reused in later blocks, so that PostgreSQL parses them once and, for key look-ups and
    inserts, plans them once.

    Only in such blocks: elsewhere each statement is planned for its values, as before. A
    generic plan, blind to the values, of the desk's name search read the whole registry (p50
    17 → 401 ms at a province), and the dashboard's took twice as long. Elsewhere, or on
    SQLite, the block changes nothing."""
    connection = connections[using]
    options = connection.settings_dict.get("OPTIONS") or {}
    if connection.vendor != "postgresql" or options.get("server_side_binding") is not True:
        yield  # values bound by the driver (a replica, pgbouncer): nothing can be prepared
        return
    connection.ensure_connection()
    driver = connection.connection
    previous = driver.prepare_threshold
    driver.prepare_threshold = KEPT_AFTER
    try:
        yield
    finally:
        driver.prepare_threshold = previous


# psycopg remembers how it turned a statement's `%s` placeholders into PostgreSQL's `$n` only
# for statements of at most this many parameters (and 4096 bytes); a wider one is split again
# on every execution. A new matter's INSERT has 63 parameters (0.15-0.2 ms a visit). The length
# limit still bounds what the driver's cache of 128 statements holds.
WIDE_STATEMENT_PARAMS = 128


def keep_wide_statements_parsed() -> None:
    """Let psycopg remember the placeholders of statements of up to WIDE_STATEMENT_PARAMS
    parameters (its module setting, `psycopg._queries.MAX_CACHED_STATEMENT_PARAMS`, 50 in
    psycopg 3.3). Does nothing without psycopg or when that setting is gone."""
    try:
        from psycopg import _queries
    except ImportError:
        return
    if isinstance(getattr(_queries, "MAX_CACHED_STATEMENT_PARAMS", None), int):
        _queries.MAX_CACHED_STATEMENT_PARAMS = max(
            _queries.MAX_CACHED_STATEMENT_PARAMS, WIDE_STATEMENT_PARAMS
        )
