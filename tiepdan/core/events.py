"""Every domain event the apps publish, in one place.

A lower layer says what happened; the apps above it subscribe (in their AppConfig.ready) and
react, so no app imports a layer above its own (docs/architecture.md). Events are Django
signals sent with `send`: delivered synchronously, inside the publisher's transaction, exactly
where the publisher used to call the reacting service, so a subscriber's failure rolls the
publisher's work back as before. A subscriber that talks to another system (mail, the national
database, SMS) defers that part with `transaction.on_commit` itself.

Each event lists its keyword payload; `sender` is the model class of the thing that happened.
"""

from django.dispatch import Signal

# A group of MASS_GROUP_THRESHOLD or more people arrived at the desk (Luật TCD Art 30; seed S5).
# Payload: unit, visit, case, people_count, content, actor. Subscribers answer with the id of
# the alert they raised (the desk shows that one was raised), or None.
mass_group_arrived = Signal()

# A legal time limit passed its due date without the step being done (reminder scan).
# Payload: clock, description (the clock in words: rule, target, unit, due date, legal basis).
clock_missed = Signal()

# A superior's directive or a leader's direction on a case is overdue (reminder scan).
# Payload: directive, unit, description (the directive in words).
directive_overdue = Signal()

# A case's directive was reported done; when it came from a leader's direction at a reception
# session, the desk closes that direction too (S12). Payload: directive, direction, result,
# actor.
directive_done = Signal()

# Monitoring raised alerts: one, or a scan's thousands at once (sent once per batch, inside
# the raising transaction). Payload: alerts (a list of saved Alert rows).
alerts_raised = Signal()

# A step of the denouncer's seal on a matter (sealed, access granted or revoked, secrecy
# waived), written by the vault; the resolution records it on the matter's timeline, in the
# same transaction. Payload: case (the matter), kind (the timeline's step code), on, actor,
# summary (never the denouncer's identity).
identity_step = Signal()

# Audit events appended together (`AuditEvent.append_many`: a deferred block's events, a scan's
# thousands), which save one by one would each have announced with post_save; sent inside the
# appending transaction once they are written. Payload: events (the saved AuditEvent rows).
audit_appended = Signal()

ALL = {
    "mass_group_arrived": mass_group_arrived,
    "clock_missed": clock_missed,
    "directive_overdue": directive_overdue,
    "directive_done": directive_done,
    "alerts_raised": alerts_raised,
    "identity_step": identity_step,
    "audit_appended": audit_appended,
}
