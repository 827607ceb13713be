"""One SQL statement per source that computes every column of a form per bucket of the unit tree.

The records of the source are read once (a common table), whatever the number of columns:

- Each distinct predicate of the columns ("regular", "!first", "type:complaint") is evaluated
  once per record and kept as a bit of the record's flags.
- Additive columns (a count, or a sum such as the people of the visits) come from one aggregate
  per (unit, flags): a few hundred groups however many records; each column adds up the groups
  whose flags hold all its predicates.
- Distinct columns (matters, sessions) come from one aggregate per (unit, key) recording which
  columns the key's records count in (`_hits`); the keys are then grouped by that, and each
  column adds up the keys that count in it. A key counts once per unit, and the units of a
  bucket add up, as their own reports do.

The branches are joined by UNION ALL and the units' results added up per bucket (the prefix of
the unit's materialised path that names the direct child), so the query count does not depend
on the number of children, records or columns.

A predicate that every column has (03/GQKN: the complaints within competence; 02/XLD: the
petitions open in the period) filters the records before they are read at all: a record that
fails it counts in no column. The common table then holds only the records that may count (a
few percent of a province-year for 03/GQKN and 04/GQTC, instead of every petition joined to its
matter), and the columns keep their other predicates only.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection
from django.db.models import BigIntegerField, Case, ExpressionWrapper, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from tiepdan.organizations.models import Unit
from tiepdan.reports.forms_registry import COUNT, Column

# Bits per flags column: a signed 64-bit integer without its sign bit.
WORD = 62
# Up to 6 flags have 64 combinations: the bits of one BIGINT.
COMBO_FLAGS = 6


@dataclass(frozen=True)
class Measures:
    """How the columns of one source aggregate: `key(measure)` is the expression whose distinct
    values a column counts (None: the column adds up); `value(measure)` the expression an
    additive column other than a count sums."""

    key: Callable[[str], Any]
    value: Callable[[str], Any]


@dataclass(frozen=True)
class Bit:
    word: str  # the flags column
    mask: int


def _flags(literals: list[str], literal_q: Callable[[str], Q]) -> tuple[dict[str, Any], dict]:
    """The flags columns of the records and the bit of each predicate. A predicate that is NULL
    for a record (a NULL date compared) is false, as in FILTER (WHERE ...); a negation keeps the
    NULL handling of Django's `~Q`."""
    words: dict[str, Any] = {}
    bits: dict[str, Bit] = {}
    for i, name in enumerate(literals):
        word, bit = f"rollup_f{i // WORD}", 1 << (i % WORD)
        term = Case(When(literal_q(name), then=Value(bit)), default=Value(0))
        words[word] = term if word not in words else words[word] + term
        bits[name] = Bit(word, bit)
    return {w: ExpressionWrapper(e, output_field=BigIntegerField()) for w, e in words.items()}, bits


def _holds(column: Column, bits: dict[str, Bit], alias: str) -> str:
    """SQL: the record (or group) of `alias` satisfies every predicate of `column`."""
    masks: dict[str, int] = {}
    for name in column.where:
        masks[bits[name].word] = masks.get(bits[name].word, 0) | bits[name].mask
    terms = [f"({alias}.{word} & {mask}) = {mask}" for word, mask in masks.items()]
    return " AND ".join(terms) if terms else "1 = 1"


def _additive(
    columns: list[Column], bits: dict[str, Bit], summed: dict[str, str], width: list[int]
) -> str:
    """Per unit: each additive column from the groups of (unit, flags)."""
    words = sorted({bit.word for bit in bits.values()})
    group = ", ".join(f"s.{name}" for name in ["rollup_unit", *words])
    sums = "".join(f", SUM(s.{alias}) AS {alias}" for alias in summed.values())
    middle = f"SELECT {group}, COUNT(*) AS rollup_n{sums} FROM records s GROUP BY {group}"
    outputs = {}
    for column in columns:
        value = "t.rollup_n" if column.measure == COUNT else f"t.{summed[column.measure]}"
        outputs[column.number] = (
            f"SUM(CASE WHEN {_holds(column, bits, 't')} THEN {value} ELSE 0 END)"
        )
    select = ", ".join(f"{outputs.get(n, '0')} AS c{n}" for n in width)
    return f"SELECT t.rollup_unit AS unit_id, {select} FROM ({middle}) t GROUP BY t.rollup_unit"


def _int64(value: int) -> str:
    """SQL for a 64-bit pattern as a signed BIGINT literal."""
    if value >= 1 << 63:
        value -= 1 << 64
    return f"({value + 1} - 1)" if value == -(1 << 63) else str(value)


def _combos_holding(column: Column, bits: dict[str, Bit], size: int) -> int:
    """The combinations of the first `size` flags (as bit positions) that satisfy `column`."""
    mask = 0
    for name in column.where:
        mask |= bits[name].mask
    return sum(1 << v for v in range(1 << size) if v & mask == mask)


@dataclass(frozen=True)
class Hits:
    """How the keys of one distinct measure record the columns they count in: `aggregates`
    (SQL over the records `s`), `tests` (per column: which aggregate, and the bits of it that
    mean the key counts) and `counting` (SQL over `s`: the record counts in some column; empty
    when any may)."""

    aggregates: list[str]
    tests: dict[int, tuple[int, int]]
    counting: str

    def test(self, number: int, names: list[str]) -> str:
        """SQL: the key of a row `t` whose aggregates are `names` counts in column `number`."""
        index, mask = self.tests[number]
        return f"(t.{names[index]} & {_int64(mask)}) <> 0"


def _hits(columns: list[Column], bits: dict[str, Bit], size: int) -> Hits:
    """When the distinct columns' predicates are the first `size` <= 6 flags (PostgreSQL), a key
    ORs the combinations of flags its records have, one bit each: one shift per record however
    many columns, and a small hash table for a province-year of matters. Otherwise, one 0/1
    maximum per column."""
    if connection.vendor == "postgresql" and size <= COMBO_FLAGS:
        combos = f"(s.rollup_f0 & {(1 << size) - 1})" if size else "0"
        combo = f"(CAST(1 AS BIGINT) << CAST({combos} AS INTEGER))"
        holding = {c.number: _combos_holding(c, bits, size) for c in columns}
        union = 0
        for mask in holding.values():
            union |= mask
        return Hits(
            [f"BIT_OR({combo})"],
            {n: (0, mask) for n, mask in holding.items()},
            f"({combo} & {_int64(union)}) <> 0",
        )
    aggregates: list[str] = []
    tests: dict[int, tuple[int, int]] = {}
    for start in range(0, len(columns), WORD):
        chunk = columns[start : start + WORD]
        index = len(aggregates)
        aggregates.append(
            " + ".join(
                f"MAX(CASE WHEN {_holds(c, bits, 's')} THEN {1 << i} ELSE 0 END)"
                for i, c in enumerate(chunk)
            )
        )
        tests.update({c.number: (index, 1 << i) for i, c in enumerate(chunk)})
    return Hits(aggregates, tests, "")


def _distinct(columns: list[Column], hits: Hits, key: str, width: list[int]) -> str:
    """Per unit: each distinct column as the number of keys with a record that counts in it."""
    names = [f"rollup_h{i}" for i in range(len(hits.aggregates))]
    per_key_hits = ", ".join(f"{h} AS {n}" for h, n in zip(hits.aggregates, names, strict=True))
    # Records that count in no column make no key (e.g. petitions not yet processed).
    counting = f" AND {hits.counting}" if hits.counting else ""
    per_key = (
        f"SELECT s.rollup_unit, {per_key_hits} "
        f"FROM records s WHERE s.{key} IS NOT NULL{counting} GROUP BY s.rollup_unit, s.{key}"
    )
    # The keys grouped by what they count in: few groups for the per-column sums.
    group = ", ".join(f"k.{n}" for n in ["rollup_unit", *names])
    middle = f"SELECT {group}, COUNT(*) AS rollup_n FROM ({per_key}) k GROUP BY {group}"
    outputs = {
        n: f"SUM(CASE WHEN {hits.test(n, names)} THEN t.rollup_n ELSE 0 END)" for n in hits.tests
    }
    select = ", ".join(f"{outputs.get(n, '0')} AS c{n}" for n in width)
    return f"SELECT t.rollup_unit AS unit_id, {select} FROM ({middle}) t GROUP BY t.rollup_unit"


def _union_query(
    sql: str,
    additive: list[Column],
    by_key: dict[str, tuple[list[Column], Hits]],
    bits: dict[str, Bit],
    summed: dict[str, str],
    width: list[int],
) -> str:
    """Per unit, every column: the records in a common table, read by one aggregate per branch
    (additive, then each distinct measure), the branches' rows joined by UNION ALL."""
    branches = []
    if additive:
        branches.append(_additive(additive, bits, summed, width))
    for key, (columns, hits) in by_key.items():
        branches.append(_distinct(columns, hits, key, width))
    totals = ", ".join(f"SUM(r.c{n}) AS c{n}" for n in width)
    return (
        f"WITH records AS ({sql}) SELECT r.unit_id, {totals} "
        f"FROM ({' UNION ALL '.join(branches)}) r GROUP BY r.unit_id"
    )


def _annotations(
    columns: list[Column], measures: Measures, unit_field: str
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """Each record's unit, the key of each distinct measure and the value of each summed one,
    as annotations; with the names given to the keys and to the summed values."""
    keys: dict[str, str] = {}
    summed: dict[str, str] = {}
    annotations: dict[str, Any] = {"rollup_unit": F(unit_field)}
    for column in columns:
        measure = column.measure
        key = measures.key(measure)
        if key is not None and measure not in keys:
            keys[measure] = f"rollup_k{len(keys)}"
            annotations[keys[measure]] = key
        elif key is None and measure != COUNT and measure not in summed:
            summed[measure] = f"rollup_v{len(summed)}"
            annotations[summed[measure]] = measures.value(measure)
    return annotations, keys, summed


def _shared(columns: list[Column]) -> list[str]:
    """The predicates every one of `columns` has, in the order of the first."""
    if not columns:
        return []
    first, *others = columns
    return [name for name in first.where if all(name in c.where for c in others)]


def _without(columns: list[Column], names: list[str]) -> list[Column]:
    """The columns without the predicates `names` (which the records already satisfy)."""
    return [replace(c, where=tuple(n for n in c.where if n not in names)) for c in columns]


def _narrowed(
    base: QuerySet, columns: list[Column], literal_q: Callable[[str], Q]
) -> tuple[QuerySet, list[Column]]:
    """The records that satisfy the predicates of every column (the others count nowhere), and
    the columns without those predicates."""
    shared = _shared(columns)
    if not shared:
        return base, columns
    condition = Q()
    for name in shared:
        condition &= literal_q(name)
    return base.filter(condition), _without(columns, shared)


def _predicates(columns: list[Column], measures: Measures) -> tuple[list[str], int]:
    """The columns' predicates, those of the distinct columns first (the low flags, for their
    combinations), and how many those are."""
    keyed = [c for c in columns if measures.key(c.measure) is not None]
    literals = list(dict.fromkeys(name for c in [*keyed, *columns] for name in c.where))
    return literals, len({name for c in keyed for name in c.where})


def _by_key(
    columns: list[Column], keys: dict[str, str], bits: dict[str, Bit], size: int
) -> dict[str, tuple[list[Column], Hits]]:
    """For each distinct measure's key: its columns and the flag combinations they count."""
    by_key: dict[str, tuple[list[Column], Hits]] = {}
    for measure, key in keys.items():
        of_key = [c for c in columns if c.measure == measure]
        by_key[key] = (of_key, _hits(of_key, bits, size))
    return by_key


def _bucket_query(
    per_unit: str, width: list[int], unit_ids: list[int], prefix: int, *, unit_by_unit: bool
) -> str:
    """The units' totals summed per bucket (path prefix): one unit at a time (LATERAL), or all
    units' records at once. Only identifiers and numbers made here, and compiled SQL."""
    totals = ", ".join(f"SUM(r.c{n}) AS c{n}" for n in width)
    bucket = f"SUBSTR(rollup_scope.path, 1, {int(prefix)}) AS bucket"
    if unit_by_unit:
        ids = ", ".join(str(int(pk)) for pk in unit_ids)
        return (
            f"SELECT {bucket}, {totals} FROM {Unit._meta.db_table} rollup_scope "
            f"CROSS JOIN LATERAL ({per_unit}) r WHERE rollup_scope.id IN ({ids}) GROUP BY 1"
        )
    return (
        f"SELECT {bucket}, {totals} FROM ({per_unit}) r "
        f"JOIN {Unit._meta.db_table} rollup_scope ON rollup_scope.id = r.unit_id GROUP BY 1"
    )


def rolled_up(
    base: QuerySet,
    unit_field: str,
    unit_ids: list[int],
    columns: list[Column],
    literal_q: Callable[[str], Q],
    measures: Measures,
    prefix: int,
    *,
    unit_by_unit: bool = False,
) -> list[dict[str, Any]]:
    """Every column in `columns` (one source) for the records of `base` in the units `unit_ids`,
    per bucket: rows of {"bucket": path prefix, "c<number>": value}.

    `unit_by_unit` (PostgreSQL): read and group the records of one unit at a time (LATERAL),
    which keeps each unit's table of keys small enough for the processor's cache: for a source
    whose columns an index on (unit, time) covers, else each unit would read the table."""
    width = [c.number for c in columns]
    base, columns = _narrowed(base, columns, literal_q)
    literals, size = _predicates(columns, measures)
    words, bits = _flags(literals, literal_q)
    annotations, keys, summed = _annotations(columns, measures, unit_field)
    annotations.update(words)
    unit_by_unit = unit_by_unit and connection.vendor == "postgresql"
    if unit_by_unit:
        scope = base.filter(**{unit_field: RawSQL("rollup_scope.id", ())})
    else:
        scope = base.filter(**{f"{unit_field}__in": unit_ids})
    records = scope.annotate(**annotations).values(*annotations).order_by()
    sql, params = records.query.sql_with_params()

    additive = [c for c in columns if c.measure not in keys]
    by_key = _by_key(columns, keys, bits, size)
    per_unit = _union_query(sql, additive, by_key, bits, summed, width)
    query = _bucket_query(per_unit, width, unit_ids, prefix, unit_by_unit=unit_by_unit)
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
