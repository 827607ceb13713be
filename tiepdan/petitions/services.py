"""Petition intake, classification, processing outcomes, transfers and follow-up.

Every write is one transaction with its audit record; clocks come from the deadline engine.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.cases import vault
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import MASS_GROUP_THRESHOLD, Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.sequences import next_number
from tiepdan.core.text import nfc, search_key
from tiepdan.matters.models import KIND_FOR_TYPE, CaseStatus, Matter
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import constants
from tiepdan.petitions.constants import (
    Eligibility,
    IneligibleReason,
    Outcome,
    PetitionStatus,
    PriorResolution,
    TransferStatus,
)
from tiepdan.petitions.models import BacklogReview, Petition, PetitionSource, Reminder, Transfer
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar import services as clock_services
from tiepdan.workcalendar.models import Clock

# Clocks started at intake: the citizen must be told how the petition is handled within
# 10 working days (Luật TCD Art 28.1); a denunciation must be registered, checked and decided
# on within 7 working days (Luật TC Art 24.1); from 1 July 2026 a petition left unprocessed
# 45 days is a disciplinary matter (NĐ 154/2026 Art 41.3.b) — that rule starts only where in force.
INTAKE_RULES = {
    PetitionType.COMPLAINT: ["petition.notify"],
    PetitionType.PROPOSAL: ["petition.notify"],
    PetitionType.MIXED: ["petition.notify"],
    PetitionType.DENUNCIATION: ["petition.notify", "denunciation.intake"],
}
ALARM_RULE = "petition.unprocessed_alarm"
ALARM_FROM = dt.date(2026, 7, 1)

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


def _today() -> dt.date:
    return timezone.localdate()


def _audit(action: str, petition: Petition, actor: User | None, **data: Any) -> None:
    audit_services.audit_record(
        action=action, target=petition, actor=actor, unit=petition.unit, data=data
    )


def _open_clocks(petition: Petition, rules: list[str], start: dt.date, actor: User | None) -> None:
    for rule in rules:
        clock_services.clock_start(
            target=petition, unit=petition.unit, rule_code=rule, start=start, actor=actor
        )


def _stop_clocks(target: Any, rules: list[str], on: dt.date, actor: User | None) -> None:
    """Stop the target's open clocks of these rules: met or missed against their due date."""
    for clock in calendar_selectors.clock_list_for_target(target).filter(
        rule_code__in=rules, status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED]
    ):
        clock_services.clock_stop(clock=clock, met_on=max(on, clock.start), actor=actor)


@transaction.atomic
def petition_receive(
    *,
    unit: Unit,
    received_on: dt.date,
    source: str,
    petition_type: str,
    domain: str,
    summary: str,
    senders: list[Citizen],
    signatory_count: int = 1,
    anonymous: bool = False,
    case: Matter | None = None,
    visit=None,
    actor: User | None = None,
    sender_body: str = "",
    origin: Petition | None = None,
    split_from: Petition | None = None,
    sender_in_vault: bool = False,
) -> Petition:
    """Register a petition with the next number of the unit's year and start its clocks.

    `sender_in_vault`: a denunciation whose sender the caller seals in the vault instead of
    linking a registry row (the public channel, cases.vault.vault_seal_intake)."""
    summary = nfc(summary or "")
    errors: dict[str, list[str]] = {}
    if received_on > _today():
        errors["received_on"] = [_("Ngày nhận đơn ở tương lai.")]
    if source not in PetitionSource.values:
        errors["source"] = [_("Nguồn đơn không hợp lệ.")]
    if petition_type not in PetitionType.values:
        errors["petition_type"] = [_("Loại đơn không hợp lệ.")]
    if domain not in Domain.values:
        errors["domain"] = [_("Lĩnh vực không hợp lệ.")]
    if not summary:
        errors["summary"] = [_("Thiếu nội dung tóm tắt của đơn.")]
    if not senders and not anonymous and not sender_in_vault:
        errors["senders"] = [_("Cần người gửi đơn, hoặc đánh dấu đơn nặc danh.")]
    if signatory_count < 1:
        errors["signatory_count"] = [_("Số người đứng tên phải từ 1 trở lên.")]
    if source in (PetitionSource.TRANSFERRED, PetitionSource.FORWARDED) and not (
        sender_body or origin
    ):
        errors["sender_body"] = [_("Ghi rõ cơ quan, người đã chuyển đơn đến.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    petition = Petition.objects.create(
        unit=unit,
        year=received_on.year,
        number=next_number(
            sequence=constants.NUMBER_SEQUENCE, unit_id=unit.pk, year=received_on.year
        ),
        received_on=received_on,
        source=source,
        petition_type=petition_type,
        domain=domain,
        summary=summary,
        summary_key=search_key(summary),
        signatory_count=max(signatory_count, len(senders), 1),
        anonymous=anonymous,
        case=case,
        visit=visit,
        created_by=actor,
        sender_body=nfc(sender_body),
        origin=origin,
        split_from=split_from,
    )
    if senders:
        petition.senders.add(*senders)
    # Anonymous: nobody to notify, and an anonymous denunciation is not processed as a
    # denunciation (Luật TC Art 25): only the processing time limit runs.
    rules = ["petition.process"] if anonymous else list(INTAKE_RULES[petition_type])
    if received_on >= ALARM_FROM:
        rules.append(ALARM_RULE)
    _open_clocks(petition, rules, received_on, actor)
    _audit(
        constants.PETITION_RECEIVED,
        petition,
        actor,
        number=petition.number,
        source=source,
        type=petition_type,
        mass=petition.signatory_count >= MASS_GROUP_THRESHOLD,
    )
    return petition


@transaction.atomic
def petition_classify(
    *,
    petition: Petition,
    actor: User | None,
    petition_type: str,
    domain: str,
    eligibility: str,
    within_jurisdiction: bool | None,
    prior_resolution: str = PriorResolution.UNRESOLVED,
    ineligible_reason: str = "",
) -> Petition:
    """Classify by content (not by title), eligibility with its statutory reason, jurisdiction."""
    errors: dict[str, list[str]] = {}
    if petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        errors["status"] = [_("Đơn đã xử lý, không phân loại lại.")]
    if petition_type not in PetitionType.values:
        errors["petition_type"] = [_("Loại đơn không hợp lệ.")]
    if domain not in Domain.values:
        errors["domain"] = [_("Lĩnh vực không hợp lệ.")]
    if eligibility not in Eligibility.values:
        errors["eligibility"] = [_("Chọn đủ hoặc không đủ điều kiện xử lý.")]
    if eligibility == Eligibility.INELIGIBLE and ineligible_reason not in IneligibleReason.values:
        errors["ineligible_reason"] = [_("Chọn lý do đơn không đủ điều kiện xử lý.")]
    if prior_resolution not in PriorResolution.values:
        errors["prior_resolution"] = [_("Tình trạng giải quyết không hợp lệ.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    old_type = petition.petition_type
    petition.petition_type = petition_type
    petition.domain = domain
    petition.eligibility = eligibility
    petition.ineligible_reason = ineligible_reason if eligibility == Eligibility.INELIGIBLE else ""
    petition.within_jurisdiction = within_jurisdiction
    petition.prior_resolution = prior_resolution
    petition.save()
    if (
        old_type != petition_type
        and petition_type == PetitionType.DENUNCIATION
        and not petition.anonymous
    ):
        # A petition found to be a denunciation gets the 7-working-day intake check from receipt.
        _open_clocks(petition, ["denunciation.intake"], petition.received_on, actor)
    transfer_clock_needed = (
        petition_type == PetitionType.DENUNCIATION
        and within_jurisdiction is False
        and not calendar_selectors.clock_list_for_target(petition)
        .filter(rule_code="denunciation.transfer")
        .exists()
    )
    if transfer_clock_needed:
        # Not competent: transfer within 5 working days and tell the denouncer (Luật TC Art 24.2).
        _open_clocks(petition, ["denunciation.transfer"], petition.received_on, actor)
    _audit(
        constants.PETITION_CLASSIFIED,
        petition,
        actor,
        type=petition_type,
        domain=domain,
        eligibility=eligibility,
        reason=ineligible_reason,
        within=within_jurisdiction,
    )
    return petition


def _sender_citizens(petition: Petition, unit: Unit, actor: User | None) -> list[Citizen]:
    """The senders as registry rows for a new petition made from `petition` (a part of it, a
    copy transferred in): a sealed denunciation's senders are read from the vault and found or
    registered in `unit`, where the new petition is sealed in its turn once linked to its
    matter."""
    from tiepdan.cases import vault
    from tiepdan.citizens.services import citizen_find_or_create

    people: list[Citizen] = list(petition.senders.all())
    people.extend(
        citizen_find_or_create(
            unit=unit,
            actor=actor,
            full_name=person.full_name,
            id_number=person.id_number,
            phone=person.phone,
            address=person.address,
        )
        for person in vault.sealed_senders([petition]).get(petition.pk, [])
    )
    return list({c.pk: c for c in people}.values())


@transaction.atomic
def petition_split(
    *, petition: Petition, actor: User | None, parts: list[dict[str, str]]
) -> list[Petition]:
    """Split a mixed petition into one record per content (TT 05/2021; Luật TCD Art 25.3)."""
    if petition.parts.exists():
        raise DomainError(_("Đơn này đã được tách."))
    if len(parts) < 2:
        raise DomainError(_("Tách đơn cần ít nhất hai nội dung."), fields={"parts": [_("≥ 2")]})
    senders = _sender_citizens(petition, petition.unit, actor)
    created = []
    for part in parts:
        if part.get("petition_type") == PetitionType.MIXED:
            raise DomainError(_("Mỗi phần sau khi tách phải là một loại đơn cụ thể."))
        created.append(
            petition_receive(
                unit=petition.unit,
                received_on=petition.received_on,
                source=petition.source,
                petition_type=part["petition_type"],
                domain=part.get("domain", petition.domain),
                summary=part["summary"],
                senders=senders,
                signatory_count=petition.signatory_count,
                anonymous=petition.anonymous,
                actor=actor,
                sender_body=petition.sender_body,
                split_from=petition,
                visit=petition.visit,
                origin=petition.origin,
            )
        )
    petition.status = PetitionStatus.CLOSED
    petition.outcome = Outcome.FILE
    petition.decided_on = _today()
    petition.decision_reason = _("Đã tách thành %(n)d đơn theo từng nội dung.") % {"n": len(parts)}
    petition.save()
    _stop_clocks(
        petition,
        [c for r in INTAKE_RULES.values() for c in r] + [ALARM_RULE],
        petition.decided_on,
        actor,
    )
    _audit(constants.PETITION_SPLIT, petition, actor, parts=[p.pk for p in created])
    return created


@transaction.atomic
def petition_mark_duplicate(*, petition: Petition, of: Petition, actor: User | None) -> Petition:
    """Link a duplicate (đơn trùng): counted as ineligible, filed after its original."""
    if petition.pk == of.pk:
        raise DomainError(_("Không thể đánh dấu đơn trùng với chính nó."))
    if of.duplicate_of_id == petition.pk:
        raise DomainError(_("Đơn kia đang được đánh dấu trùng với đơn này."))
    petition.duplicate_of = of.duplicate_of or of
    petition.eligibility = Eligibility.INELIGIBLE
    petition.ineligible_reason = IneligibleReason.DUPLICATE
    petition.save()
    _audit(constants.PETITION_DUPLICATE_MARKED, petition, actor, of=of.pk)
    return petition


@transaction.atomic
def petition_propose(*, petition: Petition, actor: User, outcome: str, note: str) -> Petition:
    """Phiếu đề xuất: the processing officer proposes an outcome to the head."""
    if petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        raise DomainError(_("Đơn đã được xử lý."))
    if outcome not in Outcome.values:
        raise DomainError(_("Hướng xử lý không hợp lệ."), fields={"outcome": [_("Không hợp lệ.")]})
    if petition.eligibility == Eligibility.PENDING:
        raise DomainError(_("Phân loại đơn (đủ/không đủ điều kiện) trước khi đề xuất."))
    petition.proposed_outcome = outcome
    petition.proposal_note = nfc(note)
    petition.proposed_by = actor
    petition.status = PetitionStatus.PROPOSED
    petition.save()
    _audit(constants.PETITION_PROPOSED, petition, actor, outcome=outcome)
    return petition


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
    if unit.in_force_on(decided_on) and unit.in_force_on(_today()):
        return ""
    if unit.merged_into_id is not None:
        return _("%(u)s đã sáp nhập vào %(s)s: chuyển cho đơn vị kế thừa.") % {
            "u": unit.name,
            "s": unit.merged_into.name,
        }
    if unit.valid_to is not None and unit.valid_to < max(decided_on, _today()):
        return _("%(u)s hết hiệu lực từ sau ngày %(d)s: không chuyển đơn cho đơn vị này.") % {
            "u": unit.name,
            "d": unit.valid_to.strftime("%d/%m/%Y"),
        }
    return _("%(u)s chưa có hiệu lực vào ngày xử lý.") % {"u": unit.name}


def _check_decision(
    petition: Petition,
    outcome: str,
    decided_on: dt.date,
    to_unit: Unit | None,
    to_body: str,
    reason: str = "",
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        errors["status"] = [_("Đơn đã được xử lý.")]
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Hướng xử lý không hợp lệ.")]
    if decided_on > _today():
        errors["decided_on"] = [_("Ngày xử lý ở tương lai.")]
    elif decided_on < petition.received_on:
        errors["decided_on"] = [_("Ngày xử lý trước ngày nhận đơn.")]
    if outcome == Outcome.ACCEPT and petition.eligibility == Eligibility.INELIGIBLE:
        errors["outcome"] = [_("Đơn không đủ điều kiện xử lý thì không thụ lý.")]
    if (
        outcome == Outcome.ACCEPT
        and petition.anonymous
        and petition.petition_type == PetitionType.DENUNCIATION
    ):
        errors["outcome"] = [
            _(
                "Đơn tố cáo nặc danh không được thụ lý giải quyết như tố cáo (Luật Tố cáo, Điều "
                "25): nếu có thông tin cụ thể thì kiểm tra, thanh tra theo thẩm quyền hoặc chuyển "
                "cơ quan có thẩm quyền; nếu không thì lưu đơn."
            )
        ]
    if outcome == Outcome.ACCEPT and petition.petition_type == PetitionType.MIXED:
        errors["outcome"] = [_("Đơn nhiều nội dung phải tách trước khi thụ lý.")]
    if outcome == Outcome.TRANSFER:
        if to_unit is None and not to_body:
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
    if outcome == Outcome.GUIDE and not (to_body or reason):
        # The guidance document must say where to go (documents.required): ask now, not later.
        errors["to_body"] = [_("Ghi cơ quan có thẩm quyền, hoặc nội dung hướng dẫn người gửi đơn.")]
    if outcome == Outcome.URGE:
        if to_unit is None:
            errors["to_unit"] = [_("Chọn đơn vị cấp dưới được đôn đốc.")]
        elif not to_unit.path.startswith(petition.unit.path) or to_unit.pk == petition.unit_id:
            errors["to_unit"] = [_("Chỉ đôn đốc đơn vị cấp dưới.")]
    if to_unit is not None and outcome in (Outcome.TRANSFER, Outcome.URGE):
        refused = _unit_not_in_force(to_unit, decided_on)
        if refused:  # the first thing to fix
            errors["to_unit"] = [refused]
    return errors


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
    urge sends a reminder to a subordinate; the citizen is told (petition.notify met).
    """
    reason, to_body = nfc(reason), nfc(to_body)
    errors = _check_decision(petition, outcome, decided_on, to_unit, to_body, reason)
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    if outcome == Outcome.GUIDE and to_body and not reason:
        # Guidance keeps no transfer record: the body named is what the citizen is told.
        reason = _("Gửi đơn đến %(body)s.") % {"body": to_body}
    petition.outcome = outcome
    petition.decided_on = decided_on
    petition.decided_by = actor
    petition.decision_reason = reason
    petition.citizen_notified_on = decided_on
    petition.status = PetitionStatus.DECIDED
    if outcome in OUTSIDE_JURISDICTION and petition.eligibility == Eligibility.PENDING:
        # Guiding, transferring or urging means the petition was processable but belongs to
        # another body (01/XLD counts it as đủ điều kiện, không thuộc thẩm quyền).
        petition.eligibility = Eligibility.ELIGIBLE
    if outcome == Outcome.ACCEPT:
        petition.within_jurisdiction = True
        if petition.eligibility == Eligibility.PENDING:
            petition.eligibility = Eligibility.ELIGIBLE
        case = petition.case
        if case is None:
            case = Matter.objects.create(
                unit=petition.unit,
                kind=KIND_FOR_TYPE[petition.petition_type],
                domain=petition.domain,
                summary=petition.summary,
                summary_key=petition.summary_key,
                opened_on=petition.received_on,
            )
            petition.case = case
        elif case.kind == "mixed":
            case.kind = KIND_FOR_TYPE[petition.petition_type]
        if petition.prior_resolution in (PriorResolution.FIRST,) and case.kind == (
            "complaint_first"
        ):
            case.kind = "complaint_second"
        case.status = CaseStatus.ACCEPTED
        case.accepted_on = decided_on
        case.save()
        # Link first: the vault seals what is linked (cases.sealing), whatever the order.
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
                start=decided_on,
                complexity=complexity if rule in COMPLEXITY_RULES else "normal",
                remote_area=remote_area and rule in REMOTE_RULES,
                actor=actor,
            )
    elif outcome == Outcome.TRANSFER:
        petition.within_jurisdiction = False
        petition.status = PetitionStatus.TRANSFERRED if to_unit else PetitionStatus.DECIDED
        Transfer.objects.create(
            petition=petition,
            from_unit=petition.unit,
            to_unit=to_unit,
            to_body=to_body,
            to_body_kind=to_body_kind,
            sent_on=decided_on,
        )
    elif outcome == Outcome.URGE:
        petition.within_jurisdiction = False
        Reminder.objects.create(
            petition=petition,
            to_unit=to_unit,
            sent_on=decided_on,
            text=reason or _("Đề nghị báo cáo tiến độ, kết quả giải quyết."),
            sent_by=actor,
        )
    elif outcome in (Outcome.GUIDE, Outcome.RETURN, Outcome.REJECT):
        petition.within_jurisdiction = (
            petition.within_jurisdiction if outcome == Outcome.REJECT else False
        )
    petition.save()
    _stop_clocks(
        petition,
        [
            "petition.notify",
            "denunciation.intake",
            "denunciation.transfer",
            ALARM_RULE,
            "petition.process",
        ],
        decided_on,
        actor,
    )
    # The outcome's statutory document is part of the decision: no document, no decision.
    from tiepdan.petitions.documents import issue_outcome_document

    issue_outcome_document(petition, actor)
    _audit(
        constants.PETITION_DECIDED,
        petition,
        actor,
        outcome=outcome,
        to_unit=to_unit.code if to_unit else None,
        to_body=to_body,
    )
    return petition


@transaction.atomic
def transfer_acknowledge(
    *, transfer: Transfer, actor: User | None, received_on: dt.date | None = None
) -> Petition:
    """The receiving unit takes the transferred petition into its own register: a copy with
    its own number, linked to the original so both units see one path."""
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("petition", "to_unit")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.SENT or transfer.to_unit is None:
        raise DomainError(_("Đơn chuyển này đã được tiếp nhận."))
    received_on = received_on or _today()
    if received_on < transfer.sent_on:
        message = _("Ngày tiếp nhận trước ngày chuyển.")
        raise DomainError(message, fields={"received_on": [message]})
    if received_on > _today():
        message = _("Ngày tiếp nhận ở tương lai.")
        raise DomainError(message, fields={"received_on": [message]})
    from tiepdan.cases import vault

    original = transfer.petition
    copy = petition_receive(
        unit=transfer.to_unit,
        received_on=received_on,
        source=PetitionSource.TRANSFERRED,
        petition_type=original.petition_type,
        domain=original.domain,
        summary=vault.original_text(original, "summary"),
        senders=_sender_citizens(original, transfer.to_unit, actor),
        signatory_count=original.signatory_count,
        anonymous=original.anonymous,
        actor=actor,
        sender_body=original.unit.name,
        origin=original,
    )
    transfer.status = TransferStatus.ACKNOWLEDGED
    transfer.acknowledged_on = received_on
    transfer.acknowledged_by = actor
    transfer.received_copy = copy
    transfer.save()
    if original.status == PetitionStatus.TRANSFERRED:
        original.status = PetitionStatus.DECIDED
        original.save(update_fields=["status", "updated_at"])
    audit_services.audit_record(
        action=constants.TRANSFER_ACKNOWLEDGED,
        target=transfer,
        actor=actor,
        unit=transfer.to_unit,
        data={"petition": original.pk, "copy": copy.pk},
    )
    return copy


@transaction.atomic
def transfer_record_reply(
    *, transfer: Transfer, actor: User | None, received_on: dt.date, summary: str
) -> Transfer:
    """Record the văn bản phúc đáp (the receiver's report of the result, Luật TCD Art 27.2)."""
    if transfer.reply_received_on:
        raise DomainError(_("Đã ghi nhận văn bản phúc đáp cho lần chuyển đơn này."))
    if received_on < transfer.sent_on or received_on > _today():
        raise DomainError(
            _("Ngày nhận phúc đáp không hợp lệ."), fields={"received_on": [_("Không hợp lệ.")]}
        )
    if not nfc(summary):
        raise DomainError(_("Ghi tóm tắt nội dung phúc đáp."), fields={"summary": [_("Bắt buộc.")]})
    transfer.reply_received_on = received_on
    transfer.reply_summary = nfc(summary)
    transfer.status = TransferStatus.REPLIED
    transfer.save()
    petition = transfer.petition
    petition.status = PetitionStatus.CLOSED
    petition.save(update_fields=["status", "updated_at"])
    audit_services.audit_record(
        action=constants.TRANSFER_REPLIED,
        target=transfer,
        actor=actor,
        unit=transfer.from_unit,
        data={"petition": petition.pk},
    )
    return transfer


@transaction.atomic
def petition_urge(
    *, petition: Petition, actor: User | None, text: str, to_unit: Unit | None = None
) -> Reminder:
    """Đôn đốc: remind the unit holding the petition (a transferee or a subordinate)."""
    if not nfc(text):
        raise DomainError(_("Nhập nội dung đôn đốc."), fields={"text": [_("Bắt buộc.")]})
    reminder = Reminder.objects.create(
        petition=petition, to_unit=to_unit, sent_on=_today(), text=nfc(text), sent_by=actor
    )
    _audit(constants.PETITION_URGED, petition, actor, to_unit=to_unit.code if to_unit else None)
    return reminder


@transaction.atomic
def backlog_review(*, petition: Petition, actor: User | None, decision: str) -> BacklogReview:
    """Record the review of a backlog petition (rà soát đơn tồn đọng, S24)."""
    if not nfc(decision):
        raise DomainError(_("Ghi kết luận rà soát."), fields={"decision": [_("Bắt buộc.")]})
    review = BacklogReview.objects.create(
        petition=petition, reviewed_on=_today(), decision=nfc(decision), reviewed_by=actor
    )
    _audit(constants.BACKLOG_REVIEWED, petition, actor)
    return review
