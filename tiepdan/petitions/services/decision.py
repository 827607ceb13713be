"""The processing outcome (hướng xử lý) of a petition and its effects."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.core.classification import PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.matters.models import KIND_FOR_TYPE, CaseKind, CaseStatus, Matter
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import constants
from tiepdan.petitions.constants import (
    Eligibility,
    Outcome,
    PetitionStatus,
    PriorResolution,
)
from tiepdan.petitions.documents import issue_outcome_document
from tiepdan.petitions.models import Petition, Reminder, Transfer
from tiepdan.petitions.services.common import (
    ALARM_RULE,
    audit,
    stop_clocks,
    today,
)
from tiepdan.vault import vault
from tiepdan.workcalendar import services as clock_services

# Clocks opened when a matter is accepted (thụ lý), by case kind.
RESOLUTION_RULES = {
    "complaint_first": ["complaint.resolve.first"],
    "complaint_second": ["complaint.resolve.second"],
    "denunciation": ["denunciation.notify_acceptance", "denunciation.resolve"],
    "proposal": [],
    "mixed": [],
}

# Rules whose length depends on the case's complexity and, for complaints, a remote area.
COMPLEXITY_RULES = frozenset(
    {"complaint.resolve.first", "complaint.resolve.second", "denunciation.resolve"}
)
REMOTE_RULES = frozenset({"complaint.resolve.first", "complaint.resolve.second"})


# Outcomes of an eligible petition that another body resolves (01/XLD columns 18–21).
OUTSIDE_JURISDICTION = (Outcome.GUIDE, Outcome.TRANSFER, Outcome.URGE)


def petition_path_units(petition: Petition) -> list[int]:
    """Units the petition has already passed through (its origin chain and their transfers)."""
    seen: list[int] = []
    current: Petition | None = petition
    while current is not None:
        seen.append(current.unit_id)
        current = current.origin
    return seen


def _unit_not_in_force(unit: Unit, decided_on: dt.date) -> str:
    """Why `unit` cannot be sent a petition (empty when it can): it must exist on the day of
    the decision and still exist today, or nobody would be there to take it."""
    if unit.in_force_on(decided_on) and unit.in_force_on(today()):
        return ""
    if unit.merged_into is not None:
        return _("%(u)s đã sáp nhập vào %(s)s: chuyển cho đơn vị kế thừa.") % {
            "u": unit.name,
            "s": unit.merged_into.name,
        }
    if unit.valid_to is not None and unit.valid_to < max(decided_on, today()):
        return _("%(u)s hết hiệu lực từ sau ngày %(d)s: không chuyển đơn cho đơn vị này.") % {
            "u": unit.name,
            "d": unit.valid_to.strftime("%d/%m/%Y"),
        }
    return _("%(u)s chưa có hiệu lực vào ngày xử lý.") % {"u": unit.name}


@dataclass(frozen=True)
class Decision:
    """What the head decides for a petition (hướng xử lý) and where it goes."""

    outcome: str
    decided_on: dt.date
    reason: str = ""
    to_unit: Unit | None = None
    to_body: str = ""
    to_body_kind: str = ""
    complexity: str = "normal"
    remote_area: bool = False


Errors = dict[str, list[str]]


def _check_state(petition: Petition, decision: Decision, errors: Errors) -> None:
    if petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        errors["status"] = [_("Đơn đã được xử lý.")]
    if decision.outcome not in Outcome.values:
        errors["outcome"] = [_("Hướng xử lý không hợp lệ.")]
    if decision.decided_on > today():
        errors["decided_on"] = [_("Ngày xử lý ở tương lai.")]
    elif decision.decided_on < petition.received_on:
        errors["decided_on"] = [_("Ngày xử lý trước ngày nhận đơn.")]


def _check_accept(petition: Petition, errors: Errors) -> None:
    if petition.eligibility == Eligibility.INELIGIBLE:
        errors["outcome"] = [_("Đơn không đủ điều kiện xử lý thì không thụ lý.")]
    if petition.anonymous and petition.petition_type == PetitionType.DENUNCIATION:
        errors["outcome"] = [
            _(
                "Đơn tố cáo nặc danh không được thụ lý giải quyết như tố cáo (Luật Tố cáo, Điều "
                "25): nếu có thông tin cụ thể thì kiểm tra, thanh tra theo thẩm quyền hoặc chuyển "
                "cơ quan có thẩm quyền; nếu không thì lưu đơn."
            )
        ]
    if petition.petition_type == PetitionType.MIXED:
        errors["outcome"] = [_("Đơn nhiều nội dung phải tách trước khi thụ lý.")]


def _check_transfer(petition: Petition, decision: Decision, errors: Errors) -> None:
    to_unit = decision.to_unit
    if to_unit is None and not decision.to_body:
        errors["to_unit"] = [_("Chọn đơn vị hoặc ghi cơ quan nhận đơn chuyển.")]
    elif to_unit is not None:
        if to_unit.pk == petition.unit_id:
            errors["to_unit"] = [_("Không chuyển đơn cho chính đơn vị mình.")]
        elif to_unit.pk in petition_path_units(petition):
            errors["to_unit"] = [
                _("Đơn đã đi qua %(u)s: không chuyển đơn vòng vèo.") % {"u": to_unit.name}
            ]
    if petition.petition_type == PetitionType.DENUNCIATION and petition.transfers.exists():
        # TT 05/2021 Art 14.1: a denunciation with the same content is transferred once.
        errors["outcome"] = [_("Đơn tố cáo cùng nội dung chỉ được chuyển một lần.")]


def _check_guide(decision: Decision, errors: Errors) -> None:
    if not (decision.to_body or decision.reason):
        # The guidance document must say where to go (documents.required): ask now, not later.
        errors["to_body"] = [_("Ghi cơ quan có thẩm quyền, hoặc nội dung hướng dẫn người gửi đơn.")]


def _check_urge(petition: Petition, decision: Decision, errors: Errors) -> None:
    to_unit = decision.to_unit
    if to_unit is None:
        errors["to_unit"] = [_("Chọn đơn vị cấp dưới được đôn đốc.")]
    elif not to_unit.path.startswith(petition.unit.path) or to_unit.pk == petition.unit_id:
        errors["to_unit"] = [_("Chỉ đôn đốc đơn vị cấp dưới.")]


def _check_decision(petition: Petition, decision: Decision) -> Errors:
    """Every reason the decision cannot be recorded, by field (the last one found wins)."""
    errors: Errors = {}
    _check_state(petition, decision, errors)
    outcome = decision.outcome
    if outcome == Outcome.ACCEPT:
        _check_accept(petition, errors)
    elif outcome == Outcome.TRANSFER:
        _check_transfer(petition, decision, errors)
    elif outcome == Outcome.GUIDE:
        _check_guide(decision, errors)
    elif outcome == Outcome.URGE:
        _check_urge(petition, decision, errors)
    if decision.to_unit is not None and outcome in (Outcome.TRANSFER, Outcome.URGE):
        refused = _unit_not_in_force(decision.to_unit, decision.decided_on)
        if refused:  # the first thing to fix
            errors["to_unit"] = [refused]
    return errors


def _record(petition: Petition, decision: Decision, actor: User | None) -> None:
    """The decision on the petition itself; the citizen is told on the day (Luật TCD Art 28)."""
    petition.outcome = decision.outcome
    petition.decided_on = decision.decided_on
    petition.decided_by = actor
    petition.decision_reason = decision.reason
    petition.citizen_notified_on = decision.decided_on
    petition.status = PetitionStatus.DECIDED
    if decision.outcome in OUTSIDE_JURISDICTION and petition.eligibility == Eligibility.PENDING:
        # Guiding, transferring or urging means the petition was processable but belongs to
        # another body (01/XLD counts it as đủ điều kiện, không thuộc thẩm quyền).
        petition.eligibility = Eligibility.ELIGIBLE


def _matter_for(petition: Petition) -> Matter:
    """The matter the accepted petition opens, or the one it already belongs to, of the kind
    the petition says (a first-instance complaint already resolved makes it a second one)."""
    kind = KIND_FOR_TYPE[PetitionType(petition.petition_type)]
    case = petition.case
    if case is None:
        case = Matter.objects.create(
            unit=petition.unit,
            kind=kind,
            domain=petition.domain,
            summary=petition.summary,
            summary_key=petition.summary_key,
            opened_on=petition.received_on,
        )
        petition.case = case
    else:
        case = Matter.objects.select_for_update(of=("self",)).get(pk=case.pk)
        petition.case = case
        if case.kind == CaseKind.MIXED:
            case.kind = kind
    if petition.prior_resolution == PriorResolution.FIRST and case.kind == CaseKind.COMPLAINT_FIRST:
        case.kind = CaseKind.COMPLAINT_SECOND
    return case


def _accept(petition: Petition, decision: Decision, actor: User | None) -> None:
    """Thụ lý: open (or continue) the matter, seal a denouncer, start the resolution clocks."""
    petition.within_jurisdiction = True
    if petition.eligibility == Eligibility.PENDING:
        petition.eligibility = Eligibility.ELIGIBLE
    case = _matter_for(petition)
    case.status = CaseStatus.ACCEPTED
    case.accepted_on = decision.decided_on
    case.save()
    # Link first: the vault seals what is linked (petitions.sealing), whatever the order.
    petition.save(update_fields=["case", "updated_at"])
    if petition.petition_type == PetitionType.DENUNCIATION:
        # The denouncer lives in the vault, never in the matter's citizens (Luật TC Art 47).
        vault.vault_seal(case=case, actor=actor)
    else:
        case.citizens.add(*petition.senders.all())
    for rule in RESOLUTION_RULES[case.kind]:
        clock_services.clock_start(
            target=case,
            unit=case.unit,
            rule_code=rule,
            start=decision.decided_on,
            complexity=decision.complexity if rule in COMPLEXITY_RULES else "normal",
            remote_area=decision.remote_area and rule in REMOTE_RULES,
            actor=actor,
        )


def _transfer(petition: Petition, decision: Decision, actor: User | None) -> None:
    """Chuyển đơn: into another unit's inbox, or to an outside body on paper."""
    petition.within_jurisdiction = False
    petition.status = PetitionStatus.TRANSFERRED if decision.to_unit else PetitionStatus.DECIDED
    Transfer.objects.create(
        petition=petition,
        from_unit=petition.unit,
        to_unit=decision.to_unit,
        to_body=decision.to_body,
        to_body_kind=decision.to_body_kind,
        sent_on=decision.decided_on,
    )


def _urge(petition: Petition, decision: Decision, actor: User | None) -> None:
    """Đôn đốc: a reminder to the subordinate unit that holds the matter."""
    petition.within_jurisdiction = False
    Reminder.objects.create(
        petition=petition,
        to_unit=decision.to_unit,
        sent_on=decision.decided_on,
        text=decision.reason or _("Đề nghị báo cáo tiến độ, kết quả giải quyết."),
        sent_by=actor,
    )


def _outside(petition: Petition, decision: Decision, actor: User | None) -> None:
    """Hướng dẫn, trả lại: not for this unit to resolve."""
    petition.within_jurisdiction = False


def _refuse(petition: Petition, decision: Decision, actor: User | None) -> None:
    """Không thụ lý: the unit is competent or not, as classified."""


def _file(petition: Petition, decision: Decision, actor: User | None) -> None:
    """Lưu đơn: nothing more to do."""


# The six outcomes and filing, each one named step.
OUTCOME_STEPS: dict[str, Callable[[Petition, Decision, User | None], None]] = {
    Outcome.ACCEPT: _accept,
    Outcome.TRANSFER: _transfer,
    Outcome.URGE: _urge,
    Outcome.GUIDE: _outside,
    Outcome.RETURN: _outside,
    Outcome.REJECT: _refuse,
    Outcome.FILE: _file,
}

# Clocks the decision meets: telling the citizen, the intake check, processing.
DECISION_MEETS = [
    "petition.notify",
    "denunciation.intake",
    "denunciation.transfer",
    ALARM_RULE,
    "petition.process",
]


@transaction.atomic
def petition_decide(
    *,
    petition: Petition,
    actor: User | None,
    outcome: str,
    decided_on: dt.date,
    reason: str = "",
    to_unit: Unit | None = None,
    to_body: str = "",
    to_body_kind: str = "",
    complexity: str = "normal",
    remote_area: bool = False,
) -> Petition:
    """Decide the processing outcome (hướng xử lý) and carry out its effects.

    accept opens (or continues) the matter and starts its resolution clocks; transfer puts the
    petition in another unit's inbox (or records an outside body) and refuses circular paths;
    urge sends a reminder to a subordinate; the citizen is told (petition.notify met). The
    outcome's document is checked now and rendered once the decision commits."""
    # Two officers deciding the same petition: the second waits, then finds it decided.
    petition.refresh_from_db(from_queryset=Petition.objects.select_for_update(of=("self",)))
    decision = Decision(
        outcome=outcome,
        decided_on=decided_on,
        reason=nfc(reason),
        to_unit=to_unit,
        to_body=nfc(to_body),
        to_body_kind=to_body_kind,
        complexity=complexity,
        remote_area=remote_area,
    )
    errors = _check_decision(petition, decision)
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    if decision.outcome == Outcome.GUIDE and decision.to_body and not decision.reason:
        # Guidance keeps no transfer record: the body named is what the citizen is told.
        decision = replace(decision, reason=_("Gửi đơn đến %(body)s.") % {"body": decision.to_body})
    _record(petition, decision, actor)
    OUTCOME_STEPS[decision.outcome](petition, decision, actor)
    petition.save()
    stop_clocks(petition, DECISION_MEETS, decision.decided_on, actor)
    issue_outcome_document(petition, actor)
    audit(
        constants.PETITION_DECIDED,
        petition,
        actor,
        outcome=decision.outcome,
        to_unit=to_unit.code if to_unit else None,
        to_body=decision.to_body,
    )
    return petition
