"""Records of the production machinery: scheduled job runs and worker heartbeats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRunStatus(models.TextChoices):
    QUEUED = "queued", _("đã xếp hàng")
    RUNNING = "running", _("đang chạy")
    DONE = "done", _("xong")
    FAILED = "failed", _("lỗi")


class JobRun(models.Model):
    """One run of a periodic job for one slot of its schedule.

    The unique (job, slot) pair is the lock that keeps several schedulers, on several machines,
    from running the same slot twice: whoever inserts the row first runs it.
    """

    job = models.CharField(_("công việc"), max_length=50)
    slot = models.DateTimeField(_("lượt theo lịch"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobRunStatus.choices, default=JobRunStatus.QUEUED
    )
    claimed_by = models.CharField(_("máy nhận"), max_length=100)
    claimed_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    output = models.TextField(_("kết quả"), blank=True)

    class Meta:
        verbose_name = _("lượt chạy công việc định kỳ")
        verbose_name_plural = _("lượt chạy công việc định kỳ")
        ordering = ["-slot", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="ops_jobrun_one_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of a task worker process (readiness and metrics read it)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tiến trình xử lý nền")
        verbose_name_plural = _("tiến trình xử lý nền")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"
