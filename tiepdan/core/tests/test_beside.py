"""core.db's helpers for the two cores of PostgreSQL: a read beside, keys checked beside, JIT."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from tiepdan.core.db import beside, insert_rows, keys_checked_beside, meanwhile, without_jit
from tiepdan.monitoring.models import Hotspot
from tiepdan.organizations.models import Unit

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only (elsewhere they do nothing)"
)

COLUMNS = ["unit_id", "key", "kind", "title", "score", "level", "scanned_at"]


def _hotspot(unit_id: int, key: str) -> tuple:
    return (unit_id, key, "matter", key, 10, "info", timezone.now())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_beside_runs_in_another_thread_with_the_callers_language(ward: Unit) -> None:
    def read() -> tuple:
        return threading.get_ident(), translation.get_language(), Unit.objects.count()

    with translation.override("en"):
        result = beside(read)
    ident, language, count = result()
    assert ident != threading.get_ident()
    assert (language, count) == ("en", Unit.objects.count())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_beside_raises_its_error_when_asked() -> None:
    result = beside(lambda: Unit.objects.get(code="none"))
    with pytest.raises(Unit.DoesNotExist):
        result()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_work_meanwhile_runs_in_another_thread_and_is_not_waited_for(ward: Unit) -> None:
    started, release, done = threading.Event(), threading.Event(), threading.Event()
    seen: list = []

    def work() -> None:
        started.set()
        release.wait(5)
        seen.append((threading.get_ident(), Unit.objects.count()))
        done.set()

    meanwhile(work)  # returns at once: the work waits for `release`
    assert started.wait(5)
    assert seen == []
    release.set()
    assert done.wait(5)
    assert seen == [(seen[0][0], Unit.objects.count())]
    assert seen[0][0] != threading.get_ident()


@pytest.mark.django_db
def test_work_meanwhile_in_a_transaction_runs_now_and_a_failure_is_logged(caplog) -> None:
    ran: list[int] = []
    meanwhile(lambda: ran.append(threading.get_ident()))
    assert ran == [threading.get_ident()]

    def failing() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM no_such_table")

    meanwhile(failing)  # in the test's transaction: rolled back to its own savepoint
    assert "failing failed" in caplog.text
    assert not Unit.objects.filter(pk=-1).exists()  # the transaction goes on


@pytest.mark.django_db
def test_without_jit_restores_the_setting() -> None:
    def jit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            return cursor.fetchone()[0]

    before = jit()
    with without_jit():
        assert jit() == "off"
    assert jit() == before


@pytest.mark.django_db
def test_keys_checked_beside_raise_a_missing_row_at_the_end_of_the_block(ward: Unit) -> None:
    def write_and_check() -> None:
        with transaction.atomic():
            insert_rows(Hotspot, COLUMNS, [_hotspot(ward.pk, "a"), _hotspot(10**9, "b")])
            with keys_checked_beside(Hotspot):
                checked.append("no")  # reached: the violation is raised when the block ends

    checked: list[str] = []
    with pytest.raises(IntegrityError):
        write_and_check()
    assert checked == ["no"]


@pytest.mark.django_db
def test_keys_checked_beside_are_deferred_again_after_the_block(ward: Unit) -> None:
    written: list[str] = []

    def write_a_missing_key_then_check() -> None:
        with transaction.atomic():
            insert_rows(Hotspot, COLUMNS, [_hotspot(10**9, "b")])
            written.append("b")  # no error here: deferred again
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as the commit would

    with transaction.atomic():
        insert_rows(Hotspot, COLUMNS, [_hotspot(ward.pk, "a")])
        with keys_checked_beside(Hotspot):
            pass
        with pytest.raises(IntegrityError):
            write_a_missing_key_then_check()
    assert written == ["b"]
    assert list(Hotspot.objects.values_list("key", flat=True)) == ["a"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_beside_starts_a_thread_outside_a_transaction_only() -> None:
    from tiepdan.core.db import starts_beside

    assert starts_beside()
    with transaction.atomic():
        assert not starts_beside()
