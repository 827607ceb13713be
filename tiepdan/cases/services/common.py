"""What every resolution step shares: the row lock, the state checks, the timeline event with
its audit row, and the clocks of the case."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases import rules
from tiepdan.cases.models import Case, CaseDocument, CaseEvent, CaseKind, CaseStatus
from tiepdan.core.errors import DomainError
from tiepdan.organizations.models import User
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact_values
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar import services as clock_services
from tiepdan.workcalendar.models import Clock

Kind = CaseEvent.Kind


def today() -> dt.date:
    return timezone.localdate()


def invalid(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field: [message]})


def lock(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)


def require_open(case: Case) -> None:
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED):
        raise DomainError(
            _("Vụ việc không ở trạng thái đang giải quyết (%(s)s).")
            % {"s": case.get_status_display()},
            code="case_not_open",
        )


def require_running(case: Case) -> None:
    require_open(case)
    if case.status == CaseStatus.SUSPENDED:
        raise DomainError(
            _("Vụ việc đang tạm đình chỉ: cần quyết định tiếp tục giải quyết trước."),
            code="case_suspended",
        )


def check_date(case: Case, on: dt.date, field: str = "on") -> None:
    if on > today():
        raise invalid(field, _("Ngày ở tương lai."))
    if case.accepted_on and on < case.accepted_on:
        raise invalid(
            field, _("Ngày trước ngày thụ lý (%s).") % case.accepted_on.strftime("%d/%m/%Y")
        )


def mask_denouncers(case: Case, value: Any) -> Any:
    """`value` (a text, or the texts in a document's context) with the identifiers of the
    matter's sealed denouncers masked, for a denunciation matter; as it is for any other.
    What officers type about the matter after sealing (minutes, findings, a conclusion, a
    reason) is stored and printed without them (Luật TC Arts 8.3, 40.3, 56.2), whoever typed
    them in."""
    if case.kind != CaseKind.DENUNCIATION:
        return value
    people = vault.matter_people(case)
    return redact_values(value, people) if people else value


def seal_matter_texts(case: Case, actor: User | None) -> None:
    """Keep a denunciation matter's texts just written (its findings, its conclusion) as
    written in the vault and stored masked, as sealing keeps its summary."""
    if case.kind == CaseKind.DENUNCIATION:
        vault.vault_seal(case=case, actor=actor)


def record_event(
    case: Case,
    kind: str,
    on: dt.date,
    actor: User | None,
    summary: str = "",
    document: CaseDocument | None = None,
    **data: Any,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        on=on,
        actor=actor,
        summary=mask_denouncers(case, summary),
        data=data,
        document=document,
    )
    audit_services.audit_record(
        action=f"case.{kind}",
        target=case,
        actor=actor,
        unit=case.unit,
        data={"on": on.isoformat(), **data},
    )
    return event


def open_clocks(case: Case, rule_codes: list[str] | None = None) -> list[Clock]:
    qs = calendar_selectors.clock_list_for_target(case).filter(status__in=Clock.Status.open())
    if rule_codes is not None:
        qs = qs.filter(rule_code__in=rule_codes)
    return list(qs)


def start_clock(
    case: Case, rule: str | None, start: dt.date, actor: User | None, **kw: Any
) -> None:
    if rule:
        clock_services.clock_start(
            target=case, unit=case.unit, rule_code=rule, start=start, actor=actor, **kw
        )


def stop_clocks(case: Case, rule_codes: list[str], on: dt.date, actor: User | None) -> None:
    for clock in open_clocks(case, rule_codes):
        clock_services.clock_stop(clock=clock, met_on=max(on, clock.start), actor=actor)


def resolution_clock(case: Case) -> Clock | None:
    rule = rules.resolution_rule(case.kind)
    clocks = open_clocks(case, [rule]) if rule else []
    return clocks[0] if clocks else None


def sync_case(case: Case, actor: User | None) -> None:
    """Bring a case accepted by petition processing under the resolution module: record its
    complexity from the resolution clock and seal a denunciation's identity."""
    clock = resolution_clock(case)
    if clock is not None and (case.complexity, case.remote_area) != (
        clock.complexity,
        clock.remote_area,
    ):
        case.complexity, case.remote_area = clock.complexity, clock.remote_area
        case.save(update_fields=["complexity", "remote_area", "updated_at"])
    vault.vault_seal(case=case, actor=actor)


def require_resolved(case: Case) -> None:
    if case.status != CaseStatus.RESOLVED:
        raise DomainError(_("Vụ việc chưa có quyết định, kết luận."), code="not_resolved")
