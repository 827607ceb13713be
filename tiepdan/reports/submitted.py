"""Reads of the reports submitted up the unit tree: who sent which, what each unit sees, and
what to look at before submitting."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tiepdan.cases.models import Case, CaseKind
from tiepdan.cases.models import Outcome as CaseOutcome
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User
from tiepdan.reports.models import ReportSnapshot
from tiepdan.reports.periods import Period


def visible_snapshots(user: User) -> QuerySet[ReportSnapshot]:
    """Submitted reports of units the user sees, and those sent to units the user sees."""
    qs = ReportSnapshot.objects.select_related("unit", "sent_to", "submitted_by")
    q = org_selectors.scope_q(user, "unit")
    sent_to = org_selectors.scope_q(user, "sent_to")
    if q is None or sent_to is None:  # both or neither: the same user's scope
        return qs
    return qs.filter(q | (sent_to & Q(sent_to__isnull=False)))


@dataclass
class Submission:
    unit: Unit
    snapshot: ReportSnapshot | None


def submissions(form: str, unit: Unit, period: Period) -> list[Submission]:
    """The unit itself and each direct child: its submitted report of `form` for `period`, if
    any (two queries)."""
    units = [*org_selectors.unit_children_list(unit), unit]
    frozen = {
        s.unit_id: s
        for s in ReportSnapshot.objects.filter(
            form=form,
            unit__in=units,
            period_start=period.start,
            period_end=period.end,
        )
    }
    return [Submission(u, frozen.get(u.pk)) for u in units]


def conclusions_to_review(unit: Unit, period: Period) -> QuerySet[Case]:
    """Denunciation conclusions of the period in `unit`'s subtree that propose administrative
    sanctions for persons but record no organisation (04/GQTC column 20 is new in TT 06/2025;
    conclusions recorded before it default to none): worth a look before submitting."""
    return (
        Case.objects.filter(
            unit__path__startswith=unit.path,
            kind=CaseKind.DENUNCIATION,
            outcome__in=[CaseOutcome.DENUNCIATION_RIGHT, CaseOutcome.DENUNCIATION_PARTLY],
            decided_on__gte=period.start,
            decided_on__lte=period.end,
            proposed_disciplined__gt=0,
            proposed_disciplined_orgs=0,
        )
        .select_related("unit")
        .order_by("decided_on", "pk")
    )
