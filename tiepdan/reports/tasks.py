"""Background work of the reports: an export's file is made by the task worker."""

from tiepdan.ops.tasks import retrying_task
from tiepdan.reports import services


@retrying_task(attempts=3, base_delay_seconds=60)
def export_task(export_id: int) -> bool:
    """Make an export's file (a no-op when another run already claimed it). A report that cannot
    be computed is recorded as a failed export by export_run, not retried."""
    return services.export_run(export_id=export_id)
