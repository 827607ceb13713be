"""Every write of the reports app: submitting (freezing) a report, sending it upward, exports."""

import logging
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.ops.tasks import enqueue_on_commit
from tiepdan.organizations.models import Unit, User
from tiepdan.reports import narrative_tt2025, outputs, pdf, selectors
from tiepdan.reports.constants import (
    EXPORT_REQUESTED,
    MANAGEMENT_SAVED,
    REPORT_SENT,
    REPORT_SUBMITTED,
    ExportFormat,
    ExportStatus,
    SnapshotStatus,
)
from tiepdan.reports.deadlines import needs_narrative
from tiepdan.reports.forms_registry import TT2025, form_version_for
from tiepdan.reports.forms_tt2025 import MANAGEMENT_FIELDS
from tiepdan.reports.models import ManagementFigures, ReportExport, ReportSnapshot
from tiepdan.reports.periods import Period

logger = logging.getLogger(__name__)


def report_payload(report: selectors.ReportData) -> dict:
    """The numbers of a report as stored in a snapshot and returned by the API."""
    return {
        "form": report.version.code,
        "version": report.version.key,
        "legal_basis": f"Thông tư {report.version.regime.removeprefix('TT ')}",
        "unit": report.unit.code,
        "from": report.period.start.isoformat(),
        "to": report.period.end.isoformat(),
        "columns": {str(n): v for n, v in report.columns.items()},
        "rows": [
            {
                "unit": row.unit.code,
                "name": row.name,
                "own": row.own,
                "columns": {str(n): v for n, v in row.columns.items()},
            }
            for row in report.rows
        ],
        "pending_columns": sorted(report.pending),
        "arithmetic": [str(v) for v in report.violations],
    }


@transaction.atomic
def snapshot_submit(*, form: str, unit: Unit, period: Period, actor: User) -> ReportSnapshot:
    """Freeze the report of `form` for `unit` and `period`: its numbers and the data version."""
    version = form_version_for(form, period.end)
    if ReportSnapshot.objects.filter(
        form=form, unit=unit, period_start=period.start, period_end=period.end
    ).exists():
        raise DomainError(
            "Báo cáo của kỳ này đã được chốt; mở báo cáo đã chốt để so sánh với số liệu hiện tại.",
            code="already_submitted",
        )
    report = selectors.report_compute(version, unit, period)
    try:
        with transaction.atomic():
            snapshot = ReportSnapshot.objects.create(
                form=form,
                version=version.key,
                unit=unit,
                period_start=period.start,
                period_end=period.end,
                period_kind=period.kind,
                period_label=period.label,
                data=report_payload(report),
                data_version=selectors.data_version(unit),
                computed_at=timezone.now(),
                submitted_by=actor,
            )
    except IntegrityError as exc:  # a concurrent submission of the same report
        raise DomainError("Báo cáo của kỳ này vừa được chốt.", code="already_submitted") from exc
    audit_services.audit_record(
        action=REPORT_SUBMITTED,
        target=snapshot,
        actor=actor,
        unit=unit,
        data={"form": form, "from": period.start, "to": period.end, "version": version.key},
    )
    return snapshot


@transaction.atomic
def snapshot_send(*, snapshot: ReportSnapshot, actor: User) -> ReportSnapshot:
    """Send a submitted report to the superior unit's inbox."""
    snapshot = ReportSnapshot.objects.select_for_update().select_related("unit").get(pk=snapshot.pk)
    if snapshot.status == SnapshotStatus.SENT:
        raise DomainError("Báo cáo đã được gửi cấp trên.", code="already_sent")
    parent_id = snapshot.unit.parent_id
    parent = Unit.objects.filter(pk=parent_id).first() if parent_id is not None else None
    if parent is None:
        raise DomainError("Đơn vị không có cấp trên trong hệ thống.", code="no_superior")
    snapshot.status = SnapshotStatus.SENT
    snapshot.sent_to = parent
    snapshot.sent_at = timezone.now()
    snapshot.save(update_fields=["status", "sent_to", "sent_at", "updated_at"])
    audit_services.audit_record(
        action=REPORT_SENT,
        target=snapshot,
        actor=actor,
        unit=snapshot.unit,
        data={"to": parent.code, "form": snapshot.form},
    )
    return snapshot


def snapshot_compare(snapshot: ReportSnapshot) -> dict:
    """The frozen numbers beside a recomputation: changed columns and whether data changed."""
    unit = snapshot.unit
    period = Period(
        snapshot.period_start, snapshot.period_end, snapshot.period_kind, snapshot.period_label
    )
    version = form_version_for(snapshot.form, period.end)
    current = report_payload(selectors.report_compute(version, unit, period))
    frozen = snapshot.data
    changed = {
        int(n): (frozen["columns"].get(n, 0), value)
        for n, value in current["columns"].items()
        if frozen["columns"].get(n, 0) != value
    }
    return {
        "current": current,
        "changed": dict(sorted(changed.items())),
        # Only the sources the snapshot recorded (one submitted before a source was added).
        "data_changed": any(
            snapshot.data_version.get(name) != value
            for name, value in selectors.data_version(unit).items()
            if name in snapshot.data_version
        ),
    }


@transaction.atomic
def export_request(*, form: str, fmt: str, unit: Unit, period: Period, actor: User) -> ReportExport:
    """Queue an export (XLSX or PDF data table, DOCX narrative) of a report."""
    version = form_version_for(form, period.end)
    if fmt == ExportFormat.DOCX and version.regime == TT2025 and not needs_narrative(period):
        raise DomainError(
            "Báo cáo quý II, quý III, quý IV chỉ gồm các biểu số liệu, không lập báo cáo Mẫu số "
            "02 (Thông tư 06/2025/TT-TTCP, Điều 4).",
            code="no_narrative",
            fields={"fmt": ["Chọn Excel hoặc PDF."]},
        )
    if fmt not in ExportFormat.values:
        raise DomainError("Định dạng xuất không hợp lệ.", code="invalid", fields={"fmt": ["?"]})
    export = ReportExport.objects.create(
        form=form,
        fmt=fmt,
        unit=unit,
        period_start=period.start,
        period_end=period.end,
        requested_by=actor,
    )
    audit_services.audit_record(
        action=EXPORT_REQUESTED,
        target=export,
        actor=actor,
        unit=unit,
        data={"form": form, "fmt": fmt, "from": period.start, "to": period.end},
    )
    from tiepdan.reports.tasks import export_task

    enqueue_on_commit(export_task, export.pk)
    return export


def report_file(*, form: str, fmt: str, unit: Unit, period: Period) -> tuple[bytes, str, str]:
    """(content, filename, content type) of a report export."""
    today = timezone.localdate()
    tables: dict[str, Callable[..., bytes]] = {
        ExportFormat.XLSX: outputs.report_xlsx,
        ExportFormat.PDF: pdf.report_pdf,
    }
    if fmt in tables:
        report = selectors.report_compute(form_version_for(form, period.end), unit, period)
        return (
            tables[fmt](report, issued_on=today),
            outputs.filename(report, fmt),
            outputs.CONTENT_TYPES[fmt],
        )
    if form_version_for("01-TCD", period.end).regime == TT2025:
        content = narrative_tt2025.mau02_docx(
            {
                code: selectors.report_compute(form_version_for(code, period.end), unit, period)
                for code in narrative_tt2025.FORMS
            },
            issued_on=today,
        )
    else:
        reports = [
            selectors.report_compute(form_version_for(code, period.end), unit, period)
            for code in ("01-TCD", "01-XLD", "01-KQGQ")
        ]
        content = outputs.narrative_docx(*reports, issued_on=today)
    name = f"BaoCao_{unit.code}_{period.start:%Y%m%d}-{period.end:%Y%m%d}.docx"
    return content, name, outputs.DOCX_TYPE


def export_run(*, export_id: int) -> bool:
    """Make the file of a pending export. Claims it first, so overlapping runs never repeat
    one; returns whether this call did the work."""
    if not ReportExport.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING, updated_at=timezone.now()
    ):
        return False
    export = ReportExport.objects.select_related("unit").get(pk=export_id)
    period = Period(export.period_start, export.period_end)
    try:
        content, name, _ = report_file(
            form=export.form, fmt=export.fmt, unit=export.unit, period=period
        )
    except Exception as exc:  # record the failure on the job; the queue goes on
        logger.exception("Report export %s failed", export_id)
        export.status = ExportStatus.FAILED
        export.error = str(exc)[:1000]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return True
    export.file.save(name, ContentFile(content), save=False)
    export.filename = name
    export.status = ExportStatus.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "filename", "status", "finished_at", "updated_at"])
    return True


def export_run_pending(*, limit: int | None = None) -> int:
    """Process pending exports, oldest first; returns how many this call made."""
    ids = ReportExport.objects.filter(status=ExportStatus.PENDING).order_by("created_at", "pk")
    done = 0
    for export_id in ids.values_list("pk", flat=True)[:limit]:
        done += export_run(export_id=export_id)
    return done


@transaction.atomic
def management_figures_save(
    *,
    unit: Unit,
    period: Period,
    values: dict[str, Any],
    source_note: str,
    actor: User,
    note: str = "",
) -> ManagementFigures:
    """Record (or correct) the unit's own 06/QLKNTC figures for `period`, with their source.

    Every figure is a whole number, not negative; conclusions issued (8) cannot exceed the
    inspections (6). The form exists from TT 06/2025: a period ending before 30/09/2025 is
    refused. Nothing is saved unless everything is valid."""
    form_version_for("06-QLKNTC", period.end)  # FormNotInForce for an earlier period
    errors: dict[str, list[str]] = {}
    clean: dict[str, int] = {}
    for name in MANAGEMENT_FIELDS:
        raw = values.get(name, 0)
        try:
            number = int(str(raw).strip() or "0")
        except ValueError:
            errors[name] = ["Nhập một số nguyên, không âm."]
            continue
        if number < 0:
            errors[name] = ["Số liệu không được âm."]
        clean[name] = number
    if not errors and clean["inspections_concluded"] > clean["inspections"]:
        errors["inspections_concluded"] = [
            "Số cuộc đã ban hành kết luận không lớn hơn số cuộc thanh tra trách nhiệm."
        ]
    if not source_note.strip():
        errors["source_note"] = ["Ghi nguồn của số liệu."]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    figures, created = ManagementFigures.objects.select_for_update().get_or_create(
        unit=unit,
        period_start=period.start,
        period_end=period.end,
        defaults={"entered_by": actor, "source_note": source_note.strip()},
    )
    before = {name: getattr(figures, name) for name in MANAGEMENT_FIELDS}
    for name, number in clean.items():
        setattr(figures, name, number)
    figures.source_note, figures.note, figures.entered_by = source_note.strip(), note, actor
    figures.save()
    changed = {n: [before[n], v] for n, v in clean.items() if created or before[n] != v}
    audit_services.audit_record(
        action=MANAGEMENT_SAVED,
        target=figures,
        actor=actor,
        unit=unit,
        data={"from": period.start, "to": period.end, "source": figures.source_note, **changed},
    )
    return figures
