"""Audit action codes of the workcalendar app."""

CALENDAR_CHANGED = "calendar.changed"
CLOCK_STARTED = "clock.started"
CLOCK_PAUSED = "clock.paused"
CLOCK_RESUMED = "clock.resumed"
CLOCK_EXTENDED = "clock.extended"
CLOCK_STOPPED = "clock.stopped"
CLOCK_RECOMPUTED = "clock.recomputed"
