"""Read replicas: report, dashboard and drill-down reads go to a streaming replica.

Only the pages listed in `TIEPDAN_REPLICA_VIEWS` read from a replica, and only while:
- the request is a safe one (GET or HEAD) and nothing in it has written yet;
- the user has not written anything in the last `TIEPDAN_READ_YOUR_WRITES_SECONDS`
  (a cookie set by every unsafe request), so an officer who has just entered a visit sees it
  counted on the next report;
- no transaction is open on the primary;
- the replica answers and its replay lag is under `TIEPDAN_REPLICA_MAX_LAG_SECONDS`
  (checked at most every `TIEPDAN_REPLICA_CHECK_SECONDS` per process).
Everything else, writes included, goes to the primary. A replica that is down or behind is
left out until it recovers: the application keeps serving from the primary and the state shows
in the readiness check and in /metrics.
"""

import contextlib
import contextvars
import fnmatch
import itertools
import logging
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

_eligible: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)
_health: dict[str, tuple[float, str]] = {}
_turn = itertools.count()

# Models whose rows must be read where they were just written: sessions, logins, second
# factors, the task queue, the audit chain's last link, register counters.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "axes", "otp_totp", "otp_static", "django_tasks_db", "ops", "audit", "core"}
)

WROTE_COOKIE = "tiepdan_wrote"
SAFE_METHODS = frozenset({"GET", "HEAD"})


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def replica_state(alias: str) -> str:
    """`ok`, `lagging` or `down`: one short query on the replica, cached for a few seconds."""
    checked = _health.get(alias)
    now = time.monotonic()
    if checked and now - checked[0] < settings.TIEPDAN_REPLICA_CHECK_SECONDS:
        return checked[1]
    state = _probe(alias)
    if state != "ok":
        logger.warning("replica %s is %s; its reads go to the primary", alias, state)
    _health[alias] = (now, state)
    return state


def _probe(alias: str) -> str:
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            # Lag is zero while the replica has replayed all it received; otherwise the age of
            # the last transaction it replayed.
            cursor.execute(
                "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) "
                "END"
            )
            (lag,) = cursor.fetchone()
    except DatabaseError:
        connection.close()
        return "down"
    return "ok" if float(lag) <= settings.TIEPDAN_REPLICA_MAX_LAG_SECONDS else "lagging"


def states() -> dict[str, str]:
    return {alias: replica_state(alias) for alias in replica_aliases()}


def forget_states() -> None:
    _health.clear()


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Let the reads of this block go to a replica (when one is configured and healthy)."""
    token = _eligible.set(True)
    try:
        yield
    finally:
        _eligible.reset(token)


def _in_transaction() -> bool:
    """A transaction opened by the application (a test case's own wrapping one does not count,
    so that tests see the routing production has)."""
    return any(
        not getattr(block, "_from_testcase", False)
        for block in connections["default"].atomic_blocks
    )


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if not _eligible.get() or model._meta.app_label in PRIMARY_ONLY_APPS or _in_transaction():
            return None
        healthy = [alias for alias in replica_aliases() if replica_state(alias) == "ok"]
        if not healthy:
            return None
        return healthy[next(_turn) % len(healthy)]

    def db_for_write(self, model, **hints) -> str:
        # Whatever the request reads after writing comes from the primary.
        if _eligible.get():
            _eligible.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"


def _listed(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    return any(
        fnmatch.fnmatchcase(match.view_name, pattern) for pattern in settings.TIEPDAN_REPLICA_VIEWS
    )


def _wrote_recently(request: HttpRequest) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(WROTE_COOKIE, "0"))
    except ValueError:
        return True
    return time.time() - wrote_at < settings.TIEPDAN_READ_YOUR_WRITES_SECONDS


class ReplicaReadMiddleware:
    """Marks the listed read-only pages as replica reads; remembers who has just written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _eligible.set(False)
        try:
            response = self.get_response(request)
        finally:
            _eligible.reset(token)
        if request.method not in SAFE_METHODS and replica_aliases():
            response.set_cookie(
                WROTE_COOKIE,
                f"{time.time():.0f}",
                max_age=settings.TIEPDAN_READ_YOUR_WRITES_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if (
            request.method in SAFE_METHODS
            and replica_aliases()
            and _listed(request)
            and not _wrote_recently(request)
        ):
            _eligible.set(True)
