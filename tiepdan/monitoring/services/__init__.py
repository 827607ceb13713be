"""The writes of monitoring, one module per topic; this package is their public face.

- alerts: raising an alert (routed, told to the leader on duty) and handling it to its close;
- scan: the hotspot scan (its candidates are read by monitoring.candidates);
- notes: partners' situation notes;
- thresholds: a unit's alert thresholds;
- bulletin: the daily bulletin.

Other modules call `services.<name>`; the names below are the whole interface.
"""

from tiepdan.monitoring.services.alerts import (
    alert_acknowledge,
    alert_assign,
    alert_claim,
    alert_close,
    alert_follow_up,
    alert_partner_units,
    alert_raise,
)
from tiepdan.monitoring.services.bulletin import bulletin_context, bulletin_issue, bulletin_render
from tiepdan.monitoring.services.notes import note_record
from tiepdan.monitoring.services.scan import ScanResult, hotspot_scan
from tiepdan.monitoring.services.thresholds import thresholds_update

__all__ = [
    "ScanResult",
    "alert_acknowledge",
    "alert_assign",
    "alert_claim",
    "alert_close",
    "alert_follow_up",
    "alert_partner_units",
    "alert_raise",
    "bulletin_context",
    "bulletin_issue",
    "bulletin_render",
    "hotspot_scan",
    "note_record",
    "thresholds_update",
]
