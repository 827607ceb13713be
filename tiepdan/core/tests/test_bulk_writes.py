"""The bulk helpers of core.db: the same rows on PostgreSQL (COPY, arrays) as elsewhere."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiepdan.core.db import any_of, array_literal, insert_rows, upsert_rows
from tiepdan.monitoring.models import Hotspot
from tiepdan.organizations.models import Unit

COLUMNS = ["unit_id", "key", "kind", "title", "score", "level", "explanation", "trend"]
COLUMNS += ["scanned_at", "created_at", "updated_at"]


def _row(unit: Unit, key: str, score: int, explanation: list) -> tuple:
    now = timezone.now()
    return (
        unit.pk,
        key,
        "matter",
        f"Điểm {key}",
        score,
        "warning",
        explanation,
        [1, 2],
        now,
        now,
        now,
    )


def test_upsert_inserts_new_rows_and_updates_the_named_columns(ward: Unit) -> None:
    upsert_rows(
        Hotspot,
        COLUMNS,
        [_row(ward, "a", 40, ["lý do"]), _row(ward, "b", 50, [])],
        unique=["unit", "key"],
        update=["score", "explanation"],
    )
    first = Hotspot.objects.get(unit=ward, key="a")
    assert (first.score, first.explanation, first.trend, first.title) == (
        40,
        ["lý do"],
        [1, 2],
        "Điểm a",
    )
    upsert_rows(
        Hotspot,
        COLUMNS,
        [_row(ward, "a", 70, ["khác", {"n": 3}]), _row(ward, "c", 10, [])],
        unique=["unit", "key"],
        update=["score", "explanation"],
    )
    again = Hotspot.objects.get(unit=ward, key="a")
    assert again.pk == first.pk
    assert (again.score, again.explanation) == (70, ["khác", {"n": 3}])
    assert sorted(Hotspot.objects.filter(unit=ward).values_list("key", flat=True)) == [
        "a",
        "b",
        "c",
    ]
    upsert_rows(Hotspot, COLUMNS, [], unique=["unit", "key"], update=["score"])  # nothing to do


def test_inserted_rows_take_json_as_values_and_a_duplicate_is_djangos_integrity_error(
    ward: Unit,
) -> None:
    """The same on both databases: JSON fields given as Python values, and a row that breaks a
    constraint raises django.db.IntegrityError (COPY's error from the driver, wrapped)."""
    ids = insert_rows(
        Hotspot,
        COLUMNS,
        [_row(ward, "a", 40, ['Lý do "một"']), _row(ward, "b", 50, [])],
        encode_json=True,
    )
    stored = Hotspot.objects.in_bulk(ids)
    assert [stored[i].explanation for i in ids] == [['Lý do "một"'], []]
    assert stored[ids[0]].trend == [1, 2]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Hotspot, COLUMNS, [_row(ward, "a", 10, [])], encode_json=True)
    assert Hotspot.objects.count() == 2


def test_any_of_filters_as_in_does(ward: Unit) -> None:
    upsert_rows(
        Hotspot,
        COLUMNS,
        [_row(ward, k, 1, []) for k in ("a", "b", "c")],
        unique=["unit", "key"],
        update=["score"],
    )
    keys = ["a", "c", "zz"]
    found = set(Hotspot.objects.filter(any_of(Hotspot, "key", keys)).values_list("key", flat=True))
    assert found == set(Hotspot.objects.filter(key__in=keys).values_list("key", flat=True))
    assert found == {"a", "c"}
    assert not Hotspot.objects.filter(any_of(Hotspot, "key", []))


def test_any_of_ids_are_compared_as_the_column_s_type(ward: Unit) -> None:
    """Ids are cast to the bigint column's type, so that PostgreSQL plans the filter as it
    plans `IN`; text is compared as text, never cut to a varchar's length."""
    from django.db import connection

    upsert_rows(
        Hotspot, COLUMNS, [_row(ward, "a", 1, [])], unique=["unit", "key"], update=["score"]
    )
    pk = Hotspot.objects.get().pk
    assert list(Hotspot.objects.filter(any_of(Hotspot, "unit", [ward.pk, 10**12]))) == [
        Hotspot.objects.get()
    ]

    assert list(Hotspot.objects.filter(any_of(Hotspot, "id", [pk])).values_list("pk", flat=True))
    upsert_rows(
        Hotspot, COLUMNS, [_row(ward, "b" * 200, 1, [])], unique=["unit", "key"], update=["score"]
    )
    assert not Hotspot.objects.filter(any_of(Hotspot, "key", ["b" * 201]))
    if connection.vendor == "postgresql":
        assert "::bigint[]" in any_of(Hotspot, "unit", [1]).sql
        assert "::bigint[]" in any_of(Hotspot, "id", [1]).sql
        assert "::text[]" in any_of(Hotspot, "key", ["a"]).sql


def test_any_of_finds_keys_with_quotes_commas_braces_and_backslashes(ward: Unit) -> None:
    """The keys go as the text of an array: every character PostgreSQL's array syntax gives a
    meaning to is escaped or quoted."""
    keys = ['b "c"', "d\\e", "x,y", "{z}", " sp ", "NULL", "", "Nguyễn", "it's"]
    upsert_rows(
        Hotspot,
        COLUMNS,
        [_row(ward, k, 1, []) for k in keys],
        unique=["unit", "key"],
        update=["score"],
    )
    for key in keys:
        assert list(
            Hotspot.objects.filter(any_of(Hotspot, "key", [key])).values_list("key", flat=True)
        ) == [key]
    found = Hotspot.objects.filter(any_of(Hotspot, "key", [*keys, "other"]))
    assert sorted(found.values_list("key", flat=True)) == sorted(keys)
    assert array_literal([1, None, 3], integers=True) == "{1,NULL,3}"
    assert array_literal(['a"', None]) == '{"a\\"",NULL}'


def test_instances_are_the_rows_a_query_reads(ward: Unit) -> None:
    import pytest
    from django.db import connection

    from tiepdan.core.db import instances

    names = [f.attname for f in Hotspot._meta.concrete_fields]
    now = timezone.now()
    row = _row(ward, "i", 30, ["lý do"])
    upsert_rows(Hotspot, COLUMNS, [row], unique=["unit", "key"], update=["score"])
    read = Hotspot.objects.get(unit=ward, key="i")
    row = [getattr(read, name) for name in names]
    (made,) = instances(Hotspot, names, [row], db=connection.alias)
    assert [getattr(made, n) for n in names] == row
    assert (made._state.adding, made._state.db) == (False, connection.alias)
    assert made == read
    assert made.unit == ward
    (new,) = instances(Hotspot, names, [[None, *row[1:]]])
    assert (new.pk, new._state.adding, new._state.db) == (None, True, None)
    with pytest.raises(ValueError, match="every column"):
        instances(Hotspot, names[::-1], [row[::-1]])
    assert now <= timezone.now()


def test_beside_runs_in_turn_in_a_transaction(ward: Unit) -> None:
    import threading

    from tiepdan.core.db import beside

    result = beside(lambda: (threading.get_ident(), Unit.objects.filter(pk=ward.pk).count()))
    # In a transaction (this test's) another connection would not see the unit: run here.
    assert result() == (threading.get_ident(), 1)


def test_beside_in_a_transaction_runs_once_however_often_asked(ward: Unit) -> None:
    from tiepdan.core.db import beside, starts_beside

    calls: list[int] = []
    result = beside(lambda: calls.append(1) or len(calls))
    assert not starts_beside()
    assert calls == []  # not before it is asked for
    assert (result(), result(), calls) == (1, 1, [1])

    failed = beside(lambda: calls.append(1) or Unit.objects.get(code="none"))
    for _ in range(2):  # the same error again, not a second run
        with pytest.raises(Unit.DoesNotExist):
            failed()
    assert calls == [1, 1]
