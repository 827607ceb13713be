"""Who may see or act on monitoring (architecture.md rule 3: outside the scope → 404, inside
without the right → 403).

- Every role of a unit or of a unit above it sees its alerts; partners (police, Front, quarters)
  also see the alerts routed to their unit (S13, S29) — and nothing else of the dashboard.
- Leaders and unit administrators acknowledge, assign and close; the person assigned and the
  partners an alert is routed to record follow-up actions (dialogue, field visit, report).
- Partners, leaders, receptionists and unit administrators write situation notes (S18).
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tiepdan.monitoring import selectors
from tiepdan.monitoring.models import Alert, Hotspot
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.constants import Role
from tiepdan.organizations.models import Unit, User
from tiepdan.organizations.permissions import (
    ALL_ROLES,
    INTERNAL_ROLES,
    declare,
    has_permission,
    roles_on,
)


class MonitoringAction(StrEnum):
    ALERT_VIEW = "alert.view"
    ALERT_HANDLE = "alert.handle"
    DASHBOARD_VIEW = "monitoring.dashboard"
    NOTE_WRITE = "monitoring.note"
    THRESHOLDS_EDIT = "monitoring.thresholds"


declare(
    "monitoring",
    {
        # Partners (police, Front) receive alerts routed to them; the rest sees its tree's.
        MonitoringAction.ALERT_VIEW: (ALL_ROLES, "Cảnh báo của đơn vị hoặc được chuyển đến."),
        MonitoringAction.ALERT_HANDLE: (
            {Role.LEADER, Role.UNIT_ADMIN},
            "Xác nhận, giao xử lý, đóng cảnh báo.",
        ),
        MonitoringAction.DASHBOARD_VIEW: (INTERNAL_ROLES, "Bảng theo dõi tình hình (S13)."),
        MonitoringAction.NOTE_WRITE: (
            {Role.PARTNER, Role.LEADER, Role.RECEPTIONIST, Role.UNIT_ADMIN},
            "Ghi nhận thông tin tình hình (S18).",
        ),
        MonitoringAction.THRESHOLDS_EDIT: (
            {Role.LEADER, Role.UNIT_ADMIN},
            "Sửa ngưỡng cảnh báo điểm nóng.",
        ),
    },
)


def can_view_dashboard(user: User, unit: Unit) -> bool:
    return has_permission(user, MonitoringAction.DASHBOARD_VIEW, unit)


def can_handle_alert(user: User, alert: Alert) -> bool:
    return has_permission(user, MonitoringAction.ALERT_HANDLE, alert.unit)


def can_follow_up_alert(user: User, alert: Alert) -> bool:
    if can_handle_alert(user, alert) or (alert.assigned_to_id and alert.assigned_to_id == user.pk):
        return True
    return any(roles_on(user, u) for u in alert.routed_to.all())


def can_write_note(user: User, unit: Unit) -> bool:
    return has_permission(user, MonitoringAction.NOTE_WRITE, unit)


def can_edit_thresholds(user: User, unit: Unit) -> bool:
    return has_permission(user, MonitoringAction.THRESHOLDS_EDIT, unit)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def alert_get_or_404(user: User, pk: int) -> Alert:
    alert = selectors.alert_list(user).filter(pk=pk).first()
    if alert is None:
        raise Http404
    return alert


def hotspot_get_or_404(user: User, pk: int) -> Hotspot:
    qs = org_selectors.scope_filter(user, Hotspot.objects.select_related("unit"), field="unit")
    hotspot = qs.filter(pk=pk).first()
    if hotspot is None:
        raise Http404
    require(can_view_dashboard(user, hotspot.unit))
    return hotspot


def dashboard_unit(user: User, unit: Unit | None) -> Unit:
    """The unit of a dashboard page: 404 without one, 403 for partners."""
    if unit is None:
        raise Http404
    require(can_view_dashboard(user, unit))
    return unit
