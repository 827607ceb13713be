import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from tiepdan.ops import schedule
from tiepdan.ops.models import JobRun, JobRunStatus
from tiepdan.ops.tests.support import needs_postgres

NOW = dt.datetime(2026, 3, 10, 8, 7, tzinfo=dt.UTC)  # 15:07 in Hà Nội
CHEAP = (
    schedule.Job("scan_hotspots", every=dt.timedelta(minutes=5)),
    schedule.Job("run_report_exports", every=dt.timedelta(minutes=15)),
)


def test_interval_slots_are_aligned() -> None:
    job = schedule.Job("x", every=dt.timedelta(minutes=5))
    assert job.slot(NOW) == dt.datetime(2026, 3, 10, 8, 5, tzinfo=dt.UTC)


def test_daily_job_is_due_only_after_its_local_time() -> None:
    job = schedule.Job("x", at=dt.time(16, 0))
    assert job.slot(NOW) is None
    later = job.slot(NOW + dt.timedelta(hours=1))
    assert timezone.localtime(later).time() == dt.time(16, 0)


def test_every_readme_command_is_scheduled() -> None:
    commands = {job.command for job in schedule.JOBS}
    assert {
        "scan_deadlines",
        "scan_directives",
        "scan_hotspots",
        "send_daily_bulletin",
        "notify_shifts",
        "run_report_exports",
        "remind_reports",
    } <= commands


@pytest.mark.django_db
def test_a_slot_runs_once_and_records_its_output() -> None:
    won = schedule.tick(now=NOW, jobs=CHEAP)
    assert [run.job for run in won] == ["scan_hotspots", "run_report_exports"]
    assert schedule.tick(now=NOW + dt.timedelta(minutes=1), jobs=CHEAP) == []
    runs = JobRun.objects.all()
    assert {run.status for run in runs} == {JobRunStatus.DONE}
    assert "export(s) processed" in runs.get(job="run_report_exports").output
    # The next slot runs again.
    assert len(schedule.tick(now=NOW + dt.timedelta(minutes=5), jobs=CHEAP)) == 1


@pytest.mark.django_db
def test_a_failing_job_is_recorded() -> None:
    broken = (schedule.Job("no_such_command", every=dt.timedelta(minutes=5)),)
    schedule.JOBS += broken
    try:
        schedule.tick(now=NOW, jobs=broken)
    finally:
        schedule.JOBS = schedule.JOBS[:-1]
    run = JobRun.objects.get()
    assert run.status == JobRunStatus.FAILED
    assert "Unknown command" in run.output


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_at_once_never_run_a_slot_twice() -> None:
    """Two schedulers (threads with their own PostgreSQL connections) tick the same instant."""
    start = threading.Barrier(2)
    won: list[list[str]] = []

    def scheduler() -> None:
        try:
            start.wait()
            won.append([run.job for run in schedule.tick(now=NOW, jobs=CHEAP)])
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(job for jobs in won for job in jobs) == ["run_report_exports", "scan_hotspots"]
    assert JobRun.objects.count() == 2
