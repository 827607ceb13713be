"""Prepared reads: the ORM's own results, its SQL built once per key, one query per call."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import BigIntegerField, CharField, QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from psycopg import _queries
from psycopg.adapt import Transformer

from tiepdan.citizens import selectors as citizen_selectors
from tiepdan.citizens.models import Citizen
from tiepdan.core.prepared import KEEP, WIDE_STATEMENT_PARAMS, PreparedRead, Slot
from tiepdan.matters.models import Matter
from tiepdan.organizations import permissions
from tiepdan.organizations.models import Membership, Unit, User

pytestmark = pytest.mark.django_db


class _Counting:
    """A builder of units by path prefix and code that counts how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, prefix: str, code: Slot) -> QuerySet[Unit]:
        self.calls += 1
        return Unit.objects.filter(path__startswith=prefix, code=code).select_related("parent")


def test_a_prepared_read_gives_what_the_queryset_gives_and_compiles_once_per_key(
    province: Unit, ward: Unit, other_ward: Unit
) -> None:
    build = _Counting()
    read = PreparedRead(Unit, build, [CharField()])
    for unit in (province, ward, other_ward):
        assert read.rows(province.path, unit.code) == list(build(province.path, unit.code))
    build.calls = 0
    with CaptureQueriesContext(connection) as queries:
        found = read.first(province.path, ward.code)
        assert found == ward
        assert found is not None
        assert found.parent == province
    assert len(queries) == 1
    assert build.calls == 0  # the SQL of that key was kept
    assert read.rows(other_ward.path, ward.code) == []  # another key, its own SQL
    assert build.calls == 1


def test_a_value_is_a_parameter_never_sql(ward: Unit) -> None:
    read = PreparedRead(Unit, _Counting(), [CharField()])
    hostile = f"{ward.code}' OR '1'='1"
    assert read.rows("", hostile) == []
    assert read.rows("", ward.code) == [ward]


def test_the_kept_reads_are_bounded(ward: Unit) -> None:
    build = _Counting()
    read = PreparedRead(Unit, build, [CharField()])
    for n in range(KEEP + 5):
        read.rows(f"x{n}/", ward.code)
    read.rows(ward.path, ward.code)
    first_key_again = build.calls
    read.rows("x0/", ward.code)  # the oldest key was let go: compiled again
    assert build.calls == first_key_again + 1


def test_each_slot_must_be_used_exactly_once() -> None:
    twice = PreparedRead(
        Unit, lambda key, code: Unit.objects.filter(code=code, name=code), [CharField()]
    )
    with pytest.raises(ValueError, match="exactly once"):
        twice.rows(None, "x")
    unused = PreparedRead(Unit, lambda key, code: Unit.objects.all(), [CharField()])
    with pytest.raises(ValueError, match="exactly once"):
        unused.rows(None, "x")
    with pytest.raises(TypeError):
        unused.rows(None)


def test_a_scope_that_matches_nothing_reads_nothing(ward: Unit) -> None:
    read = PreparedRead(
        Unit, lambda key, code: Unit.objects.filter(pk__in=[], code=code), [CharField()]
    )
    with CaptureQueriesContext(connection) as queries:
        assert read.rows(None, ward.code) == []
    assert len(queries) == 0


def test_memberships_carry_their_unit_and_user_without_a_query(
    receptionist: User, ward: Unit, province: Unit
) -> None:
    Membership.objects.create(user=receptionist, unit=province, role="leader")
    user = User.objects.get(pk=receptionist.pk)
    with CaptureQueriesContext(connection) as queries:
        held = permissions.held(user)
        got = [(m.unit.path, m.role, m.user) for m in held]
    assert len(queries) == 1
    expected = Membership.objects.filter(user=user).order_by("unit__path", "pk")
    assert got == [(m.unit.path, m.role, user) for m in expected]
    assert len(got) == 2
    assert all(m.user is user for m in held)


def _citizen(unit: Unit, name: str, id_number: str = "", phone: str = "") -> Citizen:
    from tiepdan.core.text import search_key

    return Citizen.objects.create(
        unit=unit, full_name=name, name_key=search_key(name), id_number=id_number, phone=phone
    )


def test_the_desk_look_up_prefers_the_units_own_record_then_the_oldest(
    receptionist: User, ward: Unit, province: Unit, other_ward: Unit, superuser: User
) -> None:
    above = _citizen(province, "Lê Văn Tám", "001085000111")
    own = _citizen(ward, "Lê Văn Tám", "001085000111")
    _citizen(other_ward, "Lê Văn Tám", "001085000222", "0912345678")
    same_phone = _citizen(ward, "Lê Văn Tám", phone="0912345678")

    def match(user: User | None, unit: Unit, **kw: str) -> Citizen | None:
        values = {"id_number": "", "phone": "", "name_key": ""} | kw
        return citizen_selectors.citizen_match(user, unit, **values)

    assert match(receptionist, ward, id_number="001085000111") == own
    assert match(superuser, province, id_number="001085000111") == above  # its own
    assert match(superuser, other_ward, id_number="001085000111") == above  # the oldest
    # Out of the receptionist's scope: not found by ID number.
    assert match(receptionist, ward, id_number="001085000222") is None
    # By name and phone: any record, or (an ID number typed) only one without an ID number.
    assert match(None, ward, phone="0912345678", name_key="le van tam") == same_phone
    assert (
        match(None, ward, id_number="009", phone="0912345678", name_key="le van tam") == same_phone
    )
    assert (
        match(superuser, other_ward, id_number="009", phone="0912345678", name_key="le van tam")
        == same_phone
    )
    # A user without memberships sees no one.
    nobody = User.objects.create_user("nobody", password="x")
    assert match(nobody, ward, id_number="001085000111") is None


def test_the_token_read_sees_the_lockout_of_now(receptionist: User, settings) -> None:
    from axes.models import AccessAttempt
    from rest_framework.authtoken.models import Token

    from tiepdan.organizations.authentication import _TOKEN

    token = Token.objects.create(user=receptionist)
    limit = settings.AXES_FAILURE_LIMIT
    since = timezone.now() - dt.timedelta(hours=1)
    found = _TOKEN.first(limit, token.key, since)
    assert found is not None
    assert found.user == receptionist
    assert not found.locked_out
    attempt = AccessAttempt.objects.create(
        username=receptionist.username, failures_since_start=limit, attempt_time=timezone.now()
    )
    found = _TOKEN.first(limit, token.key, since)
    assert found is not None
    assert found.locked_out
    found = _TOKEN.first(limit, token.key, attempt.attempt_time + dt.timedelta(seconds=1))
    assert found is not None
    assert not found.locked_out
    assert _TOKEN.first(limit, "no-such-token", since) is None


def test_a_slot_keeps_its_type() -> None:
    slot = Slot(0, BigIntegerField())
    assert isinstance(slot.output_field, BigIntegerField)


def _prepared(like: str) -> int:
    with connection.cursor() as cursor:
        sql = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s"
        cursor.execute(sql, [like])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_only_the_statements_of_a_kept_block_are_prepared(ward: Unit) -> None:
    """Values are bound by the server; a statement is kept prepared only when run in a
    `statements_kept` block (a generic plan elsewhere could be far off)."""
    from django.conf import settings

    from tiepdan.core.prepared import statements_kept

    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True
    by_code = '%FROM "organizations_unit" WHERE "organizations_unit"."code" = $1%'
    for _ in range(6):
        assert Unit.objects.filter(code=ward.code).count() == 1
    assert _prepared(by_code) == 0
    for _ in range(3):
        with statements_kept():
            assert Unit.objects.filter(code=ward.code).count() == 1
    assert _prepared(by_code) == 1
    assert connection.connection.prepare_threshold is None  # restored after the block
    # The prepared reads run in such a block.
    read = PreparedRead(Unit, _Counting(), [CharField()])
    for _ in range(3):
        assert read.rows("", ward.code) == [ward]
    assert _prepared('%"organizations_unit"."path"::text LIKE%') == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection's read")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_compiled_read_stays_with_its_connection(ward: Unit) -> None:
    import threading

    from django.db import connections

    build = _Counting()
    read = PreparedRead(Unit, build, [CharField()])
    assert read.rows("", ward.code) == [ward]
    seen: list = []

    def elsewhere() -> None:
        try:
            seen.append(read.rows("", ward.code))
        finally:
            connections.close_all()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert seen == [[ward]]
    assert build.calls == 2  # compiled again for the other thread's connection
    assert read.rows("", ward.code) == [ward]
    assert build.calls == 2


def test_the_driver_remembers_the_placeholders_of_a_new_matters_insert() -> None:
    """A new matter's INSERT (63 parameters) is split into PostgreSQL's placeholders once, not
    on every visit (psycopg's own limit is 50)."""
    assert _queries.MAX_CACHED_STATEMENT_PARAMS >= WIDE_STATEMENT_PARAMS
    columns = [f for f in Matter._meta.concrete_fields if not f.primary_key]
    assert 50 < len(columns) <= WIDE_STATEMENT_PARAMS
    sql = ("SELECT " + ", ".join(["%s"] * len(columns))).encode()
    _queries._query2pg.cache_clear()
    for _ in range(3):
        _queries.PostgresQuery(Transformer()).convert(sql, [1] * len(columns))
    info = _queries._query2pg.cache_info()
    assert (info.misses, info.hits) == (1, 2)
