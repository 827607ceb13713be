"""The audit trail is hash-chained, verifiable and append-only down to the database."""

import threading
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from tiepdan.audit.chain import GENESIS, row_hash, verify
from tiepdan.audit.models import AuditEvent
from tiepdan.audit.services import audit_record
from tiepdan.organizations.models import Unit, User


def _record(unit: Unit, n: int, actor: User | None = None) -> list[AuditEvent]:
    return [
        audit_record(action=f"test.step{i}", target=unit, actor=actor, unit=unit, data={"i": i})
        for i in range(n)
    ]


@contextmanager
def _bypassing_triggers():
    """What someone with direct database access does: write around the append-only triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield cursor
            cursor.execute("SET LOCAL session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
            yield cursor


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_each_row_links_to_the_previous_one(ward: Unit, receptionist: User) -> None:
    before = AuditEvent.objects.order_by("-id").first()
    events = _record(ward, 3, actor=receptionist)
    assert events[0].prev_hash == (before.row_hash if before else GENESIS)
    assert events[1].prev_hash == events[0].row_hash
    assert events[2].prev_hash == events[1].row_hash
    stored = AuditEvent.objects.get(pk=events[2].pk)
    assert stored.row_hash == row_hash(stored, stored.prev_hash)
    result = verify(AuditEvent.objects.order_by("id"))
    assert result.broken is None
    assert result.last_hash == events[2].row_hash
    assert "Audit chain intact" in _verify_output()


def test_personal_data_is_masked_and_still_verifies(ward: Unit) -> None:
    audit_record(
        action="test.masked",
        target=ward,
        data={"full_name": "Nguyễn Văn Ấn", "nested": {"phone": "0912345678"}, 3: "số"},
    )
    event = AuditEvent.objects.order_by("-id").first()
    assert event.data["full_name"] == "N***********n"
    assert "0912345678" not in str(event.data)
    assert verify(AuditEvent.objects.order_by("id")).broken is None


def test_a_row_changed_in_the_database_is_detected(ward: Unit) -> None:
    events = _record(ward, 4)
    with _bypassing_triggers() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET action = %s WHERE id = %s",
            ["test.rewritten", events[2].pk],
        )
    with pytest.raises(CommandError, match=f"event id {events[2].pk}: content does not match"):
        call_command("verify_audit")


def test_a_row_removed_from_the_middle_is_detected(ward: Unit) -> None:
    events = _record(ward, 4)
    with _bypassing_triggers() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"event id {events[2].pk}: does not link"):
        call_command("verify_audit")


def test_the_database_refuses_update(ward: Unit) -> None:
    event = _record(ward, 1)[0]
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.step0"


def test_postgres_refuses_delete(ward: Unit) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE for the test flush; PostgreSQL refuses it")
    event = _record(ward, 1)[0]
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_model_refuses_changes(ward: Unit) -> None:
    event = _record(ward, 1)[0]
    event.action = "test.changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.bulk_create([AuditEvent(action="x", target_type="t", target_id="1")])


def test_the_migration_chains_existing_rows(ward: Unit) -> None:
    from importlib import import_module

    migration = import_module("tiepdan.audit.migrations.0002_audit_hash_chain")
    _record(ward, 3)
    with _bypassing_triggers() as cursor:
        cursor.execute("UPDATE audit_auditevent SET prev_hash = '', row_hash = ''")
    assert verify(AuditEvent.objects.order_by("id")).broken is not None

    state = MigrationExecutor(connection).loader.project_state(("audit", "0002_audit_hash_chain"))
    with _bypassing_triggers():
        migration.chain_existing(state.apps, SimpleNamespace(connection=connection))
    assert verify(AuditEvent.objects.order_by("id")).broken is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_one_chain(ward: Unit) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the lock is measured on PostgreSQL")
    errors: list[Exception] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    audit_record(action="test.concurrent", target=ward, data={"i": i})
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action="test.concurrent").count() == 80
    result = verify(AuditEvent.objects.order_by("id"))
    assert result.broken is None
    assert result.checked == AuditEvent.objects.count()


def test_deferred_events_are_appended_together_at_the_end_and_chain(ward: Unit) -> None:
    from tiepdan.audit.services import audit_record_many, deferred

    unit = ward
    before = AuditEvent.objects.count()
    _record(unit, 2)
    with transaction.atomic(), deferred():
        kept = _record(unit, 3)
        assert all(e.pk is None for e in kept)
        assert AuditEvent.objects.count() == before + 2  # nothing written yet, no lock taken
    assert [e.action for e in AuditEvent.objects.order_by("id")][-3:] == [
        "test.step0",
        "test.step1",
        "test.step2",
    ]

    def failing_write() -> None:
        with transaction.atomic(), deferred():
            _record(unit, 2)
            raise RuntimeError("the write fails")

    with pytest.raises(RuntimeError):
        failing_write()
    assert AuditEvent.objects.count() == before + 5
    audit_record_many([{"action": "test.many", "target": unit, "unit": unit, "data": {"k": 1}}])
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) == before + 6
    assert verify(events).broken is None
