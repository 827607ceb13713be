"""The one place other modules enqueue background work through (django-tasks).

    from tiepdan.ops.tasks import enqueue_on_commit, retrying_task

    @retrying_task(attempts=5)
    def sync_citizen(record_id: int) -> None: ...

    enqueue_on_commit(sync_citizen, record.pk)

With the database backend (production) a worker (`manage.py run_worker`) runs the tasks and the
admin lists them (Django Tasks › DB task results); the embedded default and the tests use the
immediate backend, which runs them at once in the same process. django-tasks has no retries of
its own: a failed attempt of a `retrying_task` is recorded as a failed result and a new attempt
is enqueued after an exponential delay, until the last one, which stays failed and is logged.
"""

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"


def retry_delay(attempt: int, *, base_seconds: int) -> dt.timedelta:
    """Delay before attempt `attempt + 1`: base, 4×base, 16×base… capped at six hours."""
    return dt.timedelta(seconds=min(base_seconds * 4 ** (attempt - 1), 6 * 3600))


def retrying_task(
    *,
    attempts: int = 5,
    base_delay_seconds: int = 30,
    priority: int = 0,
    queue_name: str = "default",
) -> Callable[[Callable[..., Any]], Task]:
    """A django-tasks task that is enqueued again, later, when an attempt raises."""

    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
            try:
                return func(*args, **kwargs)
            except Exception:
                if attempt >= attempts:
                    logger.exception(
                        "Task %s failed for good after %s attempts", func.__qualname__, attempt
                    )
                    raise
                delay = retry_delay(attempt, base_seconds=base_delay_seconds)
                logger.warning(
                    "Task %s attempt %s failed; retrying in %s",
                    func.__qualname__,
                    attempt,
                    delay,
                    exc_info=True,
                )
                _enqueue_retry(registered, delay, args, {**kwargs, ATTEMPT_KWARG: attempt + 1})
                raise

        registered = task(priority=priority, queue_name=queue_name)(run)
        return registered

    return decorate


def _enqueue_retry(
    registered: Task, delay: dt.timedelta, args: tuple, kwargs: dict[str, Any]
) -> None:
    # The immediate backend cannot defer: it tries again at once.
    if registered.get_backend().supports_defer:
        registered = registered.using(run_after=timezone.now() + delay)
    registered.enqueue(*args, **kwargs)


def enqueue_on_commit(registered: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue once the surrounding transaction commits (at once outside one), so a worker never
    picks up work about rows it cannot see yet, and a rolled-back request enqueues nothing."""
    transaction.on_commit(lambda: registered.enqueue(*args, **kwargs))
