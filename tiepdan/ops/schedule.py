"""The periodic jobs, defined once, and the claim that keeps a slot from running twice.

`manage.py run_scheduler` (one per machine, as many machines as wanted) wakes every few seconds,
works out the current slot of each job and claims it by inserting a `JobRun` row: the unique
(job, slot) constraint lets exactly one scheduler win, on SQLite and PostgreSQL alike. The winner
enqueues the run as a task, so the worker runs it (with the immediate backend: at once). The
commands stay plain management commands, so cron can still run them instead.
"""

import datetime as dt
import io
import logging
import socket
import traceback
from dataclasses import dataclass

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from tiepdan.ops.models import JobRun, JobRunStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    command: str
    every: dt.timedelta | None = None  # run in every slot of this length (UTC-aligned)
    at: dt.time | None = None  # or once a day at this local time
    args: tuple[str, ...] = ()
    needs_task_table: bool = False  # only meaningful with the database task backend

    def slot(self, now: dt.datetime) -> dt.datetime | None:
        """The slot that is due at `now`; None for a daily job before its time."""
        if self.every is not None:
            seconds = int(self.every.total_seconds())
            stamp = int(now.timestamp()) // seconds * seconds
            return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
        assert self.at is not None
        local = timezone.localtime(now)
        due = timezone.make_aware(dt.datetime.combine(local.date(), self.at))
        return due if local >= due else None


MINUTE = dt.timedelta(minutes=1)
# The schedule of the README's periodic commands. run_report_exports only sweeps up exports
# whose task was lost: each export is a task of its own as soon as it is requested.
JOBS: tuple[Job, ...] = (
    Job("scan_deadlines", every=5 * MINUTE),
    Job("scan_directives", every=60 * MINUTE),
    Job("scan_hotspots", every=60 * MINUTE),
    Job("send_daily_bulletin", at=dt.time(6, 30)),
    Job("notify_shifts", at=dt.time(7, 0)),
    Job("run_report_exports", every=15 * MINUTE),
    Job("remind_reports", at=dt.time(7, 30)),
    Job("national_sync", every=5 * MINUTE),  # waits quietly while no URL is configured
    Job("verify_audit", at=dt.time(3, 0)),
    Job(
        "prune_db_task_results",
        at=dt.time(2, 0),
        args=("--min-age-days", "30"),
        needs_task_table=True,
    ),
)


def job_for(command: str) -> Job:
    return next(job for job in JOBS if job.command == command)


def host_name() -> str:
    return socket.gethostname()[:100]


def claim(job: Job, slot: dt.datetime, *, by: str) -> JobRun | None:
    """Insert the run of `job` for `slot`, or None when another scheduler already has it."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job.command, slot=slot, claimed_by=by)
    except IntegrityError:
        return None


def tick(*, now: dt.datetime | None = None, jobs: tuple[Job, ...] = JOBS) -> list[JobRun]:
    """Claim and enqueue every job whose current slot has no run yet; returns what this call won."""
    now = now or timezone.now()
    by = host_name()
    won = []
    task_table = isinstance(run_job.get_backend(), DatabaseBackend)
    for job in jobs:
        if job.needs_task_table and not task_table:
            continue
        slot = job.slot(now)
        if slot is None or JobRun.objects.filter(job=job.command, slot=slot).exists():
            continue
        with transaction.atomic():
            run = claim(job, slot, by=by)
            if run is None:
                continue
            # With the database backend the task row commits together with the claim.
            run_job.enqueue(run.pk)
        won.append(run)
    return won


@task()
def run_job(job_run_id: int) -> str:
    """Run one claimed job; its output or traceback is kept on the JobRun for the admin."""
    JobRun.objects.filter(pk=job_run_id).update(
        status=JobRunStatus.RUNNING, started_at=timezone.now()
    )
    run = JobRun.objects.get(pk=job_run_id)
    job = job_for(run.job)
    out = io.StringIO()
    try:
        call_command(job.command, *job.args, stdout=out, stderr=out)
    except BaseException:
        logger.exception("Scheduled job %s failed", run)
        JobRun.objects.filter(pk=job_run_id).update(
            status=JobRunStatus.FAILED,
            finished_at=timezone.now(),
            output=(out.getvalue() + traceback.format_exc())[-10000:],
        )
        raise
    JobRun.objects.filter(pk=job_run_id).update(
        status=JobRunStatus.DONE, finished_at=timezone.now(), output=out.getvalue()[-10000:]
    )
    return out.getvalue()[-1000:]
